"""The terminal runner, the statistics report and the certificate of a course whose
course.yaml says `language: fr` show no English interface words (the POT's msgids of two
words or more that the course's own text does not contain), with a complete pseudo-French
catalog in a temporary locale folder and with the shipped French catalog."""

from __future__ import annotations

import base64
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from coursegen.attempts.store import AttemptStore, database_url
from coursegen.cli import cli
from coursegen.i18n.ui import LOCALE_DIR_VARIABLE, catalog_path
from coursegen.load import load_course
from tests.i18n.catalogs import (
    english_fragments,
    french_starter,
    read_catalog,
)
from tests.i18n.outputs import course_words, english_left, html_text, translated_text
from tests.stats.cohort import simulate_cohort

pytestmark = pytest.mark.slow  # builds and runs the French course in every runner

MODULE = "getting-started"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module", params=["pseudo", "shipped"])
def french(request, tmp_path_factory):
    """(course folder, locale folder, French catalog) for the starter course in French."""
    folder = tmp_path_factory.mktemp(f"runners-{request.param}")
    course, locale = french_starter(folder, request.param)
    return course, locale, read_catalog(catalog_path("fr", locale), "fr")


def _english(text: str, course: Path, catalog) -> list[str]:
    return english_left(text, english_fragments(2), course_words(course),
                        translated_text(catalog))


def test_the_terminal_quiz_speaks_french(french, tmp_path: Path) -> None:
    course, locale, catalog = french
    env = {**os.environ, LOCALE_DIR_VARIABLE: str(locale),
           "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    typed = "\n".join(["Amina", "x", "A", "B", "C", "D", "A,B", "1", "A", "T"]) + "\n"
    run = subprocess.run([sys.executable, "-m", "coursegen", "quiz", MODULE, str(course),
                          "--db", str(tmp_path / "a.db"), "--seed", "3", "--practice"],
                         input=typed, capture_output=True, text=True, env=env, timeout=120)
    shown = " ".join(run.stdout.split())
    drawn = load_course(course).module(MODULE).bank.settings.draw
    assert catalog.get("Question {number} of {total}").string.format(number=1, total=drawn) \
        in shown
    assert f"Question 1 of {drawn}" not in shown
    assert not _english(shown, course, catalog), shown[-2000:]


def test_the_statistics_report_speaks_french(french, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    course, locale, catalog = french
    monkeypatch.setenv(LOCALE_DIR_VARIABLE, str(locale))
    db = tmp_path / "attempts.sqlite3"
    store = AttemptStore(database_url(str(db)))
    loaded = load_course(course)
    simulate_cohort(store, loaded, loaded.module(MODULE), learners=30, miskeyed={"dual-use": 1})
    store.close()
    target = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["stats", MODULE, str(course), "--db", str(db),
                                      "--format", "html", "-o", str(target)])
    assert result.exit_code == 0, result.output
    html = target.read_text("utf-8")
    assert not _english(html_text(html), course, catalog)
    assert catalog.get("Learning gain").string in html
    charts = [base64.b64decode(d).decode("utf-8")
              for d in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html)]
    labels = " ".join(re.findall(r"<!-- (.*?) -->", " ".join(charts)))
    assert catalog.get("Discrimination index").string in labels  # matplotlib keeps text as comments
    assert "Discrimination index" not in labels


def test_the_certificate_speaks_french(french, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from coursegen.attempts.certificate import certificate_html
    from coursegen.attempts.store import FINISHED

    course, locale, catalog = french
    monkeypatch.setenv(LOCALE_DIR_VARIABLE, str(locale))

    class Passed:  # a finished, passed post-test as the store returns it
        import datetime as dt

        id, status, passed, practice, form = 7, FINISHED, True, False, "post"
        learner, organisation, course_id, module = "Amina", "ONUDC", "c", MODULE
        course_title, module_title, percent, pass_mark = "Cours", "Module", 86.0, 70.0
        finished_at = dt.datetime(2026, 11, 21, 10, 0, tzinfo=dt.UTC)

    html = certificate_html(Passed(), course)
    assert '<html lang="fr" dir="ltr">' in html
    assert catalog.get("Certificate of achievement").string in html
    assert "21 novembre 2026" in html  # the French date
    assert re.search(r"86\s%", html)  # the French percent, a narrow no-break space before %
    assert not _english(html_text(html), course, catalog)
