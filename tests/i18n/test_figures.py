"""Figures and document symbols survive translation, however a locale writes them."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursegen.translation.figures import (
    missing_figures,
    missing_symbols,
    normalise_digits,
    source_figures,
)

ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
PERSIAN = "۰۱۲۳۴۵۶۷۸۹"
FULL_WIDTH = "０１２３４５６７８９"


@pytest.mark.parametrize("translation", [
    "48 % des 1 000 cas en 2020",          # French: space before %, space grouping
    "48% de los 1.000 casos en 2020",      # Spanish: dot grouping
    "48\u00a0% des 1\u202f000 cas en 2020",  # no-break and narrow no-break spaces
    "٤٨٪ من ١٬٠٠٠ حالة في عام ٢٠٢٠",       # Arabic-Indic digits, Arabic separators
    "٪٤٨ من ١٠٠٠ حالة في عام ٢٠٢٠",        # the percent sign first
    "۴۸٪ از ۱۰۰۰ مورد در ۲۰۲۰",            # Persian digits
    "２０２０年の１,０００件のうち４８％",      # full-width digits
    "48 % von 1'000 Fällen im Jahr 2020",  # Swiss apostrophe grouping
])
def test_every_locale_writing_of_the_same_figures_passes(translation: str) -> None:
    assert missing_figures("48% of 1,000 cases in 2020", translation) == []


def test_a_changed_figure_is_named_as_the_english_wrote_it() -> None:
    assert missing_figures("48% of 1,000 cases in 2020", "84 % des 1 000 cas en 2020") == [
        "48%"]
    assert missing_figures("48% of 1,000 cases in 2020", "48 % des 100 cas en 2020") == [
        "1,000"]
    assert missing_figures("in 2019", "en 2009") == ["2019"]
    assert missing_figures("12 cases", "12 000 cas") == ["12"]  # a grouped figure is one
    assert missing_figures("48% in 2020", "en 2020 48 %") == []  # a space parting two


def test_decimals_ranges_and_repeated_figures() -> None:
    assert missing_figures("36.2 million", "36,2 millions") == []
    assert missing_figures("36.2 million", "36٫2 مليون") == []
    assert missing_figures("36.2 million", "362 millions") == ["36.2"]
    assert missing_figures("2019–2021, 10-15%", "de 2019 à 2021, de 10 à 15 %") == []
    assert missing_figures("2019–2021", "2019") == ["2021"]
    assert missing_figures("3 of 3 items", "3 éléments sur 3") == []
    assert missing_figures("3 of 3 items", "trois éléments sur 3") == ["3"]


def test_links_and_words_without_figures_are_not_figures() -> None:
    assert missing_figures("see [the report](https://example.org/2019/5)", "voir le rapport") \
        == []
    assert missing_figures("no figure here", "aucun chiffre") == []
    assert source_figures("COVID-19 in 2021") == {Decimal(19): 1, Decimal(2021): 1}


def test_document_symbols_are_kept_exactly() -> None:
    source = "See A/CONF.234/11 and S/RES/2331(2016)."
    assert missing_symbols(source, "Voir A/CONF.234/11 et S/RES/2331(2016).") == []
    assert missing_symbols(source, "Voir A/CONF.243/11 et S/RES/2331(2016).") == [
        "A/CONF.234/11"]


def _write(number: int, digits: str, separator: str) -> str:
    grouped = f"{number:,}".replace(",", separator)
    return grouped.translate(str.maketrans("0123456789", digits))


@given(number=st.integers(min_value=0, max_value=10**9),
       digits=st.sampled_from(["0123456789", ARABIC_INDIC, PERSIAN, FULL_WIDTH]),
       separator=st.sampled_from([",", ".", " ", "\u00a0", "\u202f", "\u066c", "'"]),
       percent=st.sampled_from(["%", " %", "٪"]))
def test_any_writing_of_a_figure_keeps_it(number: int, digits: str, separator: str,
                                          percent: str) -> None:
    source = f"{number:,}% of cases"
    assert missing_figures(source, f"{_write(number, digits, separator)}{percent} des cas") \
        == []
    assert normalise_digits(_write(number, digits, separator)).replace(separator, "") == str(
        number)


@given(number=st.integers(min_value=0, max_value=10**6),
       other=st.integers(min_value=0, max_value=10**6))
def test_any_other_figure_is_caught(number: int, other: int) -> None:
    if number == other:
        return
    source = f"{number:,} cases"
    assert missing_figures(source, f"{other:,} cas".replace(",", " ")) == [f"{number:,}"]


def _french(text: str) -> str:
    """The text with its figures written the French way: 1 000 (narrow space), 36,2, 48 %."""
    def number(match: re.Match) -> str:
        whole, _, decimals = match.group().partition(".")
        return whole.replace(",", "\u202f") + ("," + decimals if decimals else "")
    return re.sub(r"(\d) ?%", r"\1 %", re.sub(r"\d+(?:,\d{3})*(?:\.\d+)?", number, text))


def _arabic(text: str) -> str:
    """The text with Arabic-Indic digits, the Arabic percent sign and thousands separator."""
    return text.translate(str.maketrans("0123456789%,", "٠١٢٣٤٥٦٧٨٩٪٬"))


_KEEP = re.compile(r"(https?://\S+|\]\([^)]*\)|\b[A-Z]{1,6}(?:/[A-Za-z0-9.()\-]*[A-Za-z0-9)])+)")


def _rewrite(text: str, how) -> str:
    """Rewrite the figures of a text, leaving links and document symbols as written."""
    parts = _KEEP.split(text)
    return "".join(part if index % 2 else how(part) for index, part in enumerate(parts))


@pytest.fixture(scope="module")
def shipped_strings() -> list[str]:
    from coursegen.load import load_course
    from coursegen.translation.content_strings import source_strings
    from tests.i18n.content_course import REPO

    return [s.text for s in source_strings(load_course(REPO))]


def test_every_shipped_string_written_the_french_or_arabic_way_keeps_its_figures(
        shipped_strings: list[str]) -> None:
    for text in shipped_strings:
        assert missing_figures(text, _rewrite(text, _french)) == [], text
        assert missing_figures(text, _rewrite(text, _arabic)) == [], text
        assert missing_symbols(text, _rewrite(text, _arabic)) == [], text


def test_every_changed_digit_of_a_shipped_string_is_caught(shipped_strings: list[str]) -> None:
    with_figures = [t for t in shipped_strings if re.search(r"\d", _KEEP.sub("", t))]
    assert len(with_figures) > 100
    for text in with_figures:
        match = re.search(r"\d", _KEEP.sub(lambda m: "\0" * len(m.group()), text))
        at = match.start()
        changed = text[:at] + str((int(text[at]) + 1) % 10) + text[at + 1:]
        if source_figures(changed) - source_figures(text):  # a figure the English lacks
            assert missing_figures(text, _rewrite(changed, _french)), text
