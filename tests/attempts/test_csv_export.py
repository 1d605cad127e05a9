"""Every CSV the commands write is safe to open in a spreadsheet: text never runs as a formula,
numbers stay numbers (OWASP CSV injection)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from coursegen.attempts.store import AttemptStore, NewAttempt, database_url
from coursegen.cli import cli
from coursegen.load import load_course
from coursegen.scaffold import create_course
from tests.stats.cohort import simulate_cohort

REPO = Path(__file__).resolve().parents[2]
SCAFFOLD = REPO / "src" / "coursegen" / "scaffold"
MODULE = "getting-started"
EVIL = '=HYPERLINK("http://x.example","open")'
NAMES = [EVIL, "+SUM(A1:A9)", "-2+3", "@cmd", "\tTAB", "-3.5", "Ann"]
SHOWN = ["'" + EVIL, "'+SUM(A1:A9)", "'-2+3", "'@cmd", "'\tTAB", "-3.5", "Ann"]


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_results_csv_quotes_formula_names(tmp_path):
    db = str(tmp_path / "attempts.db")
    store = AttemptStore(database_url(db))
    for learner in NAMES:
        attempt = store.start(NewAttempt(
            learner=learner, course_id="c", course_title="Course", organisation="Org",
            module=MODULE, module_title="Module", bank_version="v", seed=1, form="exam",
            practice=False, paper={"questions": []}, pass_mark=70.0))
        store.finish(attempt.id, 3.0, 6.0, 50.0, False)
    store.close()
    result = run("results", "--db", db, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["learner"] for r in rows] == SHOWN
    assert {r["percent"] for r in rows} == {"50"}


def test_grade_output_quotes_formula_names(tmp_path):
    responses = tmp_path / "responses.csv"
    # grading trims the learner cell, so a leading TAB would not survive to the output
    names = [n for n in NAMES if not n.startswith("\t")]
    lines = ["learner,dual-use"] + ['"' + name.replace('"', '""') + '",A' for name in names]
    responses.write_text("\n".join(lines) + "\n")
    out = tmp_path / "results.csv"
    result = run("grade", MODULE, str(responses), str(SCAFFOLD), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert [r["learner"] for r in rows] == [s for s in SHOWN if not s.startswith("'\t")]
    assert rows[0]["dual-use"] == "1"


def test_stats_csv_keeps_negative_numbers_numeric(tmp_path):
    create_course(tmp_path / "course")
    course = load_course(tmp_path / "course")
    db = str(tmp_path / "attempts.db")
    store = AttemptStore(database_url(db))
    # 'dual-use' is a pre-test question (an exam never draws it): a pre-test cohort.
    simulate_cohort(store, course, course.module(MODULE), learners=40, forms=("pre",),
                    miskeyed={"dual-use": 1})
    store.close()
    args = ("stats", MODULE, str(tmp_path / "course"), "--db", db, "--format")
    rows = list(csv.DictReader(io.StringIO(run(*args, "csv").stdout)))
    figures = json.loads(run(*args, "json").stdout)["forms"][0]["questions"]
    dual = next(r for r in rows if r["question_id"] == "dual-use")
    expected = next(q for q in figures if q["question_id"] == "dual-use")["discrimination"]
    assert expected < 0
    assert dual["discrimination"].startswith("-")
    assert float(dual["discrimination"]) == float(f"{expected:.6g}")
