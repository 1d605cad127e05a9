"""An Arabic deck, read from the built .pptx: right-to-left paragraphs and tables, the Arabic
language and complex-script face on every run, mirrored compare and case layouts, the footer
row mirrored; and, rendered by LibreOffice, text set against the right edge inside the slide."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from coursegen.i18n.scripts import text_direction
from tests.i18n.conftest import built, copy_course, page_size, words_with_boxes
from tests.render.test_deck import to_pdf

ARABIC_FACE = "Noto Naskh Arabic"


@pytest.fixture(scope="module")
def deck_path(tmp_path_factory) -> Path:
    out, _result = built("ar", tmp_path_factory.mktemp("ar-deck"), ["decks"])
    return out / "decks" / "getting-started.pptx"


@pytest.fixture(scope="module")
def deck(deck_path):
    return Presentation(str(deck_path))


def slide_titled(deck, title: str):
    return next(s for s in deck.slides if s.shapes.title is not None
                and s.shapes.title.text_frame.text == title)


def shape_holding(slide, text: str):
    return next(s for s in slide.shapes if s.has_text_frame and text in s.text_frame.text)


def test_every_run_carries_the_arabic_language_and_complex_script_face(deck):
    runs = [r for s in deck.slides for shape in s.shapes if shape.has_text_frame
            for p in shape.text_frame.paragraphs for r in p.runs]
    runs += [r for s in deck.slides for shape in s.shapes if shape.has_table
             for cell in shape.table.iter_cells() for p in cell.text_frame.paragraphs
             for r in p.runs]
    assert len(runs) > 100
    for run in runs:
        props = run._r.find(qn("a:rPr"))
        assert props.get("lang") == "ar-EG", run.text
        assert props.get("altLang") == "en-GB"
        assert props.find(qn("a:cs")).get("typeface") == ARABIC_FACE, run.text
    assert deck.core_properties.language == "ar-EG"


def test_arabic_paragraphs_run_right_to_left_and_english_ones_keep_their_order(deck):
    seen = {"rtl": 0, "ltr": 0}
    for slide in deck.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame or (shape.is_placeholder and \
                    shape.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER):
                continue
            for paragraph in shape.text_frame.paragraphs:
                if not paragraph.text.strip():
                    continue
                own = text_direction(paragraph.text, "ar")
                ppr = paragraph._p.find(qn("a:pPr"))
                assert ppr.get("rtl") == ("1" if own == "rtl" else "0"), paragraph.text
                assert ppr.get("algn") in {"r", "ctr"}, paragraph.text
                seen[own] += 1
    assert seen["rtl"] > 40 and seen["ltr"] > 0  # English references stay left to right


def test_tables_put_their_first_column_on_the_right(deck):
    tables = [shape.table for s in deck.slides for shape in s.shapes if shape.has_table]
    assert len(tables) == 2  # the lesson's table and the case's table exhibit
    for table in tables:
        assert table._tbl.tblPr.get("rtl") == "1"
    assert tables[0].cell(0, 0).text == "الخطوة"


def test_the_compare_slide_puts_its_first_side_on_the_right(deck):
    slide = slide_titled(deck, "أداة للجريمة وأداة لمكافحتها")
    first, second = shape_holding(slide, "إساءة الاستخدام"), shape_holding(slide, "التحقيق")
    assert first.left > second.left + second.width // 2
    first_list = shape_holding(slide, "الوصول إلى الضحايا")
    assert first_list.left > slide.part.package.presentation_part.presentation.slide_width / 2


def test_the_case_slide_puts_the_scenario_on_the_right_and_questions_on_the_left(deck):
    slide = slide_titled(deck, "دراسة حالة: الهاتف غير المقفل")
    width = deck.slide_width
    scenario = shape_holding(slide, "يضبط الضباط")
    questions = shape_holding(slide, "ما الخطأ الذي حدث")
    assert scenario.left + scenario.width > 0.9 * width and scenario.left > width / 3
    assert questions.left < 0.1 * width and questions.left + questions.width < width / 2


def test_the_footer_row_is_mirrored_slide_number_left_marking_right(deck):
    width = deck.slide_width
    for slide in list(deck.slides)[1:]:
        kinds = {s.placeholder_format.type: s for s in slide.placeholders
                 if s.placeholder_format.type in {PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE}}
        number, marking = kinds[PP_PLACEHOLDER.SLIDE_NUMBER], kinds[PP_PLACEHOLDER.DATE]
        assert number.left + number.width < width / 3
        assert marking.left > width / 2 and marking.text_frame.text == "للاستخدام في التدريب فقط"


def test_a_missing_arabic_face_is_a_build_warning_naming_the_face_used(tmp_path):
    course = copy_course("ar", tmp_path / "course")
    (course / "templates").mkdir()
    (course / "templates" / "theme.yml").write_text("fonts:\n  script: Nowhere Arabic Display\n",
                                                     encoding="utf-8")
    from coursegen.build import build

    result = build(course, tmp_path / "build", only=["decks"], jobs=1)
    [warning] = [d for d in result.diagnostics if d.code == "font-fallback"]
    assert str(warning).startswith("templates/theme.yml: warning: font 'Nowhere Arabic Display'")
    used = warning.message.split("using '")[1].split("'")[0]
    deck = Presentation(str(tmp_path / "build" / "decks" / "getting-started.pptx"))
    run = deck.slides[1].shapes.title.text_frame.paragraphs[0].runs[0]
    assert run._r.find(qn("a:rPr")).find(qn("a:cs")).get("typeface") == used


def test_an_english_deck_keeps_british_english_and_left_to_right(starter_course, tmp_path):
    from coursegen.build import build

    build(starter_course, tmp_path / "build", only=["decks"], jobs=1)
    deck = Presentation(str(tmp_path / "build" / "decks" / "getting-started.pptx"))
    paragraph = deck.slides[4].shapes.title.text_frame.paragraphs[0]
    assert paragraph.runs[0]._r.find(qn("a:rPr")).get("lang") == "en-GB"
    assert paragraph.runs[0]._r.find(qn("a:rPr")).find(qn("a:cs")) is None
    assert paragraph._p.find(qn("a:pPr")).get("rtl") is None


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice and poppler are needed")
def test_libreoffice_sets_arabic_slides_against_the_right_edge_inside_the_slide(deck_path,
                                                                               deck, tmp_path):
    [pdf] = to_pdf([deck_path], tmp_path)
    titles = [s.shapes.title.text_frame.text if s.shapes.title else "" for s in deck.slides]
    number = titles.index("لماذا يهمنا ذلك") + 1
    width, height = page_size(pdf, number)
    words = words_with_boxes(pdf, number)
    # Every word on every slide lies inside the slide.
    for page in range(1, len(deck.slides) + 1):
        for word, x0, y0, x1, y1 in words_with_boxes(pdf, page):
            assert x0 >= 0 and x1 <= width and y0 >= 0 and y1 <= height, (page, word)
    # The three bullets end at one right edge, in the right half; their lines start unevenly.
    lines: dict[int, list[tuple[float, float]]] = {}
    for word, x0, y0, x1, _y1 in words:
        if 0.2 * height < y0 < 0.85 * height and word not in {"•"}:
            lines.setdefault(round(y0 / 4), []).append((x0, x1))
    rights = [max(x1 for _x0, x1 in line) for line in lines.values()]
    lefts = [min(x0 for x0, _x1 in line) for line in lines.values()]
    assert len(rights) >= 3
    assert max(rights) - min(rights) < 2 and min(rights) > 0.85 * width
    assert max(lefts) - min(lefts) > 20
    # The slide number sits at the left of the footer row.
    footer = [(w, x0) for w, x0, y0, _x1, _y1 in words if y0 > 0.9 * height and w == str(number)]
    assert footer and footer[0][1] < width / 3


def test_a_process_diagram_runs_from_the_right(deck):
    slide = slide_titled(deck, "مسار الدليل")
    nodes = {s.name: s for s in slide.shapes if s.name.startswith("Node ")}
    assert nodes["Node 1"].text_frame.text.startswith("الضبط")
    assert nodes["Node 1"].left > nodes["Node 2"].left > nodes["Node 3"].left
    links = [s for s in slide.shapes if s.name.startswith("Link 1 to 2")]
    [link] = links
    start = link._element.find(".//" + qn("a:stCxn"))
    assert start.get("idx") == "1"  # leaves the first step by its left side
