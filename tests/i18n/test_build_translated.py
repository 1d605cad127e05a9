"""`coursegen build --lang fr`: every output in French from a partial catalog, English beside it.

Outputs are read as a user meets them: the deck in python-pptx, the handout
with pypdf, the site's HTML, the SCORM package's quiz data.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from pptx import Presentation
from pypdf import PdfReader
from translate.storage import pypo

from coursegen.cli import cli
from coursegen.i18n.ui import gettext
from coursegen.scaffold import create_course

pytestmark = pytest.mark.slow

LESSON = "modules/getting-started/01-double-edged.yaml"
TITLE_KEY = f"{LESSON}:slides[1].title"
POINT_KEY = f"{LESSON}:slides[1].points[1]"
TRANSLATED = {
    TITLE_KEY: "Pourquoi c'est important",
    POINT_KEY: "Les mêmes progrès ouvrent de nouvelles pistes d'enquête et de poursuite",
    "modules/getting-started/module.yaml:title": "Premiers pas",
}
ENGLISH_LEFT = "Tool for crime, tool against crime"  # not translated: shown in English


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def translate(po: Path, translations: dict[str, str]) -> None:
    store = pypo.pofile.parsefile(str(po))
    for unit in store.units:
        if unit.getcontext() in translations:
            unit.target = translations[unit.getcontext()]
    po.write_bytes(bytes(store))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """A starter course built in English, then in French from a catalog of three strings."""
    course = tmp_path_factory.mktemp("translated") / "course"
    create_course(course)
    english = run("build", str(course), "--lang", "en", "-j", "1")
    run("translate", "extract", str(course), "--lang", "fr")
    translate(course / "translations/fr/getting-started.po", TRANSLATED)
    french = run("build", str(course), "--lang", "fr", "-j", "1")
    return course, english, french


def deck_text(path: Path) -> str:
    texts = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
    return "\n".join(texts)


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(path).pages).split())


def quiz_ids(html: str) -> list[str]:
    data = re.search(r'<script type="application/json" id="quiz-[^"]*-data">(.*?)</script>',
                     html, re.S)
    assert data, "no quiz data in the page"
    found = re.findall(r'"id":\s*"([^"]+)"', data.group(1))
    assert found
    return found


def test_the_summary_counts_the_strings_shown_in_english(built: tuple[Path, str, str]) -> None:
    course, english, french = built
    total = sum(1 for unit in pypo.pofile.parsefile(
        str(course / "translations/fr/getting-started.po")).units if not unit.isheader())
    total += sum(1 for unit in pypo.pofile.parsefile(
        str(course / "translations/fr/course.po")).units if not unit.isheader())
    assert (f"fr: 3 of {total:,} strings translated; {total - 3:,} shown in English "
            "(draft translation, not yet reviewed)") in french
    assert "strings translated" not in english


def test_the_french_deck_has_the_translations_and_english_for_the_rest(
        built: tuple[Path, str, str]) -> None:
    course, _, _ = built
    french = deck_text(course / "build/fr/decks/getting-started.pptx")
    english = deck_text(course / "build/decks/getting-started.pptx")
    assert "Pourquoi c'est important" in french and "Why it matters" not in french
    assert TRANSLATED[POINT_KEY] in french
    assert ENGLISH_LEFT in french and ENGLISH_LEFT in english
    assert "Why it matters" in english and "Pourquoi" not in english
    core = Presentation(str(course / "build/fr/decks/getting-started.pptx")).core_properties
    assert core.language == "fr-FR"  # language and region, as on the text runs


def test_the_french_handout_is_translated_and_says_it_is_a_draft(
        built: tuple[Path, str, str]) -> None:
    course, _, _ = built
    text = pdf_text(course / "build/fr/handouts/getting-started.pdf")
    assert "Premiers pas" in text
    assert TRANSLATED[POINT_KEY] in text
    assert gettext("fr", "Draft translation, not yet reviewed") in text  # in French
    english = pdf_text(course / "build/handouts/getting-started.pdf")
    assert "Draft translation" not in english and "Premiers pas" not in english


def test_the_french_site_is_translated_with_the_same_question_ids(
        built: tuple[Path, str, str]) -> None:
    course, _, _ = built
    lesson = html.unescape((course / "build/fr/site/getting-started/double-edged.html")
                           .read_text())
    assert "Pourquoi c'est important" in lesson and TRANSLATED[POINT_KEY] in lesson
    assert '<html lang="fr"' in lesson
    french = (course / "build/fr/site/getting-started/quiz.html").read_text()
    english = (course / "build/site/getting-started/quiz.html").read_text()
    assert quiz_ids(french) == quiz_ids(english)


def test_the_french_scorm_package_keeps_the_question_ids(built: tuple[Path, str, str]) -> None:
    course, _, _ = built

    def page(path: Path) -> str:
        with zipfile.ZipFile(path) as package:
            return package.read("getting-started/index.html").decode()

    french = page(course / "build/fr/lms/getting-started-scorm12.zip")
    english = page(course / "build/lms/getting-started-scorm12.zip")
    assert quiz_ids(french) == quiz_ids(english)
    assert "Premiers pas" in french and "Premiers pas" not in english


def test_builds_stay_incremental_per_language_and_clean_keeps_to_its_own(
        built: tuple[Path, str, str], tmp_path: Path) -> None:
    course = Path(shutil.copytree(built[0], tmp_path / "course"))
    again = run("build", str(course), "--lang", "fr")
    assert "0 built (0 files)" in again and "fr: 3 of" in again  # counts kept in the manifest
    translate(course / "translations/fr/getting-started.po",
              {f"{LESSON}:slides[1].ask": "Quelle technologie a changé votre dernière affaire ?"})
    rebuilt = run("build", str(course), "--lang", "fr")
    assert "fr: 4 of" in rebuilt and "0 built" not in rebuilt
    assert "0 built (0 files)" in run("build", str(course), "--lang", "en")
    run("build", str(course), "--lang", "en", "--clean", "--only", "decks")
    assert (course / "build/fr/decks/getting-started.pptx").is_file()


def test_a_failed_french_build_leaves_the_earlier_outputs(
        built: tuple[Path, str, str], tmp_path: Path) -> None:
    course = Path(shutil.copytree(built[0], tmp_path / "course"))
    deck = course / "build/fr/decks/getting-started.pptx"
    before = deck.read_bytes()
    po = course / "translations/fr/getting-started.po"
    po.write_text(po.read_text() + '\nmsgid "unterminated\n')
    result = CliRunner().invoke(cli, ["build", str(course), "--lang", "fr"])
    assert result.exit_code != 0
    assert "getting-started.po" in result.output and "Traceback" not in result.output
    assert deck.read_bytes() == before


def test_a_translation_made_in_a_cat_tool_comes_back_through_xliff(
        built: tuple[Path, str, str], tmp_path: Path) -> None:
    course = Path(shutil.copytree(built[0], tmp_path / "course"))
    run("translate", "extract", str(course), "--lang", "fr")  # the XLIFF now has the 3
    xlf = course / "translations/fr/getting-started.xlf"
    tree = etree.parse(str(xlf))
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    key = f"{LESSON}:slides[2].title"
    [unit] = tree.xpath(f'//x:trans-unit[@resname="{key}"]', namespaces=ns)
    target = etree.SubElement(unit, "{urn:oasis:names:tc:xliff:document:1.2}target",
                              state="translated")
    target.text = "Outil du crime, outil contre le crime"
    unit.find("x:source", ns).addnext(target)
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    refused = CliRunner().invoke(cli, ["translate", "extract", str(course), "--lang", "fr"])
    assert refused.exit_code != 0
    assert "holds a translation the PO has not" in refused.output
    assert "translate import" in refused.output
    imported = run("translate", "import", str(xlf), str(course))
    assert "1 translation imported" in imported
    output = run("build", str(course), "--lang", "fr", "--only", "decks")
    assert "fr: 4 of" in output
    text = deck_text(course / "build/fr/decks/getting-started.pptx")
    assert "Outil du crime, outil contre le crime" in text
    assert json.loads(run("translate", "status", str(course), "--lang", "fr", "--format",
                          "json"))[1]["translated"] == 4


def test_a_reviewed_translation_says_so_on_the_cover(built: tuple[Path, str, str],
                                                     tmp_path: Path) -> None:
    course = Path(shutil.copytree(built[0], tmp_path / "course"))
    for name in ("course", "getting-started"):
        po = course / f"translations/fr/{name}.po"
        po.write_text(po.read_text().replace("X-Translation-Status: draft",
                                             "X-Translation-Status: reviewed"))
    output = run("build", str(course), "--lang", "fr", "--only", "handouts")
    assert "(reviewed translation)" in output
    text = pdf_text(course / "build/fr/handouts/getting-started.pdf")
    assert gettext("fr", "Reviewed translation") in text
    assert gettext("fr", "Draft translation, not yet reviewed") not in text
