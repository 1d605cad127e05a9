"""`coursegen grade` on a responses CSV, `coursegen results` listings and certificates."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from coursegen.attempts.store import AttemptStore, NewAttempt, database_url
from coursegen.cli import cli
from tests.pdf_tags import tagging_problems

REPO = Path(__file__).resolve().parents[2]
SCAFFOLD = REPO / "src" / "coursegen" / "scaffold"
RESPONSES = REPO / "tests" / "fixtures" / "quiz" / "responses.csv"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_grade_scores_good_rows_and_reports_bad_ones_by_line(tmp_path):
    out = tmp_path / "results.csv"
    result = run("grade", "getting-started", str(RESPONSES), str(SCAFFOLD), "-o", str(out))
    assert result.exit_code == 1
    name = str(RESPONSES)
    assert result.stderr.splitlines() == [
        f"{name}:4: question 'dual-use': 'Z' is not an option; use letters A–C; row skipped",
        f"{name}:5: the 'learner' cell is empty; row skipped",
        f"{name}:6: has 3 cells, the header has 8; row skipped",
        f"{name}:9: question 'admissible': 'maybe' is not T or F; question 'sdg': 'sixteen' "
        "is not a number; question 'record-match': give 3 letters, one for each item 1 to 3 "
        "(you gave 2); row skipped",
        f"graded 3 rows (1 passed), skipped 4; results in {out}",
    ]
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert [(r["learner"], r["earned"], r["percent"], r["passed"]) for r in rows] == [
        ("Ann", "7", "100.0", "yes"), ("Bob", "1.3333", "19.0", "no"), ("Eve", "1", "14.3", "no")]
    assert rows[1]["benefits"] == "0.5" and rows[1]["record-match"] == "0.3333"


def test_grade_refuses_a_column_that_is_not_a_question(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("learner,dual-use,benefit\nAnn,A,A\n")
    result = run("grade", "getting-started", str(bad), str(SCAFFOLD))
    assert result.exit_code == 2
    assert result.stderr == (f"coursegen: {bad}:1: column 'benefit' is not a question of "
                             "'getting-started'; did you mean 'benefits'?\n")


@pytest.fixture
def db_with_attempts(tmp_path) -> str:
    db = str(tmp_path / "attempts.db")
    store = AttemptStore(database_url(db))
    for learner, percent in (("Ann", 100.0), ("Bob", 40.0)):
        attempt = store.start(NewAttempt(
            learner=learner, course_id="c", course_title="Handling digital evidence",
            organisation="Police Academy", module="getting-started",
            module_title="Getting started with digital evidence", bank_version="v", seed=1,
            form="exam", practice=False, paper={"questions": []}, pass_mark=70.0))
        store.finish(attempt.id, percent / 100 * 6, 6.0, percent, percent >= 70)
    store.close()
    return db


def test_results_lists_filters_and_exports(db_with_attempts):
    table = run("results", "--db", db_with_attempts)
    assert "2 attempts" in table.stdout and "not passed" in table.stdout
    rows = list(csv.DictReader(io.StringIO(
        run("results", "--db", db_with_attempts, "--format", "csv").stdout)))
    assert [(r["learner"], r["percent"], r["passed"]) for r in rows] == [
        ("Ann", "100", "yes"), ("Bob", "40", "no")]
    data = json.loads(run("results", "--db", db_with_attempts, "--learner", "Bob",
                          "--format", "json").stdout)
    assert [(d["learner"], d["passed"], d["status"]) for d in data] == [("Bob", False, "finished")]
    assert json.loads(run("results", "--db", db_with_attempts, "--since", "2999-01-01",
                          "--format", "json").stdout) == []


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) not installed")
def test_certificate_of_a_passed_attempt_and_its_verification(db_with_attempts, tmp_path):
    pdf = tmp_path / "cert.pdf"
    result = run("results", "--db", db_with_attempts, "--certificate", "1", "-o", str(pdf))
    assert result.exit_code == 0
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "\f" not in text.rstrip("\f"), "the certificate must fit on one page"
    assert tagging_problems(pdf) == []
    for expected in ("Certificate of achievement", "Ann", "Getting started with digital evidence",
                     "Handling digital evidence", "100 %", "POLICE ACADEMY"):
        assert expected in text.replace("  ", " ")
    code = certificate_code_in(text)
    verify = run("certificate", "verify", code)
    assert verify.exit_code == 0
    assert verify.stdout.splitlines()[:3] == ["VALID certificate:", "  learner: Ann",
                                              "  course:  c"]
    store = AttemptStore(database_url(db_with_attempts))
    attempt_code = store.get(1).verification
    store.close()
    found = run("results", "--db", db_with_attempts, "--verify", attempt_code)
    assert found.stdout.startswith("valid: attempt 1, Ann, Getting started with digital "
                                   "evidence, 100 %, passed")
    assert "no certificate" not in found.stdout
    refused = run("results", "--db", db_with_attempts, "--certificate", "2")
    assert refused.exit_code == 2
    assert "attempt 2 is not a passed, finished post-test or exam" in refused.stderr


def certificate_code_in(text: str) -> str:
    """The verification code as printed on a certificate (it wraps over lines)."""
    after = text.split("Certificate code")[1].split(":", 1)[1]
    return "".join(after.split("Anyone can check")[0].split())


def _paper_sheet(path: Path, form: str, rows: dict[str, bool]) -> Path:
    """A CSV of a printed test, typed as printed: full marks for True rows, blank for False."""
    from coursegen.load import load_course
    from coursegen.quiz.engine import keyed_response
    from coursegen.quiz.presentation import printed_paper
    from tests.terminal.typing import typed_answer

    bank = load_course(SCAFFOLD).module("getting-started").bank
    paper = printed_paper(bank, "getting-started", form)
    lines = io.StringIO()
    writer = csv.writer(lines)
    writer.writerow(["learner", *(p.question_id for p in paper.questions)])
    for learner, right in rows.items():
        writer.writerow([learner, *(
            typed_answer(bank.question(p.question_id), p.order,
                         keyed_response(bank.question(p.question_id))) if right else ""
            for p in paper.questions)])
    path.write_text(lines.getvalue())
    return path


def test_paper_attempts_stored_with_db_count_in_results_and_the_gain(tmp_path):
    db = str(tmp_path / "attempts.db")
    pre = _paper_sheet(tmp_path / "pre.csv", "pre", {"Ann": False, "Bob": False})
    post = _paper_sheet(tmp_path / "post.csv", "post", {"Ann": True, "Bob": True})
    for form, sheet, day in (("pre", pre, "2026-11-02"), ("post", post, "2026-11-06")):
        result = run("grade", "getting-started", str(sheet), str(SCAFFOLD), "--form", form,
                     "--date", day, "--session", "ab12", "--db", db)
        assert result.exit_code == 0, result.stderr
        assert f"stored 2 paper attempts ({form}-test)" in result.stderr
    rows = list(csv.DictReader(io.StringIO(run("results", "--db", db, "--format", "csv").stdout)))
    assert [(r["learner"], r["form"], r["percent"]) for r in rows] == [
        ("Ann", "pre", "0"), ("Bob", "pre", "0"), ("Ann", "post", "100"), ("Bob", "post", "100")]
    stats = json.loads(run("stats", "getting-started", str(SCAFFOLD), "--db", db,
                           "--format", "json").stdout)
    assert stats["gain"]["overall"]["matched"] == 2
    assert [(g["learner"], g["pre"], g["post"]) for g in stats["gain"]["learners"]] == [
        ("Ann", 0.0, 100.0), ("Bob", 0.0, 100.0)]


def test_grade_needs_the_form_to_store_paper_attempts(tmp_path):
    sheet = _paper_sheet(tmp_path / "post.csv", "post", {"Ann": True})
    result = run("grade", "getting-started", str(sheet), str(SCAFFOLD), "--db",
                 str(tmp_path / "a.db"))
    assert result.exit_code == 2
    assert "add --form pre or --form post" in result.stderr


def test_results_fit_an_80_column_terminal_with_every_result_whole(tmp_path):
    db = str(tmp_path / "attempts.db")
    store = AttemptStore(database_url(db))
    for learner, module, percent in (
            ("Nadia Okafor-Whitfield", "handling-digital-evidence-at-the-scene", 100.0),
            ("Sgt. Tomás Reyes (Cybercrime Unit)", "chain-of-custody-and-documentation", 40.0),
            ("Ana", "getting-started", None)):
        attempt = store.start(NewAttempt(
            learner=learner, course_id="c", course_title="Handling digital evidence",
            organisation="Police Academy", module=module, module_title="A module",
            bank_version="v", seed=1, form="exam", practice=False, paper={"questions": []},
            pass_mark=70.0))
        if percent is not None:
            store.finish(attempt.id, percent / 100 * 6, 6.0, percent, percent >= 70)
    store.close()
    shown = subprocess.run([sys.executable, "-m", "coursegen", "results", "--db", db],
                           capture_output=True, text=True, check=True,
                           env={**os.environ, "COLUMNS": "80", "TERM": "dumb"}).stdout
    lines = shown.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 80
    header = next(line for line in lines if "Learner" in line)
    assert header.split() == ["ID", "Learner", "Module", "Kind", "Started", "Score", "Result"]
    results = [line[header.index("Result"):].strip() for line in lines
               if line[:5].strip().isdigit()]
    assert results == ["passed", "not passed", "in progress"]
