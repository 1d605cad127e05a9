"""Running heads and footers as artifacts in WeasyPrint's tagged PDF (PDF/UA-1, 7.8).

WeasyPrint 70 draws the text of page-margin boxes (`@top-left`, `@bottom-right`, …) as
marked content with MCIDs and then leaves it out of the structure tree
(`weasyprint/pdf/tags.py`, the `MarginBox` case), so checkers see running heads as
untagged content on every page. Here a margin box is drawn inside `/Artifact` marked
content instead, its text is not given MCIDs, and the structure builder skips it.

Installed only on the WeasyPrint sources it was checked against (by hashes of their
source); any other version is left as it is.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any

from coursegen.pdf.footnotes import source_hash

CHECKED_SOURCES = {
    "draw_stacking_context": "c5811b178bdff82e",
    "marked": "3fa3acacbbf66422",
    "_build_box_tree": "f716251a83e7096e",
}
"""sha256 prefixes of the WeasyPrint 70.0 functions this wraps."""

_installed: bool | None = None


def current_hashes() -> dict[str, str]:
    """The source hashes of the WeasyPrint functions this module wraps, as installed."""
    from weasyprint import draw
    from weasyprint.pdf import stream, tags

    return {"draw_stacking_context": source_hash(draw.draw_stacking_context),
            "marked": source_hash(stream.Stream.marked),
            "_build_box_tree": source_hash(tags._build_box_tree)}


def install() -> bool:
    """Draw margin boxes as artifacts from now on in this process; whether it was done."""
    global _installed
    if _installed is not None:
        return _installed
    try:
        _installed = current_hashes() == CHECKED_SOURCES
    except (OSError, TypeError, AttributeError):
        _installed = False
    if _installed:
        _patch()
    return _installed


def _patch() -> None:
    from weasyprint import draw
    from weasyprint.formatting_structure import boxes
    from weasyprint.pdf import stream, tags

    draw_context = draw.draw_stacking_context
    marked = stream.Stream.marked
    build_tree = tags._build_box_tree

    def draw_stacking_context(target: Any, context: Any) -> None:
        if not isinstance(context.box, boxes.MarginBox) or target._tags is None:
            return draw_context(target, context)
        with target.artifact():
            target._coursegen_artifact = True
            try:
                return draw_context(target, context)
            finally:
                target._coursegen_artifact = False

    @contextmanager
    def marked_unless_artifact(self: Any, box: Any, tag: str):
        if getattr(self, "_coursegen_artifact", False):
            yield  # inside /Artifact: no MCID, no structure element
            return
        with marked(self, box, tag):
            yield

    def build_box_tree(box: Any, *args: Any, **kwargs: Any):
        if isinstance(box, boxes.MarginBox):
            return iter(())  # drawn as an artifact: nothing to tag
        return build_tree(box, *args, **kwargs)

    draw.draw_stacking_context = draw_stacking_context
    stream.Stream.marked = marked_unless_artifact
    tags._build_box_tree = build_box_tree
