"""A SCORM package honours the bank in a real LMS runtime (scorm-again in Chromium): each launch
draws its own paper, a resumed attempt shows the same paper, and the time limit ends the attempt."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from coursegen.export.scorm import module_package
from coursegen.load import load_checked
from coursegen.quiz.exposure import exam_pool, knowledge_check_ids
from tests.conftest import REPO
from tests.export.scorm_host import CMI, launch, leave, lms_folder, paper
from tests.js.tools import serve

MODULE = "crypto-investigation"
FORM = f"#quiz-{MODULE}"


@pytest.fixture(scope="module")
def shipped_lms(tmp_path_factory) -> tuple[Path, object]:
    """An LMS folder holding the shipped module's package, and the module."""
    course, _ = load_checked(REPO)
    module = course.module(MODULE)
    folder = tmp_path_factory.mktemp("lms")
    package = folder / "module.zip"
    package.write_bytes(module_package(course, module))
    return lms_folder(package, folder), module


@pytest.fixture(scope="module")
def starter_lms(lms, tmp_path_factory) -> Path:
    """An LMS folder holding the starter course's module package."""
    folder, _ = lms
    return lms_folder(folder / "getting-started-scorm12.zip", tmp_path_factory.mktemp("lms"))


def _answer_first_question(frame, form: str) -> str:
    """Answer the first question shown with its first option (or a number); returns its id."""
    first = frame.locator(f"{form} li[data-question-id]").first
    choice = first.locator("input[type=radio], input[type=checkbox]")
    if choice.count():
        choice.first.check()
    elif first.locator("select").count():
        first.locator("select").first.select_option(index=1)
    else:
        first.locator("input[type=text]").fill("16")
    return first.get_attribute("data-question-id")


@pytest.mark.slow  # Chromium
def test_two_launches_draw_different_papers_from_the_post_test_pool(browser, shipped_lms) -> None:
    site, module = shipped_lms
    bank = module.bank
    pool = {q.id for q in exam_pool(bank, knowledge_check_ids(module))}
    papers = []
    with serve(site) as base:
        for _ in range(2):
            context = browser.new_context()
            page = context.new_page()
            launch(page, base)
            frame = page.frame_locator("#sco")
            expect(frame.locator(f"{FORM} li[data-question-id]")).to_have_count(
                bank.settings.draw)
            papers.append(paper(frame, FORM))
            numbers = frame.locator(f"{FORM} li[data-question-id] .number").all_text_contents()
            assert numbers == [f"Question {n}" for n in range(1, bank.settings.draw + 1)]
            context.close()
    first, second = (dict(p) for p in papers)
    print("first paper:", papers[0], "second paper:", papers[1])
    for drawn in (first, second):
        assert set(drawn) <= pool  # never a pre-test question or a knowledge check
        objectives = {bank.question(i).objective for i in drawn}
        assert objectives == {bank.question(i).objective for i in pool}  # one per objective
    assert set(first) != set(second)  # different subsets
    both = [i for i in first if i in second and len(first[i]) > 2]
    assert any(first[i] != second[i] for i in both)  # options in another order


