"""Character rules over every piece of text a course holds: nothing hidden, nothing undrawable.

A right-to-left override (U+202E) makes readers see text in an order other than the one
written, so what a trainer reviews is not what prints. A character no installed font
has (a recent emoji, say) prints as an empty box in the handouts, without a word.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from coursegen.errors import Diagnostic
from coursegen.located import diagnostic_at
from coursegen.model import Course
from coursegen.model.base import Node

_INVISIBLE = {"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"}
"""Controls, joiners, spaces and combining marks: they draw nothing themselves.
(Unassigned code points stay in: emoji newer than Python's Unicode tables are among them.)"""
_OVERRIDES = {"\u202d": "left-to-right override", "\u202e": "right-to-left override"}


def text_rules(course: Course) -> Iterator[Diagnostic]:
    """Direction overrides (errors) and characters no installed font can draw (warnings)."""
    texts = list(_texts(course))
    missing = _undrawable({char for _node, _field, text in texts for char in text})
    for node, field, text in texts:
        for char, name in _OVERRIDES.items():
            if char in text:
                yield diagnostic_at(
                    node, field, f"text holds an invisible {name} (U+{ord(char):04X}), which "
                    "shows the characters after it in another order than they are written; "
                    "remove it", "bidi-override")
        absent = [char for char in dict.fromkeys(text) if char in missing]
        if absent:
            shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in absent)
            yield diagnostic_at(
                node, field, f"no installed font has {shown}: handouts print an empty box "
                "instead; remove it, or install a font that has it", "missing-glyph", "warning")


def _texts(course: Course) -> Iterator[tuple[Node, str, str]]:
    """Every (node, field, text) in the course, questions and sources included."""
    for node in (course.info, *course.sources, *course.modules):
        if node is None:  # course.yaml failed to load
            continue
        yield from _node_texts(node)


def _node_texts(node: Node) -> Iterator[tuple[Node, str, str]]:
    internal = node.internal_fields()
    for name in type(node).model_fields:
        if name not in internal:
            yield from _field_texts(node, name, getattr(node, name))
    for name in internal:  # the loader's own fields hold nodes (lessons, bank), not text
        value = getattr(node, name)
        for child in value if isinstance(value, tuple) else (value,):
            if isinstance(child, Node):
                yield from _node_texts(child)


def _field_texts(node: Node, name: str, value) -> Iterator[tuple[Node, str, str]]:
    if isinstance(value, str):
        yield node, name, value
    elif isinstance(value, Node):
        yield from _node_texts(value)
    elif isinstance(value, tuple):
        for item in value:
            yield from _field_texts(node, name, item)


def _undrawable(chars: set[str]) -> set[str]:
    """The characters among `chars` that no installed font has."""
    # Latin-1 is in every font.
    candidates = sorted(c for c in chars if ord(c) >= 0x100 and
                        unicodedata.category(c) not in _INVISIBLE)
    if not candidates or drawable("".join(candidates)):
        return set()  # one font has them all: the usual case, asked in one go
    return {char for char in candidates if not drawable(char)}


@lru_cache(maxsize=4096)
def drawable(chars: str) -> bool:
    """True when one installed font has all of `chars` (asked of fontconfig; True without it)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return True
    charset = " ".join(f"{ord(c):x}" for c in chars)
    found = subprocess.run([fc_list, f":charset={charset}", "family"], capture_output=True,
                           text=True, check=False)
    return found.returncode != 0 or bool(found.stdout.strip())
