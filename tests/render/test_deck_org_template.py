"""An organisation's own template without case or question layouts: cases split by sentence
at a readable size, knowledge checks asked on one slide."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pptx import Presentation

from coursegen.load import load_checked
from coursegen.render.deck import render_decks
from coursegen.render.deck_cases import FICTIONAL_LABEL
from coursegen.render.options import RenderOptions
from coursegen.scaffold import create_course

SCENARIO = " ".join([
    "Officers of a fictional city police force seize an unlocked phone during an arrest for",
    "fraud outside a shopping centre on a Friday evening.", "One officer browses the",
    "messages on the spot to look for the names of accomplices, scrolls through the photos",
    "and opens two banking apps while the suspect watches.", "The phone is then placed",
    "in an unsealed bag, driven to the station in a patrol car and left on a desk for the",
    "weekend, where three colleagues handle it before the digital forensics unit collects",
    "it on Monday morning.", "Nobody records who held the phone, when it was opened, or",
    "which apps were used, and the battery runs out on Saturday night.", "On Monday the",
    "examiner finds the phone locked, a software update pending and the messaging app's",
    "history shorter than the suspect's bank records suggest.", "The prosecutor now asks",
    "whether anything found on the phone can still be used, and what the unit should change",
    "so that the next seizure is handled in a way a court will accept.",
    "The defence has already written to say that it will challenge every item taken from",
    "the device, and the press office wants a statement by the end of the day.",
])
STEM = ("Officers must copy a seized phone before they examine it. Which step of the "
        "procedure protects the copy's value as evidence when the defence challenges it "
        "in court months later, long after the examiner who made it has moved on?")


def org_course(root: Path) -> Path:
    """The starter course on python-pptx's own template (no 'Case' or 'Question' layout),
    with a long fictional case and a long knowledge-check question."""
    create_course(root)
    (root / "brand").mkdir()
    Presentation().save(str(root / "brand" / "org.pptx"))
    course_file = root / "course.yaml"
    course_file.write_text(course_file.read_text(encoding="utf-8")
                           + "branding:\n  deck_template: brand/org.pptx\n", encoding="utf-8")
    lesson = root / "modules" / "getting-started" / "02-safeguards.yaml"
    text = lesson.read_text(encoding="utf-8")
    text = text.replace(
        "    scenario: Officers seize an unlocked phone at an arrest and browse it on the spot.",
        f"    fictional: true\n    scenario: {SCENARIO}")
    lesson.write_text(text, encoding="utf-8")
    bank = next((root / "quizzes").glob("*.yaml"))
    text = bank.read_text(encoding="utf-8").replace(
        "stem: Why is technology called a double-edged sword in criminal justice?",
        f"stem: {STEM}")
    for short, longer in (
            ("It helps criminals and investigators alike",
             "Recording every step, from seizure to copy, with the tool and its version"),
            ("It is too costly for most police services",
             "Keeping the original phone switched on and connected to the network"),
            ("It mostly helps criminals",
             "Asking the suspect to confirm in writing that the copy is complete")):
        text = text.replace(short, longer)
    bank.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def org_deck(tmp_path_factory: pytest.TempPathFactory):
    root = org_course(tmp_path_factory.mktemp("org") / "course")
    course, _ = load_checked(root)
    written = render_decks(course, root / "build", RenderOptions())
    return course, Presentation(str(written[0])), written.diagnostics


def body_paragraphs(slide) -> list[tuple[str, list[float]]]:
    """Each body paragraph's text and its runs' sizes (title and footers left out)."""
    return [(p.text, [r.font.size.pt for r in p.runs if r.font.size])
            for shape in slide.placeholders
            if shape.placeholder_format.idx not in (0,) and shape.has_text_frame
            and shape.placeholder_format.type not in (13, 15, 16)  # slide number, footer, date
            for p in shape.text_frame.paragraphs if p.text.strip()]


def titled(prs, start: str) -> list:
    return [s for s in prs.slides if s.shapes.title.text_frame.text.startswith(start)]


def test_a_long_case_is_split_by_sentence_never_below_18_pt(org_deck) -> None:
    _course, prs, _diagnostics = org_deck
    slides = titled(prs, "Case study: the unlocked phone")
    assert len(slides) >= 2  # too long for one slide of this template at 18 pt
    shown: list[str] = []
    for slide in slides:
        paragraphs = body_paragraphs(slide)
        assert all(size >= 18 for _text, sizes in paragraphs for size in sizes), paragraphs
        texts = [text for text, _sizes in paragraphs]
        scenario = [t for t in texts if t in SCENARIO]
        if scenario:  # a slide of the fiction carries the label, first
            assert texts[0] == FICTIONAL_LABEL, texts
            assert all(t.endswith(".") for t in scenario)  # split between sentences
        shown += scenario
    # the whole scenario, in order, nothing lost or repeated
    assert " ".join(shown) == SCENARIO
    questions = [t for s in slides for t, _ in body_paragraphs(s) if re.match(r"\d\.\s", t)]
    assert questions == ["1.  What went wrong?", "2.  How could the evidence still be used?"]


def test_a_knowledge_check_keeps_its_options_on_the_questions_slide(org_deck) -> None:
    _course, prs, diagnostics = org_deck
    checks = titled(prs, "Knowledge check")
    assert not [s for s in checks if "(cont" in s.shapes.title.text_frame.text]
    [asked] = [s for s in checks if any(t == STEM for t, _ in body_paragraphs(s))]
    texts = [t for t, _ in body_paragraphs(asked)]
    assert [t[:4] for t in texts if re.match(r"[A-C]\.\s", t)] == ["A.  ", "B.  ", "C.  "]
    sizes = [size for _t, s in body_paragraphs(asked) for size in s]
    # on this 4:3 template it fits at the built-in floor, not the template's larger minimum
    assert min(sizes) >= 18, sizes
    assert not [d for d in diagnostics if "knowledge check" in str(d)]
