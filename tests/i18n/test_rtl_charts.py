"""Native charts in an Arabic deck read from the right: the first category on the right, bars
growing leftwards; the same chart in an English deck keeps PowerPoint's left-to-right axes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pptx import Presentation

from coursegen.build import build
from coursegen.scaffold import create_course
from tests.i18n.conftest import copy_course

pytestmark = pytest.mark.slow

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
LESSON = "modules/getting-started/02-safeguards.yaml"
CHARTS = [{"kind": "chart", "chart": kind, "title": f"{kind} ٪", "labels": ["أ", "ب", "ج"],
           "values": ["42%", "27%", "22%"], "unit": "%", "notes": "-", "minutes": 1,
           "cite": ["unodc-ws4-2020#2"]}
          for kind in ("column", "bar")]


def _orientations(course: Path, folder: Path) -> dict[str, dict[str, str]]:
    lesson = course / LESSON
    data = yaml.safe_load(lesson.read_text(encoding="utf-8"))
    data["slides"][1:1] = CHARTS
    lesson.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                      encoding="utf-8")
    result = build(course, folder, only=["decks"], jobs=1)
    assert not result.failed, [str(f.error) for f in result.failed]
    deck = Presentation(str(next((folder / "decks").glob("*.pptx"))))
    found = {}
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_chart:
                space = shape.chart._chartSpace
                kind = "bar" if space.xpath(".//c:barDir[@val='bar']") else "column"
                found[kind] = {axis: _orientation(space, axis) for axis in ("catAx", "valAx")}
    return found


def _orientation(space, axis: str) -> str:
    """An axis's direction: 'minMax' (the schema's default when absent) or 'maxMin'."""
    element = space.find(f".//{C}{axis}/{C}scaling/{C}orientation")
    return "minMax" if element is None else element.get("val")


def test_an_arabic_chart_reads_from_the_right(tmp_path: Path) -> None:
    course = copy_course("ar", tmp_path / "course")
    found = _orientations(course, tmp_path / "build")
    assert found["column"] == {"catAx": "maxMin", "valAx": "minMax"}  # first category right
    assert found["bar"] == {"catAx": "maxMin", "valAx": "maxMin"}  # bars grow leftwards


def test_an_english_chart_keeps_its_left_to_right_axes(tmp_path: Path) -> None:
    course = tmp_path / "course"
    create_course(course)
    found = _orientations(course, tmp_path / "build")
    assert found["column"] == {"catAx": "minMax", "valAx": "minMax"}
    assert found["bar"] == {"catAx": "maxMin", "valAx": "minMax"}  # the author's order, top down


def _svg_texts(svg: str) -> list[tuple[float, str, str]]:
    from xml.etree import ElementTree

    root = ElementTree.fromstring(svg)
    return [(float(t.get("x")), t.get("text-anchor"), t.text or "")
            for t in root.iter("{http://www.w3.org/2000/svg}text")]


@pytest.mark.parametrize("kind", ["column", "line", "bar"])
def test_a_handout_chart_reads_from_the_right_in_arabic(kind: str) -> None:
    from coursegen.i18n.visual_text import visual_order
    from coursegen.render.chart_data import ChartData, ChartSeriesData
    from coursegen.render.svg_charts import chart_svg

    data = ChartData(kind, ("أول", "ثان", "ثالث"),
                     (ChartSeriesData("%", ("42%", "27%", "22%"), (42.0, 27.0, 22.0)),), "%",
                     "alt")
    plain, mirrored = _svg_texts(chart_svg(data, "c")), _svg_texts(chart_svg(data, "c", True))
    assert [t for _x, _a, t in plain] == [t for _x, _a, t in mirrored]  # same words
    for (x, anchor, _), (mx, manchor, _) in zip(plain, mirrored, strict=True):
        assert mx == pytest.approx(640 - x, abs=0.11)  # reflected across the chart's width
        assert manchor == {"start": "end", "end": "start"}.get(anchor, anchor)
    shaped = _svg_texts(chart_svg(data, "c", True, pdf=True))
    assert visual_order("أول") in [t for _x, _a, t in shaped]  # drawn letter by letter
