"""The Arabic and Chinese fixture courses, copied and built once per test module."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from coursegen.build import build

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "i18n"


def copy_course(lang: str, target: Path) -> Path:
    """A writable copy of the `lang` fixture course (ar, zh)."""
    shutil.copytree(FIXTURES / lang, target)
    return target


def built(lang: str, folder: Path, only: list[str]) -> tuple[Path, object]:
    """Build the `lang` fixture's `only` targets into `folder/build`: its path and result."""
    course = copy_course(lang, folder / "course")
    result = build(course, folder / "build", only=only, jobs=1)
    assert not result.failed, [str(f.error) for f in result.failed]
    return folder / "build", result


def words_with_boxes(pdf: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """Each word on a PDF page with its box (xMin, yMin, xMax, yMax), from `pdftotext -bbox`."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


    pattern = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                         r'yMax="([\d.]+)">([^<]*)</word>')
    return [(m[5], float(m[1]), float(m[2]), float(m[3]), float(m[4]))
            for m in pattern.finditer(html)]


def page_size(pdf: Path, page: int) -> tuple[float, float]:
    """Width and height of a PDF page in points."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


    found = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', html)
    return float(found[1]), float(found[2])


def page_text(pdf: Path, page: int | None = None) -> str:
    """A page's (or the whole PDF's) text in reading order, as pdftotext extracts it."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", *pages, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
