"""Phones: no page scrolls sideways at 390 px, and the last option and the submit button
can be tapped in mobile emulation (offline site, SCORM page, web runner for learner and trainer).

Set COURSEGEN_SCREENSHOTS=DIR to keep screenshots at 390 and 1366 px.
"""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from coursegen.build import load_checked
from coursegen.export.lms import lms_exports
from coursegen.render.options import RenderOptions
from coursegen.render.site import render_site
from tests.conftest import REPO
from tests.web.served import CHROMIUM, LAPTOP, answer_current_question, chromium, serve
from tests.web.setup import PASSWORD, make_course

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed"),
]

WIDTH = 390
PHONE = {"viewport": {"width": WIDTH, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}
WIDE = 'document.documentElement.scrollWidth'
LONG_NAME = "Superintendent Maximiliana Oyelaran-Featherstonehaugh"


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium from Debian (no browser download)."""
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> Path:
    """The shipped course's site and each module's SCORM launch page, built once."""
    course, _ = load_checked(REPO)
    out = tmp_path_factory.mktemp("shipped")
    render_site(course, out, RenderOptions())
    lms_exports(course, out, RenderOptions())
    for package in sorted((out / "lms").glob("*-scorm12.zip")):
        with zipfile.ZipFile(package) as unpacked:
            unpacked.extractall(out / "scorm" / package.stem)
    return out


def _keep(page, name: str) -> None:
    keep = os.environ.get("COURSEGEN_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(keep) / name), full_page=True)


def _sideways(page) -> int:
    """How far the page is wider than the screen (0 when it is not)."""
    return max(0, page.evaluate(WIDE) - page.viewport_size["width"])


def _scorm_pages(out: Path) -> list[Path]:
    return sorted(p for p in (out / "scorm").rglob("*.html"))


def test_no_page_of_the_site_or_the_scorm_package_scrolls_sideways_on_a_phone(shipped, browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    pages = sorted((shipped / "site").rglob("*.html")) + _scorm_pages(shipped)
    assert len(pages) > 20
    wider = {}
    for path in pages:
        page.goto(path.as_uri())
        if _sideways(page):
            wider[str(path.relative_to(shipped))] = page.evaluate(WIDE)
    context.close()
    assert wider == {}


def _tap_last_option_and_submit(page, form) -> None:
    """On the last question of `form`: tap its last choice (or pick the last item, or type an
    answer: a drawn paper may end with any kind of question), then submit."""
    last = form.locator("fieldset").last
    choices = last.locator("input[type=radio], input[type=checkbox]")
    typed = last.locator("input[type=text]")
    if choices.count():
        label = last.locator(".choice label").last
        label.tap()
        assert choices.last.is_checked()
    elif typed.count():
        typed.tap()
        box = typed.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]
        typed.fill("16")
    else:
        select = last.locator("select").last
        select.scroll_into_view_if_needed()
        box = select.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]
        select.select_option(index=1)
    form.locator("button[type=submit]").first.tap()


def test_the_last_option_and_check_my_answers_can_be_tapped_on_a_phone(shipped, browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    quizzes = sorted((shipped / "site").rglob("quiz.html")) + _scorm_pages(shipped)
    assert len(quizzes) > 5
    for path in quizzes:
        page.goto(path.as_uri())
        form = page.locator("form.quiz").first
        _tap_last_option_and_submit(page, form)
        # A scored quiz answers with its score, a knowledge check (practice) with its verdict.
        shown = re.compile(r"%|Correct\.|Partly correct\.|Not correct\.")
        page.locator(".result").filter(has_text=shown).first.wait_for(timeout=5000)
    context.close()


@pytest.fixture(scope="module")
def runner(tmp_path_factory):
    """The starter course served, with a finished attempt by a learner with a long name."""
    folder = tmp_path_factory.mktemp("phone")
    make_course(folder / "course")
    with serve(folder / "course", folder / "attempts.sqlite3") as base:
        yield base


def _tap_and_wait(page, locator) -> None:
    """Tap a button that leads to another page, and wait for that page."""
    with page.expect_navigation():
        locator.tap()


def _learner_pages(page, base: str, name: str) -> dict[str, int]:
    """Take the whole quiz at the phone's width, noting every page that scrolls sideways."""
    wider = {}

    def look(label: str) -> None:
        if _sideways(page):
            wider[label] = page.evaluate(WIDE)

    page.goto(base + "/")
    look("join")
    page.get_by_label("Your name or ID").fill(name)
    _tap_and_wait(page, page.get_by_role("button", name="Continue"))
    look("modules")
    _tap_and_wait(page, page.get_by_role("button", name="Start the quiz"))
    total = int(page.get_by_text("Question 1 of").inner_text().split(" of ")[1].split()[0])
    for number in range(1, total + 1):
        look(f"question {number}")
        if page.locator("fieldset.question select").count():
            _keep(page, f"web-{page.viewport_size['width']}-select-question-{number}.png")
        answer_current_question(page, number)
        choices = page.locator("fieldset.question .choice label")
        if choices.count():
            choices.last.tap()
        _tap_and_wait(page, page.locator(".nav-buttons button.primary"))
    look("review")
    page.goto(page.url.rsplit("/", 1)[0] + "/all")
    look("all")
    page.goto(page.url.rsplit("/", 1)[0] + "/review")
    _tap_and_wait(page, page.get_by_role("button", name="Submit my answers"))
    look("result")
    expect(page.get_by_role("heading", name="Your result: Getting started")).to_be_visible()
    return wider


def _trainer_pages(page, base: str, shots: str) -> dict[str, int]:
    wider = {}
    page.goto(base + "/trainer/login")
    if _sideways(page):
        wider["login"] = page.evaluate(WIDE)
    page.get_by_label("Trainer password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    for label, url in (("dashboard", "/trainer"), ("items", "/trainer/modules/getting-started")):
        page.goto(base + url)
        _keep(page, f"{shots}-trainer-{label}.png")
        if _sideways(page):
            wider[label] = page.evaluate(WIDE)
    page.goto(base + "/trainer")
    page.get_by_role("link", name=LONG_NAME).first.click()
    if _sideways(page):
        wider["attempt"] = page.evaluate(WIDE)
    return wider


def _broken_words(page) -> list[str]:
    """Words in the trainer's tables that the browser broke inside (not at a space or hyphen)."""
    return page.evaluate("""() => {
      const broken = [];
      for (const cell of document.querySelectorAll("table th, table td")) {
        for (const word of cell.innerText.split(/[\\s\\-]+/)) {
          if (word.length < 2) continue;
          const range = document.createRange();
          const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
          let node, found = null;
          while ((node = walker.nextNode())) {
            const at = node.textContent.indexOf(word);
            if (at >= 0) { found = [node, at]; break; }
          }
          if (!found) continue;
          range.setStart(found[0], found[1]);
          range.setEnd(found[0], found[1] + word.length);
          if (range.getClientRects().length > 1) broken.push(word);
        }
      }
      return broken;
    }""")


@pytest.mark.parametrize("width", [320, WIDTH])
def test_the_web_runner_fits_a_phone_for_learner_and_trainer(runner, browser, width):
    context = browser.new_context(**{**PHONE, "viewport": {"width": width, "height": 844}})
    page = context.new_page()
    wider = _learner_pages(page, runner, f"{LONG_NAME} {width}")
    wider.update(_trainer_pages(page, runner, f"phone{width}"))
    page.goto(runner + "/trainer")
    broken = _broken_words(page)
    context.close()
    assert wider == {}
    assert broken == []


def test_the_trainer_dashboard_keeps_words_whole_on_a_laptop(runner, browser):
    context = browser.new_context(viewport=LAPTOP, has_touch=True)
    page = context.new_page()
    wider = _learner_pages(page, runner, f"{LONG_NAME} laptop")
    wider |= _trainer_pages(page, runner, "laptop")
    page.goto(runner + "/trainer")
    broken = _broken_words(page)
    context.close()
    assert wider == {}
    assert broken == []
