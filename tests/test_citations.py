"""One citation formatter: every output that shows a citation shows the same words."""

from __future__ import annotations

import io

from rich.console import Console

from coursegen.load import load_course
from coursegen.model.citing import full_citation, merged_citations, short_citation, source_line
from coursegen.quiz.scoring import score
from coursegen.render.deck_notes import cite_line
from coursegen.render.handout_model import Citations
from coursegen.terminal.display import feedback_view as terminal_feedback
from coursegen.web.feedback import feedback_view as web_feedback


def test_a_run_of_paragraphs_merges_into_ranges(shipped_course):
    course = load_course(shipped_course)
    cites = ["unodc-ws4-2020#35", "unodc-ws4-2020#36", "unodc-ws4-2020#37",
             "unodc-ws4-2020#40", "justicecare-digital-2022"]
    assert merged_citations(course, cites)[0] == "A/CONF.234/11, paras 35–37, 40"
    assert source_line(course, ["unodc-ws4-2020#8"]) == "Source: A/CONF.234/11, para. 8"
    assert source_line(course, cites).startswith("Sources: A/CONF.234/11, paras 35–37, 40; ")


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
