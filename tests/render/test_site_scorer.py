"""The browser scorer passes the shared scoring vectors, run in Node as the browser loads it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coursegen.theme import BUILTIN_TEMPLATES
from tests.js.tools import JS, node

VECTORS = Path(__file__).resolve().parents[1] / "vectors" / "scoring.json"


def test_browser_scorer_passes_every_scoring_vector() -> None:
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    result = node(JS / "run_vectors.mjs", BUILTIN_TEMPLATES / "site" / "scorer.js", VECTORS)
    print(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("scoring vectors pass")
