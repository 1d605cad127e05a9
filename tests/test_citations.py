"""One citation formatter: every output that shows a citation shows the same words."""

from __future__ import annotations

import io

from rich.console import Console

from coursegen.load import load_course
from coursegen.model.citing import (
    continues,
    full_citation,
    merged_citations,
    short_citation,
    source_line,
)
from coursegen.model.source import parse_citation
from coursegen.quiz.scoring import score
from coursegen.render.deck_notes import cite_line
from coursegen.render.handout_model import Citations
from coursegen.render.handout_notes import FootnoteRuns
from coursegen.terminal.display import feedback_view as terminal_feedback
from coursegen.web.feedback import feedback_view as web_feedback


def test_a_run_of_paragraphs_merges_into_ranges(shipped_course):
    course = load_course(shipped_course)
    cites = ["unodc-ws4-2020#35", "unodc-ws4-2020#36", "unodc-ws4-2020#37",
             "unodc-ws4-2020#40", "justicecare-digital-2022"]
    assert merged_citations(course, cites)[0] == "A/CONF.234/11, paras 35–37, 40"
    assert source_line(course, ["unodc-ws4-2020#8"]) == "Source: A/CONF.234/11, para. 8"
    assert source_line(course, cites).startswith("Sources: A/CONF.234/11, paras 35–37, 40; ")


def refs(*cites: str):
    return [parse_citation(c) for c in cites]


def test_a_passage_continues_a_note_only_at_the_same_or_the_next_place():
    assert continues(refs("unodc-ws4-2020#35"), refs("unodc-ws4-2020#36"))
    assert continues(refs("unodc-ws4-2020#35"), refs("unodc-ws4-2020#35"))
    assert continues(refs("src#p.4"), refs("src#p.5"))
    assert continues(refs("src"), refs("src"))  # the whole document again
    assert not continues(refs("unodc-ws4-2020#35"), refs("unodc-ws4-2020#38"))
    assert not continues(refs("src#p.35"), refs("src#35"))  # a page is no paragraph
    assert not continues(refs("src"), refs("src#3"))
    # a passage that brings another source in is no continuation
    assert not continues(refs("unodc-ws4-2020#35"), refs("unodc-ws4-2020#36", "other#2"))
    assert continues(refs("unodc-ws4-2020#35", "other#2"), refs("unodc-ws4-2020#36"))


def test_passages_in_a_row_citing_one_place_share_one_footnote(shipped_course):
    course = load_course(shipped_course)
    runs = FootnoteRuns(Citations(course))
    html = "".join([
        runs.chapter(), "<li>a", runs.call(("unodc-ws4-2020#35",)), "</li>",
        "<li>b", runs.call(("unodc-ws4-2020#36",)), "</li>",
        "<li>c", runs.call(("unodc-ws4-2020#37", "unodc-ws4-2020#38")), "</li>",
        "<li>d", runs.call(("unodc-ws4-2020#60",)), "</li>",
        runs.chapter(), "<li>e", runs.call(("unodc-ws4-2020#61",)), "</li>",
    ])
    assert runs.resolve(html) == (
        "<li>a</li><li>b</li>"
        '<li>c<span class="fn">United Nations, A/CONF.234/11, paras 35–38.</span></li>'
        '<li>d<span class="fn">United Nations, A/CONF.234/11, para. 60.</span></li>'
        # a new chapter starts a new run
        '<li>e<span class="fn">United Nations, A/CONF.234/11, para. 61.</span></li>')


def test_a_line_that_carries_its_note_keeps_it(shipped_course):
    course = load_course(shipped_course)
    runs = FootnoteRuns(Citations(course))
    html = "".join([
        "<li>a", runs.call(("unodc-ws4-2020#35",)), "</li>",
        "<p>Sources", runs.call(("unodc-ws4-2020#35",), keep=True), "</p>",
        "<li>b", runs.call(("unodc-ws4-2020#36",)), "</li>",
    ])
    assert runs.resolve(html) == (
        # the point before may join it; the 'Sources' line never gives its note away
        '<li>a</li><p>Sources<span class="fn">United Nations, A/CONF.234/11, para. 35.</span>'
        '</p><li>b<span class="fn">United Nations, A/CONF.234/11, para. 36.</span></li>')


def test_terminal_and_browser_feedback_cite_in_the_same_words(starter_course):
    course = load_course(starter_course)
    module = course.modules[0]
    question = next(q for q in module.bank.questions if q.cite)
    item = score(question, None, module.bank.settings.scoring)
    shown = io.StringIO()
    Console(file=shown, width=400, color_system=None).print(
        terminal_feedback(item, course, question))
    terminal_lines = [line.strip().removeprefix("Source: ")
                      for line in shown.getvalue().splitlines() if "Source:" in line]
    assert terminal_lines == list(web_feedback(course, item).sources)
    assert terminal_lines == [full_citation(course, c) for c in question.cite]


def test_slides_and_handout_footnotes_name_a_source_alike(shipped_course):
    course = load_course(shipped_course)
    notes = Citations(course)
    first = notes.note(("unodc-ws4-2020#8", "unodc-ws4-2020#9"))
    slide = cite_line(course, ("unodc-ws4-2020#8", "unodc-ws4-2020#9"))
    assert first == "United Nations, A/CONF.234/11, paras 8–9."
    assert slide == "Source: A/CONF.234/11, paras 8–9"
    assert first.removesuffix(".").endswith(slide.removeprefix("Source: "))
    assert notes.inline("unodc-ws4-2020#8") == short_citation(course, "unodc-ws4-2020#8") + "."
