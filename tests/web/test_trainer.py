"""The trainer side of `coursegen serve`, in-process: sign-in, results, items, CSV, sessions."""

from __future__ import annotations

import csv
import io
import re

from coursegen.attempts.sessions import SessionBook
from coursegen.attempts.store import AttemptStore
from tests.web.setup import (
    MODULE,
    PASSWORD,
    form_fields,
    join,
    make_rig,
    paper_of,
    right_answers,
    start,
)


def trainer(rig):
    """A browser signed in as the trainer."""
    client = rig.client()
    client.get("/trainer/login")
    signed_in = client.post("/trainer/login", {"password": PASSWORD})
    assert signed_in.status_code == 303 and signed_in.headers["location"] == "/trainer"
    return client


def finished_attempt(rig, name="Ana Investigator", right=True, session="", form="exam",
                     skip=(), wrong=()):
    """A learner who answered every question but those in `skip` (single ones wrong unless
    `right`; the true-false ones in `wrong` the wrong way round) and submitted."""
    client = rig.client()
    join(client, name, session)
    uid = start(client, form=form)
    _, paper = paper_of(rig.store, uid)
    for number, (question, response) in enumerate(right_answers(rig.course, paper), 1):
        if question.id in skip:
            continue
        if not right and question.type == "single":
            response = next(i for i, o in enumerate(question.options) if not o.correct)
        if question.id in wrong and question.type == "true-false":
            response = not question.answer
        client.post(f"/a/{uid}/{number}", form_fields(question, number, response))
    client.post(f"/a/{uid}/submit")
    return client, uid


def test_without_a_password_the_trainer_pages_say_how_to_turn_them_on(tmp_path):
    rig = make_rig(tmp_path, password=None)
    try:
        page = rig.client().get("/trainer")
        assert page.status_code == 403
        assert "--trainer-password" in page.text and "COURSEGEN_TRAINER_PASSWORD" in page.text
        assert rig.client().get("/trainer/login").status_code == 403
    finally:
        rig.close()


def test_a_wrong_password_is_refused_and_the_right_one_signs_in(rig):
    client = rig.client()
    assert client.get("/trainer").headers["location"] == "/trainer/login"
    client.get("/trainer/login")
    wrong = client.post("/trainer/login", {"password": "guess"})
    assert wrong.status_code == 401 and "not right" in wrong.text
    client.post("/trainer/login", {"password": PASSWORD})
    assert client.get("/trainer").status_code == 200
    client.post("/trainer/logout")
    assert client.get("/trainer").status_code == 303


def test_the_dashboard_shows_each_attempt_as_it_happens(rig):
    _, uid = finished_attempt(rig)
    learner = rig.client()
    join(learner, "Ben Analyst")
    start(learner)
    page = trainer(rig).get("/trainer")
    assert "Ana Investigator" in page.text and "Ben Analyst" in page.text
    assert "in progress" in page.text and "finished" in page.text
    assert "100 %" in page.text
    live = trainer(rig).get("/trainer?part=live")
    assert "<html" not in live.text and "Ana Investigator" in live.text
    record, _ = paper_of(rig.store, uid)
    detail = trainer(rig).get(f"/trainer/attempts/{record.id}")
    assert detail.status_code == 200 and "Correct" in detail.text
    assert record.verification in detail.text


def test_item_statistics_show_facility_and_distractor_counts(rig):
    finished_attempt(rig, "Ana", right=True, form="pre")
    finished_attempt(rig, "Ben", right=False, form="pre")
    page = trainer(rig).get(f"/trainer/modules/{MODULE}")
    assert "Over 2 finished attempts" in page.text
    dual_use = page.text.split('<span class="number">dual-use</span>')[1].split("</li>")[0]
    assert "Pre-test: asked 2 · facility <strong>0.50</strong>" in dual_use
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(\d+)</td></tr>", dual_use)
    assert rows == [("It helps criminals and investigators alike", "correct", "1"),
                    ("It is too costly for most police services", "distractor", "1"),
                    ("It mostly helps criminals", "distractor", "0")]
    order = page.text.split('<span class="number">safeguard-order</span>')[1].split("</li>")[0]
    assert "facility <strong>1.00</strong>" in order
    unasked = page.text.split('<span class="number">benefits</span>')[1].split("</li>")[0]
    assert "not asked in a finished attempt yet" in unasked
    assert trainer(rig).get("/trainer/modules/nope").status_code == 404


