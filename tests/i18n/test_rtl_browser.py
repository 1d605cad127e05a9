"""The Arabic site, SCORM page and web runner in Chromium: right to left by <html dir>, the
radio of an option on its right, the page mirrored at phone and laptop widths, axe-core clean;
a full attempt in Arabic. The Chinese site keeps left to right with lang="zh".

Buttons and fields are found by their role and place, not their English names, which the
interface catalogs translate. Set COURSEGEN_SCREENSHOTS=DIR to keep the screenshots.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.i18n.conftest import built, copy_course
from tests.web.served import CHROMIUM, LAPTOP, PHONE, answer_current_question, chromium, serve
from tests.web.test_browser import AXE, _axe_violations

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed"),
    pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (npm ci in tests/js)"),
]


@pytest.fixture(scope="module")
def browser():
    with chromium() as found:
        yield found


@pytest.fixture(scope="module")
def arabic(tmp_path_factory) -> Path:
    out, _result = built("ar", tmp_path_factory.mktemp("ar-site"), ["site", "lms"])
    scorm = out / "scorm"
    zipfile.ZipFile(out / "lms" / "getting-started-scorm12.zip").extractall(scorm)
    return out


def _shot(page, name: str) -> None:
    folder = os.environ.get("COURSEGEN_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name), full_page=True)


def _assert_right_to_left(page) -> None:
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"


def _radio_right_of_its_label(page, question) -> None:
    radio = question.locator("input[type=radio]").first
    label = question.locator(f"label[for='{radio.get_attribute('id')}']")
    expect(radio).to_be_visible()
    radio_box, label_box = radio.bounding_box(), label.bounding_box()
    box = question.bounding_box()
    # The radio starts the line at the right; its label runs on to the left of it.
    assert radio_box["x"] + radio_box["width"] / 2 > label_box["x"] + label_box["width"] / 2
    assert radio_box["x"] + radio_box["width"] > box["x"] + 0.85 * box["width"]
    assert label_box["x"] < radio_box["x"]
    heading = page.locator("h1")
    heading_box = heading.bounding_box()
    # The heading starts at the right: its text ends near the content's right edge.
    assert heading_box["x"] + heading_box["width"] > page.viewport_size["width"] * 0.6


@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["390", "1366"])
def test_the_arabic_site_and_scorm_page_read_right_to_left(arabic, browser, size):
    context = browser.new_context(viewport=size, bypass_csp=True)  # axe is injected inline
    page = context.new_page()
    pages = {"home": arabic / "site" / "index.html",
             "lesson": arabic / "site" / "getting-started" / "double-edged.html",
             "quiz": arabic / "site" / "getting-started" / "quiz.html",
             "scorm": arabic / "scorm" / "getting-started" / "index.html"}
    found = {}
    for name, path in pages.items():
        page.goto(path.as_uri())
        _assert_right_to_left(page)
        _shot(page, f"ar-{name}-{size['width']}.png")
        found[name] = _axe_violations(page)
    assert found == {name: [] for name in pages}
    page.goto(pages["quiz"].as_uri())
    # The paper is shuffled per browser: take the first question answered with a radio.
    _radio_right_of_its_label(page, page.locator("fieldset:has(input[type=radio])").first)
    # Nothing is wider than the screen: the page does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    context.close()


def test_a_full_attempt_in_arabic_reads_right_to_left_and_passes_axe(browser, tmp_path):
    course = copy_course("ar", tmp_path / "course")
    with serve(course, tmp_path / "attempts.sqlite3") as base:
        context = browser.new_context(viewport=PHONE, bypass_csp=True)
        page = context.new_page()
        page.goto(base + "/")
        _assert_right_to_left(page)
        found = {"join": _axe_violations(page)}
        page.get_by_role("textbox").first.fill("أمل")
        page.locator("form button.primary").click()
        expect(page.locator("form button.primary").first).to_be_visible()
        found["modules"] = _axe_violations(page)
        page.locator("form button.primary").first.click()
        question = page.locator("fieldset.question")
        expect(question).to_be_visible()
        _assert_right_to_left(page)
        found["question"] = _axe_violations(page)
        _shot(page, "ar-web-question-390.png")
        for position in range(1, 6):
            expect(page.locator("fieldset.question")).to_be_visible()
            if page.locator("fieldset.question input[type=radio]").count():
                _radio_right_of_its_label(page, page.locator("fieldset.question"))
            answer_current_question(page, position)
            page.locator("button[name=action].primary").click()
        expect(page.locator("form button.primary")).to_be_visible()
        found["review"] = _axe_violations(page)
        page.locator("form button.primary").click()
        expect(page.locator(".score-card")).to_be_visible()
        _assert_right_to_left(page)
        found["result"] = _axe_violations(page)
        _shot(page, "ar-web-result-390.png")
        assert found == {name: [] for name in found}
        context.close()


def test_the_chinese_site_stays_left_to_right_in_chinese(browser, tmp_path):
    out, _result = built("zh", tmp_path, ["site"])
    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    page = context.new_page()
    page.goto((out / "site" / "getting-started" / "quiz.html").as_uri())
    expect(page.locator("html")).to_have_attribute("lang", "zh")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    fieldset = page.locator("fieldset:has(input[type=radio])").first  # papers are shuffled
    radio = fieldset.locator("input[type=radio]").first
    label = page.locator(f"label[for='{radio.get_attribute('id')}']")
    field = fieldset.bounding_box()
    assert radio.bounding_box()["x"] < field["x"] + 0.15 * field["width"]
    assert radio.bounding_box()["x"] < label.bounding_box()["x"] + label.bounding_box()["width"] / 2
    assert _axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()
