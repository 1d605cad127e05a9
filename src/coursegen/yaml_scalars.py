"""Scalars that remember what was typed, so text is never silently changed by YAML.

YAML reads an unquoted `012` as the number 10, `10:30` as 630, `1.10` as 1.1,
`yes` as true, and cuts `Use #hashtags` at the ` #`. Where the model expects
text, such a reading is an error that says to put the text in quotes
(:func:`text_problem`); elsewhere (a duration, a date) the reading is wanted.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from coursegen.errors import Location


class LocatedStr(str):
    """A string from a YAML file that remembers where it was written.

    Pydantic turns it into a plain `str` on validation; before that, a model that
    accepts a bare string as shorthand (a point, an answer) reads its location.
    `comment` holds a ` # ...` that followed the text on its line, if any.
    """

    __slots__ = ("comment", "location", "path")

    def __reduce__(self) -> tuple:
        return (str, (str(self),))


class _Reading:
    """A number YAML read from an unquoted scalar, with the characters as typed."""

    location: Location
    path: str
    raw: str
    comment: str | None
    plain: type

    def __reduce__(self) -> tuple:
        return (self.plain, (self.plain(self),))


class LocatedInt(_Reading, int):
    """A whole number read from an unquoted scalar (`012`, `10:30`, `1_000` included)."""

    plain = int


class LocatedFloat(_Reading, float):
    """A decimal number read from an unquoted scalar (`0.50`, `1.10` included)."""

    plain = float


def locate(value: Any, location: Location, path: str, raw: str, comment: str | None) -> Any:
    """Wrap a constructed scalar so it carries its place, its characters and any comment."""
    if isinstance(value, str):
        located: Any = LocatedStr(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        located = LocatedInt(value)
        located.raw = raw
    elif isinstance(value, float):
        located = LocatedFloat(value)
        located.raw = raw
    else:
        return value
    located.location = location
    located.path = path
    located.comment = comment
    return located


def _quote(raw: str) -> str:
    return '"' + raw.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _reading(raw: str, value: Any) -> str:
    if value is None:
        return "an empty value (null and ~ mean nothing)"
    if isinstance(value, bool):
        return f"the value {str(value).lower()} (yes/no/on/off/true/false are yes-or-no values)"
    if isinstance(value, dt.datetime | dt.date):
        return f"the date {value}"
    if isinstance(value, int):
        if ":" in raw:
            why = " (base 60, like a time)"
        elif "_" in raw:
            why = " (underscores are dropped)"
        elif raw.lstrip("+-").startswith("0") and len(raw.lstrip("+-")) > 1:
            why = " (a leading 0 makes it octal)"
        else:
            why = ""
        return f"the number {value}{why}"
    return f"the number {value}"


def reading_message(raw: str, value: Any) -> str:
    """The error for text that YAML reads as something else: what it reads as, and the fix."""
    return (
        f"'{raw}' is read by YAML as {_reading(raw, value)}, not as the text typed; "
        f"put it in quotes: {_quote(raw)}"
    )


def comment_message(text: str, comment: str) -> str:
    """The error for text cut short by ' #': YAML took the rest of the line as a comment."""
    return (
        f"the text stops at '{text}': YAML reads ' #' as the start of a comment and drops "
        f"'{comment}'; if the # is part of the text, put the whole text in quotes: "
        f"{_quote(f'{text} {comment}')}"
    )


def colon_message(key: str, value: Any) -> str:
    """The error for text read as `key: value` because it contains ': '."""
    text = f"{key}: {value}"
    return (
        f"'{text}' is read as the key '{key}' with a value, because of the ': '; "
        f"put the whole text in quotes: {_quote(text)}"
    )


def text_problem(value: Any) -> str | None:
    """Why a scalar given where the model expects text is not the text typed, or None."""
    comment = getattr(value, "comment", None)
    raw = getattr(value, "raw", None)
    if raw is not None and str(value) != raw:
        return reading_message(raw, value)
    if comment:
        return comment_message(raw if raw is not None else str(value), comment)
    return None
