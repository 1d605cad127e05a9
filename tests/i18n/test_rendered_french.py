"""A course whose course.yaml says `language: fr`, built as a user builds it: no word of the
interface is left in English in the deck (slides and notes), the handouts (PDF text), the
site and the SCORM page; the web runner in Chromium shows the French progress line.

The English interface words are the POT's msgids (runs of two words or more between
placeholders, leaving out any the course's own English text contains: only the interface is
translated here). Each check runs with a complete pseudo-French catalog from a temporary
locale folder (every word reversed, so any English left shows) and with the shipped French
catalog, which must exist."""

from __future__ import annotations

import gettext
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

from coursegen.i18n.ui import LOCALE_DIR_VARIABLE, catalog_path
from coursegen.load import load_course
from tests.i18n.catalogs import (
    english_fragments,
    french_starter,
    read_catalog,
)
from tests.i18n.outputs import (
    course_words,
    deck_text,
    english_left,
    package_text,
    pdf_text,
    site_text,
    translated_text,
)
from tests.web.served import CHROMIUM, PHONE, answer_current_question, chromium, serve

pytestmark = pytest.mark.slow  # builds the French course's every output

MODULE = "getting-started"
ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class FrenchBuild:
    """A built French course, the locale folder its catalog came from, and that catalog."""

    course: Path
    locale: Path
    catalog: object

    @property
    def build(self) -> Path:
        """The build folder."""
        return self.course / "build"

    def msgstr(self, msgid: str, **values: object) -> str:
        """The catalog's French for `msgid`, its placeholders filled as the code fills them."""
        text = self.catalog.get(msgid).string
        return text % values if "%(" in msgid else text.format(**values)


@pytest.fixture(scope="module", params=["pseudo", "shipped"])
def french(request, tmp_path_factory) -> FrenchBuild:
    """The starter course with `language: fr`, built by `coursegen build`."""
    folder = tmp_path_factory.mktemp(f"french-{request.param}")
    course, locale = french_starter(folder, request.param)
    env = {**os.environ, LOCALE_DIR_VARIABLE: str(locale),
           "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-m", "coursegen", "build", "-q", "-j", "1",
                           str(course)], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return FrenchBuild(course, locale, read_catalog(catalog_path("fr", locale), "fr"))


@pytest.fixture(scope="module")
def interface() -> set[str]:
    """The interface's English fragments."""
    return english_fragments(min_words=2)


def _no_english(text: str, french: FrenchBuild, interface: set[str]) -> None:
    left = english_left(text, interface, course_words(french.course),
                        translated_text(french.catalog))
    assert not left, f"English interface text left: {left[:10]}"


def test_the_deck_speaks_french(french: FrenchBuild, interface: set[str]) -> None:
    text = deck_text(french.build / "decks" / f"{MODULE}.pptx")
    _no_english(text, french, interface)
    assert french.msgstr("Learning objectives") in text
    assert french.msgstr("Wrap-up and next steps") in text


@pytest.mark.parametrize("name", [f"{MODULE}.pdf", f"{MODULE}-trainer.pdf", "course.pdf"])
def test_the_handouts_speak_french(french: FrenchBuild, interface: set[str], name: str) -> None:
    text = pdf_text(french.build / "handouts" / name)
    _no_english(text, french, interface)
    assert french.msgstr("Contents") in text
    assert "décembre" in text or "novembre" in text or " 20" in text  # a French date


def test_the_site_and_scorm_page_speak_french(french: FrenchBuild, interface: set[str]) -> None:
    site = site_text(french.build / "site")
    _no_english(site, french, interface)
    assert french.msgstr("Practice quiz") in site
    scorm = package_text(french.build / "lms" / f"{MODULE}-scorm12.zip")
    _no_english(scorm, french, interface)
    assert french.msgstr("Your score is sent to your learning platform when you check your "
                         "answers.") in scorm


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed")
def test_the_web_runner_speaks_french_in_chromium(french: FrenchBuild, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(LOCALE_DIR_VARIABLE, str(french.locale))
    with serve(french.course, tmp_path / "attempts.sqlite3") as base, chromium() as browser:
        page = browser.new_page(viewport=PHONE)
        page.goto(base + "/")
        page.locator("#name").fill("Amina")
        page.get_by_role("button", name=french.msgstr("Continue")).click()
        page.get_by_role("button", name=french.msgstr("Start the quiz")).first.click()
        progress = page.locator("#progress-text")
        drawn = load_course(french.course).module("getting-started").bank.settings.draw
        expect(progress).to_contain_text(french.msgstr("Question %(number)s of %(total)s",
                                                       number=1, total=drawn))
        expect(page.get_by_text("Question 1 of")).to_have_count(0)
        answer_current_question(page)
        expect(page.locator(".save-status")).to_have_text(french.msgstr("Saved."))
        # the script's count after the save, in the form the French rule gives 1
        forms = french.catalog.get(("{n} answered", "{n} answered")).string
        one = forms[gettext.c2py(french.catalog.plural_expr)(1)].format(n=1)
        expect(progress.locator(".answered-count")).to_have_text(one)
        _no_english(page.locator("body").inner_text(), french, english_fragments(2))
