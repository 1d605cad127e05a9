"""One presentation order: the shipped course built as trainers build it, read as people read it.

The slide, the participant handout and the trainer edition letter every knowledge
check alike; the printed post-test, the trainer's key and `coursegen grade` agree,
so a paper answered from the key scores full marks and lands in results and stats.
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from coursegen.load import load_course
from coursegen.model.quiz import Matching, MultipleResponse, Ordering, SingleChoice
from coursegen.model.slides import KnowledgeCheckSlide
from coursegen.text import plain_text
from tests.render.handout_pdf import needs_pdftotext

pytestmark = [pytest.mark.slow, needs_pdftotext]

LETTERED = re.compile(r"^([A-Z])\.\s+(.+)$")
GRID_ROW = re.compile(r"^\s*(\d+)\s{2,}(\S+)\s{2,}(.+?)\s{2,}(\d+(?:\.\d+)?)\s*$")
ANSWER_BOX = re.compile(r"(?i:answer)\s+([A-Z])\.\s")
PAPER_GRID_ROW = re.compile(r"^\s*(\d+)\s{2,}(\S+)\s*$")


def coursegen(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run the command as a trainer does, in a fresh process."""
    result = subprocess.run([sys.executable, "-m", "coursegen", *args], capture_output=True,
                            text=True, env=os.environ.copy())
    if check:
        assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def built(shipped_course: Path, tmp_path_factory: pytest.TempPathFactory):
    """The shipped course with its decks, handouts and printed tests built."""
    out = tmp_path_factory.mktemp("built")
    coursegen("build", str(shipped_course), "--only", "decks,handouts,papers", "--out", str(out),
              "-q")
    return load_course(shipped_course), out


def pdf_text(path: Path, layout: bool = False) -> str:
    """The PDF's text as pdftotext reads it, ligatures and odd spaces made plain."""
    result = subprocess.run(["pdftotext", *(["-layout"] if layout else []), str(path), "-"],
                            capture_output=True, text=True, check=True)
    return unicodedata.normalize("NFKC", result.stdout)


# Straight quotes; hyphens dropped, since a word hyphenated at a line end loses its hyphen.
QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                        "-": None, "\u00ad": None})


def flat(text: str) -> str:
    """Text with single spaces and straight quotes, as compared across outputs."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(QUOTES).split())


def deck_letters(deck: Path) -> dict[str, dict[str, str]]:
    """Per slide title: the lettered lines it shows (letter → text)."""
    from pptx import Presentation

    slides = {}
    for slide in Presentation(str(deck)).slides:
        title = slide.shapes.title.text_frame.text if slide.shapes.title else ""
        lines: dict[str, str] = {}
        for shape in slide.shapes:
            if not shape.has_text_frame or shape == slide.shapes.title:
                continue
            for para in shape.text_frame.paragraphs:
                found = LETTERED.match(flat(para.text))
                if found:
                    lines.setdefault(found.group(1), found.group(2))
        slides[title] = lines
    return slides


def shown_texts(question) -> list[str]:
    """The texts a question letters: options, matching choices or ordering items."""
    if isinstance(question, SingleChoice | MultipleResponse):
        return [plain_text(o.text) for o in question.options]
    if isinstance(question, Matching):
        return [p.right for p in question.pairs] + list(question.distractors)
    if isinstance(question, Ordering):
        return list(question.items)
    return []


def letter_before(text: str, start: int, choice: str) -> str:
    """The letter printed just before `choice` after position `start` of a handout's text."""
    words = flat(plain_text(choice)).split()[:6]
    found = re.compile(r"\b([A-Z])\.? " + r"\s+".join(map(re.escape, words))).search(text, start)
    assert found, (choice, text[start:start + 600])
    return found.group(1)


def knowledge_checks(module):
    for lesson in module.lessons:
        for slide in lesson.slides:
            if isinstance(slide, KnowledgeCheckSlide):
                yield module.bank.question(slide.question)


