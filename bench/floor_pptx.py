"""The deck floor of the benchmarks: python-pptx writing titles, points and notes, nothing else.

Each slide is a "Title and Content" slide on python-pptx's default template: the least
work any deck writer must do. Imports nothing but python-pptx, so it can also run as a
fresh process (the floor of a one-module build):

    python bench/floor_pptx.py SLIDES.json OUT.pptx
"""

from __future__ import annotations

import json
import sys

from pptx import Presentation

Slide = tuple[str, list[str], str]
"""A slide's title, body paragraphs and speaker notes."""


def write_deck(slides: list[Slide], path: str) -> None:
    """Write one deck of these slides to `path`."""
    prs = Presentation()
    layout = prs.slide_layouts[1]
    for title, paragraphs, notes in slides:
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = title
        frame = slide.placeholders[1].text_frame
        for index, text in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            paragraph.text = text
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
    prs.save(path)


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as source:
        write_deck(json.load(source), sys.argv[2])
