"""What the terminal quiz shows after each answer and at the end (the bank's `review` rule),
and that a pre-test pass gets no certificate; driven through a pipe as a learner would."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from coursegen.cli import cli
from coursegen.load import load_course
from coursegen.quiz.assemble import assemble
from coursegen.scaffold import create_course
from tests.terminal.test_runner import COURSEGEN, MODULE, SEED
from tests.terminal.typing import typed_answers


@pytest.fixture(scope="module")
def course_dir(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("review") / "course"
    create_course(directory)
    return directory


def take(course_dir: Path, db: Path, form: str, *extra: str) -> tuple[str, list]:
    """Answer every question right through a pipe; the transcript and the questions asked."""
    bank = load_course(course_dir).module(MODULE).bank
    paper = assemble(bank, MODULE, SEED, form, practice="--practice" in extra)
    flag = {"pre": ["--pre"], "post": ["--post"], "exam": []}[form]
    run = subprocess.run(
        [COURSEGEN, "quiz", MODULE, str(course_dir), "--db", str(db), "--seed", str(SEED),
         "--learner", "Bo", *flag, *extra],
        input="\n".join(typed_answers(bank, paper)) + "\n", capture_output=True, text=True,
        timeout=60, env={**os.environ, "COLUMNS": "200"})
    assert run.returncode == 0, run.stderr
    return run.stdout, [bank.question(p.question_id) for p in paper.questions]


def test_a_pre_test_shows_the_score_only_and_gives_no_certificate(course_dir, tmp_path):
    target = tmp_path / "certificate.pdf"
    out, asked = take(course_dir, tmp_path / "a.db", "pre", "--certificate", str(target))
    assert "Result     PASSED" in out
    assert "Review" not in out and "You answered" not in out and "Why:" not in out
    assert all(q.explanation not in out for q in asked)
    assert "No certificate: certificates are given for a passed post-test or exam" in out
    assert not target.exists() and "Certificate code" not in out


def test_the_exam_review_marks_the_answers_without_the_key(course_dir, tmp_path):
    out, asked = take(course_dir, tmp_path / "a.db", "exam")
    assert "Review: your answers" in out and "You answered:" in out
    assert "Why:" not in out and "Correct answer:" not in out
    assert all(q.explanation not in out for q in asked)


def test_a_post_test_pass_writes_a_certificate(course_dir, tmp_path):
    target = tmp_path / "certificate.pdf"
    out, _ = take(course_dir, tmp_path / "a.db", "post", "--certificate", str(target))
    assert f"Certificate written to {target}" in out
    code = out.split("Certificate code: ")[1].split()[0]
    assert CliRunner().invoke(cli, ["certificate", "verify", code]).exit_code == 0
    assert target.read_bytes().startswith(b"%PDF")


def test_practice_shows_the_key_except_for_post_test_questions(course_dir, tmp_path):
    out, asked = take(course_dir, tmp_path / "a.db", "exam", "--practice")
    post = set(load_course(course_dir).module(MODULE).bank.forms.post)
    shown = {q.id: q.explanation.split("—")[0].strip() in out for q in asked}
    assert shown == {q.id: q.id not in post for q in asked}
    assert any(shown.values()) and not all(shown.values())
