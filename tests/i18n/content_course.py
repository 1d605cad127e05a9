"""A writable copy of the shipped course, for the content-translation tests."""

from __future__ import annotations

import shutil
from pathlib import Path

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
