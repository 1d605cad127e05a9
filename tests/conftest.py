"""Shared fixtures: a fresh copy of the starter course, and the path of the shipped course."""

from __future__ import annotations

from pathlib import Path

import pytest

from coursegen.scaffold import create_course

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture
def starter_course(tmp_path: Path) -> Path:
    """A writable copy of the course `coursegen new` creates."""
    directory = tmp_path / "course"
    create_course(directory)
    return directory


@pytest.fixture(scope="session")
def shipped_course() -> Path:
    """The course shipped at the repository root."""
    return REPO


@pytest.fixture(autouse=True)
def signing_key_file(tmp_path_factory, monkeypatch) -> Path:
    """Certificates are signed with a key of the test's own, never the user's."""
    path = tmp_path_factory.mktemp("key") / "signing-key.pem"
    monkeypatch.setenv("COURSEGEN_SIGNING_KEY", str(path))
    return path


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium driven by Playwright, from Debian (skips where it is missing); a
    test module that needs another set-up defines its own `browser`."""
    from tests.js.tools import CHROMIUM_ARGS, need_chromium

    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=need_chromium(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
