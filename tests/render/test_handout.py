"""The starter course's PDF handouts, read as a participant, a trainer and a screen reader."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from coursegen.checks import check_course
from coursegen.errors import TemplateInvalid
from coursegen.load import load_checked, load_course
from coursegen.render.handout import HandoutWriter, render_handouts
from coursegen.render.handout_model import module_view
from coursegen.render.options import RenderOptions
from coursegen.scaffold import create_course
from tests.render.handout_pdf import (
    contents_entries,
    flat,
    footnoted_citations,
    footnotes,
    kept_notes,
    misplaced_footnotes,
    needs_pdftotext,
    note_pinpoints,
    page_count,
    page_text,
    passage_pinpoints,
    pdf_ua_errors,
    repeated_places,
)

pytestmark = [pytest.mark.slow, needs_pdftotext]  # builds handouts

IMAGE_SLIDE = """
  - kind: image
    title: A sealed evidence bag
    src: images/evidence-bag.png
    alt: A phone sealed in a labelled evidence bag on a table
    caption: Seal the device before it leaves the scene.
    cite: [unodc-ws4-2020#74]
"""


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The starter course, with an image slide added so that alt text is exercised too."""
    from PIL import Image

    root = tmp_path_factory.mktemp("handout") / "course"
    create_course(root)
    (root / "images").mkdir()
    Image.new("RGB", (240, 160), "#8899AA").save(root / "images" / "evidence-bag.png")
    lesson = root / "modules" / "getting-started" / "02-safeguards.yaml"
    lesson.write_text(lesson.read_text() + IMAGE_SLIDE)
    return root


@pytest.fixture(scope="module")
def built(starter: Path) -> dict[str, Path]:
    """Every handout of the starter course, built once for this file."""
    course, _ = load_checked(starter)
    paths = render_handouts(course, starter / "build", RenderOptions())
    return {path.name: path for path in paths}


@pytest.fixture(scope="module")
def course(starter: Path):
    """The loaded starter course."""
    return load_checked(starter)[0]


def test_writes_both_editions_of_each_module_and_the_handbook(built: dict[str, Path]) -> None:
    assert sorted(built) == ["course.pdf", "getting-started-trainer.pdf", "getting-started.pdf"]
    for path in built.values():
        assert path.parent.name == "handouts"
        assert PdfReader(path).pages[0].mediabox.height == pytest.approx(841.89, abs=0.5)  # A4


def test_every_lesson_title_is_printed_in_every_edition(built, course) -> None:
    for path in built.values():
        text = flat(page_text(path))
        for lesson in course.modules[0].lessons:
            assert lesson.title in text, f"{lesson.title!r} missing from {path.name}"


def test_contents_page_numbers_are_the_pages_where_the_headings_are(built) -> None:
    for path in built.values():
        entries = contents_entries(path)
        assert len(entries) >= 5, f"{path.name}: contents not found"
        for title, page in entries:
            heading = re.sub(r"^(Module )?\d+\. ", "", title)
            assert heading in flat(page_text(path, page)), (
                f"{path.name}: contents say '{title}' is on page {page}"
            )
        pages = [page for _, page in entries]
        assert pages == sorted(pages)


def test_every_citation_is_a_numbered_footnote(built, course) -> None:
    module = course.modules[0]
    expected = footnoted_citations(module)
    notes = footnotes(built["getting-started.pdf"])
    # one note for passages in a row that cite one place: fewer notes, every place named
    assert [number for _, number, _ in notes] == list(range(1, len(notes) + 1))
    assert 0 < len(notes) < len(expected)
    assert {p for cites in expected for p in passage_pinpoints(cites)} == {
        p for note in notes for p in note_pinpoints(note)}
    html = HandoutWriter(course, RenderOptions()).html(
        "handout/module.html", [module_view(course, module)], False)
    assert repeated_places(built["getting-started.pdf"], kept_notes(html)) == []
    for _, _, text in notes:
        assert text.startswith(("United Nations, A/CONF.234/11", "Ibid.")), text
    assert misplaced_footnotes(built["getting-started.pdf"]) == []  # each on its call's page
    # Each lesson's first note names the source in full; the references list gives it all.
    assert notes[0][2] == "United Nations, A/CONF.234/11, paras 2–3."  # merged into a range
    text = flat(page_text(built["getting-started.pdf"]))
    assert "References" in text and "Workshop 4. Current crime trends" in text


def test_trainer_edition_adds_notes_guidance_and_answer_key(built) -> None:
    participant = flat(page_text(built["getting-started.pdf"]))
    trainer = flat(page_text(built["getting-started-trainer.pdf"]))
    trainer_only = [
        "Answer key: post-test",
        "Technology enables crime and helps prevent and detect it.",  # an explanation
        "Set the scene; every later lesson returns to this dual use.",  # speaker notes
        "Ask the room: Which new technology has changed your last case?",
        "Draw out that browsing changes the data and breaks the record.",  # case guidance
        "Session plan",
    ]
    for phrase in trainer_only:
        assert phrase in trainer, phrase
        assert phrase not in participant, phrase
    for phrase in ["Notes", "For discussion", "What went wrong?"]:
        assert phrase in participant, phrase


def test_the_post_test_is_printed_on_its_own_not_in_the_participant_handout(
        built, starter: Path) -> None:
    from coursegen.render.paper import render_papers

    course, _ = load_checked(starter)
    paths = render_papers(course, starter / "build", RenderOptions())
    assert [p.name for p in paths] == ["getting-started-pre-test.pdf",
                                       "getting-started-post-test.pdf"]
    paper = flat(page_text(paths[1]))
    participant = flat(page_text(built["getting-started.pdf"]))
    assert "Name Date" in paper and "Grading grid" in paper
    for question_id, stem in [("benefits", "Which are benefits of technology for investigators?"),
                              ("custody-term", "Which record answers that question?")]:
        assert re.search(rf"\b\d\. {question_id} .*{re.escape(stem)}", paper)  # the id grade reads
        assert stem not in participant
    assert "Why is technology called a double-edged sword" not in paper  # a pre-test question
    assert pdf_ua_errors(paths) == []
    assert re.search(r"\b[ABC] Faster sharing of intelligence", paper)


def test_paper_prints_one_form_on_demand(starter: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from coursegen.cli import cli

    result = CliRunner().invoke(cli, ["paper", "getting-started", str(starter), "--form", "pre",
                                      "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "handouts" / "getting-started-pre-test.pdf"
    assert result.output == f"pre-test written to {pdf}\n"
    text = flat(page_text(pdf))
    assert "Pre-test" in text and "dual-use" in text and "Grading grid" in text
    assert not (tmp_path / "handouts" / "getting-started-post-test.pdf").exists()


def test_pdf_ua_checker_finds_no_errors(built) -> None:
    assert pdf_ua_errors(list(built.values())) == []


def test_tagged_pdf_has_title_language_headings_and_figure_alt_text(built) -> None:
    reader = PdfReader(built["getting-started.pdf"])
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert root["/MarkInfo"]["/Marked"] in (True, "true")
    assert reader.metadata.title == "Getting started with digital evidence — Participant handout"
    assert "pdfuaid" in reader.xmp_metadata.rdf_root.toxml()
    tags: list[tuple[str, object]] = []

    def walk(element) -> None:
        element = element.get_object()
        if "/S" in element:
            tags.append((element["/S"], element.get("/Alt")))
        kids = element.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            if hasattr(kid.get_object(), "keys"):
                walk(kid)

    walk(root["/StructTreeRoot"])
    names = [name for name, _ in tags]
    assert {"/H1", "/H2", "/H3", "/Table", "/L", "/Figure"} <= set(names)
    figures = [alt for name, alt in tags if name == "/Figure"]
    assert figures == ["A phone sealed in a labelled evidence bag on a table"]


def test_bookmarks_lead_to_every_lesson(built, course) -> None:
    outline = PdfReader(built["getting-started.pdf"]).outline

    def titles(items) -> list[str]:
        return [t for i in items for t in (titles(i) if isinstance(i, list) else [i.title])]

    for lesson in course.modules[0].lessons:
        assert lesson.title in titles(outline)


def test_letter_paper_and_a_course_template_override(starter: Path, tmp_path: Path) -> None:
    root = tmp_path / "course"
    shutil.copytree(starter, root, ignore=shutil.ignore_patterns("build"))
    builtin = Path(__file__).resolve().parents[2] / "src/coursegen/templates/handout/_quiz.html"
    override = root / "templates" / "handout" / "_quiz.html"
    override.parent.mkdir(parents=True)
    override.write_text(builtin.read_text().replace('_("Answer key: post-test")',
                                                     '"Self-test key: post-test"'))
    course, _ = load_checked(root)
    options = RenderOptions(modules=("getting-started",), course_outputs=False, paper="Letter")
    paths = render_handouts(course, root / "build", options)
    assert [p.name for p in paths] == ["getting-started.pdf", "getting-started-trainer.pdf"]
    box = PdfReader(paths[0]).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    text = flat(page_text(paths[1]))
    assert "Self-test key: post-test" in text  # the heading of the overriding _quiz.html
    assert page_count(paths[0]) > 5


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{% extends 'handout/base.html' %}\n{% block body %}\n{% if %}\n{% endblock %}\n",
         "templates/handout/module.html:3: template syntax error: "),
        ("{% extends 'handout/base.html' %}\n{% block body %}\n{{ lesson.title }}\n"
         "{% endblock %}\n",
         "templates/handout/module.html:3: template error: 'lesson' is undefined; fix the "
         "template, or delete the course's copy to use the built-in one"),
    ],
    ids=["syntax", "undefined"],
)
def test_a_broken_course_template_names_its_file_and_line(
    starter: Path, tmp_path: Path, source: str, message: str
) -> None:
    root = tmp_path / "course"
    shutil.copytree(starter, root, ignore=shutil.ignore_patterns("build"))
    (root / "templates" / "handout").mkdir(parents=True)
    (root / "templates" / "handout" / "module.html").write_text(source)
    course = load_course(root)
    # `check` (and so every build) reports the template first; the renderer still names it
    # when it is handed the course unchecked.
    errors = [str(d) for d in check_course(course) if d.severity == "error"]
    assert len(errors) == 1 and errors[0].startswith("templates/handout/module.html:3:")
    with pytest.raises(TemplateInvalid) as raised:
        render_handouts(course, root / "build", RenderOptions(modules=("getting-started",)))
    assert str(raised.value).startswith(message)
    assert not list((root / "build").rglob("*.pdf"))


def test_running_heads_and_footers_are_artifacts(built) -> None:
    """PDF/UA: the running head, marking and page numbers are drawn as /Artifact, so the
    independent checker no longer finds them among the tagged content (PAG-001)."""
    import json
    import subprocess
    import sys

    from tests.render.handout_pdf import checker_findings

    checker = shutil.which("outloud", path=str(Path(sys.executable).parent))
    if checker is None:
        pytest.skip("the outloud PDF/UA checker is not installed")
    pdf = built["getting-started.pdf"]
    report = subprocess.run([checker, "--json", "-", str(pdf)], capture_output=True,
                            text=True).stdout
    evidence = " ".join(str(f.get("evidence", "")) for f in checker_findings(json.loads(report))
                        if (f.get("rule") or f.get("id")) == "PAG-001")
    for running in ("Handling digital evidence", "FOR TRAINING USE ONLY", "Page 2 of"):
        assert running not in evidence, evidence
    contents = PdfReader(pdf).pages[2].get_contents().get_data().decode("latin-1")
    assert re.search(r"/Artifact\s+BMC", contents)

