"""The words around a slide: speaker notes, and the short source line under a figure."""

from __future__ import annotations

from coursegen.model import Course
from coursegen.model.slides import SlideBase, UpdateNote
from coursegen.model.source import parse_citation
from coursegen.text import plain_text


def cite_line(course: Course, cites: tuple[str, ...]) -> str:
    """Citations as a short source line: 'Source: A/CONF.234/11, para. 8; …'."""
    parts: dict[str, None] = {}
    for text in cites:
        ref = parse_citation(text)
        source = course.source(ref.source)
        name = (source.symbol or source.publisher) if source else ref.source
        if ref.locator:
            name += f", {ref.locator}"
        parts.setdefault(name, None)
    if not parts:
        return ""
    return ("Sources: " if len(parts) > 1 else "Source: ") + "; ".join(parts)


def update_label(note: UpdateNote) -> str:
    """The heading of an update note, the same in speaker notes and the trainer handout."""
    date = f"{note.review_by:%Y-%m-%d}"
    return f"Update before you deliver (beyond the course's sources; review by {date})"


def speaker_notes(slide: SlideBase, *extra: str) -> str:
    """A slide's notes: what to say, what to ask, how long, updates, and any answer or guidance."""
    parts = [plain_text(slide.notes)] if slide.notes else []
    parts.extend(f"{update_label(note)}: {plain_text(note.text)}" for note in slide.updates)
    if slide.ask:
        parts.append(f"Ask: {plain_text(slide.ask)}")
    if slide.minutes is not None:
        parts.append(f"Time: {slide.minutes:g} min")
    parts.extend(e for e in extra if e)
    if slide.cite:
        parts.append(f"Cites: {', '.join(slide.cite)}")
    return "\n".join(parts)


def lesson_notes(lesson, number: int) -> str:
    """Notes for a slide whose author wrote none: which lesson it is, how long, what about."""
    notes = f"Lesson {number}: {plain_text(lesson.title)} ({lesson.duration} min)."
    return f"{notes}\n{plain_text(lesson.summary)}" if lesson.summary else notes
