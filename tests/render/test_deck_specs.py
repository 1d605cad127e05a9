"""Slide specs: every slide kind becomes the slides a trainer expects, and nothing overflows."""

from __future__ import annotations

from pathlib import Path

import pytest

from coursegen.load import load_checked
from coursegen.model.slides import BulletsSlide, Point, SummarySlide
from coursegen.render.deck_cases import FICTIONAL_LABEL
from coursegen.render.deck_fit import Fitter
from coursegen.render.deck_geometry import BUILT_IN, LayoutBoxes, role_groups
from coursegen.render.deck_specs import build_deck_specs
from coursegen.render.deck_theme import load_theme
from coursegen.render.text_fit import FontMetrics
from coursegen.scaffold import create_course
from coursegen.text import Run


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory):
    """The starter course, loaded, with its theme and font metrics."""
    root = tmp_path_factory.mktemp("specs") / "course"
    create_course(root)
    course, _ = load_checked(root)
    return course, load_theme(course.theme), FontMetrics("Arial")


def specs_for(starter, module=None, layouts=None):
    course, theme, metrics = starter
    return build_deck_specs(course, module or course.modules[0], layouts or BUILT_IN, theme,
                            metrics)


def with_slides(starter, *slides):
    """The starter module with its first lesson's slides replaced."""
    course = starter[0]
    module = course.modules[0]
    lesson = module.lessons[0].model_copy(update={"slides": slides})
    return module.model_copy(update={"lessons": (lesson,)})


def test_title_slide_names_module_course_and_organisation(starter):
    deck = specs_for(starter)
    title = deck.slides[0]
    assert title.layout == "Title"
    assert title.title_text == "Getting started with digital evidence"
    assert title.texts() == ["Handling digital evidence", "Module 1 of 1 · 45 min",
                             "Your organisation · Version 0.1"]
    assert deck.marking == "For training use only"


def test_every_slide_kind_gets_its_layout(starter):
    layouts = {(s.kind, s.layout) for s in specs_for(starter).slides}
    assert layouts >= {
        ("title", "Title"), ("section", "Section"), ("lesson", "Section"), ("bullets", "Content"),
        ("compare", "Two Content"), ("stat", "Key Figure"), ("quote", "Quote"),
        ("knowledge-check", "Question"), ("answer", "Content"), ("summary", "Content"),
        ("table", "Content"), ("case", "Case"), ("references", "References"),
    }


def test_every_title_is_unique_and_a_repeated_heading_names_its_lesson(starter):
    titles = [s.title_text for s in specs_for(starter).slides]
    assert len(titles) == len(set(titles))
    assert {"Summary – A double-edged sword", "Summary – Keeping evidence usable",
            "Knowledge check: answer – Keeping evidence usable"} <= set(titles)
    assert "Safeguards first" in titles  # a heading used once stays as written


def test_a_heading_repeated_in_one_lesson_is_numbered_there(starter):
    module = with_slides(starter, BulletsSlide(title="Steps", points=(Point(text="One"),)),
                         BulletsSlide(title="Steps", points=(Point(text="Two"),)))
    titles = [s.title_text for s in specs_for(starter, module).slides]
    assert "Steps" in titles and "Steps (2)" in titles


def test_bullets_keep_levels_and_inline_markdown(starter):
    slide = next(s for s in specs_for(starter).slides if s.title_text == "Safeguards first")
    paras = slide.regions[0].paras
    assert [(p.text, p.level) for p in paras] == [
        ("Respect procedural safeguards when you gather digital evidence", 0),
        ("Evidence from new techniques must be admissible in court", 0),
        ("Record how it was obtained", 1),
        ("Keep the chain of custody", 1),
    ]
    assert paras[2].size < paras[0].size
    why = next(s for s in specs_for(starter).slides if s.title_text == "Why it matters")
    assert Run("lower their risk", bold=True) in why.regions[0].paras[0].runs


def test_stat_slide_has_figure_label_and_source(starter):
    stat = next(s for s in specs_for(starter).slides if s.kind == "stat")
    figure, label, _context = stat.regions
    assert figure.paras[0].text == "16" and figure.paras[0].size >= 72
    assert label.paras[0].text.startswith("is the Sustainable Development Goal")
    assert "".join(r.text for r in stat.source) == "Source: A/CONF.234/11, para. 3"


