"""Regex answers of short-answer questions: matched in linear time, refused when they could hang.

Grading runs a trainer's pattern against whatever a learner types, in `serve` as much as
in batch grading, so the pattern is matched by RE2, whose time grows linearly with the
text (Python's `re` backtracks: `^(a+)+$` against 33 a's and a '!' runs for minutes).
The browser scorer has only JavaScript's backtracking engine, so `check` also refuses
the pattern shape that makes a backtracking engine explode: a repeated group that itself
repeats, e.g. `(a+)+` or `(\\w+\\s?)*`.
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache

# sre's parser is the only parser of this syntax at hand; RE2 keeps its parse tree to itself.
from re import _parser as sre_parse

import re2

_REPEATS = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT}
_BROWSER_GAPS = re.compile(r"(?<!\\)\(\?[^:]|\\[AzZ]|\[:\^?[a-z]+:\]")
"""Inline flags, named groups, \\A \\z \\Z and [:alpha:]: RE2 takes them, JavaScript does not."""
_MAX_MEMORY = 1 << 20
"""Bytes RE2 may spend on one compiled pattern: ample for an answer, bounded for a typo."""


class PatternRefused(ValueError):
    """A regex answer that cannot be compiled, or could hang a backtracking engine."""


def answer_matches(pattern: str, text: str, case_sensitive: bool) -> bool:
    """True when `text` as a whole matches `pattern` (RE2 syntax, linear time)."""
    return _compiled(pattern, case_sensitive).fullmatch(text) is not None


def refusal(pattern: str) -> str | None:
    """Why `pattern` cannot be a regex answer, or None when every scorer can run it safely."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. "possible nested set": judged below instead
            tree = sre_parse.parse(pattern)
        _compiled(pattern, True)
    except re.error as error:
        return f"invalid regular expression: {error}"
    except PatternRefused as error:
        return str(error)
    browser_gap = _BROWSER_GAPS.search(pattern)
    if browser_gap:
        return (
            f"regular expression uses '{browser_gap.group()}', which browsers' regular "
            "expressions do not understand; write groups as '(...)' or '(?:...)', sets as "
            "'[a-z]', and leave case to the question's case_sensitive setting (the whole "
            "answer is always matched)"
        )
    if _nested_repeat(tree):
        return (
            "regular expression repeats a group that itself repeats, like '(a+)+'; "
            "a browser's regex engine can take minutes on it: write the repetition once, "
            "like 'a+'"
        )
    return None


@lru_cache(maxsize=256)
def _compiled(pattern: str, case_sensitive: bool) -> re2._Regexp:
    options = re2.Options()
    options.case_sensitive = case_sensitive
    options.log_errors = False  # the caller reports the error, located
    options.max_mem = _MAX_MEMORY
    try:
        return re2.compile(pattern, options)
    except re2.error as error:
        reason = error.args[0] if error.args else "cannot be compiled"
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", errors="replace")
        raise PatternRefused(
            f"invalid regular expression: {reason} (answers use RE2 syntax: no back-references "
            "or look-around)"
        ) from None


def _nested_repeat(tree: sre_parse.SubPattern) -> bool:
    """True when a part repeated more than once itself repeats something more than once."""
    for op, value in tree:
        if op in _REPEATS and value[1] > 1 and _holds_repeat(value[2]):
            return True
        if any(_nested_repeat(sub) for sub in _subpatterns(op, value)):
            return True
    return False


def _holds_repeat(tree: sre_parse.SubPattern) -> bool:
    """True when `tree` repeats something more than once (an optional part, `b?`, is fine)."""
    return any(
        (op in _REPEATS and value[1] > 1)
        or any(_holds_repeat(sub) for sub in _subpatterns(op, value))
        for op, value in tree
    )


def _subpatterns(op, value) -> list[sre_parse.SubPattern]:
    if op == sre_parse.SUBPATTERN:
        return [value[-1]]
    if op == sre_parse.BRANCH:
        return list(value[1])
    if op in _REPEATS:
        return [value[2]]
    if op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):
        return [value[1]]
    if op == sre_parse.ATOMIC_GROUP:
        return [value]
    return []
