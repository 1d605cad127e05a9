"""Benchmark `coursegen translate extract` on the shipped course against its 1 s floor.

The issue's floor: extracting the whole course (every module's PO and XLIFF) takes
under a second. Measured on a copy of the shipped course, best of 5 rounds:
- load + extract into an empty translations/ folder (every file written),
- load + re-extract with nothing changed (every file read, compared, none written),
- the whole command as a user runs it (a new Python process: imports included).

Run: PYTHONPATH=src .venv/bin/python bench/translate_extract.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FLOOR = 1.0
ROUNDS = 5
PARTS = ("course.yaml", "sources.yaml", "modules", "quizzes", "templates")


def copy_course(target: Path) -> Path:
    """A copy of the shipped course without its build or catalogs."""
    target.mkdir()
    for name in PARTS:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.is_file():
            shutil.copy2(source, target / name)
    return target


def in_process(course: Path, fresh: bool) -> float:
    """Seconds to load the course and extract French (after a first import of everything)."""
    from coursegen.load import load_course_located
    from coursegen.translation.content_extract import extract

    if fresh:
        shutil.rmtree(course / "translations", ignore_errors=True)
    started = time.perf_counter()
    loaded, locations = load_course_located(course)
    extract(loaded, "fr", locations)
    return time.perf_counter() - started


def command(course: Path) -> float:
    """Seconds for `coursegen translate extract --lang fr` in a new process."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "coursegen", "translate", "extract", str(course),
                    "--lang", "fr"], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    """Print each measurement beside the floor."""
    with tempfile.TemporaryDirectory() as folder:
        course = copy_course(Path(folder) / "course")
        in_process(course, fresh=True)  # imports and caches warm
        rows = [
            ("load + extract, every file written", min(in_process(course, True)
                                                       for _ in range(ROUNDS))),
            ("load + re-extract, nothing changed", min(in_process(course, False)
                                                       for _ in range(ROUNDS))),
            ("the command, new process (imports included)", min(command(course)
                                                                  for _ in range(ROUNDS))),
        ]
        from coursegen.load import load_course
        from coursegen.translation.content_strings import source_strings

        strings = len(source_strings(load_course(course)))
    print(f"translate extract, shipped course ({strings} strings, 5 catalogs x PO + XLIFF), "
          f"best of {ROUNDS}")
    print(f"{'measurement':<48} {'seconds':>8} {'floor':>6}  verdict")
    for name, seconds in rows:
        verdict = "ok" if seconds < FLOOR else "OVER"
        print(f"{name:<48} {seconds:>8.3f} {FLOOR:>6.1f}  {verdict}")


if __name__ == "__main__":
    main()