def test_compare_slide_has_two_headed_columns(starter):
    compare = next(s for s in specs_for(starter).slides if s.kind == "compare")
    assert [r.roles[0] for r in compare.regions] == ["left_heading", "left", "right_heading",
                                                     "right"]
    assert compare.texts() == ["Misuse", "Reaching victims at a distance", "Hiding proceeds",
                               "Investigation", "Following digital traces",
                               "Sharing intelligence faster"]


def test_quote_slide_has_quotation_and_attribution(starter):
    quote = next(s for s in specs_for(starter).slides if s.kind == "quote")
    # Attributed once: a short title and no source line repeating the attribution.
    assert quote.title_text == "In their words"
    assert quote.texts() == ["“Technology is a double-edged sword.”", "— UNODC background paper"]
    assert quote.source == ()


def test_table_slide_is_a_table(starter):
    table = next(s for s in specs_for(starter).slides if s.kind == "table")
    assert [r[0][0].text for r in table.table.rows] == ["Seizure", "Extraction", "Analysis"]
    assert [c[0].text for c in table.table.header] == ["Step", "What to record"]
    assert sum(table.table.widths) == pytest.approx(table.table.box.width)


def test_case_slide_labels_fiction_and_lists_exhibits_and_questions(starter):
    case = next(s for s in specs_for(starter).slides if s.kind == "case")
    left, right = (r.texts() if hasattr(r, "texts") else [p.text for p in r.paras]
                   for r in case.regions)
    assert left[0] == FICTIONAL_LABEL
    assert "What went wrong?" in " ".join(left)
    assert right[0] == "Exhibit A — custody note" and "Seized at the scene" in right
    assert "Guidance: Draw out that browsing changes the data" in case.notes


def test_knowledge_check_asks_then_answers(starter):
    slides = specs_for(starter).slides
    index = next(i for i, s in enumerate(slides) if s.kind == "knowledge-check")
    asked, answer = slides[index], slides[index + 1]
    assert asked.texts()[0] == "Why is technology called a double-edged sword in criminal justice?"
    # lettered in the question's one presentation order, as on paper and on the site
    assert asked.texts()[1:] == ["A.  It helps criminals and investigators alike",
                                 "B.  It mostly helps criminals",
                                 "C.  It is too costly for most police services"]
    assert answer.kind == "answer"
    assert answer.title_text == "Knowledge check: answer – A double-edged sword"
    assert answer.texts()[0] == "A. It helps criminals and investigators alike"
    assert answer.texts()[-1].startswith("Why: ")
    assert "Answer: A. It helps criminals and investigators alike" in asked.notes


def test_ordering_question_does_not_show_the_answer_order(starter):
    slides = specs_for(starter).slides
    asked = [s for s in slides if s.kind == "knowledge-check"][1]
    shown = [t.split("  ", 1)[1] for t in asked.regions[1].texts()] \
        if hasattr(asked.regions[1], "texts") else [p.text.split("  ", 1)[1]
                                                    for p in asked.regions[1].paras]
    assert sorted(shown) == sorted(["Seizure", "Extraction", "Analysis", "Presentation in court"])
    assert shown != ["Seizure", "Extraction", "Analysis", "Presentation in court"]


def test_references_list_every_cited_source_with_a_link(starter):
    course = starter[0]
    references = next(s for s in specs_for(starter).slides if s.kind == "references")
    expected = [course.source(i).reference() for i in course.modules[0].cited_sources()]
    assert references.texts() == expected
    assert references.regions[0].paras[0].runs[-1].href == "https://www.unodc.org/congress/en/documentation.html"


def test_notes_carry_notes_question_and_timing(starter):
    why = next(s for s in specs_for(starter).slides if s.title_text == "Why it matters")
    assert why.notes.splitlines()[:3] == [
        "Set the scene; every later lesson returns to this dual use.",
        "Ask: Which new technology has changed your last case?",
        "Time: 4 min",
    ]
    assert all(s.notes for s in specs_for(starter).slides)


def test_summary_without_points_shows_module_objectives(starter):
    module = with_slides(starter, SummarySlide(kind="summary"))
    summary = next(s for s in specs_for(starter, module).slides if s.kind == "summary")
    assert summary.texts() == [o.text for o in module.objectives]


