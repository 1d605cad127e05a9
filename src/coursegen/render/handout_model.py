"""What a handout shows, prepared for its templates: lessons with heading depths, notes, sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from coursegen.i18n.ui import course_language
from coursegen.model import Course
from coursegen.model.citing import (
    group_by_source,
    merged_locator,
    short_citation,
    short_name,
    source_label,
)
from coursegen.model.course import Lesson, Module, Objective
from coursegen.model.slides import ReferencesSlide, SectionSlide, SlideBase
from coursegen.model.source import CitationRef, Source, parse_citation
from coursegen.quiz.exposure import knowledge_check_ids, practice_questions
from coursegen.quiz.presentation import PAPER_FORMS
from coursegen.render.handout_quiz import WorksheetQuestion, worksheet_question

Edition = Literal["participant", "trainer"]


@dataclass(frozen=True)
class SlideView:
    """A slide as a handout section: its depth under the lesson (1 below a section divider)."""

    slide: SlideBase
    depth: int
    anchor: str

    def exhibit_anchor(self, number: int) -> str:
        """The id of the slide's exhibit `number` (from 1) in the handout."""
        return exhibit_anchor(self.anchor, number)


def slide_anchor(module: Module, lesson: Lesson, index: int, slide: SlideBase) -> str:
    """The id of a lesson's slide (at `index`, from 0) as a handout section."""
    return f"{module.id}--{lesson.id}--{slide.id or index + 1}"


def exhibit_anchor(slide_anchor: str, number: int) -> str:
    """The id of a case's exhibit `number` (from 1), under the case's own id."""
    return f"{slide_anchor}-exhibit-{number}"


@dataclass(frozen=True)
class LessonView:
    """A lesson in a handout: its number, anchor, sections and where it sits in the timetable."""

    lesson: Lesson
    number: int
    anchor: str
    slides: tuple[SlideView, ...]
    start: int
    """Minutes from the start of the module at which the lesson begins."""
    slide_minutes: float
    """Minutes the slides' own timings add up to (the trainer's check against `duration`)."""
    objectives: tuple[Objective, ...]
    """The module objectives the lesson serves."""


@dataclass(frozen=True)
class ModuleView:
    """A module in a handout: lessons in order, practice questions, papers and knowledge checks."""

    module: Module
    number: int
    anchor: str
    lessons: tuple[LessonView, ...]
    worksheet: tuple[WorksheetQuestion, ...]
    """Practice questions: the bank's questions on no test form and in no knowledge check."""
    checks: dict[str, WorksheetQuestion]
    """Knowledge-check questions by id, lettered as everywhere else."""
    pass_mark: float
    papers: dict[str, tuple[WorksheetQuestion, ...]] = field(default_factory=dict)
    """The printed pre- and post-test by form, numbered and lettered as printed."""


def module_view(course: Course, module: Module, number: int = 1) -> ModuleView:
    """Prepare one module: lessons with their sections, practice questions and the papers."""
    lang = course_language(course)
    lessons, start = [], 0
    for index, lesson in enumerate(module.lessons, start=1):
        lessons.append(_lesson_view(module, lesson, index, start))
        start += lesson.duration
    bank = module.bank
    worksheet: list[WorksheetQuestion] = []
    checks: dict[str, WorksheetQuestion] = {}
    papers: dict[str, tuple[WorksheetQuestion, ...]] = {}
    if bank is not None:
        shuffle = bank.settings.shuffle_options
        for lesson in module.lessons:
            for slide in lesson.slides:
                question_id = getattr(slide, "question", None)
                question = bank.question(question_id) if question_id else None
                if question is not None:
                    checks[question.id] = worksheet_question(question, 0, module.id, shuffle, lang)
        for form in PAPER_FORMS:
            chosen = [bank.question(i) for i in getattr(bank.forms, form)]
            papers[form] = tuple(worksheet_question(q, n, module.id, shuffle, lang)
                                 for n, q in enumerate((q for q in chosen if q), start=1))
        # A question on a test form must not be seen before the test, so it is no practice.
        practice = practice_questions(bank, knowledge_check_ids(module))
        worksheet = [worksheet_question(q, n, module.id, shuffle, lang)
                     for n, q in enumerate(practice, start=1)]
    return ModuleView(
        module=module,
        number=number,
        anchor=f"module-{module.id}",
        lessons=tuple(lessons),
        worksheet=tuple(worksheet),
        checks=checks,
        pass_mark=course.pass_mark(module),
        papers={form: qs for form, qs in papers.items() if qs},
    )


def _lesson_view(module: Module, lesson: Lesson, number: int, start: int) -> LessonView:
    slides, depth = [], 0
    for index, slide in enumerate(lesson.slides):
        if isinstance(slide, ReferencesSlide):
            continue  # the handout ends with the full references list instead
        if isinstance(slide, SectionSlide):
            depth = 0
        slides.append(SlideView(slide, depth, slide_anchor(module, lesson, index, slide)))
        if isinstance(slide, SectionSlide):
            depth = 1
    minutes = sum(s.minutes or 0 for s in lesson.slides)
    served = tuple(o for o in map(module.objective, lesson.objectives) if o is not None)
    anchor = f"{module.id}--{lesson.id}"
    return LessonView(lesson, number, anchor, tuple(slides), start, minutes, served)


class Citations:
    """Formats citations: a short footnote per use, and the references list of cited sources."""

    def __init__(self, course: Course) -> None:
        self._course = course
        self._sources = {s.id: s for s in course.sources}
        self._cited: dict[str, None] = {}
        self._chapter: set[str] = set()

    def note(self, cites: tuple[str, ...]) -> str:
        """One footnote for the citations of one passage, merged by source into ranges:
        'United Nations, A/CONF.234/11, paras 35–38; Justice and Care, pp. 4–5.'

        A chapter's first note on a source names it in full; later ones use its short
        label ('UNICRI 2024, para. 5.'), never a run of 'Ibid.' that sends the reader
        back up the page.
        """
        parts = []
        for source_id, refs in group_by_source(map(self._remember, cites)).items():
            source = self._sources.get(source_id)
            name = self._name(refs[0])
            if source_id in self._chapter and source is not None and not source.symbol:
                name = source_label(source, tuple(self._sources.values()))
            self._chapter.add(source_id)
            where = merged_locator(refs, course_language(self._course))
            parts.append(f"{name}, {where}" if where else name)
        return _with_full_stop("; ".join(parts))

    def restart(self) -> str:
        """Start a chapter: its first note names its source in full (returns '' for templates)."""
        self._chapter = set()
        return ""

    def remember(self, cites: tuple[str, ...]) -> None:
        """Count these citations' sources as cited (for the references list)."""
        for cite in cites:
            self._remember(cite)

    def inline(self, text: str) -> str:
        """A citation written out in running text (the answer key): never 'Ibid.'."""
        ref = self._remember(text)
        return _with_full_stop(short_citation(self._course, ref))

    def _remember(self, text: str) -> CitationRef:
        ref = parse_citation(text)
        self._cited.setdefault(ref.source, None)
        return ref

    def _name(self, ref: CitationRef) -> str:
        source = self._sources.get(ref.source)
        return short_name(source) if source else ref.source

    def cited(self) -> list[Source]:
        """The sources cited so far in this document, in order of first citation."""
        return [self._sources[i] for i in self._cited if i in self._sources]


def _with_full_stop(text: str) -> str:
    return text if text.endswith(".") else f"{text}."
