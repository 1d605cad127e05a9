"""`coursegen stats` end to end: a simulated cohort in a real SQLite store, every output format."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from coursegen.attempts.sessions import SessionBook
from coursegen.attempts.store import AttemptStore, database_url
from coursegen.cli import cli
from coursegen.load import load_course
from coursegen.scaffold import create_course
from tests.pdf_tags import tagging_problems
from tests.stats.cohort import simulate_cohort

MODULE = "getting-started"
LEARNERS = 60


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    """The starter course and a database where 60 learners took the pre-test, post-test and
    final test; the bank keys option A of `dual-use`, but option B is what strong learners pick."""
    root = tmp_path_factory.mktemp("stats")
    create_course(root / "course")
    # The final test asks `dual-use` here: it moves from the pre-test and the first knowledge
    # check (an exam never draws a question learners met before) to the post-test.
    bank = root / "course" / "quizzes" / f"{MODULE}.yaml"
    bank.write_text(bank.read_text().replace(
        "  pre: [dual-use, safeguard-order]\n  post: [benefits,",
        "  pre: [safeguard-order]\n  post: [dual-use, benefits,"))
    lesson = root / "course" / "modules" / MODULE / "01-double-edged.yaml"
    lesson.write_text(lesson.read_text().replace("question: dual-use", "question: safeguard-order"))
    course = load_course(root / "course")
    db = root / "attempts.sqlite3"
    store = AttemptStore(database_url(str(db)))
    SessionBook(store).set_session("mon-1", is_open=True)
    simulate_cohort(store, course, course.module(MODULE), learners=LEARNERS,
                    miskeyed={"dual-use": 1},
                    session_of=lambda learner: "MON-1" if learner < "learner-020" else None)
    store.close()
    return root


def run(cohort: Path, *args: str):
    result = CliRunner().invoke(cli, ["stats", MODULE, str(cohort / "course"),
                                      "--db", str(cohort / "attempts.sqlite3"), *args])
    return result


@pytest.fixture(scope="module")
def as_json(cohort):
    result = run(cohort, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_table_shows_what_to_fix_and_the_gain(cohort):
    result = run(cohort)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Getting started with digital evidence (getting-started): quiz statistics" in out
    assert f"Final test: {LEARNERS} attempts" in out
    assert "What to fix" in out
    assert "the top group chose option B (It is too costly for most police" in out
    assert "check the answer key" in out
    assert "Learning gain (pre-test → post-test, matched by learner)" in out


def test_json_has_every_form_the_miskeyed_flag_and_the_matched_gain(as_json):
    assert [f["form"] for f in as_json["forms"]] == ["exam", "pre", "post"]
    exam = as_json["forms"][0]
    assert exam["overall"]["attempts"] == LEARNERS
    dual_use = next(q for q in exam["questions"] if q["question_id"] == "dual-use")
    assert "likely-wrong-key" in {f["code"] for f in dual_use["flags"]}
    assert dual_use["discrimination"] < 0
    assert [o["keyed"] for o in dual_use["options"]] == [True, False, False]
    assert as_json["gain"]["overall"]["matched"] == LEARNERS
    assert as_json["gain"]["overall"]["mean_post"] > as_json["gain"]["overall"]["mean_pre"]
    assert as_json["first_only"] is True and as_json["pass_mark"] == 70


def test_json_facility_agrees_with_the_attempts_read_one_by_one(cohort, as_json):
    store = AttemptStore(database_url(str(cohort / "attempts.sqlite3")))
    try:
        earned = asked = 0.0
        for record in store.list_attempts(MODULE):
            questions = [q["id"] for q in record.paper["questions"]]
            if record.form != "exam" or "benefits" not in questions:
                continue
            asked += 1
            with store._read() as conn:  # the slow, obvious way: one attempt at a time
                rows = conn.exec_driver_sql(
                    "SELECT points * fraction FROM responses WHERE attempt_id = ? AND "
                    "question_id = 'benefits'", (record.id,)).fetchall()
            earned += rows[0][0] if rows else 0.0
    finally:
        store.close()
    exam = as_json["forms"][0]
    benefits = next(q for q in exam["questions"] if q["question_id"] == "benefits")
    assert benefits["attempts"] == asked
    assert benefits["facility"] == pytest.approx(earned / asked)


def test_csv_has_one_row_per_question_per_form(cohort, as_json):
    result = run(cohort, "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == sum(len(f["questions"]) for f in as_json["forms"])
    dual_use = next(r for r in rows if r["form"] == "exam" and r["question_id"] == "dual-use")
    assert "likely-wrong-key" in dual_use["flags"].split()


def test_session_filter_keeps_the_attempts_started_in_that_session(cohort):
    result = run(cohort, "--session", "mon-1", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["session"] == "MON-1"
    assert data["gain"]["overall"]["matched"] == 20
    assert [s["cohort"] for s in data["gain"]["sessions"]] == ["MON-1"]
    missing = run(cohort, "--session", "TUE")
    assert missing.exit_code == 2
    assert "there is no session 'TUE'" in missing.output


def test_since_a_later_date_finds_nothing_and_says_so(cohort):
    result = run(cohort, "--since", "2999-01-01")
    assert result.exit_code == 0
    assert "No finished attempts match; nothing to analyse yet." in result.output


def test_unknown_module_is_one_clear_line(cohort):
    result = CliRunner().invoke(cli, ["stats", "nope", str(cohort / "course"),
                                      "--db", str(cohort / "attempts.sqlite3")])
    assert result.exit_code == 2
    assert result.output.strip().startswith("coursegen: no module 'nope' in this course")


def test_html_report_stands_alone_with_three_charts(cohort):
    target = cohort / "report.html"
    result = run(cohort, "--format", "html", "-o", str(target))
    assert result.exit_code == 0, result.output
    html = target.read_text()
    charts = re.findall(r'<img src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]+)"', html)
    assert len(charts) == 1 + 2 * 3  # pre/post pairs + histogram and scatter per form
    assert all(base64.b64decode(data).lstrip().startswith(b"<?xml") for data, _ in charts)
    assert "Getting started with digital evidence: results and item analysis" in html
    assert not re.search(r"\bnan\b", html, re.IGNORECASE)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) not installed")
@pytest.mark.slow  # a WeasyPrint report with charts
def test_pdf_report_reads_as_a_report(cohort):
    result = run(cohort, "--format", "pdf")
    assert result.exit_code == 0, result.output
    target = cohort / "course" / "build" / "stats" / f"{MODULE}.pdf"
    assert f"report written to {target}" in result.output
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True,
                          text=True, check=True).stdout
    for expected in ("item analysis", "Learning gain", "What to fix in the question",
                     "dual-use", "check the answer key", "Distractor analysis",
                     "Mastery by objective", "How to read these figures", "Page 1 of"):
        assert expected in text
    assert tagging_problems(target) == []


def test_shipped_course_modules_with_no_attempts_yet(shipped_course, tmp_path):
    course = load_course(shipped_course)
    banked = [m.id for m in course.modules if m.bank is not None]
    assert banked
    for module_id in banked:
        result = CliRunner().invoke(cli, ["stats", module_id, str(shipped_course),
                                          "--db", str(tmp_path / "empty.sqlite3")])
        assert result.exit_code == 0, result.output
        assert "No finished attempts match; nothing to analyse yet." in result.output


def test_shipped_course_first_quiz_with_a_small_cohort(shipped_course, tmp_path):
    course = load_course(shipped_course)
    module = next(m for m in course.modules if m.bank is not None)
    store = AttemptStore(database_url(str(tmp_path / "a.sqlite3")))
    simulate_cohort(store, course, module, learners=15, forms=("exam",))
    store.close()
    result = CliRunner().invoke(cli, ["stats", module.id, str(shipped_course), "--db",
                                      str(tmp_path / "a.sqlite3"), "--format", "json"])
    assert result.exit_code == 0, result.output
    exam = json.loads(result.output)["forms"][0]
    assert exam["overall"]["attempts"] == 15
    assert {q["question_id"] for q in exam["questions"]} <= {q.id for q in module.bank.questions}
