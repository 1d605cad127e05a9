"""Fixtures shared by the web runner's tests."""

from __future__ import annotations

import pytest

from tests.quiz.web_setup import make_rig


@pytest.fixture
def rig(tmp_path):
    """The starter course served by the web app (deferred feedback, trainer pages on)."""
    rig = make_rig(tmp_path)
    yield rig
    rig.close()
