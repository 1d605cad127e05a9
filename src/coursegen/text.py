"""Inline Markdown (bold, italic, code, links) parsed once into runs every output uses; dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from markdown_it import MarkdownIt
from markupsafe import Markup

_INLINE = MarkdownIt("commonmark")


@dataclass(frozen=True)
class Run:
    """A stretch of text with one formatting: what a deck writes as one text run."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None


@lru_cache(maxsize=4096)
def parse_inline(text: str) -> tuple[Run, ...]:
    """Split inline Markdown into formatted runs; adjacent runs of one format are merged."""
    runs: list[Run] = []
    bold = italic = 0
    href: str | None = None
    for block in _INLINE.parseInline(text or ""):
        for token in block.children or ():
            kind = token.type
            if kind == "strong_open":
                bold += 1
            elif kind == "strong_close":
                bold -= 1
            elif kind == "em_open":
                italic += 1
            elif kind == "em_close":
                italic -= 1
            elif kind == "link_open":
                href = str(token.attrs.get("href", "")) or None
            elif kind == "link_close":
                href = None
            elif kind in {"text", "code_inline", "softbreak", "hardbreak", "html_inline"}:
                content = " " if kind in {"softbreak", "hardbreak"} else token.content
                run = Run(content, bool(bold), bool(italic), kind == "code_inline", href)
                _append(runs, run)
    return tuple(runs)


def _append(runs: list[Run], run: Run) -> None:
    if runs and _same_format(runs[-1], run):
        last = runs.pop()
        run = Run(last.text + run.text, run.bold, run.italic, run.code, run.href)
    runs.append(run)


def _same_format(a: Run, b: Run) -> bool:
    return (a.bold, a.italic, a.code, a.href) == (b.bold, b.italic, b.code, b.href)


_INNER = str.maketrans({"“": "‘", "”": "’"})


def quotation(text: str) -> str:
    """Text set as a quotation: in double quotes, any double quotes inside it made single
    (“victims … ‘walking databases of evidence’”), so quotes never nest in print."""
    return f"“{text.strip().translate(_INNER)}”"


def plain_text(text: str) -> str:
    """The text a reader sees, without Markdown markers."""
    return "".join(run.text for run in parse_inline(text))


@lru_cache(maxsize=4096)
def inline_html(text: str) -> Markup:
    """Inline Markdown as safe HTML (raw HTML in the source is escaped, never passed through)."""
    parts = []
    for run in parse_inline(text):
        html = escape(run.text)
        if run.code:
            html = f"<code>{html}</code>"
        if run.italic:
            html = f"<em>{html}</em>"
        if run.bold:
            html = f"<strong>{html}</strong>"
        if run.href:
            html = f'<a href="{escape(run.href)}">{html}</a>'
        parts.append(html)
    return Markup("".join(parts))


def block_html(text: str) -> Markup:
    """Prose with blank-line-separated paragraphs as safe HTML paragraphs."""
    paragraphs = [p.strip() for p in (text or "").split("\n\n") if p.strip()]
    return Markup("".join(f"<p>{inline_html(' '.join(p.split()))}</p>" for p in paragraphs))


def long_date(day: dt.date, lang: str = "en") -> str:
    """A date as printed on covers and certificates, in the course's language: '21 November
    2026', '21 novembre 2026' (Babel's CLDR forms, no platform-only codes)."""
    from coursegen.i18n.locale_format import format_date

    return format_date(day, lang)
