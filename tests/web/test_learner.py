"""The learner's side of `coursegen serve`, in-process: join, answer, resume, time limit, result."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from coursegen.attempts import lifecycle
from coursegen.attempts.store import now as store_now
from coursegen.model.citing import full_citation
from coursegen.web.forms import form_values
from tests.web.setup import (
    MODULE,
    form_fields,
    join,
    make_rig,
    paper_of,
    right_answers,
    start,
)


@pytest.fixture
def immediate(tmp_path):
    """The starter course with immediate feedback showing the key, and one attempt allowed."""
    rig = make_rig(tmp_path, "  feedback: immediate\n  review: key\n  attempts: 1\n")
    yield rig
    rig.close()


def test_the_start_page_asks_for_a_name_with_a_labelled_field(rig):
    page = rig.client().get("/")
    assert page.status_code == 200
    assert '<label for="name">Your name or ID</label>' in page.text
    assert 'id="name" name="name"' in page.text
    assert 'name="csrf"' in page.text


def test_joining_without_a_name_says_what_to_do(rig):
    client = rig.client()
    client.get("/")
    page = client.post("/join", {"name": "   ", "session": ""})
    assert page.status_code == 422
    assert "Enter your name or ID" in page.text
    assert 'aria-invalid="true"' in page.text


def test_a_joined_learner_sees_the_modules_and_can_start(rig):
    client = rig.client()
    join(client)
    home = client.get("/")
    assert "Getting started with digital evidence" in home.text
    assert "Start the quiz" in home.text
    assert "4 questions · 10 minutes · pass mark 70 %" in home.text
    uid = start(client)
    assert len(uid) == 32
    page = client.get(f"/a/{uid}/1")
    assert page.status_code == 200
    assert "Question 1 of 4" in page.text
    assert "Time left:" in page.text


def test_no_page_carries_the_answer_key_before_submission(rig):
    client = rig.client()
    join(client)
    uid = start(client)
    _, paper = paper_of(rig.store, uid)
    bank = rig.course.module(MODULE).bank
    pages = [client.get(f"/a/{uid}/{n}").text for n in range(1, len(paper.questions) + 1)]
    pages += [client.get(f"/a/{uid}/all").text, client.get(f"/a/{uid}/review").text]
    secrets_ = set()
    for question in bank.questions:
        secrets_.add(question.explanation)
        for option in getattr(question, "options", ()):
            if option.feedback:
                secrets_.add(option.feedback)
        for text in (getattr(question, "feedback_true", None),
                     getattr(question, "feedback_false", None)):
            if text:
                secrets_.add(text.replace("—", "&mdash;").split(" — ")[0])
    secrets_ |= {"chain of custody", "custody chain", "correct", "fraction", "keyed"}
    for page in pages:
        lowered = page.lower()
        for secret in secrets_:
            assert secret.lower() not in lowered, secret
    # the ordering question's items are never shown in their right order
    ordering = bank.question("safeguard-order")
    assert " ".join(ordering.items) not in " ".join(pages)


def test_each_answer_is_saved_on_the_server_as_it_is_given(rig):
    client = rig.client()
    join(client)
    uid = start(client)
    record, paper = paper_of(rig.store, uid)
    for number, (question, response) in enumerate(right_answers(rig.course, paper), 1):
        reply = client.post(f"/a/{uid}/{number}", [*form_fields(question, number, response),
                                                   ("action", "next")])
        assert reply.status_code == 303
        assert rig.store.responses(record.id)[question.id] == response
    assert reply.headers["location"] == f"/a/{uid}/review"


def test_a_submitted_attempt_shows_score_objectives_explanations_and_sources(make_web_rig):
    rig = make_web_rig(settings="  review: key\n")
    client = rig.client()
    join(client)
    uid = start(client)
    _, paper = paper_of(rig.store, uid)
    answers = right_answers(rig.course, paper)
    for number, (question, response) in enumerate(answers, 1):
        client.post(f"/a/{uid}/{number}", form_fields(question, number, response))
    review = client.get(f"/a/{uid}/review")
    assert "you have answered 4 of 4 questions" in review.text
    done = client.post(f"/a/{uid}/submit")
    assert done.headers["location"] == f"/a/{uid}/result"
    result = client.follow(done)
    assert "100 %" in result.text and "Passed" in result.text
    module = rig.course.module(MODULE)
    for objective in module.objectives:
        assert objective.text.split("*")[0] in result.text
    assert answers[0][0].explanation.split("—")[0] in result.text
    for question, _ in answers:
        for cite in question.cite:
            assert html.escape(full_citation(rig.course, cite), quote=False) in result.text
    assert "para." in result.text
    assert "certificate.pdf" in result.text
    pdf = client.get(f"/a/{uid}/certificate.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    record, _ = paper_of(rig.store, uid)
    assert record.status == "finished" and record.percent == 100


def test_closing_the_browser_and_coming_back_resumes_with_answers_kept(rig):
    first = rig.client()
    join(first)
    uid = start(first)
    _, paper = paper_of(rig.store, uid)
    (question, response), *_ = right_answers(rig.course, paper)
    first.post(f"/a/{uid}/1", [*form_fields(question, 1, response), ("action", "next")])
    again = rig.client()  # a new browser process with the persistent cookies of the old one
    for cookie in first.cookies.jar:
        again.cookies.set(cookie.name, cookie.value)
    home = again.get("/")
    assert "Resume your attempt" in home.text
    entry = again.get(f"/a/{uid}")
    assert entry.headers["location"] == f"/a/{uid}/2"
    page = again.get(f"/a/{uid}/1")
    assert "1 answered" in page.text
    for key, value in form_values(question, response).items():  # the saved answer is filled in
        for one in sorted(value) if isinstance(value, set) else [value]:
            shown = (rf'name="q1" id="[^"]+" value="{one}" checked' if isinstance(value, set)
                     else rf'value="{re.escape(one)}"' if key == ""
                     else rf'name="q1{key}">.*?<option value="{one}" selected')
            assert re.search(shown, page.text), shown
    restart = again.post("/start", {"module": MODULE, "form": "exam", "layout": "one"})
    assert restart.headers["location"] == f"/a/{uid}/1"


def test_the_server_ends_the_attempt_when_time_is_up(rig, monkeypatch):
    client = rig.client()
    join(client)
    uid = start(client)
    record, paper = paper_of(rig.store, uid)
    (question, response), *_ = right_answers(rig.course, paper)
    later = store_now() + dt.timedelta(minutes=11)
    monkeypatch.setattr(lifecycle, "now", lambda: later)
    late = client.post(f"/a/{uid}/1", form_fields(question, 1, response))
    assert late.headers["location"] == f"/a/{uid}/result"
    assert rig.store.responses(record.id) == {}
    finished, _ = paper_of(rig.store, uid)
    assert finished.status == "finished" and finished.timed_out
    assert "Time was up" in client.get(f"/a/{uid}/result").text


def test_an_invalid_answer_is_explained_and_not_saved(rig):
    client = rig.client()
    join(client)
    uid = start(client, form="pre")  # the pre-test form always has the ordering question
    record, paper = paper_of(rig.store, uid)
    number = next(i for i, p in enumerate(paper.questions, 1)
                  if p.question_id == "safeguard-order")
    page = client.post(f"/a/{uid}/{number}", {f"q{number}-0": "0", f"q{number}-1": "0",
                                              f"q{number}-2": "1", f"q{number}-3": "2"})
    assert page.status_code == 422
    assert "use each item once" in page.text
    assert "safeguard-order" not in rig.store.responses(record.id)


def test_autosave_answers_in_json_without_a_reload(rig):
    client = rig.client()
    join(client)
    uid = start(client)
    record, paper = paper_of(rig.store, uid)
    (question, response), *_ = right_answers(rig.course, paper)
    reply = client.post(f"/a/{uid}/1", form_fields(question, 1, response),
                        headers={"x-autosave": "1"})
    assert reply.status_code == 200
    assert reply.json() == {"saved": True, "answered": 1}
    assert rig.store.responses(record.id)[question.id] == response


def test_all_questions_on_one_page_are_saved_together(rig):
    client = rig.client()
    join(client)
    uid = start(client, layout="all")
    record, paper = paper_of(rig.store, uid)
    page = client.get(f"/a/{uid}/all")
    assert page.text.count('<fieldset class="question"') == len(paper.questions)
    fields = [("action", "review")]
    for number, (question, response) in enumerate(right_answers(rig.course, paper), 1):
        fields += form_fields(question, number, response)
    reply = client.post(f"/a/{uid}/all", fields)
    assert reply.headers["location"] == f"/a/{uid}/review"
    assert len(rig.store.responses(record.id)) == len(paper.questions)


def test_a_finished_attempt_cannot_change(rig):
    client = rig.client()
    join(client)
    uid = start(client)
    record, paper = paper_of(rig.store, uid)
    (question, response), *_ = right_answers(rig.course, paper)
    client.post(f"/a/{uid}/submit")
    after = client.post(f"/a/{uid}/1", form_fields(question, 1, response))
    assert after.headers["location"] == f"/a/{uid}/result"
    assert rig.store.responses(record.id) == {}
    assert client.get(f"/a/{uid}/1").headers["location"] == f"/a/{uid}/result"


def test_immediate_feedback_shows_after_checking_and_locks_the_answer(immediate):
    client = immediate.client()
    join(client)
    uid = start(client)
    record, paper = paper_of(immediate.store, uid)
    question, response = right_answers(immediate.course, paper)[0]
    assert "Check my answer" in client.get(f"/a/{uid}/1").text
    checked = client.post(f"/a/{uid}/1", [*form_fields(question, 1, response),
                                          ("action", "check")])
    page = client.follow(checked)
    assert "Correct" in page.text and question.explanation.split("—")[0] in page.text
    assert " disabled" in page.text
    other = {"q1": "0", "q1-0": "1", "q1-1": "0", "q1-2": "2", "q1-3": "3", "action": "check"}
    client.post(f"/a/{uid}/1", other)
    assert immediate.store.responses(record.id)[question.id] == response


def test_the_attempt_limit_is_kept(immediate):
    client = immediate.client()
    join(client)
    uid = start(client)
    client.post(f"/a/{uid}/submit")
    home = client.get("/")
    assert "You have used every attempt" in home.text
    refused = client.post("/start", {"module": MODULE, "form": "exam", "layout": "one"})
    assert refused.status_code == 403 and "No attempts left" in refused.text


def test_a_pre_test_form_can_be_taken(rig):
    client = rig.client()
    join(client)
    assert "Start the pre-test" in client.get("/").text
    uid = start(client, form="pre")
    record, paper = paper_of(rig.store, uid)
    assert record.form == "pre" and len(paper.questions) == 2


def test_signing_out_forgets_the_learner(rig):
    client = rig.client()
    join(client)
    client.get("/")
    out = client.post("/leave")
    assert out.status_code == 303
    assert "Your name or ID" in client.get("/").text


def test_static_files_and_health(rig):
    client = rig.client()
    assert client.get("/static/web.css").headers["content-type"].startswith("text/css")
    assert "fetch" in client.get("/static/web.js").text
    assert "--primary: #1F3A5F" in client.get("/static/theme.css").text
    assert client.get("/static/secrets.txt").status_code == 404
    assert client.get("/healthz").text == "ok"
    assert client.get("/no/such/page").status_code == 404
