"""Every output handles every question type the model knows (`QUESTION_TYPES`), not only the
types the starter bank happens to hold: a small course with one question of each type goes
through the deck, handout, site, LMS formats, terminal, web, CSV grading and statistics."""

from __future__ import annotations

import csv
import html
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from coursegen.attempts.store import open_store
from coursegen.checks import check_course
from coursegen.export.lms import FORMATS, export_module
from coursegen.load import load_course
from coursegen.model import QUESTION_TYPES
from coursegen.quiz.answers import parse_answer
from coursegen.quiz.assemble import assemble
from coursegen.quiz.batch import grade_file
from coursegen.quiz.engine import keyed_response, score
from coursegen.quiz.presentation import bank_order
from coursegen.render.options import RenderOptions
from coursegen.scaffold import create_course
from coursegen.stats.analysis import analyse
from coursegen.stats.load import load_matrix
from coursegen.web.app import create_app
from tests.stats.cohort import simulate_cohort
from tests.terminal.typing import typed_answer
from tests.web.client import WebClient
from tests.web.setup import form_fields, join, paper_of, start

pytestmark = pytest.mark.slow

MODULE = "getting-started"
CITE = ["unodc-ws4-2020#74"]
SAMPLES: dict[str, dict] = {
    "single": {"options": [{"text": "Photograph it in place", "correct": True},
                           {"text": "Switch it off at once"}, {"text": "Browse its files"}]},
    "multiple": {"options": [{"text": "Who seized it", "correct": True},
                             {"text": "When it was seized", "correct": True},
                             {"text": "The officer's shoe size"}]},
    "true-false": {"answer": True},
    "short-answer": {"answers": ["chain of custody"]},
    "numeric": {"answer": 16, "tolerance": 0},
    "matching": {"pairs": [{"left": "Seizure", "right": "Who, where and when"},
                           {"left": "Extraction", "right": "Tool and version"},
                           {"left": "Analysis", "right": "Every query run"}]},
    "ordering": {"items": ["Seizure", "Extraction", "Analysis", "Presentation in court"]},
}
"""A valid question body for each type; the test fails when the model gains a type."""


def stem(kind: str) -> str:
    return f"Sample {kind} question about handling a seized phone?"


@pytest.fixture(scope="module")
def course_dir(tmp_path_factory) -> Path:
    """The starter course whose bank holds one question of each type, each also shown as a
    knowledge-check slide."""
    assert set(SAMPLES) == set(QUESTION_TYPES), "add a sample question for each new type"
    root = tmp_path_factory.mktemp("types") / "course"
    create_course(root)
    questions = [{"id": f"q-{kind}", "type": kind, "objective": "apply-safeguards",
                  "stem": stem(kind), **body, "explanation": f"Explained: {kind}.",
                  "cite": list(CITE)} for kind, body in SAMPLES.items()]
    questions[0]["objective"] = "explain-dual-use"
    ids = [question["id"] for question in questions]
    # Every question is also a knowledge check, so the drawn exam has none left: the web
    # attempt below takes the post-test form, which opts in to that exposure.
    bank = {"module": MODULE, "settings": {"pass_mark": 70, "shuffle": True},
            "forms": {"post": ids, "exposed": list(ids)}, "questions": questions}
    (root / "quizzes" / f"{MODULE}.yaml").write_text(yaml.safe_dump(bank, sort_keys=False))
    for lesson in sorted((root / "modules" / MODULE).glob("0*.yaml")):
        data = yaml.safe_load(lesson.read_text())
        slides = [s for s in data["slides"] if s.get("kind") != "knowledge-check"]
        if lesson.name.startswith("02"):
            slides[-1:-1] = [{"kind": "knowledge-check", "question": f"q-{kind}",
                              "notes": "Reveal the answer.", "minutes": 1} for kind in SAMPLES]
        data["slides"] = slides
        lesson.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return root


@pytest.fixture(scope="module")
def course(course_dir):
    loaded = load_course(course_dir)
    errors = [d for d in check_course(loaded) if d.severity == "error"]
    assert errors == []
    return loaded


@pytest.fixture(scope="module")
def bank(course):
    return course.module(MODULE).bank


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_bank_holds_every_type(bank):
    assert sorted(q.type for q in bank.questions) == sorted(QUESTION_TYPES)


