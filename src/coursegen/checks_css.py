"""Stylesheet rules: a course's CSS override parses, so no rule after a slip is silently lost.

A browser or WeasyPrint skips what it cannot parse without a word: an unclosed `{`
swallows every rule after it and the handouts come out unstyled. Jinja expressions in
a stylesheet (handout.css is a template) are blanked out first, keeping every position.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import tinycss2

from coursegen.errors import Diagnostic, Location

_EXPRESSIONS = re.compile(r"\{\{.*?\}\}", re.DOTALL)
_STATEMENTS = re.compile(r"\{%.*?%\}|\{#.*?#\}|/\*.*?\*/", re.DOTALL)
_STRINGS = re.compile(r""""(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'""")


def stylesheet_rules(shown: str, source: str) -> Iterator[Diagnostic]:
    """Unbalanced braces and declarations that are not `property: value`, located."""
    # An expression stands for a value (a word keeps the declaration whole); a statement
    # or a comment stands for nothing.
    css = _blank(_STRINGS, _blank(_EXPRESSIONS, _blank(_STATEMENTS, source, " "), "x"), "x")
    unbalanced = _unbalanced_brace(css)
    if unbalanced:
        line, column, message = unbalanced
        yield _at(shown, line, column, message)
        return
    for rule in tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True):
        if rule.type == "error":
            yield _at(shown, rule.source_line, rule.source_column,
                      "this is not a CSS rule (a selector followed by { ... }); fix or remove it")
        elif rule.type == "qualified-rule" or (rule.type == "at-rule" and rule.content):
            for item in tinycss2.parse_blocks_contents(rule.content):
                if item.type == "error":
                    line, column = _statement_start(rule.content, item)
                    yield _at(shown, line, column,
                              "this declaration is not 'property: value;', so the rest of "
                              "the block up to the next ';' is ignored; fix it")


def _statement_start(content: list, error) -> tuple[int, int]:
    """Where the declaration holding `error` begins (tinycss2 points at where it gave up)."""
    start = None
    for token in content:
        if (token.source_line, token.source_column) >= (error.source_line, error.source_column):
            break
        if (token.type == "literal" and token.value == ";") or token.type == "{} block":
            start = None
        elif start is None and token.type not in ("whitespace", "comment"):
            start = (token.source_line, token.source_column)
    return start or (error.source_line, error.source_column)


def _blank(pattern: re.Pattern, text: str, fill: str) -> str:
    """`text` with each match replaced by `fill` characters, keeping line breaks and positions."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", fill, m.group()), text)


def _unbalanced_brace(css: str) -> tuple[int, int, str] | None:
    opened: list[tuple[int, int]] = []
    for number, line in enumerate(css.splitlines(), start=1):
        for column, char in enumerate(line, start=1):
            if char == "{":
                opened.append((number, column))
            elif char == "}":
                if not opened:
                    return number, column, "'}' closes no block; remove it"
                opened.pop()
    if opened:
        line, column = opened[-1]
        return line, column, ("this '{' is never closed, so every rule after it is lost; "
                              "add the missing '}'")
    return None


def _at(shown: str, line: int, column: int, message: str) -> Diagnostic:
    return Diagnostic(Location(shown, line, column), f"stylesheet: {message}", code="stylesheet")
