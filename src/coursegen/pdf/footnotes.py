"""Footnote-area heights for WeasyPrint without laying out every note again (same pages).

Each time a footnote is added to a page, WeasyPrint lays out the page's whole footnote
area again just to learn its height: k notes on a page cost k(k+1)/2 note layouts. Our
handouts cite a source for nearly every point (about 7 notes a page, up to 21), which made
this the largest part of their layout time. Here each note is laid out once per area
width and the area's height is the sum of its notes' heights.

The sum is exact only when margins cannot collapse between notes or through the area's
top, and when the area's height is not set in CSS; every call checks that and otherwise
runs WeasyPrint's own method. The patch is installed only on the WeasyPrint method it was
checked against (by a hash of its source); any other version keeps its own method.
"""

from __future__ import annotations

import hashlib
import inspect
from math import inf
from typing import Any

CHECKED_SOURCES = {"2e317e4b066fb80c"}
"""sha256 prefixes of the `LayoutContext._update_footnote_area` sources this replaces
(WeasyPrint 70.0); the tests compare patched and unpatched PDFs byte for byte."""

_installed: bool | None = None


def source_hash(function: Any) -> str:
    """The first 16 hex digits of the sha256 of a function's source."""
    return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()[:16]


def install() -> bool:
    """Replace WeasyPrint's footnote-area update once per process; whether it was replaced."""
    global _installed
    if _installed is not None:
        return _installed
    from weasyprint.layout import LayoutContext

    original = LayoutContext._update_footnote_area
    try:
        _installed = source_hash(original) in CHECKED_SOURCES
    except (OSError, TypeError):  # no source to check: leave WeasyPrint as it is
        _installed = False
    if _installed:
        LayoutContext._update_footnote_area = _summing_update(original)
    return _installed


def _summing_update(original: Any) -> Any:
    def update_footnote_area(context: Any) -> bool:
        area = context.current_footnote_area
        notes = context.current_page_footnotes
        heights = [_note_height(context, area, note) for note in notes]
        if not notes or None in heights:
            return original(context)
        if area.height != "auto" and not context.in_column:
            context.page_bottom += area.margin_height()
        area.children = notes
        area.height = sum(heights)
        if not context.in_column:
            context.page_bottom -= area.margin_height()
        return False  # a summed area has no max-height, so its notes cannot overflow it

    return update_footnote_area


def _note_height(context: Any, area: Any, note: Any) -> float | None:
    """The height one note adds to the footnote area, or None if summing would be wrong."""
    from weasyprint.formatting_structure import build
    from weasyprint.layout.block import block_level_layout

    key = (area.width, area.page.width)
    cached = getattr(note, "_coursegen_height", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    alone = area.copy()
    alone.children = [note.deepcopy()]
    alone = block_level_layout(context, build.create_anonymous_boxes(alone), -inf, None,
                               area.page)[0]
    child = alone.children[-1] if alone.children else None
    summable = (
        child is not None and len(alone.children) == 1
        and alone.style["height"] == "auto" and alone.min_height == 0
        and alone.max_height == inf
        and alone.border_top_width + alone.padding_top > 0  # no collapse through the top
        and child.margin_top >= 0 and child.margin_bottom == 0  # none between notes
    )
    height = alone.height if summable else None
    note._coursegen_height = (key, height)
    return height
