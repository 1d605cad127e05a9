"""The attempt lifecycle gives the same outcome in the terminal runner and in the web runner:
a changed bank, the attempt allowance, and the time limit with its grace."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from rich.console import Console
from sqlalchemy import update

from coursegen.attempts.lifecycle import GRACE, NoAttemptsLeft, current_version
from coursegen.attempts.store import now
from coursegen.attempts.tables import attempts
from coursegen.load import load_course
from coursegen.quiz.engine import keyed_response
from coursegen.quiz.paper import Paper
from coursegen.terminal.runner import QuizOptions, QuizPaused, QuizRun
from coursegen.web.app import create_app
from tests.terminal.typing import typed_answer
from tests.web.client import WebClient
from tests.web.setup import MODULE, form_fields, join, make_rig, paper_of, start

TERMINAL, WEB = "Terry Terminal", "Wendy Web"


def terminal(rig, monkeypatch, learner: str, typed: list[str], course=None):
    """Run the terminal quiz in-process with `typed` lines as the learner's input; returns
    what it printed and how it ended."""
    course = course or rig.course
    out = io.StringIO()
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in typed)))
    run = QuizRun(course, course.module(MODULE), rig.store, QuizOptions(learner=learner),
                  Console(file=out, width=120))
    try:
        run.run()
        ending = "finished"
    except QuizPaused:
        ending = "paused"
    except NoAttemptsLeft as refused:
        ending = f"refused: {refused}"
    return out.getvalue(), ending


def first_answer_typed(rig, learner: str) -> str:
    """What the learner types to answer the first question of the open attempt rightly."""
    presented = Paper.from_dict(rig.store.find_open(learner, MODULE, False).paper).questions[0]
    question = rig.course.module(MODULE).bank.question(presented.question_id)
    return typed_answer(question, presented.order, keyed_response(question))


def web_start(rig) -> tuple[WebClient, str]:
    client = rig.client()
    join(client, WEB)
    return client, start(client)


def web_answer_first(rig, client: WebClient, uid: str):
    _, paper = paper_of(rig.store, uid)
    question = rig.course.module(MODULE).bank.question(paper.questions[0].question_id)
    return client.post(f"/a/{uid}/1", form_fields(question, 1, keyed_response(question)))


def set_deadline(rig, learner: str, deadline: dt.datetime) -> None:
    record = rig.store.find_open(learner, MODULE, practice=False)
    with rig.store.engine.begin() as conn:
        conn.execute(update(attempts).where(attempts.c.id == record.id).values(deadline=deadline))


def outcome(rig, learner: str, course=None) -> list[tuple]:
    """Each of the learner's attempts: status, timed out, answers saved, bank is current."""
    bank = (course or rig.course).module(MODULE).bank
    return [(r.status, r.timed_out, len(rig.store.responses(r.id)),
             r.bank_version == current_version(bank))
            for r in rig.store.list_attempts(module=MODULE, learner=learner)]


@pytest.fixture
def rig(tmp_path):
    rig = make_rig(tmp_path, settings="  attempts: 1\n")
    yield rig
    rig.close()


def test_a_changed_bank_abandons_the_open_attempt_and_starts_anew(rig, monkeypatch):
    _, paused = terminal(rig, monkeypatch, TERMINAL, [])
    client, uid = web_start(rig)
    assert paused == "paused"
    bank = rig.folder / "course" / "quizzes" / f"{MODULE}.yaml"
    bank.write_text(bank.read_text().replace("stem: Put the steps in order.",
                                             "stem: Put these steps in order.", 1))
    changed = load_course(rig.folder / "course")

    printed, _ = terminal(rig, monkeypatch, TERMINAL, [], course=changed)
    assert "The question bank has changed since your unfinished attempt" in printed

    app = create_app(changed, rig.store, None, secret_key="test-secret")
    browser = WebClient(app)
    browser.cookies.update(client.cookies)
    try:
        gone = browser.get(f"/a/{uid}")
        assert gone.status_code == 410 and "The quiz has changed" in gone.text
        browser.get("/")
        restarted = browser.post("/start", {"module": MODULE, "form": "exam", "layout": "one"})
        assert restarted.status_code == 303 and uid not in restarted.headers["location"]
    finally:
        browser.close()

    expected = [("abandoned", False, 0, False), ("open", False, 0, True)]
    assert outcome(rig, TERMINAL, changed) == outcome(rig, WEB, changed) == expected


def test_the_attempt_allowance_is_kept_by_both_runners(rig, monkeypatch):
    terminal(rig, monkeypatch, TERMINAL, [])
    set_deadline(rig, TERMINAL, now() - 2 * GRACE)  # ends it: one attempt used
    terminal(rig, monkeypatch, TERMINAL, [])
    client, uid = web_start(rig)
    set_deadline(rig, WEB, now() - 2 * GRACE)
    assert client.get(f"/a/{uid}").headers["location"] == f"/a/{uid}/result"

    _, refused = terminal(rig, monkeypatch, TERMINAL, [])
    assert refused == f"refused: {TERMINAL} has used all 1 attempt at '{MODULE}'; " \
                      "ask your trainer"
    again = client.post("/start", {"module": MODULE, "form": "exam", "layout": "one"})
    assert again.status_code == 403 and "You have used all 1 attempts" in again.text

    expected = [("finished", True, 0, True)]
    assert outcome(rig, TERMINAL) == outcome(rig, WEB) == expected


def test_an_answer_within_the_grace_after_the_deadline_counts(rig, monkeypatch):
    terminal(rig, monkeypatch, TERMINAL, [])
    client, uid = web_start(rig)
    set_deadline(rig, TERMINAL, now() - GRACE / 3)
    set_deadline(rig, WEB, now() - GRACE / 3)

    _, ending = terminal(rig, monkeypatch, TERMINAL, [first_answer_typed(rig, TERMINAL)])
    saved = web_answer_first(rig, client, uid)
    assert ending == "paused" and saved.status_code == 303
    assert saved.headers["location"] == f"/a/{uid}/2"

    expected = [("open", False, 1, True)]
    assert outcome(rig, TERMINAL) == outcome(rig, WEB) == expected


def test_an_answer_after_the_grace_is_refused_and_the_attempt_ends(rig, monkeypatch):
    terminal(rig, monkeypatch, TERMINAL, [])
    client, uid = web_start(rig)
    set_deadline(rig, TERMINAL, now() - 2 * GRACE)
    set_deadline(rig, WEB, now() - 2 * GRACE)

    printed, ending = terminal(rig, monkeypatch, TERMINAL, ["A"])
    late = web_answer_first(rig, client, uid)
    assert ending == "finished" and "Time is up" in printed
    assert late.headers["location"] == f"/a/{uid}/result"

    expected = [("finished", True, 0, True)]
    assert outcome(rig, TERMINAL) == outcome(rig, WEB) == expected
