"""`coursegen quiz --lang fr` and `serve --lang fr`: the quiz in French, one cohort with English."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import httpx
import pexpect
import pytest
from click.testing import CliRunner
from translate.storage import pypo

from coursegen.cli import cli
from coursegen.i18n.ui import gettext
from coursegen.load import load_course
from coursegen.quiz.assemble import assemble
from coursegen.scaffold import create_course
from tests.terminal.typing import typed_answers
from tests.web.serving import free_port, serving

COURSEGEN = str(Path(sys.executable).parent / "coursegen")
MODULE = "getting-started"
SEED = 3
STEM_KEY = "quizzes/getting-started.yaml:questions[1].stem"  # benefits, in the exam drawn
STEM_FR = ("Quels sont les avantages de la technologie pour les enquêteurs ? "
           "Cochez toutes les réponses exactes.")
COURSE_TITLE = "Traiter la preuve numérique"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """The starter course with one question stem translated into French."""
    directory = tmp_path / "course"
    create_course(directory)
    result = CliRunner().invoke(cli, ["translate", "extract", str(directory), "--lang", "fr"])
    assert result.exit_code == 0, result.output
    po = directory / "translations" / "fr" / f"{MODULE}.po"
    store = pypo.pofile.parsefile(str(po))
    for unit in store.units:
        if unit.getcontext() == STEM_KEY:
            unit.target = STEM_FR
    po.write_bytes(bytes(store))
    course_po = directory / "translations" / "fr" / "course.po"
    store = pypo.pofile.parsefile(str(course_po))
    next(u for u in store.units if u.getcontext() == "course.yaml:title").target = COURSE_TITLE
    course_po.write_bytes(bytes(store))
    return directory


def take(course: Path, db: Path, learner: str, *extra: str, lang: str = "en") -> str:
    """A full attempt with every answer right; returns what the screen showed (its interface
    words in `lang`)."""
    bank = load_course(course).module(MODULE).bank
    answers = typed_answers(bank, assemble(bank, MODULE, SEED))
    env = {**os.environ, "TERM": "dumb", "COLUMNS": "200"}
    child = pexpect.spawn(COURSEGEN, ["quiz", MODULE, str(course), "--db", str(db), "--seed",
                                      str(SEED), "--learner", learner, *extra],
                          env=env, encoding="utf-8", timeout=30, dimensions=(50, 200))
    shown = []
    for answer in answers:
        child.expect_exact(gettext(lang, "Answer: "))
        shown.append(child.before)
        child.sendline(answer)
        child.expect_exact(gettext(lang, "Answer saved."))
    child.expect(re.escape(gettext(lang, "Result")) + " +" + re.escape(gettext(lang, "PASSED")))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    return "".join(shown)


def test_the_french_quiz_shows_french_and_pools_with_english_in_stats(course: Path,
                                                                      tmp_path: Path) -> None:
    db = tmp_path / "attempts.db"
    french = take(course, db, "anne", "--lang", "fr", lang="fr")
    english = take(course, db, "ann")
    flat_french, flat_english = " ".join(french.split()), " ".join(english.split())
    assert STEM_FR in flat_french
    assert "Which are benefits of technology for investigators?" in flat_english
    assert "Quels sont" not in flat_english
    result = CliRunner().invoke(cli, ["stats", MODULE, str(course), "--db", str(db),
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    [exam] = json.loads(result.output)["forms"]
    assert exam["overall"]["attempts"] == 2
    benefits = next(q for q in exam["questions"] if q["question_id"] == "benefits")
    assert benefits["attempts"] == 2


def test_serve_in_french_shows_the_translated_course(course: Path, tmp_path: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    args = [str(course), "--port", str(port), "--db", str(tmp_path / "a.sqlite3"),
            "--lang", "fr"]
    with serving(args, dict(os.environ), base):
        page = httpx.get(base + "/").text
    assert '<html lang="fr"' in page
    assert COURSE_TITLE in page and "Handling digital evidence" not in page
