"""The trainer pages and `coursegen stats` give the same figures: one engine, compared."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from coursegen.cli import cli
from coursegen.quiz.assemble import assemble
from tests.stats.cohort import simulate_cohort
from tests.terminal.typing import typed_answers
from tests.web.setup import MODULE, make_rig
from tests.web.test_trainer import trainer

CELL = r'<td(?: data-label="[^"]*")?>'
SUMMARY = re.compile(rf'<tr class="summary">{CELL}<a [^>]*>[^<]*</a></td>{CELL}([^<]*)</td>'
                     rf"{CELL}(\d+)</td>{CELL}(\d+)</td>{CELL}([^<]*)</td>{CELL}([^<]*)</td>"
                     rf"{CELL}([^<]*)</td></tr>")
FIGURES = re.compile(r" · ([A-Za-z-]+ ?[a-z]*): asked (\d+) · facility <strong>([^<]*)</strong>"
                     r" · discrimination <strong>([^<]*)</strong>")


@pytest.fixture
def cohort_rig(tmp_path):
    """Twelve learners took the pre-test, post-test and final test; one learner then ran a
    practice quiz in the terminal and got everything right."""
    rig = make_rig(tmp_path)
    module = rig.course.module(MODULE)
    simulate_cohort(rig.store, rig.course, module, learners=12, seed=3)
    paper = assemble(module.bank, MODULE, 5, practice=True)
    typed = "\n".join(typed_answers(module.bank, paper)) + "\n"
    quiz = subprocess.run(
        [sys.executable, "-m", "coursegen", "quiz", MODULE, str(rig.folder / "course"),
         "--db", str(rig.folder / "attempts.sqlite3"), "--practice", "--learner", "Pat Practice",
         "--seed", "5"], input=typed, capture_output=True, text=True, timeout=120,
        env={**os.environ, "COLUMNS": "120"})
    assert quiz.returncode == 0, quiz.stdout + quiz.stderr
    assert "Practice quiz" in quiz.stdout and "100 %" in quiz.stdout
    yield rig
    rig.close()


def stats_json(rig) -> dict:
    result = CliRunner().invoke(cli, ["stats", MODULE, str(rig.folder / "course"), "--db",
                                      str(rig.folder / "attempts.sqlite3"), "--all-attempts",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def shown(value, digits: int) -> str:
    return "n/d" if value is None else f"{value:.{digits}f}"


def test_dashboard_figures_are_those_of_coursegen_stats(cohort_rig):
    page = trainer(cohort_rig).get(f"/trainer?module={MODULE}").text
    rows = {test: rest for test, *rest in SUMMARY.findall(page)}
    expected = {form["title"]: form["overall"] for form in stats_json(cohort_rig)["forms"]}
    assert set(rows) == {*expected, "Practice"}
    for title, overall in expected.items():
        started, in_progress, finished, mean, pass_rate = rows[title]
        assert (started, in_progress) == ("12", "0")
        assert finished == str(overall["attempts"]) == "12"
        assert mean == f"{shown(overall['mean'], 1)} %"
        assert pass_rate == f"{shown(overall['pass_rate'], 1)} %"
    # The practice run is listed as practice and kept out of every scored figure.
    assert rows["Practice"] == ["1", "0", "1", "–", "–"]
    learner_row = page.split(">Pat Practice</a>")[1].split("</tr>")[0]
    assert "(practice)" in learner_row
    export = trainer(cohort_rig).get(f"/trainer/export.csv?module={MODULE}").text
    forms = [(row["learner"], row["form"]) for row in csv.DictReader(io.StringIO(export))]
    assert [form for learner, form in forms if learner == "Pat Practice"] == ["practice"]
    assert sorted(form for learner, form in forms if learner == "learner-000") == [
        "exam", "post", "pre"]


def test_question_figures_are_those_of_coursegen_stats(cohort_rig):
    page = trainer(cohort_rig).get(f"/trainer/modules/{MODULE}").text
    data = stats_json(cohort_rig)
    assert "Over 36 finished attempts" in page
    compared = 0
    for form in data["forms"]:
        for item in form["questions"]:
            card = page.split(f'<span class="number">{item["question_id"]}</span>')[1]
            card = card.split('<li class="card">')[0]
            figures = {test: rest for test, *rest in FIGURES.findall(html.unescape(card))}
            assert figures[form["title"]] == [
                str(item["attempts"]), shown(item["facility"], 2),
                shown(item["discrimination"], 0)]
            for flag in item["flags"]:
                assert html.escape(f"{form['title']}: {flag['message']}") in card
            compared += 1
    assert compared >= 12
