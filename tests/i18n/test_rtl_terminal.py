"""The terminal runner and a right-to-left course, driven through a pseudo-terminal: on a
terminal not known to lay out right-to-left text it says in one line why it stops and points
to the browser runner; where the terminal reorders text, or in a transcript, it runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from coursegen.i18n.ui import gettext
from coursegen.load import load_course
from coursegen.quiz.assemble import assemble
from coursegen.terminal.direction import BIDI_VARIABLE, terminal_does_bidi
from tests.i18n.conftest import copy_course
from tests.terminal.typing import typed_answers

COURSEGEN = str(Path(sys.executable).parent / "coursegen")
MODULE = "getting-started"


@pytest.fixture
def arabic(tmp_path) -> Path:
    return copy_course("ar", tmp_path / "course")


def spawn(course: Path, db: Path, **env: str) -> pexpect.spawn:
    environ = {k: v for k, v in os.environ.items()
               if k not in {BIDI_VARIABLE, "MLTERM", "KONSOLE_VERSION"}}
    return pexpect.spawn(COURSEGEN, ["quiz", MODULE, str(course), "--db", str(db),
                                     "--seed", "3", "--learner", "Amal"],
                         env={**environ, "TERM": "xterm", **env}, encoding="utf-8",
                         timeout=20, dimensions=(50, 160))


def test_an_arabic_quiz_on_a_plain_terminal_says_why_not_and_names_the_browser_runner(
        arabic, tmp_path):
    child = spawn(arabic, tmp_path / "db.sqlite3")
    child.expect(pexpect.EOF)
    child.close()
    lines = [line for line in child.before.splitlines() if line.strip()]
    assert len(lines) == 1
    assert "right-to-left language (ar)" in lines[0] and "would read backwards" in lines[0]
    assert f"coursegen serve {arabic}" in lines[0] and f"{BIDI_VARIABLE}=1" in lines[0]
    assert child.exitstatus == 2
    assert "Question" not in child.before  # nothing was asked


def test_a_terminal_that_reorders_text_takes_the_arabic_quiz(arabic, tmp_path):
    child = spawn(arabic, tmp_path / "db.sqlite3", **{BIDI_VARIABLE: "1"})
    child.expect(gettext("ar", "Question {number} of {total}").format(number=1, total=5))
    bank = load_course(arabic).module(MODULE).bank
    stem = bank.question(assemble(bank, MODULE, 3).questions[0].question_id).stem
    child.expect_exact(stem.split()[0])  # in its logical order, for the terminal to lay out
    child.terminate(force=True)


def test_konsole_and_mlterm_are_known_to_reorder_text():
    assert terminal_does_bidi({"KONSOLE_VERSION": "230804"})
    assert terminal_does_bidi({"MLTERM": "3.9.3"})
    assert not terminal_does_bidi({"KONSOLE_VERSION": "230804", BIDI_VARIABLE: "0"})
    assert not terminal_does_bidi({"TERM": "xterm-256color"})


def test_a_transcript_of_an_arabic_quiz_keeps_the_logical_order(arabic, tmp_path):
    bank = load_course(arabic).module(MODULE).bank
    paper = assemble(bank, MODULE, 3)
    answers = typed_answers(bank, paper)
    environ = {k: v for k, v in os.environ.items() if k != BIDI_VARIABLE}
    done = subprocess.run([COURSEGEN, "quiz", MODULE, str(arabic), "--db",
                           str(tmp_path / "db.sqlite3"), "--seed", "3", "--learner", "Amal"],
                          input="\n".join(answers) + "\n", capture_output=True, text=True,
                          env=environ, timeout=60)
    assert done.returncode == 0, done.stderr  # passed, every answer right
    for presented in paper.questions:
        assert " ".join(bank.question(presented.question_id).stem.split()[:3]) in done.stdout
