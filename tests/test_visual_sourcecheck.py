"""`check --sources` reads chart figures and diagram text like any other figure a learner sees."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, SEEDS
from tests.test_cli_check import coursegen

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the "
                                "repository")


def _shipped_copy(tmp_path: Path) -> Path:
    course = tmp_path / "course"
    course.mkdir()
    for name in ("course.yaml", "sources.yaml"):
        shutil.copy(REPO / name, course / name)
    for folder in ("modules", "quizzes"):
        shutil.copytree(REPO / folder, course / folder)
    return course


def _edit(path: Path, old: str, new: str) -> int:
    """Replace `old` (which must be there) and return the 1-based line it was on."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_a_chart_figure_missing_from_its_paragraph_is_an_error_at_its_line(tmp_path) -> None:
    course = _shipped_copy(tmp_path)
    lesson = course / "modules" / "darknet-markets" / "02-trade.yaml"
    line = _edit(lesson, "values: [42%, 27%, 22%]", "values: [52%, 27%, 22%]")
    result = coursegen("check", "--sources", SEEDS, course)
    assert result.returncode == 1
    errors = [e for e in result.stderr.splitlines() if "figure 52" in e]
    assert len(errors) == 1
    assert errors[0].startswith(f"modules/darknet-markets/02-trade.yaml:{line}:13: slides[")
    assert errors[0].endswith(".values: figure 52 does not appear in unodc-ws4-2020#31")


def test_diagram_figures_are_checked_unless_the_diagram_is_fictional(tmp_path) -> None:
    course = _shipped_copy(tmp_path)
    timeline = course / "modules" / "responsible-ai" / "04-responsible-innovation.yaml"
    line = _edit(timeline, "text: Over 700 officers", "text: Over 900 officers")
    vendor = course / "modules" / "darknet-markets" / "04-vendor-case.yaml"
    _edit(vendor, "label: 3 logins", "label: 4 logins")  # invented figures stay unchecked
    result = coursegen("check", "--sources", SEEDS, course)
    errors = [e for e in result.stderr.splitlines() if ": figure " in e]
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith(f"modules/responsible-ai/04-responsible-innovation.yaml:{line}:")
    assert "figure 900 does not appear in" in errors[0]
