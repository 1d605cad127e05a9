"""Footnotes kept on their call's page when WeasyPrint would move them to fit an orphan.

When a paragraph's line would leave too few lines before a page break (`orphans`),
WeasyPrint 66+ first moves the page's last footnotes to the next page to make room for it
(Kozea/WeasyPrint#2432, #2437). Those notes belong to calls already set higher on the page,
so the reader finds note 19 overleaf while its call is on this page, which
`footnote-policy: line` forbids ("both the reference and the footnote body fall on the
next page"). WeasyPrint honours the policy only for the notes of the line being set.

Here that one decision also honours it: notes are moved to fit an orphan only when every
note on the page allows it (`footnote-policy: auto`); otherwise the paragraph goes to the
next page, as it would on a page without notes. The patch is installed only on the
WeasyPrint function it was checked against (by a hash of its source); any other version
keeps its own.
"""

from __future__ import annotations

import inspect
from typing import Any

from coursegen.pdf.footnotes import source_hash

CHECKED_SOURCES = {"e07bbe000974787e"}
"""sha256 prefixes of the `weasyprint.layout.block._linebox_layout` sources this changes
(WeasyPrint 70.0)."""

DECISION = "report = not context.in_column and can_break_now and not could_break_before"
"""The line of `_linebox_layout` that decides to move notes away to fit an orphan."""

_installed: bool | None = None


def notes_may_move(context: Any) -> bool:
    """Whether every note on the current page lets WeasyPrint move it to the next page."""
    return all(note.style["footnote_policy"] == "auto"
               for note in context.current_page_footnotes)


def install() -> bool:
    """Make WeasyPrint's orphan rule honour `footnote-policy`, once per process; whether
    it was changed."""
    global _installed
    if _installed is not None:
        return _installed
    from weasyprint.layout import block

    original = block._linebox_layout
    try:
        source = inspect.getsource(original)
        _installed = source_hash(original) in CHECKED_SOURCES and source.count(DECISION) == 1
    except (OSError, TypeError):  # no source to check: leave WeasyPrint as it is
        _installed = False
    if _installed:
        changed = source.replace(DECISION, f"{DECISION} and _coursegen_notes_may_move(context)")
        block._coursegen_notes_may_move = notes_may_move
        code = compile(changed, inspect.getsourcefile(original) or "<weasyprint>", "exec")
        exec(code, block.__dict__)  # redefines _linebox_layout in its own module
    return _installed