def _long_list(count: int, sub: int = 0) -> BulletsSlide:
    points = tuple(
        Point(text=f"Point {n}: investigators record who seized the device, where and when",
              points=tuple(Point(text=f"Detail {n}.{m} of the record") for m in range(sub)))
        for n in range(1, count + 1))
    return BulletsSlide(title="A long list", points=points)


def test_long_list_continues_on_numbered_cont_slides(starter):
    deck = specs_for(starter, with_slides(starter, _long_list(30)))
    parts = [s for s in deck.slides if s.title_text.startswith("A long list")]
    assert [s.title_text for s in parts][:3] == ["A long list", "A long list (cont.)",
                                                 "A long list (cont. 2)"]
    texts = [t for s in parts for t in s.texts()]
    assert texts == [f"Point {n}: investigators record who seized the device, where and when"
                     for n in range(1, 31)]
    fitter = Fitter(starter[2])
    for slide in parts:
        region = slide.regions[0]
        assert fitter.height(region.paras, region.box) <= fitter.room(region.box)
        assert region.paras[0].size == 24  # split at full size, not shrunk to unreadable
    assert not deck.diagnostics


def test_split_pages_are_balanced(starter):
    deck = specs_for(starter, with_slides(starter, _long_list(14)))
    counts = [len(s.texts()) for s in deck.slides if s.title_text.startswith("A long list")]
    assert len(counts) == 2 and abs(counts[0] - counts[1]) <= 2


def test_slightly_long_list_shrinks_instead_of_splitting(starter):
    deck = specs_for(starter, with_slides(starter, _long_list(11)))
    parts = [s for s in deck.slides if s.title_text.startswith("A long list")]
    assert len(parts) == 1
    assert 18 <= parts[0].regions[0].paras[0].size < 24


def test_sub_points_stay_with_their_point(starter):
    deck = specs_for(starter, with_slides(starter, _long_list(8, sub=3)))
    for slide in (s for s in deck.slides if s.title_text.startswith("A long list")):
        paras = slide.regions[0].paras
        assert paras[0].level == 0
        assert [p.level for p in paras].count(1) == 3 * [p.level for p in paras].count(0)


def test_long_word_wraps_by_characters():
    metrics = FontMetrics("Arial")
    word = (Run("https://example.org/" + "a1b2c3d4" * 40),)
    assert metrics.line_count(word, 24, 400) > 5
    assert metrics.line_count((Run("short words only"),), 24, 400) == 1


def test_real_font_metrics_measure_wider_text_wider():
    metrics = FontMetrics("Arial")
    assert metrics.measured_with is not None and metrics.measured_with.suffix == ".ttf"
    narrow = metrics.line_count((Run("i" * 60),), 24, 300)
    wide = metrics.line_count((Run("W" * 60),), 24, 300)
    assert wide > narrow


def test_point_too_long_for_any_slide_is_a_warning_naming_the_file(tmp_path: Path):
    root = tmp_path / "course"
    create_course(root)
    lesson = root / "modules" / "getting-started" / "01-double-edged.yaml"
    text = lesson.read_text(encoding="utf-8")
    huge = " ".join(["evidence"] * 600)
    anchor = "    notes: Set the scene"
    assert anchor in text
    lesson.write_text(text.replace(anchor, f"      - {huge}\n{anchor}"), encoding="utf-8")
    course, _ = load_checked(root)
    deck = build_deck_specs(course, course.modules[0], BUILT_IN, load_theme(course.theme),
                            FontMetrics("Arial"))
    messages = [str(d) for d in deck.diagnostics]
    assert len(messages) == 1
    assert messages[0].startswith("modules/getting-started/01-double-edged.yaml:")
    assert "warning: text does not fit on one slide even at 18 pt" in messages[0]


def test_fewer_placeholders_merge_roles():
    assert role_groups("Key Figure", 1) == (("figure", "label", "context"),)
    assert role_groups("Two Content", 2) == (("left_heading", "left"), ("right_heading", "right"))
    assert role_groups("Case", 5) == (("left",), ("right",))


