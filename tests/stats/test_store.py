"""The bulk attempts query behind `coursegen stats`, on SQLite and (when given) PostgreSQL."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from coursegen.attempts.matrix import response_matrix
from coursegen.attempts.store import AttemptStore, NewAttempt, database_url
from tests.postgres import postgres_schema

QUESTIONS = ["q1", "q2", "q3"]


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        store = AttemptStore(database_url(str(tmp_path / "attempts.sqlite3")))
        yield store
        store.close()
        return
    with postgres_schema("stats_query") as url:
        store = AttemptStore(url)
        yield store
        store.close()


def take(store, learner, form, paper_ids, answers, when, session=None):
    """Start, answer (question id → (response, fraction)) and finish one attempt."""
    record = store.start(NewAttempt(
        learner=learner, course_id="c", course_title="C", organisation="O", module="m",
        module_title="M", bank_version="v", seed=1, form=form, practice=False,
        paper={"questions": [{"id": q, "order": [0, 1, 2]} for q in paper_ids]},
        pass_mark=70.0, session=session), when=when)
    for position, (qid, (response, fraction)) in enumerate(answers.items(), start=1):
        store.save_response(record.id, qid, position, response, 2.0 if qid == "q2" else 1.0,
                            fraction, when=when)
    store.finish(record.id, 0, 1, 0, False, when=when)
    return record


def day(n):
    return dt.datetime(2026, 3, n, 9, tzinfo=dt.UTC)


def test_matrix_marks_unanswered_as_zero_and_questions_off_the_paper_as_nan(store):
    take(store, "ann", "exam", ["q1", "q2"], {"q1": (0, 1.0)}, day(1))
    take(store, "bob", "exam", ["q3", "q2", "q1"], {"q2": ([0, 2], 0.5), "q3": ("x", 0.0)},
         day(2))
    data = response_matrix(store, "m", QUESTIONS, text_ids=["q1", "q2"])
    assert list(data["learners"]) == ["ann", "bob"]
    np.testing.assert_array_equal(data["scores"], [[1.0, 0.0, np.nan], [0.0, 1.0, 0.0]])
    assert data["responses"][0, 0] == "0"
    assert data["responses"][1, 1] == "[0, 2]"
    assert data["responses"][1, 2] is None  # q3's text was not asked for


def test_first_attempt_per_learner_and_form_unless_all_are_asked_for(store):
    take(store, "ann", "exam", QUESTIONS, {"q1": (0, 0.0)}, day(1))
    take(store, "ann", "exam", QUESTIONS, {"q1": (0, 1.0)}, day(3))
    take(store, "ann", "pre", QUESTIONS, {"q1": (1, 0.0)}, day(2))
    take(store, "cy", "exam", QUESTIONS, {"q1": (0, 1.0)}, day(4), session="TUE-2")
    first = response_matrix(store, "m", QUESTIONS)
    assert list(zip(first["learners"], first["forms"], strict=True)) == [
        ("ann", "exam"), ("ann", "pre"), ("cy", "exam")]
    assert first["scores"][0, 0] == 0.0  # ann's first exam, not her retake
    every = response_matrix(store, "m", QUESTIONS, first_only=False)
    assert len(every["learners"]) == 4
    since = response_matrix(store, "m", QUESTIONS, since=day(3), first_only=False)
    assert list(since["learners"]) == ["ann", "cy"]
    assert list(first["sessions"]) == [None, None, "TUE-2"]
    in_session = response_matrix(store, "m", QUESTIONS, session="tue-2")
    assert list(in_session["learners"]) == ["cy"]


def test_open_practice_and_other_modules_attempts_are_left_out(store):
    take(store, "ann", "exam", QUESTIONS, {"q1": (0, 1.0)}, day(1))
    store.start(NewAttempt("bob", "c", "C", "O", "m", "M", "v", 1, "exam", False,
                           {"questions": [{"id": "q1", "order": []}]}, 70.0))
    practice = store.start(NewAttempt("cy", "c", "C", "O", "m", "M", "v", 1, "exam", True,
                                      {"questions": [{"id": "q1", "order": []}]}, 70.0))
    store.finish(practice.id, 1, 1, 100, True)
    data = response_matrix(store, "m", QUESTIONS)
    assert list(data["learners"]) == ["ann"]
    assert response_matrix(store, "other", QUESTIONS)["scores"].shape == (0, 3)


def test_more_than_62_questions_are_folded_into_several_masks(store):
    many = [f"q{j}" for j in range(70)]
    take(store, "ann", "exam", many[60:66], {"q65": (0, 1.0)}, day(1))
    scores = response_matrix(store, "m", many)["scores"][0]
    assert np.flatnonzero(~np.isnan(scores)).tolist() == list(range(60, 66))
    assert scores[65] == 1.0

