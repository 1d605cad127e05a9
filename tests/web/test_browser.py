"""End to end in Debian's Chromium: `coursegen serve` in a real server, driven by Playwright.

A learner on a phone-sized screen takes the quiz, reloads and comes back mid-way,
submits; the trainer sees the result and exports CSV; axe-core checks the pages.
Set COURSEGEN_SCREENSHOTS=DIR to keep the screenshots.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from coursegen.scaffold import create_course
from tests.web.served import CHROMIUM, PHONE, answer_current_question, chromium, serve
from tests.web.setup import PASSWORD

AXE = Path(__file__).resolve().parents[1] / "js" / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed"),
    pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (npm ci in tests/js)"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`coursegen serve` on a free loopback port, over the starter course and a new database."""
    folder = tmp_path_factory.mktemp("serve")
    create_course(folder / "course")
    with serve(folder / "course", folder / "attempts.sqlite3") as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium from Debian (no browser download)."""
    with chromium() as launched:
        yield launched


def _shot(page, tmp_path: Path, name: str) -> None:
    page.screenshot(path=str(tmp_path / name), full_page=True)
    keep = os.environ.get("COURSEGEN_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(tmp_path / name, Path(keep) / name)


def _axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]}
            for v in result["violations"]]


def test_a_learner_takes_the_quiz_reloads_resumes_and_submits(server, browser, tmp_path):
    context = browser.new_context(viewport=PHONE, bypass_csp=False)
    page = context.new_page()
    page.goto(server + "/")
    page.get_by_label("Your name or ID").fill("Nadia Okafor")
    page.get_by_label("Session code").fill("")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.get_by_text("Question 1 of 4")).to_be_visible()
    _shot(page, tmp_path, "phone-question.png")
    for position in range(1, 3):
        answer_current_question(page, position)
        page.get_by_role("button", name="Next question").click()
    expect(page.get_by_text("Question 3 of 4 · 2 answered")).to_be_visible()
    page.reload()
    expect(page.get_by_text("2 answered")).to_be_visible()
    page.close()  # the learner closes the tab and comes back later
    page = context.new_page()
    page.goto(server + "/")
    page.get_by_role("link", name="Resume your attempt").click()
    expect(page.get_by_text("Question 3 of 4")).to_be_visible()
    for position in range(3, 5):
        answer_current_question(page, position)
        name = "Next question" if position < 4 else "Review and submit"
        page.get_by_role("button", name=name).click()
    expect(page.get_by_text("you have answered 4 of 4 questions")).to_be_visible()
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_role("heading", name="Your result: Getting started")).to_be_visible()
    expect(page.get_by_role("heading", name="By objective")).to_be_visible()
    _shot(page, tmp_path, "phone-result.png")
    context.close()


def _take_whole_quiz(browser, server: str, name: str) -> None:
    """A learner answers every question in one go and submits."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(server + "/")
    page.get_by_label("Your name or ID").fill(name)
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Start the quiz").click()
    for position in range(1, 5):  # the starter bank draws 4 questions
        answer_current_question(page, position)
        label = "Next question" if position < 4 else "Review and submit"
        page.get_by_role("button", name=label).click()
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_role("heading", name="Your result: Getting started")).to_be_visible()
    context.close()


def test_the_trainer_sees_the_result_and_exports_csv(server, browser, tmp_path):
    _take_whole_quiz(browser, server, "Tomás Reyes")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(server + "/trainer")
    page.get_by_label("Trainer password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Results")).to_be_visible()
    row = page.locator("table.attempts tr", has_text="Tomás Reyes")
    assert row.count() == 1 and "finished" in row.inner_text()
    _shot(page, tmp_path, "trainer-dashboard.png")
    with page.expect_download() as download:
        page.get_by_role("link", name="Export CSV").click()
    text = Path(download.value.path()).read_text()
    assert text.startswith("attempt,learner,module")
    assert "Tomás Reyes,getting-started,exam" in text
    row.get_by_role("link", name="Tomás Reyes").click()
    expect(page.get_by_role("heading", name="Reset this attempt")).to_be_visible()
    context.close()


def test_axe_core_finds_no_accessibility_violations(server, browser):
    context = browser.new_context(viewport=PHONE, bypass_csp=True)  # axe is injected inline
    page = context.new_page()
    found = {}
    page.goto(server + "/")
    found["join"] = _axe_violations(page)
    page.get_by_label("Your name or ID").fill("Axe Learner")
    page.get_by_role("button", name="Continue").click()
    found["modules"] = _axe_violations(page)
    page.get_by_role("button", name="Start the quiz").click()
    found["question"] = _axe_violations(page)
    page.goto(page.url.rsplit("/", 1)[0] + "/all")
    found["all"] = _axe_violations(page)
    page.goto(page.url.rsplit("/", 1)[0] + "/review")
    found["review"] = _axe_violations(page)
    page.get_by_role("button", name="Submit my answers").click()
    found["result"] = _axe_violations(page)
    page.goto(server + "/trainer/login")
    found["login"] = _axe_violations(page)
    page.get_by_label("Trainer password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    found["dashboard"] = _axe_violations(page)
    page.goto(server + "/trainer/modules/getting-started")
    found["items"] = _axe_violations(page)
    context.close()
    assert {k: v for k, v in found.items() if v} == {}, json.dumps(found, indent=1)
