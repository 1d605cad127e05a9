"""The SCORM 1.2 package run by a real LMS-side runtime (scorm-again) in headless Chromium."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.js.tools import CHROMIUM_ARGS, need_chromium, need_node_package, serve, vnu

HOST_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>LMS</title>
<script src="scorm12.js"></script>
<script>
  // The LMS side: scorm-again's SCORM 1.2 API on the parent window, as an LMS provides it.
  window.API = new Scorm12API({autocommit: false, logLevel: 5});
  window.calls = [];
  ["LMSInitialize", "LMSCommit", "LMSFinish"].forEach(function (name) {
    window.API.on(name, function () { window.calls.push(name); });
  });
  var saved = sessionStorage.getItem("resume");
  if (saved) window.API.loadFromJSON(JSON.parse(saved));
</script></head>
<body><iframe id="sco" title="Course" src="pkg/LAUNCH" style="width:100%;height:90vh">
</iframe></body>
</html>"""

CMI = "JSON.parse(JSON.stringify(window.API.renderCommitCMI(true))).cmi"
"""What the runtime would send the LMS on its final commit."""


@pytest.fixture(scope="module")
def lms_site(lms, tmp_path_factory) -> Path:
    """A folder an LMS would serve: the unpacked module package beside the host page."""
    runtime = need_node_package("scorm-again") / "dist" / "scorm12.js"
    need_chromium()
    folder, _ = lms
    site = tmp_path_factory.mktemp("lms")
    with zipfile.ZipFile(folder / "getting-started-scorm12.zip") as package:
        package.extractall(site / "pkg")
        manifest = package.read("imsmanifest.xml").decode()
    launch = manifest.split('adlcp:scormtype="sco" href="')[1].split('"')[0]
    shutil.copy(runtime, site / "scorm12.js")
    (site / "lms.html").write_text(HOST_PAGE.replace("LAUNCH", launch))
    return site


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium driven by Playwright."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=need_chromium(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _answer_quiz(frame) -> None:
    form = "#quiz-getting-started"
    frame.locator(f"{form}-1-0").check()            # single: right
    frame.locator(f"{form}-2-0").check()            # multiple: one of two right options → 50 %
    frame.locator(f"{form}-3-f").check()            # true-false: right
    frame.locator(f"{form}-4-answer").fill("Chain of custody")   # short answer: right
    frame.locator(f"{form}-5-answer").fill("16")    # numeric: right
    for n, choice in enumerate(["0", "1", "2"]):    # matching: all right
        frame.locator(f"{form}-6-{n}").select_option(choice)
    for n, item in enumerate(["1", "0", "2", "3"]):  # ordering: first two swapped → 50 %
        frame.locator(f"{form}-7-{n}").select_option(item)


@pytest.mark.slow  # Chromium
def test_the_lms_receives_score_status_interactions_and_suspend_data(browser, lms_site) -> None:
    context = browser.new_context()
    page = context.new_page()
    with serve(lms_site) as base:
        page.goto(f"{base}/lms.html")
        frame = page.frame_locator("#sco")
        frame.locator("#quiz-getting-started").wait_for()
        _answer_quiz(frame)
        frame.locator("#quiz-getting-started button[type=submit]").click()
        page.wait_for_function("window.calls.includes('LMSCommit')")
        cmi = page.evaluate(CMI)
        print("scorm-again cmi after scoring:", json.dumps(cmi["core"]),
              "interactions:", json.dumps(cmi["interactions"])[:300])
        assert page.evaluate("window.calls[0]") == "LMSInitialize"
        core = cmi["core"]
        # 1 + 0.5 + 1 + 1 + 1 + 1 + 0.5 = 6 of 7 points
        assert float(core["score"]["raw"]) == pytest.approx(85.71)
        assert (core["score"]["min"], core["score"]["max"]) == ("0", "100")
        assert core["lesson_status"] == "passed"
        interactions = [cmi["interactions"][str(n)] for n in range(len(cmi["interactions"]))]
        assert [i["id"] for i in interactions] == [
            "dual-use", "benefits", "admissible", "custody-term", "sdg", "record-match",
            "safeguard-order"]
        assert [i["type"] for i in interactions] == [
            "choice", "choice", "true-false", "fill-in", "numeric", "matching", "sequencing"]
        assert [i["result"] for i in interactions] == [
            "correct", "0.5", "correct", "correct", "correct", "correct", "0.5"]
        assert interactions[6]["student_response"] == "b,a,c,d"
        suspend = json.loads(cmi["suspend_data"])
        assert len(cmi["suspend_data"]) <= 4096 and suspend["p"] == pytest.approx(85.71)

        # Leaving the SCO finishes the session with its time, and keeps the state to resume.
        page.evaluate("document.getElementById('sco').src = 'about:blank'")
        page.wait_for_function("window.calls.includes('LMSFinish')")
        cmi = page.evaluate(CMI)
        assert cmi["core"]["session_time"] != "00:00:00"
        assert cmi["core"]["exit"] == ""

        # A new visit with the saved data: the answers come back.
        saved = {"cmi": {"suspend_data": cmi["suspend_data"],
                         "core": {"lesson_status": "incomplete", "entry": "resume"}}}
        page.evaluate(f"sessionStorage.setItem('resume', {json.dumps(json.dumps(saved))})")
        page.goto(f"{base}/lms.html")
        frame = page.frame_locator("#sco")
        frame.locator("#quiz-getting-started").wait_for()
        frame.locator("#lms-status").filter(has_text="85.71%").wait_for()
        assert frame.locator("#quiz-getting-started-4-answer").input_value() == "Chain of custody"
        assert frame.locator("#quiz-getting-started-2-0").is_checked()
        assert frame.locator("#quiz-getting-started-7-0").input_value() == "1"
    context.close()


@pytest.mark.slow  # Chromium
def test_a_failed_attempt_is_reported_as_failed_and_suspended(browser, lms_site) -> None:
    context = browser.new_context()
    page = context.new_page()
    with serve(lms_site) as base:
        page.goto(f"{base}/lms.html")
        frame = page.frame_locator("#sco")
        frame.locator("#quiz-getting-started-1-1").check()
        frame.locator("#quiz-getting-started button[type=submit]").click()
        page.wait_for_function("window.calls.includes('LMSCommit')")
        page.wait_for_function("window.API.cmi.core.lesson_status === 'failed'")
        assert page.evaluate("window.API.cmi.core.score.raw") == "0"
        page.evaluate("document.getElementById('sco').src = 'about:blank'")
        page.wait_for_function("window.calls.includes('LMSFinish')")
        assert page.evaluate(CMI)["core"]["exit"] == "suspend"
    context.close()


@pytest.mark.slow  # the vnu checker (Java)
def test_the_launch_page_is_valid_html(lms_site) -> None:
    result = vnu(lms_site / "pkg")
    print("vnu:", result.stdout, result.stderr)
    assert result.returncode == 0, result.stderr
