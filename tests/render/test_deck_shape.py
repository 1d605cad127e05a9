"""Decks a trainer can present: course shape, one title size, readable sizes, text in its boxes."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Pt

from coursegen.load import load_checked
from coursegen.model.citing import merged_locator
from coursegen.model.source import parse_citation
from coursegen.render.deck import FOOTER_TYPES, render_decks
from coursegen.render.deck_theme import load_theme
from coursegen.render.options import RenderOptions
from tests.render.test_deck import make_course, needs_office, slide_texts, to_pdf

OPENING = {"title", "section", "title slide", "section header"}


@pytest.fixture(scope="module")
def starter_deck(tmp_path_factory: pytest.TempPathFactory):
    """The starter course (with a long list) and its deck."""
    root = make_course(tmp_path_factory.mktemp("shape") / "course")
    course, _ = load_checked(root)
    [deck] = render_decks(course, root / "build", RenderOptions())
    return course, deck


@pytest.fixture(scope="module")
def shipped(shipped_course: Path, tmp_path_factory: pytest.TempPathFactory):
    """Every deck of the shipped course, and its PDF from LibreOffice."""
    course, _ = load_checked(shipped_course)
    out = tmp_path_factory.mktemp("shipped-shape")
    decks = render_decks(course, out, RenderOptions())
    return course, decks, out


def test_deck_has_cover_objectives_agenda_openers_and_closing(starter_deck):
    course, deck = starter_deck
    module = course.modules[0]
    prs = Presentation(str(deck))
    slides = slide_texts(deck)
    layouts = [s.slide_layout.name for s in prs.slides]
    assert layouts[0] == "Title" and "Title" not in layouts[1:]
    assert slides[1][0] == "Learning objectives"
    assert slides[1][1] == [o.text for o in module.objectives]
    assert slides[2][0] == "Agenda"
    assert slides[2][1] == [f"{n}.  {lesson.title}  ({lesson.duration} min)"
                            for n, lesson in enumerate(module.lessons, start=1)]
    count = len(module.lessons)
    for number, lesson in enumerate(module.lessons, start=1):
        opener = next(i for i, (title, body, _n) in enumerate(slides)
                      if title == lesson.title and layouts[i] == "Section")
        assert slides[opener][1][0] == f"Lesson {number} of {count} · {lesson.duration} min"
    title, body, notes = slides[-1]
    assert title == "Wrap-up and next steps"
    assert "We covered" in body and "Next steps" in body
    assert any(line.startswith("Evaluation: module quiz") for line in body) and notes


def test_continuation_notes_name_the_original_title(starter_deck):
    _course, deck = starter_deck
    notes = {title: n for title, _b, n in slide_texts(deck)}
    assert notes["Sixteen steps of a custody record (cont.)"] == (
        "Continued from “Sixteen steps of a custody record”.")


def _body(slide):
    return next(s for s in slide.placeholders if s.placeholder_format.idx == 1)


def _anchor(slide) -> str | None:
    """The body's own vertical anchor (None: the layout's, top)."""
    bodies = [s for s in slide.placeholders if s.placeholder_format.idx == 1]
    return bodies[0].text_frame._bodyPr.get("anchor") if bodies else "no body"


def test_a_short_list_is_centred_in_its_box_and_a_split_one_starts_at_the_top(starter_deck):
    _course, deck = starter_deck
    prs = Presentation(str(deck))
    anchors = {slide.shapes.title.text_frame.text: _anchor(slide)
               for slide in prs.slides if slide.slide_layout.name == "Content"}
    assert anchors["Why it matters"] == "ctr"  # two points
    assert anchors["Learning objectives"] == "ctr"
    assert anchors["Sixteen steps of a custody record"] is None  # the layout's own: top


@needs_office
def test_a_short_list_is_shown_in_the_middle_of_its_box(starter_deck, tmp_path: Path):
    _course, deck = starter_deck
    prs = Presentation(str(deck))
    [pdf] = to_pdf([deck], tmp_path)
    number, slide = next((n, s) for n, s in enumerate(prs.slides)
                         if s.shapes.title.text_frame.text == "Why it matters")
    body = _body(slide)
    top, bottom = body.top / 12700, (body.top + body.height) / 12700
    first, last = body.text_frame.paragraphs[0].text.split()[0], "prosecution"
    words = _words(pdf)[number]
    start = next(y0 for _x0, y0, _x1, _y1, w in words if w == first)
    end = next(y1 for _x0, _y0, _x1, y1, w in words if w == last)
    above, below = start - top, bottom - end
    assert above > 40 and abs(above - below) < 0.1 * (bottom - top), (above, below)


def test_merged_locators():
    refs = [parse_citation(f"a#{n}") for n in (36, 35, 38, 37, 41)]
    assert merged_locator(refs) == "paras 35–38, 41"
    assert merged_locator([parse_citation("a#p.4"), parse_citation("a#p.5")]) == "pp. 4–5"
    assert merged_locator([parse_citation("a#8")]) == "para. 8"


def _title_sizes(prs) -> set[float]:
    return {r.font.size.pt for s in prs.slides if s.slide_layout.name.lower() not in OPENING
            for p in s.shapes.title.text_frame.paragraphs for r in p.runs if r.font.size}


@pytest.mark.slow
def test_shipped_decks_keep_one_title_size_and_sources_merged(shipped):
    _course, decks, _out = shipped
    for deck in decks:
        prs = Presentation(str(deck))
        assert len(_title_sizes(prs)) == 1, (deck.name, _title_sizes(prs))
        for slide in prs.slides:
            for shape in slide.shapes:
                if shape.name == "Source" and "Source" in shape.text_frame.text:
                    text = re.split(r"Sources?: ", shape.text_frame.text, maxsplit=1)[1]
                    # one entry per source: 'A/CONF.234/11, paras 35–38', never repeated
                    names = [part.split(",")[0] for part in text.split("; ")
                             if not part.startswith(("p.", "pp.", "para"))]
                    assert len(names) == len(set(names)), (deck.name, text)


@pytest.mark.slow
def test_shipped_decks_have_no_run_below_its_minimum(shipped):
    course, decks, _out = shipped
    theme = load_theme(course.theme)
    body_min = Pt(theme.size("body_min"))
    for deck in decks:
        for number, slide in enumerate(Presentation(str(deck)).slides, start=1):
            for shape in slide.placeholders:
                kind = shape.placeholder_format.type
                if kind in FOOTER_TYPES or not shape.has_text_frame:
                    continue
                if slide.slide_layout.name not in {"Content", "Two Content", "Question"}:
                    continue
                small = [r.text for p in shape.text_frame.paragraphs for r in p.runs
                         if r.font.size is not None and r.font.size < body_min]
                assert not small, (deck.name, number, small)


def _words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    pattern = r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    return [[(float(a), float(b), float(c), float(d), w) for a, b, c, d, w
             in re.findall(pattern, page)] for page in html.split("<page ")[1:]]


@needs_office
@pytest.mark.slow
def test_shipped_decks_keep_text_on_the_slide_and_off_the_footer(shipped):
    course, decks, out = shipped
    footer = set(" ".join(filter(None, (course.info.marking, course.info.footer))).split())
    for deck, pdf in zip(decks, to_pdf(list(decks), out / "pdf"), strict=True):
        for number, words in enumerate(_words(pdf), start=1):
            outside = [w for x0, y0, x1, y1, w in words if x0 < 0 or y0 < 0 or x1 > 960.5
                       or y1 > 540.5]
            assert not outside, (deck.name, number, outside)
            low = [w for _x0, _y0, _x1, y1, w in words if y1 > 500 and w not in footer
                   and not w.isdigit()]
            assert not low, (deck.name, number, low)


def _serif_bold_template(path: Path) -> None:
    """An organisation template: python-pptx's default, headings in bold DejaVu Serif."""
    from lxml import etree

    prs = Presentation()
    master = prs.slide_master
    theme_part = master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme")
    root = etree.fromstring(theme_part.blob)
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    root.find(".//a:majorFont/a:latin", ns).set("typeface", "DejaVu Serif")
    theme_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                      standalone=True)
    style = master.element.find(
        ".//{http://schemas.openxmlformats.org/presentationml/2006/main}titleStyle")
    style.find(".//a:lvl1pPr/a:defRPr", ns).set("b", "1")
    prs.save(str(path))


