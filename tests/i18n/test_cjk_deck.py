"""A Chinese deck: the East Asian face and Chinese language on every run, text measured in
the CJK face and broken between characters, and (LibreOffice) nothing outside its box."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from coursegen.render.text_fit import FontMetrics, words
from coursegen.text import parse_inline
from tests.i18n.conftest import built, page_size, words_with_boxes
from tests.render.test_deck import to_pdf

LONG_BULLET = "磁盘副本可以通过SHA-256哈希值进行核实，任何一个比特的改变都会使哈希值完全不同"


@pytest.fixture(scope="module")
def deck_path(tmp_path_factory) -> Path:
    out, _result = built("zh", tmp_path_factory.mktemp("zh-deck"), ["decks"])
    return out / "decks" / "getting-started.pptx"


def test_every_run_carries_chinese_and_the_east_asian_face(deck_path):
    deck = Presentation(str(deck_path))
    runs = [r for s in deck.slides for shape in s.shapes if shape.has_text_frame
            for p in shape.text_frame.paragraphs for r in p.runs]
    assert len(runs) > 100
    for run in runs:
        props = run._r.find(qn("a:rPr"))
        assert props.get("lang") == "zh-CN", run.text
        assert props.find(qn("a:ea")).get("typeface") == "Noto Sans CJK SC"
        assert props.find(qn("a:cs")) is None
    paragraphs = [p for s in deck.slides for shape in s.shapes if shape.has_text_frame
                  for p in shape.text_frame.paragraphs]
    assert all(p._p.find(qn("a:pPr")) is None or p._p.find(qn("a:pPr")).get("rtl") is None
               for p in paragraphs)


def test_chinese_breaks_between_characters_but_not_before_closing_punctuation():
    found = words(parse_inline("核实，任何SHA-256值。"))
    assert [w.pieces[0][0] for w in found] == ["核", "实，", "任", "何", "SHA-256", "值。"]
    assert [w.joined for w in found] == [False, True, True, True, True, True]


def test_chinese_is_measured_in_the_cjk_face_one_em_per_character():
    metrics = FontMetrics("Arial", lang="zh")
    assert metrics.script_family == "Noto Sans CJK SC"
    [word] = words(parse_inline("数"))
    assert metrics.width(word, 20) == pytest.approx(20, abs=0.5)
    # A line of Chinese wraps where its characters fill the width, with no space to break at.
    runs = parse_inline("数字证据必须完整保存" * 3)
    assert metrics.line_count(runs, 20, 200) == 3
    assert metrics.line_height_of(runs) > metrics.line_height_of(parse_inline("SHA-256"))


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice and poppler are needed")
def test_libreoffice_wraps_the_long_chinese_bullet_inside_the_slide(deck_path, tmp_path):
    deck = Presentation(str(deck_path))
    [pdf] = to_pdf([deck_path], tmp_path)
    number = next(i for i, s in enumerate(deck.slides, 1)
                  for shape in s.shapes if shape.has_text_frame
                  and LONG_BULLET in shape.text_frame.text)
    body = next(shape for shape in deck.slides[number - 1].shapes if shape.has_text_frame
                and LONG_BULLET in shape.text_frame.text)
    width, height = page_size(pdf, number)
    scale = width / deck.slide_width
    right = (body.left + body.width) * scale
    words = [w for w in words_with_boxes(pdf, number) if "哈" in w[0] or "比特" in w[0]
             or "核实" in w[0] or "完全不同" in w[0]]
    assert words, "the bullet's text is on the slide"
    rows = {round(y0) for _w, _x0, y0, _x1, _y1 in words}
    assert len(rows) >= 2  # wrapped, with no space in the sentence
    assert all(x1 <= right + 1 for _w, _x0, _y0, x1, _y1 in words_with_boxes(pdf, number)
               if _y0 < 0.9 * height)
