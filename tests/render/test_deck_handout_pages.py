"""A deck that sends the room to the handout names the page the handout prints it on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pptx import Presentation

from coursegen.load import load_checked
from coursegen.render.deck import render_decks
from coursegen.render.handout import render_handouts
from coursegen.render.options import RenderOptions
from tests.render.handout_pdf import flat, needs_pdftotext, page_count, page_text

pytestmark = [needs_pdftotext, pytest.mark.slow]  # builds a shipped deck and its handout


@pytest.mark.parametrize("paper", [None, "Letter"])
def test_the_exhibit_pointer_names_the_handout_page_that_prints_it(
        shipped_course: Path, tmp_path: Path, paper: str | None) -> None:
    course, _ = load_checked(shipped_course)
    options = RenderOptions(modules=("darknet-markets",), course_outputs=False,
                            part="participant", paper=paper)
    [deck] = render_decks(course, tmp_path, options)
    [handout] = render_handouts(course, tmp_path, options)
    paragraphs = [p.text for slide in Presentation(str(deck)).slides
                  for shape in slide.shapes if shape.has_text_frame
                  for p in shape.text_frame.paragraphs]
    pointers = [re.fullmatch(r"(Exhibit \w) — handout p\. (\d+)", text) for text in paragraphs]
    pointers = [(found[1], int(found[2])) for found in pointers if found]
    assert pointers, "the shipped darknet deck points its large exhibit to the handout"
    titles = {e.title.split(" — ")[0]: e.title for lesson in course.module("darknet-markets")
              .lessons for s in lesson.slides for e in getattr(s, "exhibits", ())}
    for exhibit, page in pointers:
        assert 1 < page <= page_count(handout)
        # the exhibit's own heading is printed on the page named
        assert titles[exhibit] in flat(page_text(handout, page)), (exhibit, page)
