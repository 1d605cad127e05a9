"""The one WeasyPrint writer: every PDF coursegen makes — handouts, certificates, the statistics
report — is laid out here, as tagged PDF/UA-1 with the process's one font configuration.

WeasyPrint is imported inside the functions, so importing this module stays cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from coursegen.output import atomic_path

PDF_VARIANT = "pdf/ua-1"
"""Every PDF is tagged (structure tree, /MarkInfo, document language): PDF/UA-1."""

SERIF = '"Noto Serif", "DejaVu Serif", "Liberation Serif", serif'
SANS = '"Noto Sans", "DejaVu Sans", "Liberation Sans", sans-serif'
"""Font stacks the PDF stylesheets use, so every PDF falls back to the same installed faces."""


def font_stacks(lang: str, own: str | None = None) -> tuple[str, str]:
    """The serif and sans font stacks of a PDF in `lang`: the course's own family first, then
    the faces of the language's script (Noto Naskh Arabic, Noto Sans CJK SC…) ahead of the
    Latin ones, so Arabic is shaped and Chinese set in a Chinese face, not in fallback glyphs."""
    from coursegen.i18n.scripts import script_fonts

    first = f'"{own}", ' if own else ""
    fonts = script_fonts(lang)
    if fonts is None:
        return first + SERIF, first + SANS
    serif = fonts.serif.family or fonts.serif.wanted
    sans = fonts.sans.family or fonts.sans.wanted
    return f'{first}"{serif}", {SERIF}', f'{first}"{sans}", {SANS}'


@lru_cache(maxsize=1)
def font_config() -> Any:
    """The one WeasyPrint font configuration of the process (fonts are looked up once).

    Also installs the faster footnote-area update (`pdf.footnotes`), footnotes kept on their
    call's page (`pdf.footnote_policy`) and running heads drawn as artifacts
    (`pdf.artifacts`) before any layout.
    """
    from weasyprint.text.fonts import FontConfiguration

    from coursegen.pdf import artifacts, footnote_policy, footnotes

    footnotes.install()
    footnote_policy.install()
    artifacts.install()
    return FontConfiguration()


def stylesheet(css: str) -> Any:
    """A parsed stylesheet bound to the shared font configuration (parse once, reuse)."""
    from weasyprint import CSS

    return CSS(string=css, font_config=font_config())


def pdf_bytes(html: str, base_url: str, stylesheets: Sequence[Any] = (),
              cache: dict[str, Any] | None = None) -> bytes:
    """Lay out `html` and return the tagged PDF/UA-1 document as bytes."""
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url).write_pdf(
        stylesheets=list(stylesheets),
        font_config=font_config(),
        pdf_variant=PDF_VARIANT,
        cache=cache if cache is not None else {},
        finisher=print_links,
    )


def write_pdf(html: str, target: Path, base_url: str, stylesheets: Sequence[Any] = (),
              cache: dict[str, Any] | None = None) -> Path:
    """Lay out `html` and write it to `target` atomically as tagged PDF/UA-1; returns target."""
    from weasyprint import HTML

    target = Path(target)
    document = HTML(string=html, base_url=base_url)
    with atomic_path(target) as temporary:
        document.write_pdf(
            temporary,
            stylesheets=list(stylesheets),
            font_config=font_config(),
            pdf_variant=PDF_VARIANT,
            cache=cache if cache is not None else {},
            finisher=print_links,
        )
    return target


def page_anchors(html: str, base_url: str, stylesheets: Sequence[Any] = (),
                 cache: dict[str, Any] | None = None) -> dict[str, int]:
    """Lay out `html` as `write_pdf` does and return the page (from 1) of every element id."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=base_url).render(
        stylesheets=list(stylesheets),
        font_config=font_config(),
        pdf_variant=PDF_VARIANT,
        cache=cache if cache is not None else {},
    )
    return {name: number for number, page in enumerate(document.pages, start=1)
            for name in page.anchors}


def print_links(_document: Any, pdf: Any) -> None:
    """Give link annotations the Print flag, so print and screen readers see the same page."""
    for item in pdf.objects:
        if isinstance(item, dict) and item.get("Type") == "/Annot":
            item["F"] = 1 << 2
