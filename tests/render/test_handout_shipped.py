"""The shipped course's handouts, built once: what programme managers print and hand out."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coursegen.load import load_checked
from coursegen.render.handout import render_handouts
from coursegen.render.options import RenderOptions
from tests.render.handout_pdf import (
    contents_entries,
    flat,
    footnoted_citations,
    footnotes,
    kept_notes,
    misplaced_footnotes,
    needs_pdftotext,
    note_pinpoints,
    page_text,
    passage_pinpoints,
    pdf_ua_errors,
    repeated_places,
)

pytestmark = [needs_pdftotext, pytest.mark.slow]  # renders every shipped handout


@pytest.fixture(scope="module")
def shipped(shipped_course: Path, tmp_path_factory: pytest.TempPathFactory):
    """The shipped course and every handout of it."""
    course, _ = load_checked(shipped_course)
    out = tmp_path_factory.mktemp("shipped-handouts")
    paths = render_handouts(course, out, RenderOptions())
    return course, {path.name: path for path in paths}


def test_every_module_has_both_editions_and_the_course_a_handbook(shipped) -> None:
    course, built = shipped
    expected = {f"{m.id}{edition}.pdf" for m in course.modules for edition in ("", "-trainer")}
    assert set(built) == expected | {"course.pdf"}


def test_every_lesson_title_and_citation_is_printed(shipped) -> None:
    course, built = shipped
    handbook = flat(page_text(built["course.pdf"]))
    for module in course.modules:
        pdf = built[f"{module.id}.pdf"]
        text = flat(page_text(pdf))
        for lesson in module.lessons:
            assert lesson.title in text and lesson.title in handbook, lesson.title
        cites = footnoted_citations(module)
        notes = footnotes(pdf)
        # numbered in order, at most one a passage (passages in a row citing one place share)
        assert [n for _, n, _ in notes] == list(range(1, len(notes) + 1)), module.id
        assert 0 < len(notes) <= len(cites), module.id
        # every place a passage cites is named by a note
        cited = {p for passage in cites for p in passage_pinpoints(passage)}
        assert cited == {p for note in notes for p in note_pinpoints(note)}, module.id
        assert misplaced_footnotes(pdf) == [], module.id


def test_passages_in_a_row_citing_one_place_share_a_footnote(shipped) -> None:
    """No page ends in a run of notes repeating a source's neighbouring paragraphs
    ('A/CONF.234/11, para. 35.' / '… para. 36.' / '… para. 37.'): one note names the range."""
    from coursegen.render.handout import HandoutWriter
    from coursegen.render.handout_model import module_view

    course, built = shipped
    writer = HandoutWriter(course, RenderOptions())
    views = [module_view(course, m, n) for n, m in enumerate(course.modules, start=1)]
    for name, pdf in built.items():
        if name == "course.pdf":
            html = writer.html("handout/course.html", views, False)
        else:
            module_id = name.removesuffix(".pdf").removesuffix("-trainer")
            view = next(v for v in views if v.module.id == module_id)
            html = writer.html("handout/module.html", [view], name.endswith("-trainer.pdf"))
        # a 'Sources' line or caption keeps its note even when the next note goes on
        assert repeated_places(pdf, kept_notes(html)) == [], name
        per_page: dict[int, int] = {}
        for page, _, _ in footnotes(pdf):
            per_page[page] = per_page.get(page, 0) + 1
        assert max(per_page.values()) <= 10, (name, per_page)
    ranged = [text for module in course.modules for _, _, text in footnotes(
        built[f"{module.id}.pdf"]) if re.search(r"paras \d+–\d+", text)]
    assert len(ranged) >= 10  # merged runs read as ranges


def test_every_footnote_is_on_its_calls_page(shipped) -> None:
    """In every edition and the handbook: call n on a page means note n on that page."""
    _, built = shipped
    for name, pdf in built.items():
        assert misplaced_footnotes(pdf) == [], name


def test_contents_page_numbers_are_right(shipped) -> None:
    _, built = shipped
    for name, pdf in built.items():
        entries = contents_entries(pdf)
        assert entries, name
        for title, page in entries:
            heading = re.sub(r"^(Module )?\d+\. ", "", title)
            assert heading in flat(page_text(pdf, page)), f"{name}: '{title}' not on page {page}"


def test_only_the_trainer_edition_has_the_answer_key(shipped) -> None:
    course, built = shipped
    for module in course.modules:
        trainer = flat(page_text(built[f"{module.id}-trainer.pdf"]))
        participant = flat(page_text(built[f"{module.id}.pdf"]))
        assert "Answer key" in trainer and "Answer key" not in participant
        explanation = flat(module.bank.questions[0].explanation).split("**")[0][:40]
        assert explanation in trainer


def test_shipped_handouts_pass_the_pdf_ua_checker(shipped) -> None:
    _, built = shipped
    assert pdf_ua_errors(list(built.values())) == []


def test_handouts_print_for_a_reader(shipped) -> None:
    """Notes merged, never 'Ibid.', calls of 6 pt or more, references apart from notes,
    point labels unbroken, one-answer questions with circles everywhere."""

    from tests.render.handout_pdf import small_print

    course, built = shipped
    for module in course.modules:
        pdf = built[f"{module.id}.pdf"]
        notes = footnotes(pdf)
        assert not [text for _p, _n, text in notes if text.startswith("Ibid")], module.id
        calls = [size for page in small_print(pdf) for size, text in page
                 if re.fullmatch(r",?\d+", text.strip()) and size < 7.4]
        assert calls and min(calls) >= 6, (module.id, min(calls))
        text = page_text(pdf)
        assert "[R1]" in text, module.id
        # '(1 point)' never split over two lines
        assert not re.search(r"\(\d+\s*\n\s*points?\)", text), module.id
        assert not re.search(r"\(\s*\n", text.replace("(\n", "")), module.id
    # one answer: circles (○), in the knowledge checks as on the worksheet; several: squares
    from coursegen.model.slides import KnowledgeCheckSlide
    from coursegen.render.handout import HandoutWriter
    from coursegen.render.handout_model import module_view

    shapes = {"single": "round", "true-false": "round", "multiple": "square"}
    writer = HandoutWriter(course, RenderOptions())
    for number, module in enumerate(course.modules, start=1):
        html = writer.html("handout/module.html", [module_view(course, module, number)], False)
        checks = re.findall(r'<div class="check">.*?</div>', html, re.S)
        asked = [module.bank.question(s.question) for lesson in module.lessons
                 for s in lesson.slides if isinstance(s, KnowledgeCheckSlide)]
        for block, question in zip(checks, asked, strict=True):
            if question.type in shapes:
                assert f'<ul class="choices {shapes[question.type]}">' in block, question.id
        view = module_view(course, module, number)
        blocks = re.findall(r'<div class="question">.*?</div>', html, re.S)
        for block, printed in zip(blocks, view.worksheet, strict=True):
            if printed.question.type in shapes:
                assert f'<ul class="choices {shapes[printed.question.type]}">' in block, \
                    printed.question.id
