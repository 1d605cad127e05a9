"""Case studies for the room: scenario and questions readable from the back, exhibits on screen.

A small case stays on one slide (scenario and questions beside the exhibits) when it
all fits at the case size. Otherwise the case slide holds the scenario and the
questions, and each exhibit gets slides of its own: a table as a native table with
its header row on every slide it spans, text and lists as paragraphs. A table too
large to read from the back of a room (more than `ROOM_ROWS` rows or `ROOM_COLUMNS`
columns, or rows so long it would span more than `ROOM_SLIDES` slides) gets one slide
pointing to it in the handout instead: the exhibit's title,
the lesson's number and title as the handout heads its chapter, and the case
study's heading. (The handout's page number is not known when the deck is built: the
handout is laid out by its own job, possibly at the same time.) A fictional case
carries its label on every slide that shows any of the fiction.
"""

from __future__ import annotations

from coursegen.i18n.ui import N_
from coursegen.model.slides import CaseSlide, Exhibit
from coursegen.render.deck_fit import Para, make_para
from coursegen.render.deck_notes import speaker_notes
from coursegen.render.deck_spec_types import SlideSpec
from coursegen.text import Run, plain_text

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
        slides = self._compose(slide.kind, "Case", title,
                               {"left": scenario, "right": questions}, notes, node=slide)
        for exhibit in slide.exhibits:
            slides += self._exhibit(slide, exhibit, title)
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
        """Where the handout shows a table exhibit too large for the screen."""
        number, lesson = next((n, lesson) for n, lesson in enumerate(self.module.lessons, 1)
                              if any(s is case for s in lesson.slides))
        ui = self.ui
        return [make_para(ui._("A table of {rows} rows and {columns} columns: too large to read "
                               "on screen.", rows=len(exhibit.rows), columns=len(exhibit.columns)),
                          "plain", node=exhibit),
                make_para(ui._("Read it in the handout: Lesson {number}, “{lesson}”, under "
                               "“{case}”.", number=number, lesson=lesson.title, case=case.title),
                          "plain", node=exhibit)]


def _exhibit_paras(exhibit: Exhibit, with_title: bool = True) -> list[Para]:
    """An exhibit's text and list as paragraphs (its table goes on a slide of its own)."""
    paras = [make_para(exhibit.title, "heading", node=exhibit)] if with_title else []
    if exhibit.text:
        paras.append(make_para(" ".join(exhibit.text.split()), "plain", node=exhibit))
    paras += [make_para(item, "bullet", node=exhibit) for item in exhibit.items]
    return paras
