"""Dates and numbers as a reader of the course's language writes them (Babel, from CLDR).

English keeps the house style the outputs have always printed ('21 November 2026', '1,234.5',
'48%'); every other language takes CLDR's forms ('21 novembre 2026', '1 234,5', '48 %').
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal
from babel.numbers import format_percent as _babel_percent

_ENGLISH_DATE = "d MMMM y"
"""'21 November 2026': the day first, as the courses' UN and NGO readers write it."""


@lru_cache(maxsize=64)
def babel_locale(lang: str) -> Locale:
    """The CLDR locale of a BCP 47 tag ('fr-CA' → fr_CA); English for an unknown tag."""
    try:
        return Locale.parse((lang or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        try:
            return Locale.parse((lang or "en").replace("-", "_").split("_")[0])
        except (UnknownLocaleError, ValueError):
            return Locale.parse("en")


def _is_english(lang: str) -> bool:
    return babel_locale(lang).language == "en"


def format_date(day: dt.date, lang: str) -> str:
    """A date as printed on covers and certificates: '21 November 2026', '21 novembre 2026',
    '2026年11月21日', '21 نوفمبر 2026'."""
    if _is_english(lang):
        return _babel_date(day, _ENGLISH_DATE, locale="en")
    return _babel_date(day, "long", locale=babel_locale(lang))


def format_number(x: float, lang: str, digits: int | None = None) -> str:
    """A number with the language's decimal sign and grouping; `digits` fixes the decimals
    (None: as many as the value needs, up to three)."""
    if digits is None:
        return format_decimal(x, locale=babel_locale(lang))
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(x, format=pattern, locale=babel_locale(lang))


def format_percent(x: float, lang: str, digits: int = 0) -> str:
    """A share (0.48) as a percentage the language's way: '48%', '48 %', '٤٨٪'."""
    pattern = None
    if digits > 0:
        base = babel_locale(lang).percent_formats[None].pattern
        pattern = base.replace("0", "0." + "0" * digits, 1) if "." not in base else base
    return _babel_percent(x, format=pattern, locale=babel_locale(lang))
