"""The words around a slide: speaker notes, and the short source line under a figure."""

from __future__ import annotations

from coursegen.i18n.ui import Interface, course_language
from coursegen.model import Course
from coursegen.model.citing import source_line
from coursegen.model.slides import SlideBase
from coursegen.model.walk import slide_texts
from coursegen.text import plain_text


def cite_line(course: Course, cites: tuple[str, ...]) -> str:
    """Citations as one merged source line: 'Sources: A/CONF.234/11, paras 35–38; …'."""
    return source_line(course, cites)


def slide_cites(slide: SlideBase) -> tuple[str, ...]:
    """Every citation behind what a slide shows: its own and its points', in order."""
    seen: dict[str, None] = dict.fromkeys(slide.cite)
    for text in slide_texts(slide):
        seen.update(dict.fromkeys(text.cites))
    return tuple(seen)


def speaker_notes(course: Course, slide: SlideBase, *extra: str) -> str:
    """A slide's notes: what to say, what to ask, how long, updates, and any answer or guidance."""
    parts = [plain_text(slide.notes)] if slide.notes else []
    ui = Interface(course_language(course))
    parts.extend(f"{note.label}: {plain_text(note.text)}" for note in slide.updates)
    if slide.ask:
        parts.append(ui._("Ask: {question}", question=plain_text(slide.ask)))
    if slide.minutes is not None:
        parts.append(ui._("Time: {minutes} min", minutes=format(slide.minutes, "g")))
    parts.extend(e for e in extra if e)
    if slide.cite:
        parts.append(source_line(course, slide.cite))
    return "\n".join(parts)


def lesson_notes(lesson, number: int, lang: str = "en") -> str:
    """Notes for a slide whose author wrote none: which lesson it is, how long, what about."""
    notes = Interface(lang)._("Lesson {number}: {title} ({minutes} min).", number=number,
                              title=plain_text(lesson.title), minutes=lesson.duration)
    return f"{notes}\n{plain_text(lesson.summary)}" if lesson.summary else notes
