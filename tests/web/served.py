"""A real `coursegen serve` process and Debian's Chromium, for the browser tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.web.serving import free_port, serving
from tests.web.setup import PASSWORD

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}


@contextmanager
def serve(course: Path, db: Path) -> Iterator[str]:
    """`coursegen serve` over `course` and the SQLite file `db` on a free port; yields its URL."""
    port = free_port()
    env = {**os.environ, "COURSEGEN_TRAINER_PASSWORD": PASSWORD}
    with serving([str(course), "--port", str(port), "--db", str(db)], env,
                 f"http://127.0.0.1:{port}") as base:
        yield base


@contextmanager
def chromium():
    """Headless Chromium from Debian (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def answer_current_question(page, position: int = 1) -> None:
    """Fill in whatever the question asks, as a learner would (not necessarily right)."""
    question = page.locator("fieldset.question")
    radios = question.locator("input[type=radio], input[type=checkbox]")
    if radios.count():
        radios.nth(0).check()
        return
    text = question.locator("input[type=text]")
    if text.count():
        text.fill("16")
        return
    selects = question.locator("select")
    for k in range(selects.count()):
        selects.nth(k).select_option(index=k + 1)  # a different item for each position
