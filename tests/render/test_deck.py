"""Decks as a client sees them: valid Open XML, LibreOffice renders every slide, text in place."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from openxml_audit import validate_pptx
from PIL import Image
from pptx import Presentation

from coursegen.load import load_checked
from coursegen.render.deck import FOOTER_TYPES, render_decks
from coursegen.render.deck_geometry import BUILT_IN
from coursegen.render.deck_specs import build_deck_specs
from coursegen.render.deck_theme import load_theme
from coursegen.render.options import RenderOptions
from coursegen.render.text_fit import FontMetrics
from coursegen.scaffold import create_course

LONG_LIST = "\n".join(
    f"      - Step {n} — write down who handled the exhibit, when, and what they did with it"
    for n in range(1, 17))
EXTRA_SLIDES = f"""  - kind: image
    title: A completed custody form
    src: images/custody.png
    alt: A custody form signed by the three officers who handled the phone
    caption: Every hand-over is signed
    cite: [unodc-ws4-2020#74]
  - title: Sixteen steps of a custody record
    points:
{LONG_LIST}
    notes: Let the room read along.
"""


def _missing(tool: str) -> bool:
    return shutil.which(tool) is None


needs_office = pytest.mark.skipif(_missing("soffice") or _missing("pdftotext"),
                                  reason="LibreOffice (soffice) or poppler (pdftotext) missing")


def make_course(root: Path) -> Path:
    """The starter course plus a picture slide and a list too long for one slide."""
    create_course(root)
    (root / "images").mkdir()
    Image.new("RGB", (800, 500), "#c9d6e5").save(root / "images" / "custody.png")
    lesson = root / "modules" / "getting-started" / "02-safeguards.yaml"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("  - kind: references", EXTRA_SLIDES + "  - kind: references"),
                      encoding="utf-8")
    return root


def to_pdf(decks: list[Path], out: Path) -> list[Path]:
    """Convert decks with LibreOffice in one run (own profile, so tests may run in parallel)."""
    profile = Path("/tmp") / f"coursegen-lo-{uuid.uuid4().hex}"
    try:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(out), *map(str, decks)],
                       check=True, capture_output=True, timeout=240)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return [out / f"{deck.stem}.pdf" for deck in decks]


HYPHENS = str.maketrans("", "", "\u00ad\u2010\u2011-")


def shows(page: str, text: str, columns: bool) -> bool:
    """Whether the page shows the text: in one piece, or word by word beside another column.

    Hyphens are ignored: pdftotext drops non-breaking ones ('AI‑assisted' → 'AIassisted').
    """
    page, text = page.translate(HYPHENS), text.translate(HYPHENS)
    if columns:  # pdftotext may interleave the lines of side-by-side columns
        return set(text.split()) <= set(page.split())
    return " ".join(text.split()) in page


def pdf_pages(pdf: Path) -> list[str]:
    """Each page's text, whitespace collapsed."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")[:-1]]


def low_words(pdf: Path, below: float) -> list[list[str]]:
    """Per page, the words whose bottom edge lies lower than `below` points from the top."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    pages = []
    for page in html.split("<page ")[1:]:
        words = re.findall(r'yMax="([\d.]+)">([^<]*)</word>', page)
        pages.append([word for y, word in words if float(y) > below])
    return pages


def _is_body(shape) -> bool:
    """A shape holding slide text: not the title, footer, marking or slide number."""
    if not shape.has_text_frame:
        return False
    return not shape.is_placeholder or shape.placeholder_format.idx not in (0, 10, 11, 12)


def slide_texts(deck: Path) -> list[tuple[str, list[str], str]]:
    """(title, body paragraphs, notes) of every slide, read back with python-pptx."""
    result = []
    for slide in Presentation(str(deck)).slides:
        title = slide.shapes.title.text_frame.text if slide.shapes.title else ""
        body = [p.text for shape in slide.shapes if _is_body(shape)
                for p in shape.text_frame.paragraphs if p.text]
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        result.append((title, body, notes))
    return result


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    """The starter course's deck, built once."""
    root = make_course(tmp_path_factory.mktemp("deck") / "course")
    course, _ = load_checked(root)
    decks = render_decks(course, root / "build", RenderOptions())
    spec = build_deck_specs(course, course.modules[0], BUILT_IN, load_theme(course.theme),
                            FontMetrics("Arial"))
    return root, decks, spec


@pytest.fixture(scope="module")
def office_pdf(built) -> Path:
    """The starter course's deck as LibreOffice prints it, converted once."""
    root, decks, _spec = built
    return to_pdf(decks, root / "pdf")[0]


def test_deck_is_written_where_the_design_says(built):
    root, decks, _spec = built
    assert decks == [root / "build" / "decks" / "getting-started.pptx"]
    assert decks.diagnostics == []
    assert not list((root / "build" / "decks").glob("*.tmp"))


def test_deck_passes_openxml_audit(built):
    result = validate_pptx(str(built[1][0]))
    assert result.is_valid, [e.description for e in result.errors]
    assert result.error_count == 0 and result.warning_count == 0


def test_deck_is_16_by_9_on_the_named_layouts(built):
    prs = Presentation(str(built[1][0]))
    assert prs.slide_width * 9 == prs.slide_height * 16
    names = {slide.slide_layout.name for slide in prs.slides}
    assert names == {"Title", "Section", "Content", "Two Content", "Key Figure", "Quote",
                     "Picture", "Case", "Question", "References"}


def test_every_slide_has_a_unique_title_and_notes(built):
    slides = slide_texts(built[1][0])
    titles = [title for title, _body, _notes in slides]
    assert all(titles) and len(set(titles)) == len(titles)
    assert all(notes for _t, _b, notes in slides)
    assert "Sixteen steps of a custody record (cont.)" in titles


def test_knowledge_check_notes_hold_the_answer(built):
    slides = slide_texts(built[1][0])
    notes = next(n for t, _b, n in slides if t == "Knowledge check – A double-edged sword")
    assert "Answer: A. It helps criminals and investigators alike" in notes
    assert "Explanation: " in notes and "Time: 2 min" in notes


def test_picture_has_alt_text_and_links_are_real(built):
    prs = Presentation(str(built[1][0]))
    pictures = [s for slide in prs.slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) == 1
    assert pictures[0]._element.nvPicPr.cNvPr.get("descr") == (
        "A custody form signed by the three officers who handled the phone")
    links = [run.hyperlink.address for slide in prs.slides for shape in slide.shapes
             if shape.has_text_frame for p in shape.text_frame.paragraphs for run in p.runs
             if run.hyperlink.address]
    assert links == ["https://www.unodc.org/congress/en/documentation.html"]


def test_table_is_a_native_table(built):
    prs = Presentation(str(built[1][0]))
    tables = [s.table for slide in prs.slides for s in slide.shapes if s.has_table]
    assert len(tables) == 1
    assert [cell.text for cell in tables[0].rows[1].cells] == ["Seizure", "Who, where and when"]


def test_marking_and_slide_numbers_on_every_slide(built):
    for slide in Presentation(str(built[1][0])).slides:
        kinds = {s.placeholder_format.type for s in slide.placeholders}
        texts = [s.text_frame.text for s in slide.placeholders if s.placeholder_format.idx == 10]
        assert texts == ["For training use only"]
        assert any("slidenum" in s._element.xml for s in slide.placeholders), kinds


@pytest.mark.slow
@needs_office
def test_libreoffice_renders_every_slide_with_its_title_and_points(built, office_pdf):
    spec, pdf = built[2], office_pdf
    pages = pdf_pages(pdf)
    assert len(pages) == len(spec.slides)
    for page, slide in zip(pages, spec.slides, strict=True):
        assert " ".join(slide.title_text.split()) in page
        for text in slide.texts():
            assert shows(page, text, len(slide.regions) > 1), (slide.title_text, text)


@pytest.mark.slow
@needs_office
def test_no_text_runs_into_the_footer_row(office_pdf):
    pdf = office_pdf
    footer = {"For", "training", "use", "only"}
    for number, words in enumerate(low_words(pdf, below=498), start=1):
        assert all(w in footer or w.isdigit() for w in words), (number, words)


def test_no_notes_makes_a_participant_copy(built, tmp_path: Path):
    root = built[0]
    out = tmp_path / "participant"
    subprocess.run([str(Path(sys.executable).parent / "coursegen"), "build", str(root), "--only",
                    "decks", "--no-notes", "--out", str(out)], check=True, capture_output=True)
    prs = Presentation(str(out / "decks" / "getting-started.pptx"))
    assert len(prs.slides) == len(built[2].slides)
    assert not any(slide.has_notes_slide for slide in prs.slides)


def test_organisation_template_is_used_and_missing_layouts_are_warnings(tmp_path: Path):
    root = make_course(tmp_path / "course")
    (root / "brand").mkdir()
    Presentation().save(str(root / "brand" / "org.pptx"))  # python-pptx's default: 4:3, Calibri
    course_file = root / "course.yaml"
    course_file.write_text(course_file.read_text(encoding="utf-8")
                           + "branding:\n  deck_template: brand/org.pptx\n", encoding="utf-8")
    course, _ = load_checked(root)
    decks = render_decks(course, root / "build", RenderOptions())
    warnings = [str(d) for d in decks.diagnostics]
    assert ("brand/org.pptx: warning: deck template has no layout named 'Key Figure'; using "
            "'Title and Content' instead (see docs/deck-templates.md)") in warnings
    assert all(d.severity == "warning" for d in decks.diagnostics)
    prs = Presentation(str(decks[0]))
    assert prs.slide_width == 9144000  # the organisation's own slide size is kept
    layouts = [slide.slide_layout.name for slide in prs.slides]
    assert layouts[0] == "Title Slide"
    assert {"Two Content", "Title and Content", "Picture with Caption"} <= set(layouts)
    titles = [t for t, _b, _n in slide_texts(decks[0])]
    assert all(titles) and len(set(titles)) == len(titles)
    assert validate_pptx(str(decks[0])).is_valid


def deck_title_sizes(deck: Path) -> set[float]:
    """Every title run size on the deck's slides other than the cover and section slides."""
    sizes = set()
    for slide in Presentation(str(deck)).slides:
        title = slide.shapes.title
        if title is None or slide.slide_layout.name.lower() in {"title", "section",
                                                              "title slide", "section header"}:
            continue
        sizes.update(r.font.size.pt for p in title.text_frame.paragraphs for r in p.runs
                     if r.font.size)
    return sizes


def _run_sizes(deck: Path, title: str) -> tuple[set[float], set[float]]:
    """The point sizes of the title runs and of the body runs on the slide titled `title`."""
    slide = next(s for s in Presentation(str(deck)).slides if s.shapes.title.text == title)
    sizes: tuple[set[float], set[float]] = (set(), set())
    for shape in slide.placeholders:
        if shape.placeholder_format.type in FOOTER_TYPES or not shape.has_text_frame:
            continue
        runs = [r for p in shape.text_frame.paragraphs for r in p.runs if r.font.size]
        sizes[shape == slide.shapes.title].update(r.font.size.pt for r in runs)
    return sizes[1], sizes[0]


def test_an_organisation_templates_own_text_sizes_are_kept(tmp_path: Path):
    root = make_course(tmp_path / "course")
    (root / "brand").mkdir()
    Presentation().save(str(root / "brand" / "org.pptx"))  # its master: 44 pt titles, 32 pt body
    course_file = root / "course.yaml"
    course_file.write_text(course_file.read_text(encoding="utf-8")
                           + "branding:\n  deck_template: brand/org.pptx\n", encoding="utf-8")
    course, _ = load_checked(root)
    [deck] = render_decks(course, root / "build", RenderOptions())
    # Body text at the master's sizes (levels 1 and 2); titles at one size for the whole
    # deck, the master's 44 pt or, where a deck's longest title needs it, less.
    titles, body = _run_sizes(deck, "Safeguards first")
    assert body == {32.0, 28.0}
    assert deck_title_sizes(deck) == titles and max(titles) <= 44
    (root / "templates" / "theme.yml").write_text("sizes:\n  title: 20\n", encoding="utf-8")
    course, _ = load_checked(root)
    [deck] = render_decks(course, root / "build", RenderOptions())
    titles, body = _run_sizes(deck, "Safeguards first")
    assert titles == {20.0} and body == {32.0, 28.0}  # the course's own theme.yml still wins


@pytest.fixture(scope="module")
def shipped_decks(shipped_course: Path, tmp_path_factory: pytest.TempPathFactory):
    """Every deck of the shipped course, built once."""
    course, _ = load_checked(shipped_course)
    out = tmp_path_factory.mktemp("shipped")
    return course, render_decks(course, out, RenderOptions()), out


@pytest.mark.slow
def test_shipped_course_decks_are_valid_and_complete(shipped_decks):
    course, decks, _out = shipped_decks
    assert [d.stem for d in decks] == [m.id for m in course.modules]
    for deck in decks:
        result = validate_pptx(str(deck))
        assert result.is_valid and result.error_count == 0, (deck.name, result.errors[:3])
        slides = slide_texts(deck)
        titles = [t for t, _b, _n in slides]
        assert all(titles) and len(set(titles)) == len(titles), deck.name
        assert all(notes for _t, _b, notes in slides), deck.name


@pytest.mark.slow
@needs_office
def test_shipped_course_decks_render_in_libreoffice(shipped_decks):
    course, decks, out = shipped_decks
    theme, metrics = load_theme(course.theme), FontMetrics("Arial")
    for deck, pdf in zip(decks, to_pdf(list(decks), out / "pdf"), strict=True):
        spec = build_deck_specs(course, course.module(deck.stem), BUILT_IN, theme, metrics)
        pages = pdf_pages(pdf)
        assert len(pages) == len(spec.slides), deck.name
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                               check=True).stdout
        assert "Sans" in fonts and "Serif" not in fonts, fonts  # footers too: one typeface
        for page, slide in zip(pages, spec.slides, strict=True):
            assert " ".join(slide.title_text.split()) in page, (deck.name, slide.title_text)
            for text in slide.texts():
                assert shows(page, text, len(slide.regions) > 1), (deck.name, slide.title_text,
                                                                    text)