def test_knowledge_check_letters_agree_on_slides_and_in_both_handouts(built) -> None:
    course, out = built
    compared = 0
    for module in course.modules:
        slides = deck_letters(out / "decks" / f"{module.id}.pptx")
        participant = flat(pdf_text(out / "handouts" / f"{module.id}.pdf"))
        trainer = flat(pdf_text(out / "handouts" / f"{module.id}-trainer.pdf"))
        for question in knowledge_checks(module):
            texts = shown_texts(question)
            if not texts:
                continue
            on_slide = next(lines for title, lines in slides.items()
                            if set(lines.values()) >= {flat(t) for t in texts})
            slide_letter = {text: letter for letter, text in on_slide.items()}
            stem = " ".join(flat(plain_text(question.stem)).split()[:6])
            for name, text in (("participant", participant), ("trainer", trainer)):
                start = text.index(stem)
                for choice in texts:
                    assert letter_before(text, start, choice) == slide_letter[flat(choice)], \
                        (module.id, question.id, name, choice)
            if isinstance(question, SingleChoice):
                # the trainer edition's answer box names the answer slide's letter
                answers = [lines for title, lines in slides.items()
                           if title.endswith(": answer") or ": answer" in title]
                keyed = next(o for o in question.options if o.correct)
                answer_letter = slide_letter[flat(plain_text(keyed.text))]
                assert any(lines.get(answer_letter) == flat(plain_text(keyed.text))
                           for lines in answers), question.id
                box = ANSWER_BOX.search(trainer, trainer.index(stem))
                assert box and box.group(1) == answer_letter, (question.id, box)
            compared += 1
    assert compared >= 10


def test_no_post_test_stem_in_a_participant_handout(built) -> None:
    course, out = built
    for module in course.modules:
        participant = flat(pdf_text(out / "handouts" / f"{module.id}.pdf"))
        paper = flat(pdf_text(out / "handouts" / f"{module.id}-post-test.pdf"))
        for question_id in module.bank.forms.post:
            stem = flat(plain_text(module.bank.question(question_id).stem))
            assert stem[:60] in paper, (module.id, question_id)
            assert stem[:60] not in participant, (module.id, question_id)
        assert "Practice questions" in participant


def key_grid(trainer_pdf: Path, form: str) -> list[tuple[str, str]]:
    """(question id, full-marks entry) rows of the trainer's grading grid for a printed test."""
    text = pdf_text(trainer_pdf, layout=True)
    section = text.split(f"Answer key: {form}-test", 2)[-1]
    grid = section.split("Grading grid", 1)[1]
    return [(m.group(2), m.group(3)) for m in map(GRID_ROW.match, grid.splitlines()) if m]


def test_a_paper_answered_from_the_key_grades_to_full_marks_and_is_stored(
        built, shipped_course: Path, tmp_path: Path) -> None:
    course, out = built
    module = course.modules[0]
    rows = key_grid(out / "handouts" / f"{module.id}-trainer.pdf", "post")
    printed_ids = [m.group(2) for m in map(PAPER_GRID_ROW.match, pdf_text(
        out / "handouts" / f"{module.id}-post-test.pdf", layout=True
    ).split("Grading grid")[-1].splitlines()) if m]
    assert [question_id for question_id, _ in rows] == printed_ids == list(module.bank.forms.post)
    sheet = tmp_path / "paper.csv"
    with sheet.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["learner", *printed_ids])
        writer.writerow(["Paper Learner", *(entry for _, entry in rows)])
    db = str(tmp_path / "attempts.db")
    graded = coursegen("grade", module.id, str(sheet), str(shipped_course), "--form", "post",
                       "--date", "2026-11-20", "--db", db)
    result = next(csv.DictReader(graded.stdout.splitlines()))
    assert (result["percent"], result["passed"]) == ("100.0", "yes"), graded.stdout
    assert "stored 1 paper attempt (post-test)" in graded.stderr
    listed = next(csv.DictReader(coursegen("results", "--db", db, "--format", "csv")
                                 .stdout.splitlines()))
    assert (listed["learner"], listed["module"], listed["percent"], listed["passed"]) == (
        "Paper Learner", module.id, "100", "yes")
    assert listed["form"] == "post" and listed["started_at"].startswith("2026-11-20")
    stats = coursegen("stats", module.id, str(shipped_course), "--db", db, "--format", "csv")
    assert printed_ids[0] in stats.stdout
