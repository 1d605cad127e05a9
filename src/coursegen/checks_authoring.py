"""Authoring slips that read fine as YAML but print wrongly: nested double quotes."""

from __future__ import annotations

from collections.abc import Iterator

from coursegen.errors import Diagnostic
from coursegen.model.slides import SlideBase
from coursegen.model.walk import slide_texts

_OPEN, _CLOSE = "“", "”"


def _nested(text: str) -> bool:
    """Whether double quotes open inside double quotes: '“a “b” c”', or '“a "b" c”'."""
    depth = 0
    straight = False
    for char in text:
        if char == _OPEN:
            depth += 1
        elif char == _CLOSE:
            depth = max(0, depth - 1)
        elif char == '"':
            straight = not straight
            if straight and depth:
                return True
        if depth > 1:
            return True
    return False


def nested_quote_rules(slide: SlideBase) -> Iterator[Diagnostic]:
    """A warning where an author's double quotes nest ('“a “b” c”').

    A quote slide's own text is set by `text.quotation`, which makes its inner
    double quotes single, so only quotes nested within the text are slips.
    """
    for text in slide_texts(slide):
        if _nested(text.text):
            node = text.node
            yield Diagnostic(
                node.location_of(text.field), "double quotes inside double quotes "
                f"('{text.text.strip()[:50]}'); use single quotes ‘…’ for the inner quotation",
                path=node.path_of(text.field), severity="warning", code="nested-quotes")
