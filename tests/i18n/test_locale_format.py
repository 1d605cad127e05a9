"""Dates and numbers as readers of each language write them (Babel, CLDR), English as the
outputs have always printed it; and a changed interface catalog rebuilds the outputs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coursegen.build_jobs import Fingerprints
from coursegen.i18n.locale_format import format_date, format_number, format_percent
from coursegen.i18n.ui import LOCALE_DIR_VARIABLE, locale_names, translations
from coursegen.scaffold import create_course
from coursegen.text import long_date
from tests.i18n.catalogs import write_pseudo_catalog

DAY = dt.date(2026, 11, 21)


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "21 November 2026"), ("fr", "21 novembre 2026"), ("es", "21 de noviembre de 2026"),
    ("ru", "21 ноября 2026\u202fг."), ("zh", "2026年11月21日"), ("ar", "21 نوفمبر 2026"),
    ("fr-CA", "21 novembre 2026"), ("xx", "21 November 2026"),
])
def test_dates_read_as_each_language_writes_them(lang: str, expected: str) -> None:
    assert format_date(DAY, lang) == expected
    assert long_date(DAY, lang) == expected


def test_english_dates_keep_the_house_form() -> None:
    assert long_date(dt.date(2026, 3, 5)) == "5 March 2026"  # no leading zero, day first


def test_numbers_and_percentages_take_the_language_s_signs() -> None:
    assert format_number(1234.5, "en") == "1,234.5"
    assert format_number(1234.5, "fr") == "1\u202f234,5"
    assert format_number(0.8149, "ru", 2) == "0,81"
    assert format_percent(0.72, "en") == "72%"
    assert format_percent(0.725, "fr", 1) == "72,5\xa0%"


def test_a_region_falls_back_to_its_language() -> None:
    assert locale_names("fr-CA") == ["fr_CA", "fr"]
    assert locale_names("zh-Hans") == ["zh_Hans", "zh"]
    assert translations("xx").gettext("Contents") == "Contents"  # no catalog: English


def test_a_changed_catalog_changes_every_build_fingerprint(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    create_course(tmp_path / "course")
    before = Fingerprints(tmp_path / "course", ["getting-started"], "").common
    monkeypatch.setenv(LOCALE_DIR_VARIABLE, str(tmp_path / "locale"))
    write_pseudo_catalog(tmp_path / "locale", "fr")
    after = Fingerprints(tmp_path / "course", ["getting-started"], "").common
    assert before != after
