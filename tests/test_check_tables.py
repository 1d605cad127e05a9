"""The table-width check agrees with the handout: what it accepts stays inside the margins."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from coursegen.checks import check_course
from coursegen.load import load_course
from coursegen.render.handout import render_handouts
from coursegen.render.options import RenderOptions
from coursegen.scaffold import create_course

A4_TEXT_RIGHT_PT = (210 - 19) * 72 / 25.4
"""The right margin of an A4 handout page, in points from the left edge."""


def _course_with_table(root: Path, columns: int) -> list[str]:
    create_course(root)
    headers = [f"Column{i}" for i in range(columns)]
    (root / "modules" / "getting-started" / "03-wide.yaml").write_text(
        "id: wide\ntitle: Wide\nduration: 5\nslides:\n  - kind: table\n    title: Wide table\n"
        f"    columns: [{', '.join(headers)}]\n    rows:\n"
        f"      - [{', '.join('v' for _ in headers)}]\n    notes: n\n")
    return headers


def _rightmost_word_edge(pdf: Path, words: list[str]) -> float:
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout
    edges = [float(x) for x, word in re.findall(r'xMax="([\d.]+)"[^>]*>([^<]+)</word>', boxes)
             if word in words]
    return max(edges)


@pytest.mark.parametrize(("columns", "fits"), [(9, True), (10, False)])
def test_a_table_the_check_accepts_stays_inside_the_handout_margins(
    tmp_path, columns: int, fits: bool
) -> None:
    headers = _course_with_table(tmp_path / "c", columns)
    course = load_course(tmp_path / "c")
    width_errors = [d for d in check_course(course)
                    if d.code == "table-width" and d.severity == "error"]
    assert (not width_errors) is fits
    written = render_handouts(course, tmp_path / "out", RenderOptions())
    pdf = next(p for p in written if p.name == "getting-started.pdf")
    assert (_rightmost_word_edge(pdf, headers) <= A4_TEXT_RIGHT_PT) is fits
