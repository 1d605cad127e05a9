"""What went wrong in a YAML file, in a trainer's words, at the line where it went wrong.

PyYAML's messages ("did not find expected alphabetic or numeric character",
"found unexpected end of stream" at the last line) describe the parser, not
the mistake. The commonest mistakes are recognised here and explained with
the fix, usually "put the text in quotes".
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import yaml

from coursegen.errors import Diagnostic, Location


class YamlProblem(Exception):
    """A file that cannot be read as course YAML, with the place and the fix."""

    def __init__(self, location: Location, message: str, path: str = "") -> None:
        super().__init__(message)
        self.diagnostic = Diagnostic(location, message, path=path, code="yaml")


# The characters YAML refuses (PyYAML's reader): C0/C1 controls other than tab and newlines.
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_text(raw: bytes, file: str) -> str:
    """The file's text; raises YamlProblem for UTF-16, other non-UTF-8 bytes, control characters."""
    if raw[:2] in _UTF16_BOMS or _looks_like_utf16(raw):
        raise YamlProblem(
            Location(file, 1, 1),
            "the file is saved as UTF-16, not UTF-8; save it as UTF-8 "
            "(in most editors: Save As / encoding: UTF-8)",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise YamlProblem(
            Location(file, line, column),
            f"not UTF-8 text (byte 0x{raw[error.start]:02x}); save the file as UTF-8",
        ) from None
    bad = _NOT_PRINTABLE.search(text)
    if bad:
        char = bad.group()
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        name = unicodedata.name(char, "") or _CONTROL_NAMES.get(ord(char), "control character")
        raise YamlProblem(
            Location(file, line, column),
            f"invisible control character U+{ord(char):04X} ({name}) in the text, often pasted "
            "from a terminal or a PDF; delete it",
        )
    return text


_CONTROL_NAMES = {0x00: "NUL", 0x1B: "ESC", 0x08: "BACKSPACE", 0x0C: "FORM FEED", 0x7F: "DELETE"}


def _looks_like_utf16(raw: bytes) -> bool:
    """UTF-16 text without a byte-order mark: ASCII characters with a zero byte beside each."""
    sample = raw[:200]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    return even.count(0) > len(even) * 0.4 or odd.count(0) > len(odd) * 0.4


def explain(error: yaml.MarkedYAMLError, file: str, text: str) -> YamlProblem:
    """The YAML syntax error as a located message that says how to fix it."""
    lines = text.splitlines()
    problem_mark, context_mark = error.problem_mark, error.context_mark
    mark = problem_mark or context_mark
    location = _location(file, mark) if mark else Location(file)
    problem = error.problem or error.context or "is not valid YAML"
    context = error.context or ""
    line = _line(lines, mark)
    if "'\\t'" in problem or "\t" in line:
        message = "tab character in indentation; YAML indents with spaces only — replace tabs"
        return YamlProblem(location, message)
    hint = _text_hint(error, lines, file)
    if hint:
        return hint
    if "expected a single document" in context:
        message = "more than one YAML document ('---'); keep one document per file"
    elif "mapping values are not allowed" in problem:
        message = (
            "unexpected ':' — a value containing ': ' must be quoted, "
            "or the indentation of this line is off"
        )
    elif "could not find expected ':'" in problem:
        message = "expected 'key: value' here; check the indentation and quoting"
    elif "did not find expected key" in problem or "expected <block end>" in problem:
        message = "indentation does not match the lines above; line up keys at the same column"
    elif "found undefined tag" in problem or "could not determine a constructor" in problem:
        message = "custom YAML tags (!tag) are not allowed in course files"
    else:
        message = f"not valid YAML: {problem}"
    return YamlProblem(location, message)


def _text_hint(error: yaml.MarkedYAMLError, lines: list[str], file: str) -> YamlProblem | None:
    """Recognise text that needed quotes; None when the error is something else."""
    context = error.context or ""
    problem = error.problem or ""
    if "quoted scalar" in context and "end of stream" in problem and error.context_mark:
        mark = error.context_mark
        quote = _line(lines, mark)[mark.column : mark.column + 1] or '"'
        return YamlProblem(
            _location(file, mark),
            f"the {quote} that opens this text is never closed; "
            f"add the closing {quote} at the end of the text",
        )
    mark = error.problem_mark
    if mark is None:
        return None
    opened = _unclosed_quote(lines, mark.line)
    if opened is not None:
        row, column, quote = opened
        return YamlProblem(
            Location(file, row + 1, column + 1),
            f"the {quote} that opens this text is not closed on its line, so the text runs "
            f"on to line {mark.line + 1}; add the closing {quote} at the end of the text",
        )
    line = _line(lines, mark)
    start, value = _value_of(line)
    if not value:
        return None
    here = Location(file, mark.line + 1, start + 1)
    first = value[0]
    if "alias" in context or (
        "cannot start any token" in problem and line[mark.column : mark.column + 1] in "@`%"
    ):
        what = "'*' (like **bold**)" if first == "*" else f"'{first}'"
        return YamlProblem(
            here, f"text that starts with {what} must be in quotes: {_quoted(value)}"
        )
    if "block scalar" in context:
        return YamlProblem(
            here,
            f"after '{first}' the text starts on the next line, indented; "
            f"or put it in quotes on this line: {_quoted(value[1:].strip())}",
        )
    if mark.column <= start or "expected" not in problem:
        return None
    if first == "'" and "'" in value[1:]:
        return YamlProblem(
            here,
            "an apostrophe inside text in single quotes ends the text early; "
            f"use double quotes instead: {_quoted(value[1:-1] if value.endswith(first) else value)}"
            " (or write the apostrophe twice: '')",
        )
    if first == '"' and '"' in value[1:]:
        return YamlProblem(
            here,
            "text goes on after its closing quote; put the whole text in single quotes: "
            f"'{value.replace(chr(39), chr(39) * 2)}'",
        )
    if first in "[{":
        return YamlProblem(
            here,
            f"text that starts with '{first}' is read as a YAML "
            f"{'list' if first == '[' else 'mapping'}; put the whole text in quotes: "
            f"{_quoted(value)}",
        )
    return None


def _unclosed_quote(lines: list[str], error_line: int) -> tuple[int, int, str] | None:
    """A line above the error whose quote is closed only on the error's line: the culprit."""
    for row in range(min(error_line, len(lines))):
        start, value = _value_of(lines[row])
        if value[:1] not in ("'", '"') or _closes(value[0], value[1:]):
            continue
        closed_on = next(
            (r for r in range(row + 1, len(lines)) if _closes(value[0], lines[r])), None
        )
        if closed_on == error_line:
            return row, start, value[0]
    return None


def _closes(quote: str, text: str) -> bool:
    """Whether `text` holds the quote that ends a text opened with `quote`."""
    if quote == "'":
        return "'" in text.replace("''", "")
    return re.search(r'(?<!\\)(?:\\\\)*"', text) is not None


_VALUE = re.compile(r"^(?P<lead>\s*(?:-\s+)*(?:[\w .-]+:\s+)?)(?P<value>\S.*?)\s*$")


def _value_of(line: str) -> tuple[int, str]:
    """Column (0-based) and text of the value written on a `key: value` or `- value` line."""
    match = _VALUE.match(line)
    if not match:
        return 0, ""
    return len(match["lead"]), match["value"]


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _location(file: str, mark: Any) -> Location:
    return Location(file, mark.line + 1, mark.column + 1)


def _line(lines: list[str], mark: Any) -> str:
    if not mark:
        return ""
    return lines[mark.line] if mark.line < len(lines) else ""
