"""Background saves in real Chromium: a learner's click is in the database without any submit.

The learner picks an answer and then reads the status line, closes the tab, moves on with the
numbered question links, or lets the countdown run out; each time the answer must be stored.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from coursegen.attempts.store import open_store
from coursegen.attempts.tables import attempts
from tests.web.served import CHROMIUM, PHONE, answer_current_question, chromium, serve
from tests.web.setup import make_course

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed"),
]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The starter course (10-minute limit), served; yields (URL, database file)."""
    folder = tmp_path_factory.mktemp("autosave")
    make_course(folder / "course")
    db = folder / "attempts.sqlite3"
    with serve(folder / "course", db) as base:
        yield base, db


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium from Debian (no browser download)."""
    with chromium() as launched:
        yield launched


def _start(context, base: str, name: str):
    page = context.new_page()
    page.goto(base + "/")
    page.get_by_label("Your name or ID").fill(name)
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.get_by_text("Question 1 of")).to_be_visible()
    return page


def _answers_in_database(db: Path, name: str, wait: float = 10.0) -> dict:
    """The responses stored for `name`'s attempt, waiting up to `wait` seconds for one."""
    store = open_store(str(db))
    try:
        deadline = time.monotonic() + wait
        while True:
            found = [store.responses(r.id) for r in store.list_attempts(learner=name)]
            answers = found[0] if found else {}
            if answers or time.monotonic() > deadline:
                return answers
            time.sleep(0.2)
    finally:
        store.close()


def test_a_click_is_saved_in_the_background_and_the_page_says_so(served, browser):
    base, db = served
    context = browser.new_context(viewport=PHONE)
    page = _start(context, base, "Amira Saved")
    answer_current_question(page)
    status = page.locator(".save-status")
    status.filter(has_text="Saved.").wait_for(timeout=10000)
    assert "offline" not in status.inner_text()
    expect(page.get_by_text("1 answered")).to_be_visible()
    assert len(_answers_in_database(db, "Amira Saved", wait=0)) == 1
    context.close()


def test_a_click_is_saved_when_the_tab_is_closed_at_once(served, browser):
    base, db = served
    context = browser.new_context(viewport=PHONE)
    page = _start(context, base, "Bruno Closes")
    answer_current_question(page)
    page.close()
    assert len(_answers_in_database(db, "Bruno Closes")) == 1
    context.close()


def test_moving_on_with_the_question_numbers_keeps_the_answers(served, browser):
    base, db = served
    context = browser.new_context(viewport=PHONE)
    page = _start(context, base, "Chen Jumps")
    context.set_offline(True)  # the save fails: the page must say so, truthfully
    answer_current_question(page)
    status = page.locator(".save-status")
    status.filter(has_text="Not saved: the server cannot be reached").wait_for(timeout=10000)
    context.set_offline(False)
    page.locator("nav.jump").get_by_role("link", name="Question 2").click()
    page.wait_for_url("**/2")
    expect(page.get_by_text("Question 2 of 6 · 1 answered")).to_be_visible()
    assert len(_answers_in_database(db, "Chen Jumps", wait=0)) == 1
    context.close()


def test_the_countdown_sends_the_unsaved_answer_before_it_moves_on(served, browser):
    base, db = served
    context = browser.new_context(viewport=PHONE)
    page = _start(context, base, "Dana Runs Out")
    uid = page.url.rsplit("/", 2)[-2]
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:  # the trainer's time limit is almost over
        conn.execute(attempts.update().where(attempts.c.uid == uid).values(
            deadline=dt.datetime.now(dt.UTC) + dt.timedelta(seconds=10)))
    engine.dispose()
    page.reload()
    context.set_offline(True)
    answer_current_question(page)
    page.locator(".save-status").filter(has_text="Not saved: the server cannot be reached"
                                        ).wait_for(timeout=5000)
    context.set_offline(False)
    page.wait_for_url(re.compile(r"/(review|result)$"), timeout=20000)  # result once time is up
    assert len(_answers_in_database(db, "Dana Runs Out", wait=0)) == 1
    context.close()


def test_typing_then_closing_the_tab_at_once_still_saves_the_words(served, browser):
    base, db = served
    context = browser.new_context(viewport=PHONE)
    page = _start(context, base, "Emeka Types")
    uid = page.url.rsplit("/", 2)[-2]
    for number in range(1, 7):  # find the question that asks for typed words
        page.goto(f"{base}/a/{uid}/{number}")
        if page.locator("fieldset.question input[type=text]").count():
            break
    page.locator("fieldset.question input[type=text]").fill("42")
    page.close()  # before the pause after typing that would have sent it
    answers = list(_answers_in_database(db, "Emeka Types").values())
    assert len(answers) == 1 and str(answers[0]).startswith("42")  # "42", or 42.0 if numeric
    context.close()
