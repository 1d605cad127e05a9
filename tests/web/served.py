"""A real `coursegen serve` process and Debian's Chromium, for the browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.web.setup import PASSWORD

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve(course: Path, db: Path) -> Iterator[str]:
    """`coursegen serve` over `course` and the SQLite file `db` on a free port; yields its URL."""
    port = _free_port()
    env = {**os.environ, "COURSEGEN_TRAINER_PASSWORD": PASSWORD}
    coursegen = Path(sys.executable).with_name("coursegen")
    process = subprocess.Popen(
        [str(coursegen), "serve", str(course), "--port", str(port), "--db", str(db)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            message = process.stderr.read().decode()
            process.stderr.close()
            pytest.fail(f"coursegen serve did not start: {message}")
        time.sleep(0.1)
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stderr.close()


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
