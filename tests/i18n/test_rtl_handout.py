"""Arabic handouts, read from the built PDFs: document language, the Arabic faces embedded,
text extracted in reading order, headings against the right margin, footnotes and the
hanging answer boxes on the right; the HTML they are laid out from says dir="rtl"."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from coursegen.i18n.ui import gettext
from coursegen.load import load_course
from coursegen.render.handout import HandoutWriter
from coursegen.render.handout_model import module_view
from coursegen.render.options import RenderOptions
from tests.i18n.conftest import built, page_size, page_text, words_with_boxes

pytestmark = [pytest.mark.slow,  # builds handouts
              pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler is needed")]

MM = 72 / 25.4


@pytest.fixture(scope="module")
def handouts(tmp_path_factory) -> Path:
    out, _result = built("ar", tmp_path_factory.mktemp("ar-handouts"), ["handouts", "papers"])
    return out / "handouts"


def fonts_of(pdf: Path) -> set[str]:
    names = set()
    for page in PdfReader(str(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


def page_showing(pdf: Path, text: str) -> int:
    count = len(PdfReader(str(pdf)).pages)
    return next(n for n in range(1, count + 1) if text in page_text(pdf, n))


@pytest.mark.parametrize("name", ["getting-started.pdf", "getting-started-trainer.pdf",
                                  "course.pdf", "getting-started-post-test.pdf"])
def test_each_handout_is_arabic_and_embeds_the_arabic_faces(handouts, name):
    pdf = handouts / name
    assert PdfReader(str(pdf)).trailer["/Root"]["/Lang"] == "ar"
    assert {"Noto-Naskh-Arabic", "Noto-Sans-Arabic-Bold"} <= fonts_of(pdf) or \
        {"Noto-Naskh-Arabic", "Noto-Sans-Arabic"} <= fonts_of(pdf)


def test_the_html_of_a_handout_says_arabic_right_to_left(tmp_path):
    from tests.i18n.conftest import copy_course

    course = load_course(copy_course("ar", tmp_path / "course"))
    writer = HandoutWriter(course, RenderOptions())
    html = writer.html("handout/module.html", [module_view(course, course.modules[0], 1)], False)
    assert '<html lang="ar" dir="rtl">' in html
    assert "@top-right" in writer.css_text and "margin-inline-start" in writer.css_text


def test_text_is_extracted_in_reading_order(handouts):
    # pypdf reads WeasyPrint's ToUnicode maps as written; poppler reverses the two letters of
    # a lam-alef ligature inside right-to-left text ('الأدلة' → 'األدلة'), so it is not used here.
    reader = PdfReader(str(handouts / "getting-started.pdf"))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "مدخل إلى الأدلة الرقمية" in text
    assert "تمنح التكنولوجيا الجديدة المجرمين طرقًا جديدة للوصول إلى الضحايا" in text
    assert "يستفيد المجرمون من التكنولوجيا الجديدة ويقللون" in text
    # The lesson's table reads row by row, its first column first.
    table = text.index("من الضبط إلى المحكمة")
    assert table < text.index("الخطوة", table) < text.index("ما يجب تسجيله", table) \
        < text.index("الضبط", table + 30)


def test_headings_and_answer_boxes_sit_against_the_right_margin(handouts):
    pdf = handouts / "getting-started.pdf"
    count = len(PdfReader(str(pdf)).pages)  # the first lesson's page: its title and notes
    number = next(n for n in range(1, count + 1)
                  if "سيف ذو حدين" in page_text(pdf, n) and "A/CONF.234/11" in page_text(pdf, n))
    width, _height = page_size(pdf, number)
    right_margin = width - 19 * MM
    words = words_with_boxes(pdf, number)
    # pdftotext -bbox gives right-to-left words in the order of their glyphs on the page.
    title = [w for w in words if w[4] - w[2] > 30 and w[2] < 150]  # the 17 pt heading
    assert {w[0] for w in title} == {word[::-1] for word in ["سيف", "ذو", "حدين"]}
    first_word = next(w for w in title if w[0] == "سيف"[::-1])
    assert abs(first_word[3] - right_margin) < 2  # the heading starts at the right margin
    assert first_word[1] > max(w[3] for w in title if w is not first_word)
    # Every word lies between the page margins.
    assert all(w[1] >= 19 * MM - 1 and w[3] <= right_margin + 1 for w in words)
    # The knowledge check's letters stand right of their options.
    check = page_showing(pdf, "لأنها تساعد المجرمين في الغالب")
    words = words_with_boxes(pdf, check)
    letter_b = next(w for w in words if w[0] == "B")
    option = [w for w in words if abs(w[2] - letter_b[2]) < 3 and w[0] != "B"]
    assert option and letter_b[1] > max(w[3] for w in option)


def test_the_running_heads_and_page_numbers_are_mirrored(handouts):
    pdf = handouts / "getting-started.pdf"
    width, height = page_size(pdf, 3)
    words = words_with_boxes(pdf, 3)
    course_name = [w for w in words if w[0] == "التعامل"[::-1] and w[2] < 25 * MM]
    module_name = [w for w in words if w[0] == "مدخل"[::-1] and w[2] < 25 * MM]
    first_word = gettext("ar", "Page {page} of {pages}").split()[0]  # the footer, in Arabic
    page_word = [w for w in words if w[0] == first_word[::-1] and w[2] > height - 25 * MM]
    assert course_name and course_name[0][1] > width / 2  # the course's name on the right
    assert module_name and module_name[0][3] < width / 2
    assert page_word and page_word[0][3] < width / 2


def test_an_english_reference_stays_left_to_right(handouts):
    text = page_text(handouts / "getting-started.pdf")
    assert "United Nations, Fourteenth Congress on Crime Prevention and Criminal Justice" in text
    assert "www.unodc.org/congress/en/documentation.html" in text
    # The first footnote: the English name reads left to right inside the Arabic note.
    paras = gettext("ar", "paras {numbers}").split("{numbers}")[0].strip()
    assert "United Nations, A/CONF.234/11" in text and paras in text