def test_a_template_with_one_text_box_per_layout_still_gets_all_text(starter):
    plain = {name: LayoutBoxes(name, boxes.title, boxes.bodies[:1] if name != "Title"
                               else boxes.bodies)
             for name, boxes in BUILT_IN.items()}
    plain["Content"] = BUILT_IN["Content"]
    stat = next(s for s in specs_for(starter, layouts=plain).slides if s.kind == "stat")
    assert len(stat.regions) == 1
    assert stat.texts()[:2] == ["16", "is the Sustainable Development Goal that technology-led "
                                "policing can advance"]
    assert stat.regions[0].paras[0].size > stat.regions[0].paras[1].size


def test_fictional_label_stays_on_the_slide_of_its_scenario(starter):
    from coursegen.model.slides import CaseSlide
    from coursegen.render.deck_cases import FICTIONAL_LABEL
    from coursegen.render.deck_geometry import Box, LayoutBoxes

    scenario = " ".join(["A vendor shipped parcels from a rented locker every week."] * 12)
    case = CaseSlide(kind="case", title="A long case", scenario=scenario,
                     questions=("What would you ask first?", "Which records matter?"))
    narrow = dict(BUILT_IN)  # an organisation's narrow columns: the scenario fills a slide
    narrow["Case"] = LayoutBoxes("Case", BUILT_IN["Case"].title,
                                 (Box(44, 118, 300, 300), Box(360, 118, 300, 300)))
    deck = specs_for(starter, with_slides(starter, case), narrow)
    for slide in (s for s in deck.slides if s.kind == "case"):
        left = [p.text for p in slide.regions[0].paras]
        if FICTIONAL_LABEL in left:
            assert left.index(FICTIONAL_LABEL) + 1 < len(left), left  # its scenario follows
    first = next(s for s in deck.slides if s.kind == "case")
    assert [p.text for p in first.regions[0].paras][:1] == [FICTIONAL_LABEL]


def test_a_table_exhibit_too_large_for_the_room_points_to_the_handout(starter):
    from coursegen.model.slides import CaseSlide, Exhibit
    from coursegen.render.deck_cases import ROOM_ROWS
    from coursegen.render.handout_model import module_view
    from coursegen.render.handout_pages import handout_pages

    big = Exhibit(title="Exhibit B — call records", columns=("Time", "From", "To"),
                  rows=tuple((f"10:{n:02d}", "A", "B") for n in range(ROOM_ROWS + 4)))
    small = Exhibit(title="Exhibit A — seizure log", columns=("Item", "Bag"),
                    rows=(("Phone", "4471"), ("Laptop", "4472")))
    case = CaseSlide(kind="case", title="Case study: the missing calls", scenario="A phone.",
                     exhibits=(small, big), questions=("Who called whom?",))
    module = with_slides(starter, case)
    deck = specs_for(starter, module)
    exhibits = [s for s in deck.slides if s.kind == "exhibit"]
    assert [s.title_text for s in exhibits] == ["Exhibit A — seizure log",
                                                 "Exhibit B — call records"]
    assert exhibits[0].table is not None  # small enough: the native table
    pointer = exhibits[1]
    assert pointer.table is None
    # the handout heads the lesson holding the case as "Lesson 1" with the lesson's title
    [lesson_view] = module_view(starter[0], module).lessons
    assert case in lesson_view.lesson.slides
    # the page comes from the participant handout's own layout of this module
    page = handout_pages(starter[0], module)[lesson_view.slides[0].exhibit_anchor(2)]
    assert page > 1
    assert pointer.texts()[-3:] == [
        f"A table of {ROOM_ROWS + 4} rows and 3 columns: too large to read on screen.",
        f"Exhibit B — handout p. {page}",
        f"Lesson {lesson_view.number}, “{lesson_view.lesson.title}”, "
        "under “Case study: the missing calls”."]
    assert "open the handout" in pointer.notes
    # few rows, but each so long that the table would run over more than two slides
    wordy = " ".join(["records from the parcel company and the email provider"] * 8)
    long = Exhibit(title="Exhibit C — link analysis", columns=("Identifier", "Seen", "Found"),
                   rows=tuple((f"ID {n}", wordy, wordy) for n in range(4)))
    module = with_slides(starter, case.model_copy(update={"exhibits": (long,)}))
    [shown] = [s for s in specs_for(starter, module).slides if s.kind == "exhibit"]
    assert shown.table is None and shown.texts()[-3].startswith("A table of 4 rows and 3 ")
