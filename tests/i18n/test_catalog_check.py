"""`coursegen check` and `translate status` on catalogs, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from translate.storage import pypo

from coursegen.cli import cli
from tests.i18n.content_course import copy_shipped

pytestmark = pytest.mark.slow  # extracts and checks the whole shipped course

STAT_KEY = "modules/darknet-markets/02-trade.yaml:slides[2].context"
STAT_FR = ("29 % de plus avaient commencé dans les deux années précédentes "
           "(Global Drug Survey 2019).")
POINT_KEY = "modules/crypto-investigation/01-why-virtual-assets.yaml:slides[1].points[1]"
POINT_TEXT = "Some users want **more anonymous** transactions"
TERM_KEY = "modules/crypto-investigation/module.yaml:glossary[0].term"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped course with French catalogs extracted (read-only: copy it)."""
    course = copy_shipped(tmp_path_factory.mktemp("extracted") / "course")
    result = CliRunner().invoke(cli, ["translate", "extract", str(course), "--lang", "fr"])
    assert result.exit_code == 0, result.output
    return course


@pytest.fixture
def course(extracted: Path, tmp_path: Path) -> Path:
    """A writable copy of the extracted course."""
    import shutil

    return Path(shutil.copytree(extracted, tmp_path / "course"))


def translate(course: Path, catalog: str, translations: dict[str, str]) -> Path:
    """Fill in entries of translations/fr/<catalog>.po as a translator's editor does."""
    path = course / "translations" / "fr" / f"{catalog}.po"
    store = pypo.pofile.parsefile(str(path))
    for unit in store.units:
        if unit.getcontext() in translations:
            unit.target = translations[unit.getcontext()]
    path.write_bytes(bytes(store))
    return path


def msgstr_line(path: Path, key: str) -> int:
    """The line of the msgstr of the entry with this msgctxt, found by reading the file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(f'msgctxt "{key}"')
    return next(n for n in range(start, len(lines)) if lines[n].startswith("msgstr")) + 1


def check(course: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", str(course)])
    return result.exit_code, result.output


def test_a_faithful_translation_passes_check(course: Path) -> None:
    translate(course, "darknet-markets", {STAT_KEY: STAT_FR})
    code, output = check(course)
    assert code == 0, output
    assert "ok: 0 errors, 0 warnings" in output


def test_a_changed_figure_is_an_error_at_the_catalog_line(course: Path) -> None:
    path = translate(course, "darknet-markets", {STAT_KEY: STAT_FR.replace("29 %", "92 %")})
    code, output = check(course)
    assert code == 1
    line = msgstr_line(path, STAT_KEY)
    assert (f"translations/fr/darknet-markets.po:{line}:1: {STAT_KEY}: the translation does "
            "not keep the figure 29% of the English") in output
    assert "failed: 1 error, 0 warnings" in output


def test_arabic_digits_keep_the_figures(course: Path) -> None:
    translate(course, "darknet-markets", {
        STAT_KEY: "وبدأ ٢٩٪ آخرون في العامين السابقين لذلك (Global Drug Survey ٢٠١٩)."})
    assert check(course)[0] == 0


def test_an_english_edit_is_one_needing_review_in_status_and_a_warning_in_check(
        course: Path) -> None:
    path = translate(course, "crypto-investigation",
                     {POINT_KEY: "Certains veulent des transactions **plus anonymes**"})
    lesson = course / POINT_KEY.split(":")[0]
    lesson.write_text(lesson.read_text().replace(POINT_TEXT, "Some users want anonymity"))
    result = CliRunner().invoke(cli, ["translate", "status", str(course), "--lang", "fr",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {row["catalog"]: row for row in json.loads(result.output)}
    crypto = rows["crypto-investigation"]
    assert (crypto["translated"], crypto["review"]) == (0, 1)
    assert crypto["missing"] == crypto["strings"] - 1
    code, output = check(course)
    assert code == 0  # a warning, not an error
    line = msgstr_line(path, POINT_KEY)
    assert (f"translations/fr/crypto-investigation.po:{line}:1: {POINT_KEY}: warning: "
            "translation needs review: the English changed since it was translated") in output
    # after extract the entry is marked fuzzy and still warned about, at its new line
    CliRunner().invoke(cli, ["translate", "extract", str(course), "--lang", "fr"])
    output = check(course)[1]
    assert (f"translations/fr/crypto-investigation.po:{msgstr_line(path, POINT_KEY)}:1: "
            f"{POINT_KEY}: warning: translation needs review: marked as needing review") \
        in output


def test_a_translated_glossary_term_is_expected_where_the_english_uses_it(
        course: Path) -> None:
    key = "modules/crypto-investigation/module.yaml:objectives[0].text"
    translate(course, "crypto-investigation", {
        TERM_KEY: "Actif virtuel",
        key: "Expliquer pourquoi les délinquants utilisent les cryptomonnaies et à quels "
             "crimes elles sont le plus souvent liées"})
    code, output = check(course)
    assert code == 0
    assert (f"{key}: warning: the English uses the glossary term 'Virtual asset', translated "
            "'Actif virtuel' in this catalog, but the translation does not use it") in output
    translate(course, "crypto-investigation", {
        key: "Expliquer pourquoi les délinquants utilisent des actifs virtuels et à quels "
             "crimes ils sont le plus souvent liés"})
    assert "glossary term" not in check(course)[1]  # "actifs virtuels": inflected, found


def test_other_forms_of_a_glossary_term_are_listed_by_its_translator(course: Path) -> None:
    key = "modules/crypto-investigation/module.yaml:objectives[0].text"
    path = translate(course, "crypto-investigation", {
        TERM_KEY: "Actif virtuel",
        key: "Expliquer pourquoi les délinquants utilisent les cryptoactifs et à quels "
             "crimes ils sont le plus souvent liés"})
    assert "glossary term 'Virtual asset'" in check(course)[1]
    store = pypo.pofile.parsefile(str(path))
    term = next(unit for unit in store.units if unit.getcontext() == TERM_KEY)
    term.addnote("also: crypto-actifs; cryptoactifs", origin="translator")
    path.write_bytes(bytes(store))
    assert "glossary term" not in check(course)[1]


def test_the_status_table_lists_every_catalog(course: Path) -> None:
    translate(course, "darknet-markets", {STAT_KEY: STAT_FR})
    result = CliRunner().invoke(cli, ["translate", "status", str(course), "--lang", "fr"])
    assert result.exit_code == 0, result.output
    for name in ("course", "crypto-investigation", "darknet-markets", "responsible-ai",
                 "total"):
        assert name in result.output
    rows = json.loads(CliRunner().invoke(cli, ["translate", "status", str(course), "--format",
                                               "json"]).output)
    darknet = next(r for r in rows if r["catalog"] == "darknet-markets")
    assert (darknet["language"], darknet["translated"], darknet["status"]) == ("fr", 1, "draft")