def test_fonts_resolve_through_fontconfig_in_their_weight():
    from coursegen.render.text_fit import font_files

    regular, bold, _italic, _bold_italic = font_files("DejaVu Serif")
    assert regular.name == "DejaVuSerif.ttf" and bold.name == "DejaVuSerif-Bold.ttf"


@needs_office
def test_bold_serif_titles_of_an_organisation_template_stay_in_their_box(tmp_path: Path):
    root = make_course(tmp_path / "course")
    (root / "brand").mkdir()
    _serif_bold_template(root / "brand" / "org.pptx")
    course_file = root / "course.yaml"
    course_file.write_text(course_file.read_text(encoding="utf-8")
                           + "branding:\n  deck_template: brand/org.pptx\n", encoding="utf-8")
    course, _ = load_checked(root)
    [deck] = render_decks(course, root / "build", RenderOptions())
    prs = Presentation(str(deck))
    assert len(_title_sizes(prs)) == 1
    [pdf] = to_pdf([deck], root / "pdf")
    pages = _words(pdf)
    for number, (slide, words) in enumerate(zip(prs.slides, pages, strict=True), start=1):
        title = slide.shapes.title
        if slide.slide_layout.name.lower() in OPENING:
            continue
        top, bottom = title.top / 12700, (title.top + title.height) / 12700
        count = len(title.text_frame.text.split())  # LibreOffice draws the title first
        shown = [(y0, y1) for _x0, y0, _x1, y1, _w in words[:count]]
        assert [w for *_box, w in words[:count]] == title.text_frame.text.split(), number
        # every title word inside its box: no third line touching the top edge
        assert all(y0 >= top - 1 and y1 <= bottom + 1 for y0, y1 in shown), (number, title.text)


