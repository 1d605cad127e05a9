"""The one CSV writer for every export a spreadsheet may open: results, grades, statistics.

A cell that begins with = + - @ TAB or CR is read by Excel, LibreOffice and Google
Sheets as a formula (OWASP "CSV injection"): a learner named
``=HYPERLINK("http://x.example","open")`` would turn into a live link in the
trainer's spreadsheet. Such text cells get a leading single quote, which the
spreadsheets show as text. Numbers, including negative ones such as -3.5, stay
numbers: a cell that parses as a finite number is written as it is.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet evaluate a cell."""


def spreadsheet_safe(value: Any) -> Any:
    """The cell as a spreadsheet shows it as text: a formula-like text gets a leading quote."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if value[0] in "-+" and _is_number(value):
        return value
    return "'" + value


def csv_text(header: Sequence[Any], rows: Iterable[Sequence[Any]],
             line_end: str = "\n") -> str:
    """Header and rows as CSV text, every cell made formula-safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=line_end)
    writer.writerow([spreadsheet_safe(cell) for cell in header])
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return out.getvalue()


def _is_number(text: str) -> bool:
    # "-3.5" and "+2" are data, not formulas; "-inf", "-nan" and "-1 " (float() forgives
    # the space) are not plain numbers, so they are quoted.
    if text != text.strip() or "_" in text:
        return False
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False
