"""The deck floor of the benchmarks: python-pptx writing titles, points and notes, nothing else.

Each slide is a "Title and Content" slide on python-pptx's default template: the least
work any deck writer must do. A slide may also carry a chart (type, labels, series of
numbers) or a diagram (boxes with text at given places, and connectors glued to them),
which the floor draws with python-pptx's plain calls, unstyled. Imports nothing but
python-pptx, so it can also run as a fresh process (the floor of a one-module build):

    python bench/floor_pptx.py SLIDES.json OUT.pptx
"""

from __future__ import annotations

import json
import sys

from pptx import Presentation

Slide = tuple
"""A slide's title, body paragraphs, speaker notes and, optionally, a visual (see `draw`)."""

EMU_PER_POINT = 12700
CHART_TYPES = {"bar": "BAR_CLUSTERED", "column": "COLUMN_CLUSTERED", "line": "LINE_MARKERS",
               "pie": "PIE"}


def write_deck(slides: list[Slide], path: str) -> None:
    """Write one deck of these slides to `path`."""
    prs = Presentation()
    layout = prs.slide_layouts[1]
    for title, paragraphs, notes, *visual in slides:
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = title
        frame = slide.placeholders[1].text_frame
        for index, text in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            paragraph.text = text
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
        if visual and visual[0]:
            draw(slide, visual[0])
    prs.save(path)


def draw(slide, visual: dict) -> None:
    """A chart {"chart", "box", "labels", "series": [[name, numbers]]} or a diagram
    {"nodes": [[x, y, width, height, label, text]], "edges": [[start, end, side, side]],
    "labels": [[x, y, width, height, text]]} (points)."""
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.enum.shapes import MSO_CONNECTOR_TYPE, MSO_SHAPE

    def emu(points: float) -> int:
        return round(points * EMU_PER_POINT)

    if "chart" in visual:
        data = CategoryChartData()
        data.categories = visual["labels"]
        for name, numbers in visual["series"]:
            data.add_series(name, numbers)
        x, y, width, height = visual["box"]
        slide.shapes.add_chart(getattr(XL_CHART_TYPE, CHART_TYPES[visual["chart"]]), emu(x),
                               emu(y), emu(width), emu(height), data)
        return
    shapes = []
    for x, y, width, height, label, text in visual["nodes"]:
        shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, emu(x), emu(y), emu(width),
                                       emu(height))
        shape.text_frame.text = label
        if text:
            shape.text_frame.add_paragraph().text = text
        shapes.append(shape)
    for start, end, start_side, end_side in visual["edges"]:
        connector = slide.shapes.add_connector(MSO_CONNECTOR_TYPE.STRAIGHT, 0, 0, 0, 0)
        connector.begin_connect(shapes[start], start_side)
        connector.end_connect(shapes[end], end_side)
    for x, y, width, height, text in visual["labels"]:
        slide.shapes.add_textbox(emu(x), emu(y), emu(width), emu(height)).text_frame.text = text


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as source:
        write_deck(json.load(source), sys.argv[2])
