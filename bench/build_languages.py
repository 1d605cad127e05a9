"""Benchmark a second language against the first: `build --lang fr` beside `build --lang en`.

The issue's floor: building the course in a second language costs no more than building
it in its own language, on the same outputs, on the same machine in the same run. A copy
of the shipped course gets French catalogs (every string of one module "translated" by a
marker around the English, so that every output carries translated text), then each
language is built cold (`--clean`) into its own folder, decks and handouts with 2 workers,
alternating languages over 2 rounds; the best of each is shown.

Run: PYTHONPATH=src .venv/bin/python bench/build_languages.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from translate_extract import copy_course  # bench/ is the script's folder: on sys.path

COURSEGEN = [sys.executable, "-m", "coursegen"]
ROUNDS = 2
MODULE = "crypto-investigation"


def mark_translated(po: Path) -> int:
    """Give every entry of a catalog a stand-in translation that keeps its figures."""
    from translate.storage import pypo

    store = pypo.pofile.parsefile(str(po))
    units = [unit for unit in store.units if not unit.isheader()]
    for unit in units:
        unit.target = f"«{unit.source}»"
    po.write_bytes(bytes(store))
    return len(units)


def build(course: Path, language: str) -> float:
    """Seconds for a cold build of decks and handouts in one language."""
    started = time.perf_counter()
    subprocess.run([*COURSEGEN, "build", str(course), "--lang", language, "--clean",
                    "--only", "decks,handouts", "-j", "2", "-q"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    """Print each language's best time, the second beside the first."""
    with tempfile.TemporaryDirectory() as folder:
        course = copy_course(Path(folder) / "course")
        subprocess.run([*COURSEGEN, "translate", "extract", str(course), "--lang", "fr"],
                       check=True, stdout=subprocess.DEVNULL)
        strings = mark_translated(course / "translations" / "fr" / f"{MODULE}.po")
        strings += mark_translated(course / "translations" / "fr" / "course.po")
        times: dict[str, list[float]] = {"en": [], "fr": []}
        for _ in range(ROUNDS):
            for language in ("en", "fr"):
                times[language].append(build(course, language))
    first, second = min(times["en"]), min(times["fr"])
    print(f"decks + handouts of the shipped course, cold, -j 2, best of {ROUNDS} "
          f"(fr: {strings} strings translated)")
    print(f"{'build':<32} {'seconds':>8}")
    print(f"{'en (the course language)':<32} {first:>8.1f}   floor")
    verdict = "ok" if second <= first * 1.05 else "OVER"
    print(f"{'fr (a second language)':<32} {second:>8.1f}   {second / first:.2f}x  {verdict}")


if __name__ == "__main__":
    main()