@pytest.mark.slow  # Chromium
def test_a_resumed_attempt_shows_the_same_paper_and_answers(browser, shipped_lms) -> None:
    site, _module = shipped_lms
    context = browser.new_context()
    page = context.new_page()
    with serve(site) as base:
        launch(page, base)
        frame = page.frame_locator("#sco")
        expect(frame.locator(f"{FORM} li[data-question-id]").first).to_be_visible()
        shown = paper(frame, FORM)
        answered = _answer_first_question(frame, FORM)
        saved = leave(page)
        assert saved["core"]["exit"] == "suspend"  # not finished: the learner comes back
        assert json.loads(saved["suspend_data"])["s"] is not None
        launch(page, base, {"cmi": {"suspend_data": saved["suspend_data"],
                                    "core": {"lesson_status": "incomplete", "entry": "resume",
                                             "total_time": saved["core"]["session_time"]}}})
        frame = page.frame_locator("#sco")
        expect(frame.locator("#lms-status")).to_contain_text("Welcome back")
        assert paper(frame, FORM) == shown
        item = frame.locator(f"{FORM} li[data-question-id={answered}]")
        control = item.locator("input[type=radio], input[type=checkbox]")
        if control.count():
            expect(control.first).to_be_checked()
        elif item.locator("select").count():
            expect(item.locator("select").first).not_to_have_value("")
        else:
            expect(item.locator("input[type=text]")).to_have_value("16")

        # Saved under another version of the bank: a fresh paper, not old answers misplaced.
        state = json.loads(saved["suspend_data"])
        assert state["b"]  # the bank's content hash
        launch(page, base, {"cmi": {"suspend_data": json.dumps({**state, "b": "an-older-bank"}),
                                    "core": {"lesson_status": "incomplete", "entry": "resume"}}})
        frame = page.frame_locator("#sco")
        expect(frame.locator(f"{FORM} li[data-question-id]")).to_have_count(len(shown))
        assert paper(frame, FORM) != shown
        expect(frame.locator(f"{FORM} input:checked")).to_have_count(0)
    context.close()


def _manifest_limits(site: Path) -> tuple[str, str]:
    manifest = (site / "pkg" / "imsmanifest.xml").read_text()
    allowed = re.search(r"<adlcp:maxtimeallowed>([^<]+)<", manifest).group(1)
    action = re.search(r"<adlcp:timelimitaction>([^<]+)<", manifest).group(1)
    return allowed, action


@pytest.mark.slow  # Chromium
def test_the_time_limit_ends_and_reports_the_attempt(browser, starter_lms) -> None:
    allowed, action = _manifest_limits(starter_lms)
    assert (allowed, action) == ("0000:10:00", "exit,message")  # the bank's 10 minutes
    context = browser.new_context()
    context.clock.install()
    page = context.new_page()
    form = "#quiz-getting-started"
    with serve(starter_lms) as base:
        # The LMS hands the page the manifest's limit, as SCORM 1.2 says it does.
        launch(page, base, {"cmi": {"student_data": {"max_time_allowed": allowed,
                                                     "time_limit_action": action}}})
        frame = page.frame_locator("#sco")
        expect(frame.locator(f"{form} .timer")).to_have_text("Time left: 10:00")
        answered = _answer_first_question(frame, form)
        context.clock.fast_forward("09:00")
        expect(frame.locator(f"{form} .timer")).to_have_text(re.compile(r"Time left: 1:0\d"))
        assert page.evaluate("window.calls.includes('LMSFinish')") is False
        context.clock.fast_forward("01:05")
        expect(frame.locator(f"{form} .timer")).to_have_text(
            "Time is up: your answers have been submitted.")
        page.wait_for_function("window.calls.includes('LMSFinish')")
        cmi = page.evaluate(CMI)
        print("after the time limit:", json.dumps(cmi["core"]))
        assert cmi["core"]["exit"] == "time-out"
        assert cmi["core"]["lesson_status"] == "failed"  # one answer of four cannot pass
        assert cmi["interactions"]["0"]["id"] == answered
        expect(frame.locator(f"{form} button[type=submit]")).to_be_disabled()
        expect(frame.locator(f"{form} li[data-question-id] input, "
                             f"{form} li[data-question-id] select").first).to_be_disabled()
        expect(frame.locator("#lms-status")).to_contain_text("Time is up")

        # Coming back to an attempt that has ended shows it locked, with the score sent.
        launch(page, base, {"cmi": {"suspend_data": cmi["suspend_data"],
                                    "core": {"lesson_status": cmi["core"]["lesson_status"],
                                             "entry": "resume"}}})
        frame = page.frame_locator("#sco")
        expect(frame.locator("#lms-status")).to_contain_text("This attempt has ended")
        expect(frame.locator(f"{form} button[type=submit]")).to_be_disabled()
    context.close()
