"""Figures and document symbols that a translation must keep.

A figure of the English source (`48%`, `1,000`, `36.2`, `2020`) must be in its
translation, written any way a locale writes it: Arabic-Indic (٠١٢…), Persian
(۰۱۲…) or full-width (０１２…) digits; `1,000`, `1 000` (space, no-break or
narrow no-break space), `1.000`, `1'000`; `48 %`, `48%`, `٪48`, `48٪`; a decimal
comma `36,2` or the Arabic decimal separator `36٫2`. The number is what must
survive, not the way it is written. Document symbols (A/CONF.234/11,
S/RES/2331(2016)) are kept exactly as written: they are the same in every language.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal, InvalidOperation

_DIGITS = str.maketrans(
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９",
    "012345678901234567890123456789",
)
_URL = re.compile(r"https?://\S+|www\.\S+|\]\([^)]*\)")
SYMBOL = re.compile(r"\b[A-Z]{1,6}(?:/[A-Za-z0-9.()\-]*[A-Za-z0-9)])+")
"""A UN document symbol: A/CONF.234/11, E/CN.15/2020/9, S/RES/2331(2016)."""

_GROUPING = ",.\u00a0\u202f\u2009 '\u2019\u066c"
_DECIMAL = ".,\u066b"
_SOURCE_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_TARGET_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f\u2009 '\u2019\u066b\u066c]\d+)*")


def normalise_digits(text: str) -> str:
    """The text with every locale's digits written as 0-9."""
    return text.translate(_DIGITS)


def _value(groups: list[str], decimals: str | None) -> Decimal | None:
    try:
        return Decimal("".join(groups) + (f".{decimals}" if decimals is not None else ""))
    except InvalidOperation:
        return None


def readings(token: str, grouping: str = _GROUPING, decimal: str = _DECIMAL) -> set[Decimal]:
    """Every number a token of digits and separators can be, in any locale's convention.

    Grouping separators split the whole part into groups of three after the first;
    one decimal separator, the last separator, ends it. A token no convention reads
    (`1, 2` written as `1 2`) stands for its digit runs, each a number of its own.
    """
    parts = re.split(r"([^\d])", token)
    runs, separators = parts[0::2], parts[1::2]
    found: set[Decimal] = set()
    if not separators:
        value = _value(runs, None)
        return {value} if value is not None else set()
    for decimal_at in (None, len(separators) - 1):
        if decimal_at is not None and separators[decimal_at] not in decimal:
            continue
        whole_seps = separators[:decimal_at] if decimal_at is not None else separators
        whole = runs[: len(whole_seps) + 1]
        same_kind = len({_kind(s) for s in whole_seps}) <= 1
        grouped = not whole_seps or (
            all(s in grouping for s in whole_seps)
            and all(len(run) == 3 for run in whole[1:]) and 1 <= len(whole[0]) <= 3)
        if decimal_at is not None and whole_seps and separators[decimal_at] in whole_seps:
            continue  # "1.000.5": the decimal separator cannot also group
        if same_kind and grouped:
            value = _value(whole, runs[-1] if decimal_at is not None else None)
            if value is not None:
                found.add(value.normalize())
    if not found:  # e.g. "en 2020 48 %": a space that parts two figures
        found = {Decimal(run).normalize() for run in runs}
    return found


def _kind(separator: str) -> str:
    return " " if separator in "\u00a0\u202f\u2009 " else separator


def source_figures(text: str) -> Counter[Decimal]:
    """The figures of an English text, read the English way (1,000.5), counted."""
    text = _URL.sub(" ", text)
    found: Counter[Decimal] = Counter()
    for token in _SOURCE_NUMBER.findall(text):
        values = readings(token, grouping=",", decimal=".")
        if len(values) == 1:
            found[next(iter(values))] += 1
        else:
            found.update(values)
    return found


def missing_figures(source: str, translation: str) -> list[str]:
    """The figures of `source` not found in `translation` (in the source's own writing)."""
    wanted = source_figures(source)
    if not wanted:
        return []
    text = normalise_digits(_URL.sub(" ", translation))
    tokens = [readings(token) for token in _TARGET_NUMBER.findall(text)]
    missing = []
    spelled = _written(source)
    for value, count in wanted.items():
        have = sum(value in options for options in tokens)
        if have < count:
            missing.append(spelled.get(value, format(value, "f")))
    return missing


def _written(source: str) -> dict[Decimal, str]:
    """How the source wrote each figure, for messages (48% rather than 48)."""
    written = {}
    for match in re.finditer(r"\d+(?:[.,]\d+)*\s?%?", _URL.sub(" ", source)):
        token = match.group().strip()
        number = token.rstrip("% ").strip()
        for value in readings(number, grouping=",", decimal="."):
            written.setdefault(value, token)
    return written


def missing_symbols(source: str, translation: str) -> list[str]:
    """The document symbols of `source` that `translation` does not write exactly."""
    wanted = Counter(SYMBOL.findall(source))
    have = Counter(SYMBOL.findall(translation))
    return [symbol for symbol, count in wanted.items() if have[symbol] < count]
