"""The words the course model supplies when an author leaves them out — a slide's default
title ("Knowledge check", "Summary", "References", "Key figure", "In their words") and the
heading of an update note — in the course's language, for the renderers.

The model keeps them in English (its defaults are part of the YAML reference); a renderer
calls :func:`with_default_words` on the course it receives, which returns the course with
those words translated when its language is not English (and the course itself otherwise).
A title the author wrote is never changed.
"""

from __future__ import annotations

from typing import Any

from coursegen.i18n.ui import N_, Interface, course_language
from coursegen.model.slides import UPDATE_LABEL

_FIELD_TITLES = (N_("Knowledge check"), N_("Summary"), N_("References"))
"""Default values of slides' `title` fields (KnowledgeCheckSlide, SummarySlide, ReferencesSlide)."""
_DERIVED_TITLES = (N_("Key figure"), N_("In their words"))
"""What `default_title()` gives a stat or quote slide without a title."""


def with_default_words(course: Any) -> Any:
    """`course` with the model's default words in its language (the same object in English)."""
    ui = Interface(course_language(course))
    if ui._("Summary") == "Summary" and ui._("Knowledge check") == "Knowledge check":
        return course  # English, or a language without these words yet: nothing to change
    modules = []
    for module in course.modules:
        lessons = tuple(lesson.model_copy(update={"slides": tuple(_slide(s, ui)
                                                                   for s in lesson.slides)})
                        for lesson in module.lessons)
        modules.append(module.model_copy(update={"lessons": lessons}))
    return course.model_copy(update={"modules": tuple(modules)})


def _slide(slide: Any, ui: Interface) -> Any:
    update: dict[str, Any] = {}
    title = getattr(slide, "title", None)
    if title in _FIELD_TITLES and "title" not in slide.model_fields_set:
        update["title"] = ui._(title)
    if slide.updates:
        update["updates"] = tuple(_update_note(note, ui) for note in slide.updates)
    copy = slide.model_copy(update=update) if update else slide.model_copy()
    if not title and slide.default_title() in _DERIVED_TITLES:
        copy._shown_default = ui._(slide.default_title())
    return copy


def _update_note(note: Any, ui: Interface) -> Any:
    copy = note.model_copy()
    copy._shown_label = ui._(UPDATE_LABEL, date=note.review_by.isoformat())
    return copy
