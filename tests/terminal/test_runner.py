"""The terminal quiz driven for real through a pseudo-terminal (pexpect) and through a pipe."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from coursegen.attempts.store import AttemptStore, database_url
from coursegen.load import load_course
from coursegen.quiz.assemble import assemble
from coursegen.scaffold import create_course
from tests.terminal.typing import typed_answers

COURSEGEN = str(Path(sys.executable).parent / "coursegen")
MODULE = "getting-started"
SEED = 3


@pytest.fixture(scope="module")
def course_dir(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("quiz") / "course"
    create_course(directory)
    return directory


@pytest.fixture(scope="module")
def keyed_course_dir(tmp_path_factory) -> Path:
    """The starter course whose bank shows the key and explanations after an exam."""
    directory = tmp_path_factory.mktemp("keyed") / "course"
    create_course(directory)
    bank = directory / "quizzes" / f"{MODULE}.yaml"
    bank.write_text(bank.read_text().replace("settings:\n", "settings:\n  review: key\n", 1))
    return directory


@pytest.fixture(scope="module")
def paper_answers(course_dir):
    """The typed answers that earn full marks, in the order the seeded attempt asks them."""
    bank = load_course(course_dir).module(MODULE).bank
    paper = assemble(bank, MODULE, SEED)
    return paper, typed_answers(bank, paper)


def spawn(course_dir: Path, db: Path, *extra: str) -> pexpect.spawn:
    env = {**os.environ, "TERM": "dumb", "COLUMNS": "200"}
    return pexpect.spawn(COURSEGEN, ["quiz", MODULE, str(course_dir), "--db", str(db),
                                     "--seed", str(SEED), *extra],
                         env=env, encoding="utf-8", timeout=20, dimensions=(50, 200))


def stored(db: Path):
    store = AttemptStore(database_url(str(db)))
    try:
        attempt = store.list_attempts()[-1]
        return attempt, store.responses(attempt.id)
    finally:
        store.close()


def test_a_full_attempt_shows_progress_score_breakdown_and_sources(keyed_course_dir,
                                                                   paper_answers, tmp_path):
    paper, answers = paper_answers
    child = spawn(keyed_course_dir, tmp_path / "a.db")
    child.expect("Your name or learner ID: ")
    child.sendline("Ann Investigator")
    child.expect("4 questions, pass mark 70 %, time limit 10 minutes")
    for number, answer in enumerate(answers, start=1):
        child.expect(rf"Question {number} of 4 +[━─]+ +{number - 1} of 4 answered · time left 09:")
        child.expect("Answer: ")
        child.sendline(answer)
        child.expect("Answer saved.")
    child.expect(r"Score +4 of 4 points \(100 %\)")
    child.expect(r"Result +PASSED")
    child.expect(r"│ Explain why technology is both a")
    child.expect("Why: ")
    child.expect(r"Source: United Nations")
    child.expect(r"para\.\s+\d+\.")
    child.expect("verification code [0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    attempt, responses = stored(tmp_path / "a.db")
    assert attempt.learner == "Ann Investigator" and attempt.passed and attempt.percent == 100
    assert set(responses) == {p.question_id for p in paper.questions}


def test_invalid_input_is_explained_and_asked_again(course_dir, paper_answers, tmp_path):
    _paper, answers = paper_answers
    child = spawn(course_dir, tmp_path / "b.db", "--learner", "ann")
    # Seed 3 asks the short answer 'custody-term', then the matching 'record-match'.
    child.expect("Question 1 of 4")
    child.expect("Answer: ")
    child.sendline("")
    child.expect("Please give an answer. Type a short answer")
    child.sendline(answers[0])
    child.expect("Question 2 of 4")
    child.expect("Answer: ")
    child.sendline("A,A,B,C")
    child.expect(r"Not accepted: give 3 letters, one for each item 1 to 3 \(you gave 4\)")
    child.sendline("A,B,Z")
    child.expect("Not accepted: 'Z' is not an option; use letters A–D.")
    child.sendline(answers[1])
    child.expect("Question 3 of 4")
    child.kill(signal.SIGKILL)
    child.close()
    attempt, responses = stored(tmp_path / "b.db")
    assert attempt.status == "open"
    assert len(responses) == 2


def test_time_limit_ends_the_attempt_and_marks_what_was_saved(course_dir, paper_answers,
                                                              tmp_path):
    paper, answers = paper_answers
    child = spawn(course_dir, tmp_path / "c.db", "--learner", "ann", "--time-limit", "0.05")
    child.expect("time limit 0.05 minutes")
    child.expect("Answer: ")
    child.sendline(answers[0])
    child.expect("Question 2 of 4")
    child.expect("Time is up. Your saved answers are being marked.", timeout=15)
    child.expect(r"Score +1 of 4 points \(25 %\)")
    child.expect(r"Result +NOT PASSED")
    child.expect("Not answered")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 3
    attempt, responses = stored(tmp_path / "c.db")
    assert attempt.status == "finished" and attempt.timed_out and not attempt.passed
    assert list(responses) == [paper.questions[0].question_id]


def test_a_killed_attempt_resumes_with_every_earlier_answer(course_dir, paper_answers, tmp_path):
    _paper, answers = paper_answers
    db = tmp_path / "d.db"
    child = spawn(course_dir, db, "--learner", "ann")
    for answer in answers[:3]:
        child.expect("Answer: ")
        child.sendline(answer)
        child.expect("Answer saved.")
    child.expect("Question 4 of 4")
    child.kill(signal.SIGKILL)
    child.close()
    _attempt, before = stored(db)
    assert len(before) == 3

    child = spawn(course_dir, db, "--learner", "ann")
    child.expect(r"Resuming attempt 1, started")
    child.expect("3 of 4 answers are already saved; continuing with the next question.")
    child.expect("Question 4 of 4 .* 3 of 4 answered")
    for answer in answers[3:]:
        child.expect("Answer: ")
        child.sendline(answer)
        child.expect("Answer saved.")
    child.expect(r"Score +4 of 4 points \(100 %\)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    attempt, after = stored(db)
    assert attempt.id == 1 and attempt.percent == 100
    assert {k: after[k] for k in before} == before


def test_piped_input_works_and_an_early_end_of_input_pauses(course_dir, tmp_path):
    bank = load_course(course_dir).module(MODULE).bank
    practice = assemble(bank, MODULE, SEED, practice=True)  # from the whole bank
    answers = typed_answers(bank, practice)
    command = [COURSEGEN, "quiz", MODULE, str(course_dir), "--db", str(tmp_path / "e.db"),
               "--seed", str(SEED), "--practice"]
    half = "\n".join(["Bo", *answers[:2]]) + "\n"
    first = subprocess.run(command, input=half, capture_output=True, text=True, timeout=60)
    assert first.returncode == 1
    assert first.stderr.strip() == ("coursegen: quiz paused: 2 answers saved in attempt 1; "
                                    "run the same command again to resume")
    assert "✓ Correct (1 of 1 point)" in first.stdout and "Answer: " + answers[1] in first.stdout
    rest = "\n".join(["Bo", *answers[2:]]) + "\n"
    second = subprocess.run(command, input=rest, capture_output=True, text=True, timeout=60)
    assert second.returncode == 0, second.stderr
    assert "Result     PASSED" in second.stdout
    assert "4 of 4 points (100 %)" in second.stdout


def test_unknown_module_is_one_clear_line(course_dir, tmp_path):
    run = subprocess.run([COURSEGEN, "quiz", "nope", str(course_dir), "--db",
                          str(tmp_path / "f.db")], capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert run.stderr == ("coursegen: no module 'nope' in this course (modules: "
                          "getting-started)\n")
