"""'Update before you deliver' notes reach the trainer (speaker notes, handout) and no one else."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from coursegen.load import load_checked
from coursegen.render.deck import render_decks
from coursegen.render.handout import render_handouts
from coursegen.render.options import RenderOptions
from coursegen.text import plain_text
from tests.render.handout_pdf import flat, needs_pdftotext, page_text

pytestmark = pytest.mark.slow  # renders the shipped module

MODULE = "crypto-investigation"


@pytest.fixture(scope="module")
def built(shipped_course: Path, tmp_path_factory: pytest.TempPathFactory):
    """The shipped course, and one module's deck and handouts built from it."""
    course, _ = load_checked(shipped_course)
    out = tmp_path_factory.mktemp("updates")
    options = RenderOptions(modules=(MODULE,))
    deck = render_decks(course, out, options)[0]
    handouts = {p.name: p for p in render_handouts(course, out, options)}
    return course.module(MODULE), deck, handouts


def _updated_slides(module):
    return [s for lesson in module.lessons for s in lesson.slides if s.updates]


def test_the_shipped_module_has_dated_update_notes(built) -> None:
    module, _, _ = built
    slides = _updated_slides(module)
    assert slides, "the module should tell the trainer what to check before delivery"
    assert all(u.review_by for s in slides for u in s.updates)


def test_speaker_notes_carry_each_update_with_its_review_date(built) -> None:
    module, deck, _ = built
    notes = [
        s.notes_slide.notes_text_frame.text
        for s in Presentation(str(deck)).slides
        if s.has_notes_slide
    ]
    for slide in _updated_slides(module):
        for update in slide.updates:
            expected = f"review by {update.review_by:%Y-%m-%d}): {plain_text(update.text)}"
            assert any(expected in n for n in notes), update.text[:60]


@needs_pdftotext
def test_only_the_trainer_handout_prints_the_updates(built) -> None:
    module, _, handouts = built
    trainer = flat(page_text(handouts[f"{MODULE}-trainer.pdf"]))
    participant = flat(page_text(handouts[f"{MODULE}.pdf"]))
    for slide in _updated_slides(module):
        for update in slide.updates:
            start = flat(plain_text(update.text))[:50]
            assert start in trainer, start
            assert start not in participant, start
    assert "Update before you deliver" in trainer
    assert "Update before you deliver" not in participant
