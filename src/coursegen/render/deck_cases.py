"""Case studies for the room: scenario and questions readable from the back, exhibits on screen.

A small case stays on one slide (scenario and questions beside the exhibits) when it
all fits at the case size. Otherwise the case slide holds the scenario and the
questions, and each exhibit gets slides of its own: a table as a native table with
its header row on every slide it spans, text and lists as paragraphs. A table too
large to read from the back of a room (more than `ROOM_ROWS` rows or `ROOM_COLUMNS`
columns, or rows so long it would span more than `ROOM_SLIDES` slides) gets one slide
pointing to it in the handout instead: "Exhibit C — handout p. 16", the page taken from
the participant handout's own layout (`handout_pages`), then the lesson's number and
title as the handout heads its chapter, and the case study's heading. A fictional case
carries its label on every slide that shows any of the fiction. A scenario that does not
fit one slide at the case size is split between sentences over several, never set smaller.
"""

from __future__ import annotations

import re

from coursegen.i18n.ui import N_
from coursegen.model.slides import CaseSlide, Exhibit
from coursegen.render.deck_fit import Para, make_para
from coursegen.render.deck_notes import speaker_notes
from coursegen.render.deck_spec_types import SlideSpec
from coursegen.text import Run, plain_text

SENTENCE_END = re.compile(
    r"(?:(?<=[.!?])|(?<=[.!?][”’\")]))(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bpara\.)(?<!\bpp\.)"
    r"(?<!\bp\.)(?<!\bNo\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)\s+(?=[“‘\"(]?[A-Z])")
"""Where a scenario may be split between slides: after a sentence's full stop."""
ROOM_ROWS = 10
"""The most rows a table exhibit may have to be shown on screen."""
ROOM_COLUMNS = 6
"""The most columns a table exhibit may have to be shown on screen."""
ROOM_SLIDES = 2
"""The most slides a table exhibit may span on screen (its rows too long for fewer)."""


FICTIONAL_LABEL = N_("Fictional scenario for training")
"""The label of a fictional case's slides (English; shown through the course's catalog)."""


