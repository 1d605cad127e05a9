"""The frame of a module's deck: title slide, objectives, agenda, lesson openers, closing slide.

These slides come from the module's YAML (title, objectives, lessons, durations, quiz)
rather than from a lesson's slide list, so every deck has the same course shape.
Pure: each function returns a `FrameSlide` for the spec builder to fit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coursegen.i18n.ui import Interface, course_language
from coursegen.model import Course, Lesson, Module
from coursegen.model.slides import SectionSlide
from coursegen.render.deck_fit import Para, make_para
from coursegen.render.deck_notes import lesson_notes, speaker_notes
from coursegen.text import long_date, plain_text


@dataclass(frozen=True)
class FrameSlide:
    """One generated slide: its kind, layout, title, text by role, and speaker notes."""

    kind: str
    layout: str
    title: str
    roles: dict[str, list[Para]] = field(default_factory=dict)
    notes: str = ""
    node: object = None


def lesson_line(number: int, count: int, lesson: Lesson, lang: str = "en") -> str:
    """'Lesson 2 of 4 · 35 min': where a lesson sits in the module and how long it takes."""
    return Interface(lang)._("Lesson {number} of {count} · {minutes} min", number=number,
                             count=count, minutes=lesson.duration)


def title_slide(course: Course, module: Module) -> FrameSlide:
    """The cover: module title, course title, module position, organisation and edition."""
    info = course.info
    ui = Interface(course_language(course))
    details = " · ".join(p for p in (info.organisation,
                                     info.date and long_date(info.date, ui.lang),
                                     ui._("Version {version}", version=info.version)) if p)
    number = next((n for n, m in enumerate(course.modules, 1) if m.id == module.id), 1)
    where = ui._("Module {number} of {count} · {minutes} min", number=number,
                 count=len(course.modules), minutes=module.duration)
    notes = [plain_text(module.summary), ui._("Duration: {minutes} min", minutes=module.duration)]
    if module.audience:
        notes.append(ui._("Audience: {audience}", audience=plain_text(module.audience)))
    return FrameSlide("title", "Title", module.title, {"subtitle": [
        make_para(info.title, "heading"), make_para(where, "plain"),
        make_para(details, "plain")]}, "\n".join(notes), module)


def objectives_slide(module: Module, lang: str = "en") -> FrameSlide:
    """What participants will be able to do: the module's objectives, as the handout lists them."""
    ui = Interface(lang)
    notes = ui._("Read the objectives aloud and say how the module checks them: the knowledge "
                 "checks in each lesson and the quiz at the end.")
    return FrameSlide("objectives", "Content", ui._("Learning objectives"), {"body": [
        make_para(o.text, "bullet", node=o) for o in module.objectives]}, notes, module)


def agenda_slide(module: Module, lang: str = "en") -> FrameSlide:
    """The lessons in order with their durations."""
    ui = Interface(lang)
    count = len(module.lessons)
    paras = [make_para(ui._("{title}  ({minutes} min)", title=lesson.title,
                            minutes=lesson.duration), "numbered", prefix=f"{n}.  ", node=lesson)
             for n, lesson in enumerate(module.lessons, start=1)]
    total = sum(lesson.duration for lesson in module.lessons)
    # English keeps one wording for every count ("1 lessons"); translate each form properly.
    notes = ui.ngettext("{n} lessons, {total} min of teaching in a {minutes} min module.",
                        "{n} lessons, {total} min of teaching in a {minutes} min module.",
                        count, total=total, minutes=module.duration)
    return FrameSlide("agenda", "Content", ui._("Agenda"), {"body": paras}, notes, module)


def lesson_opener(course: Course, lesson: Lesson, number: int, count: int) -> FrameSlide:
    """The section slide that opens a lesson: its title, 'Lesson n of N · min', its theme.

    A lesson that starts with its own section slide gives the opener that slide's
    title (when it differs from the lesson's), subtitle and notes.
    """
    first = lesson.slides[0]
    section = first if isinstance(first, SectionSlide) else None
    lang = course_language(course)
    paras = [make_para(lesson_line(number, count, lesson, lang), "label")]
    if section is not None:
        if plain_text(section.title) != plain_text(lesson.title):
            paras.append(make_para(section.title, "plain", node=section))
        if section.subtitle:
            paras.append(make_para(section.subtitle, "plain", node=section))
    elif lesson.summary:
        paras.append(make_para(lesson.summary, "plain", node=lesson))
    notes = lesson_notes(lesson, number, lang)
    if section is not None and speaker_notes(course, section):
        notes = f"{speaker_notes(course, section)}\n{notes}"
    return FrameSlide("section" if section else "lesson", "Section", lesson.title,
                      {"subtitle": paras}, notes, section or lesson)


def section_subtitle(section: SectionSlide, lesson: Lesson, number: int, count: int,
                     lang: str = "en") -> list[Para]:
    """A section slide inside a lesson says which lesson it belongs to, then its subtitle."""
    paras = [make_para(Interface(lang)._("Lesson {number} of {count} · {title}", number=number,
                                         count=count, title=lesson.title), "label")]
    if section.subtitle:
        paras.append(make_para(section.subtitle, "plain", node=section))
    return paras


def closing_slide(course: Course, module: Module) -> FrameSlide:
    """The last slide: what was covered, how it is evaluated, and what comes next."""
    ui = Interface(course_language(course))
    covered = [make_para(lesson.title, "bullet", node=lesson) for lesson in module.lessons]
    steps = []
    if module.bank is not None:
        settings = module.bank.settings
        count = settings.draw or len(module.bank.questions)
        pass_mark = f"{course.pass_mark(module):g}"
        if settings.time_limit:
            evaluation = ui.ngettext(
                "Evaluation: module quiz, {n} question, {minutes} min, pass mark {pass_mark} %",
                "Evaluation: module quiz, {n} questions, {minutes} min, pass mark {pass_mark} %",
                count, minutes=settings.time_limit, pass_mark=pass_mark)
        else:
            evaluation = ui.ngettext(
                "Evaluation: module quiz, {n} question, pass mark {pass_mark} %",
                "Evaluation: module quiz, {n} questions, pass mark {pass_mark} %",
                count, pass_mark=pass_mark)
        steps.append(make_para(evaluation, "bullet"))
    steps.append(make_para(ui._("Handout: notes, sources and glossary to keep"), "bullet"))
    order = [m.id for m in course.modules]
    following = order.index(module.id) + 1 if module.id in order else len(order)
    if following < len(course.modules):
        steps.append(make_para(ui._("Next module: {title}", title=course.modules[following].title),
                               "bullet"))
    steps.append(make_para(ui._("Questions and feedback on this module"), "bullet"))
    notes = ui._("Ask each participant for one thing they will do differently at work. "
                 "Collect feedback before the quiz.")
    return FrameSlide("closing", "Two Content", ui._("Wrap-up and next steps"), {
        "left_heading": [make_para(ui._("We covered"), "heading")], "left": covered,
        "right_heading": [make_para(ui._("Next steps"), "heading")], "right": steps},
        notes, module)
