"""A Chinese handout: document language, the CJK faces embedded, and a long paragraph with
no spaces wrapped between characters inside the page's text box."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.i18n.conftest import built, page_size, page_text, words_with_boxes
from tests.i18n.test_rtl_handout import fonts_of

pytestmark = [pytest.mark.slow,  # builds handouts
              pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler is needed")]

MM = 72 / 25.4
PARAGRAPH = "每一台被扣押的设备都可能包含通话记录"


@pytest.fixture(scope="module")
def handout(tmp_path_factory) -> Path:
    out, _result = built("zh", tmp_path_factory.mktemp("zh-handouts"), ["handouts"])
    return out / "handouts" / "getting-started.pdf"


def test_the_handout_is_chinese_and_set_in_the_cjk_faces(handout):
    assert PdfReader(str(handout)).trailer["/Root"]["/Lang"] == "zh"
    fonts = fonts_of(handout)
    assert {"Noto-Serif-CJK-SC", "Noto-Sans-CJK-SC-Bold"} <= fonts


def test_a_paragraph_without_spaces_wraps_inside_the_text_box(handout):
    count = len(PdfReader(str(handout)).pages)
    number = next(n for n in range(1, count + 1) if PARAGRAPH in
                  page_text(handout, n).replace("\n", ""))
    width, _height = page_size(handout, number)
    left, right = 19 * MM, width - 19 * MM
    words = words_with_boxes(handout, number)
    assert all(left - 1 <= w[1] and w[3] <= right + 1 for w in words)
    # The paragraph (about 110 characters, no space) takes several full lines.
    text = page_text(handout, number)
    start = text.index("新技术为犯罪分子")
    lines = text[start:text.index("同一种工具", start)].strip().splitlines()
    assert len([line for line in lines if line.strip()]) >= 3
    full = [w for w in words if w[3] > right - 12 and w[1] < left + 12]
    assert len(full) >= 2  # at least two lines run from margin to margin