class CaseSlides:
    """The case-study part of the deck builder (uses its `_compose` and `_table_slides`)."""

    def _fictional_label(self) -> str:
        return self.ui._(FICTIONAL_LABEL)

    def _case(self, slide: CaseSlide) -> list[SlideSpec]:
        label = ([make_para(self._fictional_label(), "label", node=slide)] if slide.fictional
                 else [])
        scenario = label + [make_para(" ".join(p.split()), "plain", node=slide)
                            for p in slide.scenario.split("\n\n") if p.strip()]
        questions = []
        if slide.questions:
            questions.append(make_para(self.ui._("Discuss"), "heading", node=slide))
            questions += [make_para(q, "numbered", prefix=f"{n}.  ", node=slide)
                          for n, q in enumerate(slide.questions, start=1)]
        guidance = (self.ui._("Guidance: {text}", text=plain_text(slide.guidance))
                    if slide.guidance else "")
        notes = speaker_notes(self.course, slide, guidance)
        title = self._title(slide)
        if not any(e.rows for e in slide.exhibits):
            exhibits = [p for e in slide.exhibits for p in _exhibit_paras(e)]
            together = self._compose(slide.kind, "Case", title, {
                "left": scenario + questions, "right": exhibits}, notes, node=slide, strict=True)
            if together is not None:
                return together
        if self._fits("Case", {"left": scenario, "right": questions}):
            slides = self._compose(slide.kind, "Case", title,
                                   {"left": scenario, "right": questions}, notes, node=slide)
        else:
            slides = self._scenario_by_sentence(slide, title, questions, notes)
        for exhibit in slide.exhibits:
            slides += self._exhibit(slide, exhibit, title)
        return slides

    def _scenario_by_sentence(self, case: CaseSlide, title: str, questions: list[Para],
                              notes: str) -> list[SlideSpec]:
        """A scenario too long for one slide at the case size, split between sentences over
        as many slides as it needs, never set smaller: it fills the left column, then the
        right, then the next slide; the fictional label heads each slide. The questions go
        beside the last part when its right column is free and they fit, else on a slide of
        their own."""
        label = [make_para(self._fictional_label(), "label", node=case)] if case.fictional else []

        def paras(part: list[tuple[int, str]], head: list[Para]) -> list[Para]:
            joined: dict[int, list[str]] = {}
            for index, sentence in part:
                joined.setdefault(index, []).append(sentence)
            return head + [make_para(" ".join(s), "plain", node=case) for s in joined.values()]

        def roles(columns: list[list[tuple[int, str]]]) -> dict[str, list[Para]]:
            return {"left": paras(columns[0], label), "right": paras(columns[1], [])}

        slides_text: list[list[list[tuple[int, str]]]] = [[[], []]]
        paragraphs = [" ".join(p.split()) for p in case.scenario.split("\n\n") if p.strip()]
        for index, paragraph in enumerate(paragraphs):
            for sentence in SENTENCE_END.split(paragraph):
                columns = slides_text[-1]
                column = 1 if columns[1] else 0
                trial = [list(c) for c in columns]
                trial[column].append((index, sentence))
                if not columns[column] or self._fits("Case", roles(trial)):
                    slides_text[-1] = trial
                    continue
                if column == 0:  # the left column is full: go on in the right one
                    trial = [columns[0], [(index, sentence)]]
                    if self._fits("Case", roles(trial)):
                        slides_text[-1] = trial
                        continue
                slides_text.append([[(index, sentence)], []])
        pages = [roles(columns) for columns in slides_text]
        if questions and not slides_text[-1][1] and self._fits(
                "Case", {"left": pages[-1]["left"], "right": questions}):
            pages[-1]["right"] = questions
        elif questions:  # a slide of their own, over both columns
            half = (len(questions) + 2) // 2
            pages.append({"left": label + questions[:half], "right": questions[half:]})
        slides: list[SlideSpec] = []
        for page in pages:
            slides += (self._compose(case.kind, "Case", title, page, notes, node=case,
                                     strict=True, part=len(slides))
                       or self._compose(case.kind, "Case", title, page, notes, node=case,
                                        part=len(slides)))
        return slides

    def _exhibit(self, case: CaseSlide, exhibit: Exhibit, case_title: str) -> list[SlideSpec]:
        notes = self.ui._("Exhibit of “{title}”: give the room time to read it.",
                          title=plain_text(case_title))
        cites = () if case.fictional else case.cite
        label = ([make_para(self._fictional_label(), "label", node=exhibit)] if case.fictional
                 else [])
        paras = _exhibit_paras(exhibit, with_title=False)
        table, warned, made = [], len(self.diagnostics), len(self.nodes)
        if exhibit.rows:  # the label rides in the caption line under the table
            caption = (Run(self._fictional_label(), italic=True),) if case.fictional else ()
            table = self._table_slides("exhibit", exhibit.title, exhibit.columns,
                                       exhibit.rows, cites, caption, notes, exhibit)
        if (len(exhibit.rows) > ROOM_ROWS or len(exhibit.columns) > ROOM_COLUMNS
                or len(table) > ROOM_SLIDES):
            # the table is not on screen: its slides and any overflow warning go
            del self.diagnostics[warned:], self.nodes[made:]
            notes = self.ui._("Exhibit of “{title}”: too large for the screen; ask the room to "
                              "open the handout at it.", title=plain_text(case_title))
            return self._compose("exhibit", "Content", exhibit.title,
                                 {"body": label + paras + self._pointer(case, exhibit)},
                                 notes, cites, exhibit)
        slides = []
        if paras or not exhibit.rows:
            slides += self._compose("exhibit", "Content", exhibit.title, {"body": label + paras},
                                    notes, cites, exhibit)
        return slides + table

    def _pointer(self, case: CaseSlide, exhibit: Exhibit) -> list[Para]:
        """Where the handout shows a table exhibit too large for the screen: its page in
        the participant handout as that is laid out, then its lesson and case."""
        from coursegen.render.handout_model import exhibit_anchor, slide_anchor
        from coursegen.render.handout_pages import handout_pages

        number, lesson, index = next(
            (n, lesson, i) for n, lesson in enumerate(self.module.lessons, 1)
            for i, s in enumerate(lesson.slides) if s is case)
        anchor = exhibit_anchor(slide_anchor(self.module, lesson, index, case),
                                next(n for n, e in enumerate(case.exhibits, 1) if e is exhibit))
        page = handout_pages(self.course, self.module, self.paper).get(anchor)
        ui = self.ui
        where = ui._("handout p. {page}", page=page) if page else ui._("handout")
        short = exhibit.title.split(" — ")[0] if " — " in exhibit.title else ui._("This table")
        return [make_para(ui._("A table of {rows} rows and {columns} columns: too large to read "
                               "on screen.", rows=len(exhibit.rows), columns=len(exhibit.columns)),
                          "plain", node=exhibit),
                make_para(f"{short} — {where}", "heading", node=exhibit),
                make_para(ui._("Lesson {number}, “{lesson}”, under “{case}”.",
                               number=number, lesson=lesson.title, case=case.title),
                          "plain", node=exhibit)]


def _exhibit_paras(exhibit: Exhibit, with_title: bool = True) -> list[Para]:
    """An exhibit's text and list as paragraphs (its table goes on a slide of its own)."""
    paras = [make_para(exhibit.title, "heading", node=exhibit)] if with_title else []
    if exhibit.text:
        paras.append(make_para(" ".join(exhibit.text.split()), "plain", node=exhibit))
    paras += [make_para(item, "bullet", node=exhibit) for item in exhibit.items]
    return paras
