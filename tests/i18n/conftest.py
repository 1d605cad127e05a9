"""Fixtures for the content-translation tests: a writable copy of the shipped course."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
COURSE_PARTS = ("course.yaml", "sources.yaml", "modules", "quizzes", "templates")


def copy_shipped(target: Path) -> Path:
    """Copy the shipped course's files (not its build or catalogs) to `target`."""
    target.mkdir(parents=True)
    for name in COURSE_PARTS:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.is_file():
            shutil.copy2(source, target / name)
    return target


@pytest.fixture
def course_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped course, without translations."""
    return copy_shipped(tmp_path / "course")
