"""The live progress bar shows job names and error texts exactly as they are."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest


def rename_module(course: Path, new_id: str) -> None:
    """Give the starter course's module another id (folder, module.yaml, bank, course.yaml)."""
    (course / "modules/getting-started").rename(course / "modules" / new_id)
    module = course / "modules" / new_id / "module.yaml"
    module.write_text(module.read_text().replace("id: getting-started", f"id: {new_id}"))
    bank = course / "quizzes" / f"{new_id}.yaml"
    (course / "quizzes/getting-started.yaml").rename(bank)
    bank.write_text(bank.read_text().replace("module: getting-started", f"module: {new_id}"))
    course_yaml = course / "course.yaml"
    course_yaml.write_text(course_yaml.read_text().replace("  - getting-started", f"  - {new_id}"))


def test_the_bar_shows_markup_and_emoji_codes_as_written(starter_course: Path,
                                                         tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    rename_module(starter_course, "x")  # job keys "decks:x", printed "decks:x: 0.4s"
    out = tmp_path / "out[" / "b]"  # the error below names this path: "...out[/b]/lms"
    out.mkdir(parents=True)
    (out / "lms").write_text("a file where the lms folder should be")
    child = pexpect.spawn(sys.executable, ["-m", "coursegen", "build", "-v", "-j", "1",
                                           "--only", "decks,lms", "--out", str(out),
                                           str(starter_course)],
                          timeout=300, dimensions=(24, 400), env={**os.environ, "TERM": "xterm"})
    child.expect(r"\d+ built \(\d+ files\), 0 up to date, \d+ failed")
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", child.before.decode())  # colours, redraws
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert "internal error" not in shown
    assert f"FAILED lms:x: FileExistsError: [Errno 17] File exists: '{out}/lms'" in shown
    assert "decks:x: " in shown
    assert "❌" not in shown
