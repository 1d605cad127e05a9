"""In Debian's Chromium over HTTPS: the trainer loads a roster, a learner joins with her code.

`coursegen serve --certfile/--keyfile` serves TLS itself; every cookie then carries Secure.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from coursegen.scaffold import create_course
from tests.web.served import CHROMIUM, LAUNCH_ARGS
from tests.web.serving import free_port, serving
from tests.web.setup import PASSWORD

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed"),
]


def _self_signed(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


def test_the_trainer_loads_a_roster_and_a_learner_joins_with_her_code(tmp_path):
    from playwright.sync_api import expect, sync_playwright

    create_course(tmp_path / "course")
    cert, key = _self_signed(tmp_path)
    roster = tmp_path / "june.csv"
    roster.write_text("name,session\nAlice Archer,\nBen Baker,\n")
    port = free_port()
    args = [str(tmp_path / "course"), "--port", str(port), "--db",
            str(tmp_path / "attempts.sqlite3"), "--certfile", str(cert), "--keyfile", str(key)]
    env = {**os.environ, "COURSEGEN_TRAINER_PASSWORD": PASSWORD}
    with serving(args, env, f"https://127.0.0.1:{port}") as base, sync_playwright() as play:
        chromium = play.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        coach = chromium.new_context(ignore_https_errors=True).new_page()
        coach.goto(base + "/trainer/login")
        coach.get_by_label("Password").fill(PASSWORD)
        coach.get_by_role("button", name="Sign in").click()
        coach.get_by_label("Roster (CSV)").set_input_files(str(roster))
        coach.get_by_role("button", name="Load roster").click()
        expect(coach.get_by_role("heading", name="Join codes")).to_be_visible()
        row = coach.get_by_role("row").filter(has_text="Alice Archer")
        code = row.locator("code.join-code").inner_text()
        coach.screenshot(path=str(tmp_path / "sheet.png"), full_page=True)

        learner = chromium.new_context(ignore_https_errors=True)
        page = learner.new_page()
        page.goto(base + "/")
        expect(page.get_by_label("Your name or ID")).to_have_count(0)
        page.get_by_label("Your personal join code").fill("ZZZZ-ZZZZ")
        page.get_by_role("button", name="Continue").click()
        expect(page.get_by_text("This join code is not on the roster").first).to_be_visible()
        page.get_by_label("Your personal join code").fill(code.lower())
        page.get_by_role("button", name="Continue").click()
        expect(page.locator(".who")).to_contain_text("Alice Archer")
        page.get_by_role("button", name="Start the quiz").click()
        expect(page.get_by_text("Question 1 of").first).to_be_visible()
        cookies = learner.cookies() + coach.context.cookies()
        assert {c["name"] for c in cookies} >= {"cg_learner", "cg_trainer", "cg_csrf"}
        assert all(c["secure"] and c["httpOnly"] for c in cookies)
        chromium.close()