def test_item_statistics_show_discrimination_and_flag_a_question_strong_learners_miss(rig):
    # Post-test: strong learners answer all but get `admissible` the wrong way round; weak
    # ones get `admissible` right and skip two others.
    # Ten attempts: the fewest from which `coursegen stats` raises flags.
    for number in range(5):
        finished_attempt(rig, f"strong-{number}", form="post", wrong=("admissible",))
        finished_attempt(rig, f"weak-{number}", form="post",
                         skip=("record-match", "custody-term"))
    page = trainer(rig).get(f"/trainer/modules/{MODULE}").text
    item = page.split('<span class="number">admissible</span>')[1].split('<li class="card">')[0]
    assert "Post-test: asked 10 · facility <strong>0.50</strong> · discrimination " \
        "<strong>-100</strong>" in item
    flags = re.findall(r"<li>(.*?)</li>", item.split('<ul class="flags">')[1])
    assert "Post-test: negative discrimination (-100): stronger learners did worse on it; " \
        "check the key and the wording" in flags
    assert any("the top group chose option A (True)" in flag for flag in flags)
    sdg = page.split('<span class="number">sdg</span>')[1].split("</li>")[0]
    assert "Post-test: asked 10 · facility <strong>1.00</strong> · discrimination " \
        "<strong>n/d</strong>" in sdg  # all right: no spread
    in_other_session = trainer(rig).get(f"/trainer/modules/{MODULE}?session=NONE").text
    assert "Over 0 finished attempts" in in_other_session


def test_csv_export_has_a_row_per_attempt_and_points_per_question(rig):
    finished_attempt(rig, "=HYPERLINK(\"http://x\")")
    export = trainer(rig).get(f"/trainer/export.csv?module={MODULE}")
    assert export.headers["content-type"].startswith("text/csv")
    assert "attachment" in export.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(export.text)))
    assert len(rows) == 1
    assert rows[0]["learner"] == "'=HYPERLINK(\"http://x\")"
    assert rows[0]["percent"] == "100" and rows[0]["passed"] == "True"
    points = [k for k in rows[0] if k.startswith("points:")]
    assert len(points) == 7 and sum(1 for k in points if rows[0][k]) == 4  # draw: 4


def test_sessions_are_opened_joined_filtered_and_closed(rig):
    coach = trainer(rig)
    coach.get("/trainer")
    assert coach.post("/trainer/sessions", {"code": "crypto-may", "action": "open"}) \
        .status_code == 303
    assert "CRYPTO-MAY" in coach.get("/trainer").text
    bad = rig.client()
    bad.get("/")
    assert "no session with this code" in bad.post("/join", {"name": "X", "session": "NOPE"}).text
    finished_attempt(rig, "Ana", session="crypto-may")
    finished_attempt(rig, "Ben")
    only = coach.get("/trainer?session=CRYPTO-MAY")
    assert "Ana" in only.text and "Ben" not in only.text
    coach.get("/trainer")
    coach.post("/trainer/sessions", {"code": "CRYPTO-MAY", "action": "close"})
    late = rig.client()
    late.get("/")
    assert "This session is closed" in late.post("/join", {"name": "C", "session": "crypto-may"}
                                                 ).text
    assert coach.post("/trainer/sessions", {"code": "bad code!", "action": "open"}) \
        .status_code == 422


def test_a_reset_needs_a_reason_closes_the_attempt_and_is_logged(rig):
    learner = rig.client()
    join(learner)
    uid = start(learner)
    record, _ = paper_of(rig.store, uid)
    coach = trainer(rig)
    coach.get(f"/trainer/attempts/{record.id}")
    empty = coach.post(f"/trainer/attempts/{record.id}/reset", {"reason": " "})
    assert empty.status_code == 422 and "Give the reason" in empty.text
    done = coach.post(f"/trainer/attempts/{record.id}/reset", {"reason": "phone battery died"})
    assert done.status_code == 303
    assert rig.store.get(record.id).status == "abandoned"
    assert "phone battery died" in coach.get("/trainer").text
    told = learner.get(f"/a/{uid}/1")
    assert told.status_code == 410 and "phone battery died" in told.text
    assert "Start the quiz" in learner.get("/").text
    other_worker = AttemptStore(rig.store.url)  # another server process sees the same log
    try:
        assert SessionBook(other_worker).reset_of(record.id).reason == "phone battery died"
    finally:
        other_worker.close()


def test_resetting_a_finished_attempt_gives_the_attempt_back(tmp_path):
    rig = make_rig(tmp_path, "  attempts: 1\n")
    try:
        learner, uid = finished_attempt(rig)
        assert "You have used every attempt" in learner.get("/").text
        record, _ = paper_of(rig.store, uid)
        coach = trainer(rig)
        coach.get(f"/trainer/attempts/{record.id}")
        coach.post(f"/trainer/attempts/{record.id}/reset", {"reason": "fire alarm"})
        assert rig.store.get(record.id).status == "finished"  # the result stays on record
        assert "Start the quiz" in learner.get("/").text
    finally:
        rig.close()
