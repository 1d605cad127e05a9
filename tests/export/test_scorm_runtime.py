"""The SCORM 1.2 package run by a real LMS-side runtime (scorm-again) in headless Chromium."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.export.scorm_host import CMI, launch, leave, lms_folder, paper
from tests.js.tools import serve, vnu

FORM = "#quiz-getting-started"
TYPES = {"benefits": "choice", "admissible": "true-false", "custody-term": "fill-in",
         "sdg": "numeric", "record-match": "matching"}


@pytest.fixture(scope="module")
def lms_site(lms, tmp_path_factory) -> Path:
    """A folder an LMS would serve: the unpacked module package beside the host page."""
    folder, _ = lms
    return lms_folder(folder / "getting-started-scorm12.zip", tmp_path_factory.mktemp("lms"))


def _question(frame, question_id: str):
    return frame.locator(f"{FORM} li[data-question-id={question_id}]")


def _answer_quiz(frame, drawn: list[str]) -> None:
    """Answer every drawn question right, except one of the two right options of 'benefits'."""
    for question_id in drawn:
        item = _question(frame, question_id)
        if question_id == "benefits":
            item.locator("input[value='0']").check()   # one of two right options → 50 %
        elif question_id == "admissible":
            item.locator("input[value=false]").check()
        elif question_id == "custody-term":
            item.locator("input[type=text]").fill("Chain of custody")
        elif question_id == "sdg":
            item.locator("input[type=text]").fill("16")
        else:  # record-match: every pair right
            for n in range(3):
                item.locator("select").nth(n).select_option(str(n))


def _letters(shown: list[str], *bank_indices: int) -> list[str]:
    """The letters of the places where the learner saw these options (a = first shown)."""
    return [chr(97 + shown.index(str(i))) for i in bank_indices]


@pytest.mark.slow  # Chromium
def test_the_lms_receives_score_status_interactions_and_suspend_data(browser, lms_site) -> None:
    context = browser.new_context()
    page = context.new_page()
    with serve(lms_site) as base:
        launch(page, base)
        frame = page.frame_locator("#sco")
        expect(frame.locator(f"{FORM} li[data-question-id]")).to_have_count(4)  # draw: 4
        shown = dict(paper(frame, FORM))
        drawn = list(shown)
        assert set(drawn) <= set(TYPES)  # the post-test's questions, never the pre-test's
        _answer_quiz(frame, drawn)
        frame.locator(f"{FORM} button[type=submit]").click()
        page.wait_for_function("window.calls.includes('LMSCommit')")
        cmi = page.evaluate(CMI)
        print("paper:", shown, "scorm-again cmi after scoring:", json.dumps(cmi["core"]),
              "interactions:", json.dumps(cmi["interactions"])[:300])
        assert page.evaluate("window.calls[0]") == "LMSInitialize"
        core = cmi["core"]
        earned = len(drawn) - (0.5 if "benefits" in drawn else 0)
        assert float(core["score"]["raw"]) == pytest.approx(round(earned / len(drawn) * 100, 2))
        assert (core["score"]["min"], core["score"]["max"]) == ("0", "100")
        assert core["lesson_status"] == "passed"
        interactions = [cmi["interactions"][str(n)] for n in range(len(cmi["interactions"]))]
        assert [i["id"] for i in interactions] == drawn  # in the order the learner met them
        assert [i["type"] for i in interactions] == [TYPES[i] for i in drawn]
        assert [i["result"] for i in interactions] == [
            "0.5" if i == "benefits" else "correct" for i in drawn]
        by_id = {i["id"]: i for i in interactions}
        if "benefits" in by_id:  # options named by the letters the learner saw, not bank places
            assert by_id["benefits"]["student_response"] == _letters(shown["benefits"], 0)[0]
            assert by_id["benefits"]["correct_responses"]["0"]["pattern"] == ",".join(
                sorted(_letters(shown["benefits"], 0, 1)))
        if "record-match" in by_id:
            pattern = ",".join(f"{n + 1}.{x}"
                               for n, x in enumerate(_letters(shown["record-match"], 0, 1, 2)))
            assert by_id["record-match"]["student_response"] == pattern
            assert by_id["record-match"]["correct_responses"]["0"]["pattern"] == pattern
        suspend = json.loads(cmi["suspend_data"])
        assert len(cmi["suspend_data"]) <= 4096 and suspend["p"] == pytest.approx(
            float(core["score"]["raw"]))

        # Leaving the SCO finishes the session with its time, and keeps the state to resume.
        cmi = leave(page)
        assert cmi["core"]["session_time"] != "00:00:00"
        assert cmi["core"]["exit"] == ""

        # A new visit with the saved data: the same paper, the answers come back.
        launch(page, base, {"cmi": {"suspend_data": cmi["suspend_data"],
                                    "core": {"lesson_status": "incomplete", "entry": "resume"}}})
        frame = page.frame_locator("#sco")
        expect(frame.locator("#lms-status")).to_contain_text(core["score"]["raw"])
        assert dict(paper(frame, FORM)) == shown and list(dict(paper(frame, FORM))) == drawn
        if "custody-term" in drawn:
            expect(_question(frame, "custody-term").locator("input[type=text]")).to_have_value(
                "Chain of custody")
        if "benefits" in drawn:
            expect(_question(frame, "benefits").locator("input[value='0']")).to_be_checked()
        if "record-match" in drawn:
            expect(_question(frame, "record-match").locator("select").first).to_have_value("0")
    context.close()


@pytest.mark.slow  # Chromium
def test_a_failed_attempt_is_reported_as_failed_and_suspended(browser, lms_site) -> None:
    context = browser.new_context()
    page = context.new_page()
    with serve(lms_site) as base:
        launch(page, base)
        frame = page.frame_locator("#sco")
        first = frame.locator(f"{FORM} li[data-question-id]").first
        first.locator("input[type=text], input[type=radio], input[type=checkbox], select").first \
            .wait_for()
        frame.locator(f"{FORM} button[type=submit]").click()  # nothing answered
        page.wait_for_function("window.calls.includes('LMSCommit')")
        page.wait_for_function("window.API.cmi.core.lesson_status === 'failed'")
        assert page.evaluate("window.API.cmi.core.score.raw") == "0"
        assert leave(page)["core"]["exit"] == "suspend"
    context.close()


@pytest.mark.slow  # the vnu checker (Java)
def test_the_launch_page_is_valid_html(lms_site) -> None:
    result = vnu(lms_site / "pkg")
    print("vnu:", result.stdout, result.stderr)
    assert result.returncode == 0, result.stderr