def write_broken_layout_template(root: Path) -> None:
    """brand/good.pptx (python-pptx's default) and brand/org.pptx, the same with a broken
    layout; course.yaml names the broken one."""
    import zipfile

    (root / "brand").mkdir()
    good = root / "brand" / "good.pptx"
    Presentation().save(str(good))
    broken = root / "brand" / "org.pptx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "ppt/slideLayouts/slideLayout2.xml":
                data = data.replace(b'<p:ph idx="1"/>', b'<p:ph idx="one" sz="most"/>', 1)
                data = data.replace(b"<p:spPr/>", b"<p:spPr/><p:bogus/>", 1)
            target.writestr(item, data)
    course_file = root / "course.yaml"
    course_file.write_text(course_file.read_text(encoding="utf-8")
                           + "branding:\n  deck_template: brand/org.pptx\n", encoding="utf-8")


def test_a_template_with_a_broken_layout_is_refused_with_its_place(tmp_path: Path):
    from coursegen.errors import CourseInvalid
    from coursegen.load import load_course

    root = make_course(tmp_path / "course")
    write_broken_layout_template(root)
    course_file = root / "course.yaml"
    # the renderer refuses it on its own too (check refuses it first: test_cli_check)
    course = load_course(root)
    with pytest.raises(CourseInvalid) as raised:
        render_decks(course, root / "build", RenderOptions())
    messages = [str(d) for d in raised.value.diagnostics]
    assert any(m.startswith("brand/org.pptx: deck template ppt/slideLayouts/slideLayout2.xml:")
               and "placeholder idx 'one' must be a whole number" in m for m in messages)
    assert any("placeholder sz 'most' must be full, half or quarter" in m for m in messages)
    assert any("'bogus' is not allowed in a shape (p:sp)" in m for m in messages)
    assert not (root / "build" / "decks").exists()  # nothing written
    # the unmodified template passes the same check
    course_file.write_text(course_file.read_text(encoding="utf-8").replace("org.pptx",
                                                                           "good.pptx"))
    course, _ = load_checked(root)
    assert render_decks(course, root / "build", RenderOptions())


@pytest.mark.slow
def test_shipped_cases_can_be_run_from_the_screen(shipped):
    from coursegen.render.deck_cases import FICTIONAL_LABEL
    from coursegen.render.deck_geometry import BUILT_IN
    from coursegen.render.deck_specs import build_deck_specs
    from coursegen.render.text_fit import FontMetrics

    course, decks, _out = shipped
    theme = load_theme(course.theme)
    cases = 0
    for deck in decks:
        prs = Presentation(str(deck))
        spec = build_deck_specs(course, course.module(deck.stem), BUILT_IN, theme,
                                FontMetrics("Arial"))
        for index, slide in enumerate(spec.slides):
            if slide.kind not in {"case", "exhibit"}:
                continue
            cases += slide.kind == "case"
            shown = " ".join([*slide.texts(), "".join(r.text for r in slide.source)])
            assert FICTIONAL_LABEL in shown, (deck.name, slide.title_text)
            sizes = [p.size for region in slide.regions for p in region.paras]
            assert all(size >= 18 for size in sizes), (deck.name, slide.title_text, sizes)
            if slide.table is not None:  # a native table, its header on every slide
                table = next(s for s in prs.slides[index].shapes if s.has_table).table
                assert [c.text for c in table.rows[0].cells] == [
                    "".join(r.text for r in cell) for cell in slide.table.header]
    assert cases >= 4