def test_deck_has_a_knowledge_check_slide_for_each_type(course, tmp_path):
    from pptx import Presentation

    from coursegen.render.deck import render_decks

    paths = render_decks(course, tmp_path, RenderOptions())
    deck = next(p for p in paths if p.suffix == ".pptx" and MODULE in p.name)
    slides = [" ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
              for slide in Presentation(str(deck)).slides]
    for kind in QUESTION_TYPES:
        assert sum(stem(kind) in flat(text) for text in slides) == 1, kind


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext not installed")
def test_handout_prints_each_type(course, tmp_path):
    from coursegen.render.handout import render_handouts

    paths = render_handouts(course, tmp_path, RenderOptions(course_outputs=False))
    for pdf in [p for p in paths if p.suffix == ".pdf"]:
        text = flat(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                   text=True, check=True).stdout)
        for kind in QUESTION_TYPES:
            assert stem(kind) in text, (pdf.name, kind)


def test_site_shows_each_type(course, tmp_path):
    from coursegen.render.site import render_site

    paths = render_site(course, tmp_path, RenderOptions())
    pages = " ".join(html.unescape(p.read_text()) for p in paths if p.suffix == ".html")
    for kind in QUESTION_TYPES:
        assert stem(kind) in pages, kind


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_lms_format_exports_each_type(course, tmp_path, fmt):
    path, warnings = export_module(course, course.module(MODULE), fmt, tmp_path)
    assert path is not None and path.stat().st_size > 0
    for warning in warnings:  # what a format cannot carry is said, and where
        assert warning.location is not None and warning.location.line, warning


def test_terminal_scores_each_type_as_typed(bank):
    paper = assemble(bank, MODULE, 11)
    assert len(paper.questions) == len(QUESTION_TYPES)
    for presented in paper.questions:
        question = bank.question(presented.question_id)
        typed = typed_answer(question, presented.order, keyed_response(question))
        response = parse_answer(question, typed, presented.order)
        assert score(question, response, bank.settings.scoring).fraction == 1.0, question.type


def test_web_takes_each_type(course, tmp_path):
    store = open_store(str(tmp_path / "web.sqlite3"))
    client = WebClient(create_app(course, store, None, secret_key="k"))
    try:
        join(client, "Ana")
        uid = start(client, form="post")
        record, paper = paper_of(store, uid)
        for number, presented in enumerate(paper.questions, 1):
            question = course.module(MODULE).bank.question(presented.question_id)
            page = client.get(f"/a/{uid}/{number}")
            assert stem(question.type) in html.unescape(page.text)
            saved = client.post(f"/a/{uid}/{number}",
                                form_fields(question, number, keyed_response(question)))
            assert saved.status_code == 303, (question.type, saved.text)
        client.post(f"/a/{uid}/submit")
        result = html.unescape(client.get(f"/a/{uid}/result").text)
        assert re.search(r"\b100 %", result)
        assert store.get(record.id).percent == 100.0
        assert set(store.responses(record.id)) == {f"q-{k}" for k in QUESTION_TYPES}
    finally:
        client.close()
        store.close()


def test_grade_scores_each_type_from_a_csv(course, bank, tmp_path):
    header = ["learner", *(q.id for q in bank.questions)]
    # the answers as printed: letters in each question's one presentation order
    row = ["Ana", *(typed_answer(q, bank_order(bank, q, MODULE), keyed_response(q))
                    for q in bank.questions)]
    sheet = tmp_path / "responses.csv"
    out = io.StringIO()
    csv.writer(out).writerows([header, row])
    sheet.write_text(out.getvalue())
    batch = grade_file(course, course.module(MODULE), sheet)
    assert batch.skipped == ()
    (graded,) = batch.graded
    assert [s.fraction for s in graded.result.scores] == [1.0] * len(QUESTION_TYPES)


def test_stats_analyse_each_type(course, bank, tmp_path):
    store = open_store(str(tmp_path / "stats.sqlite3"))
    try:
        simulate_cohort(store, course, course.module(MODULE), learners=20, forms=("exam",))
        stats = analyse(load_matrix(store, MODULE, bank), course.pass_mark(course.module(MODULE)))
    finally:
        store.close()
    (form,) = stats.forms
    kinds = {item.kind: item for item in form.items}
    assert set(kinds) == set(QUESTION_TYPES)
    for kind, item in kinds.items():
        assert item.attempts == 20 and item.facility is not None, kind
