"""Every translatable string of a course, with a stable key and context for the translator.

One walk over the loaded model serves both directions: `source_strings` lists the
strings (for `translate extract`), `replace_strings` rebuilds the model with other
text in the same places (for `build --lang`). A string's key is its file, relative
to the course, and its YAML path: `modules/m/01-intro.yaml:slides[3].points[1]`.
A point or a diagram box written as a bare string or as a mapping gets the same
key (the path of the item), so adding a citation to a point keeps its translation.

Not translated (see docs/translating.md): ids and the ids that refer to them
(objectives, knowledge checks, forms, edges), citations, tags, file paths, dates,
numbers, settings, chart figures (`values`, parsed by the chart code), regular
expressions among accepted answers, `sources.yaml` (a reference keeps the title
it was published under), and any text that is only figures, URLs or document
symbols (A/CONF.234/11) with no word to translate.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from coursegen.model import Course
from coursegen.model.base import Node
from coursegen.model.course import CourseInfo, Lesson, Module, Objective, Term
from coursegen.model.quiz import AcceptedAnswer, Option, Pair, QuestionBase
from coursegen.model.slides import (
    ChartSeries,
    ChartSlide,
    Column,
    DiagramEdge,
    DiagramNode,
    Exhibit,
    Point,
    QuoteSlide,
    SlideBase,
    StatSlide,
    UpdateNote,
)

PathKey = tuple[str | int, ...]
LANGUAGE_TAG = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
"""A BCP 47 language tag as catalog folders are named: fr, ar, zh, fr-CA, zh-Hans."""
COURSE_CATALOG = "course"
"""The catalog holding course.yaml's strings (the others are named after their module)."""


@dataclass(frozen=True)
class SourceString:
    """One translatable string: where it is, what it says, and what it is for."""

    catalog: str
    file: str
    path: PathKey
    text: str
    context: str

    @property
    def key(self) -> str:
        """The stable key: file and YAML path, e.g. `modules/m/01.yaml:slides[3].points[1]`."""
        return f"{self.file}:{path_text(self.path)}"


def path_text(path: PathKey) -> str:
    """Render a YAML path as `slides[2].points[0]`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


_NO_WORDS = re.compile(
    r"https?://\S+|www\.\S+|\S+@\S+\.\w+"  # URLs, e-mail addresses
    r"|\b[A-Z]{1,6}(?:/[A-Za-z0-9.()\-]+)+"  # document symbols: A/CONF.234/11, S/RES/2331(2016)
)


def needs_translation(text: str) -> bool:
    """Whether a text has a word to translate (not only figures, URLs or document symbols)."""
    return any(char.isalpha() for char in _NO_WORDS.sub("", text))


# Field labels: what the text is, said to a translator. `{where}` is the node's place.
_FIELDS: dict[type, dict[str, str]] = {
    CourseInfo: {
        "title": "course title (covers, site, LMS packages)",
        "subtitle": "course subtitle",
        "organisation": "organisation delivering the course (use its official name)",
        "audience": "who the course is for",
        "marking": "handling marking printed on every page",
        "footer": "source footer on every slide",
    },
    Module: {
        "title": "module title",
        "summary": "module summary",
        "audience": "who the module is for",
    },
    Objective: {"text": "learning objective '{id}' (starts with its verb)"},
    Term: {"term": "glossary term", "definition": "definition of the glossary term '{term}'"},
    Lesson: {
        "title": "lesson title",
        "summary": "lesson summary",
        "handout": "handout prose of lesson '{title}' (Markdown: keep the blank lines "
        "between paragraphs)",
    },
    SlideBase: {
        "title": "title of {where}",
        "subtitle": "subtitle of {where}",
        "notes": "speaker note of {where}",
        "ask": "question the trainer asks the room, {where}",
        "caption": "caption of {where}",
        "alt": "alternative text (read aloud by screen readers) of {where}",
        "scenario": "case scenario of {where}",
        "questions": "discussion question {n} of {where}",
        "guidance": "trainer guidance of {where}",
        "columns": "table header cell {n} of {where}",
        "rows": "table cell (row {row}, column {column}) of {where}",
        "labels": "chart label {n} of {where}",
        "unit": "what the chart's figures count (axis title) of {where}",
    },
    StatSlide: {
        "value": "key figure as printed of {where} (keep the figure; words may be translated)",
        "label": "what the key figure counts, {where}",
        "context": "context sentence of {where}",
    },
    QuoteSlide: {
        "text": "quotation on {where} (use the published translation if there is one)",
        "attribution": "attribution of the quotation on {where}",
    },
    Point: {"text": "{where}"},
    Column: {"heading": "heading of {where}"},
    UpdateNote: {"text": "{where}: what the trainer checks before delivery"},
    Exhibit: {
        "title": "title of {where}",
        "text": "text of {where}",
        "items": "item {n} of {where}",
        "columns": "header cell {n} of {where}",
        "rows": "cell (row {row}, column {column}) of {where}",
    },
    ChartSeries: {"name": "name of {where} (legend)"},
    DiagramNode: {"label": "label of {where}", "text": "line under the label of {where}"},
    DiagramEdge: {"label": "label of {where}"},
    QuestionBase: {
        "stem": "stem of {where}",
        "scenario": "scenario of {where}",
        "explanation": "explanation of {where}, shown after answering",
        "feedback_true": "feedback for answering 'true', {where}",
        "feedback_false": "feedback for answering 'false', {where}",
        "unit": "unit of the numeric answer, {where}",
        "distractors": "extra right-hand choice {n} of {where}",
        "items": "item {n} (in the right order) of {where}",
    },
    Option: {"text": "{where}", "feedback": "feedback on {where}"},
    AcceptedAnswer: {
        "text": "{where} (what a learner may type)",
        "feedback": "feedback on {where}",
    },
    Pair: {"left": "left item of {where}", "right": "right item of {where}"},
}

_SHORTHAND = {Point: "text", DiagramNode: "label", AcceptedAnswer: "text"}
"""The field a bare string stands for: its key is the item's own path."""


def _field_labels(node: Node) -> dict[str, str]:
    labels: dict[str, str] = {}
    for cls in reversed(type(node).__mro__):
        labels.update(_FIELDS.get(cls, {}))
    if isinstance(node, ChartSlide):  # the figures are parsed by the chart code: kept as typed
        labels.pop("values", None)
    if isinstance(node, AcceptedAnswer) and node.regex:
        labels.pop("text")  # a regular expression is code, not prose
    return {name: label for name, label in labels.items() if name in type(node).model_fields}


def _child_place(parent: Node, field: str, child: Node, index: int | None, where: str) -> str:
    """How a translator finds a node: "option B of question q1", "point 2 of slide 4 'Title'"."""
    n = (index or 0) + 1
    if isinstance(child, SlideBase):
        return f"slide {n} '{child.heading}'"
    if isinstance(child, Point):
        return f"{'sub-point' if isinstance(parent, Point) else 'point'} {n} of {where}"
    if isinstance(child, Column):
        return f"{field} column of {where}"
    if isinstance(child, UpdateNote):
        return f"update note {n} of {where}"
    if isinstance(child, Exhibit):
        return f"exhibit '{child.title}' of {where}"
    if isinstance(child, ChartSeries):
        return f"series {n} of {where}"
    if isinstance(child, DiagramNode):
        return f"box {n} of {where}"
    if isinstance(child, DiagramEdge):
        return f"arrow {child.start} → {child.end} of {where}"
    if isinstance(child, QuestionBase):
        return f"question {child.id}"
    if isinstance(child, Option):
        return f"option {chr(ord('A') + (index or 0))} of {where}"
    if isinstance(child, AcceptedAnswer):
        return f"accepted answer {n} of {where}"
    if isinstance(child, Pair):
        return f"pair {n} of {where}"
    if isinstance(child, Objective):
        return f"objective '{child.id}'"
    if isinstance(child, Term):
        return f"glossary term '{child.term}'"
    return where


Replace = Callable[[str, PathKey, str], str | None]
"""Given a file, a YAML path and its text: the text to put there, or None to keep it."""


def _strings_of(node: Node, file: str, path: PathKey, where: str,
                replace: Replace | None, found: list[tuple[PathKey, str, str]]) -> Node:
    """Collect the node's translatable strings into `found`; with `replace`, rebuild the node."""
    labels = _field_labels(node)
    shorthand = _SHORTHAND.get(type(node))
    names = {"id": getattr(node, "id", ""), "term": getattr(node, "term", ""),
             "title": getattr(node, "title", "")}
    update: dict[str, Any] = {}
    for name in type(node).model_fields:
        value = getattr(node, name)
        if name in labels and value is not None:
            label = labels[name]
            if name not in node.model_fields_set:  # e.g. a knowledge check's "Knowledge check"
                label += " (the default; not written in the file)"
            here = path if name == shorthand else (*path, name)
            new = _texts(value, here, _labeller(label, where, names), file, replace, found)
            if new is not value:
                update[name] = new
        elif isinstance(value, Node):
            place = _child_place(node, name, value, None, where)
            new = _strings_of(value, file, (*path, name), place, replace, found)
            if new is not value:
                update[name] = new
        elif isinstance(value, tuple) and value and isinstance(value[0], Node):
            items = []
            for index, child in enumerate(value):
                place = _child_place(node, name, child, index, where)
                items.append(_strings_of(child, file, (*path, name, index), place, replace,
                                         found))
            if any(a is not b for a, b in zip(items, value, strict=True)):
                update[name] = tuple(items)
    return node.model_copy(update=update) if update else node


def _labeller(label: str, where: str, names: dict[str, str]) -> Callable[..., str]:
    """The context of one text of a field: its label with the place (and cell) filled in."""
    return lambda _path, **cell: label.format(where=where, **names, **cell)


def _texts(value: Any, path: PathKey, label: Callable[..., str], file: str,
           replace: Replace | None, found: list[tuple[PathKey, str, str]]) -> Any:
    """A text, a tuple of texts or a table of texts: collected, and replaced if asked."""
    if isinstance(value, str):
        if not needs_translation(value):
            return value
        found.append((path, value, label(path)))
        new = replace(file, path, value) if replace else None
        return value if new is None else new
    if isinstance(value, tuple) and value and isinstance(value[0], tuple):
        rows = []
        for r, row in enumerate(value):
            rows.append(tuple(
                _texts(cell, (*path, r, c), lambda p, r=r, c=c: label(p, row=r + 1,
                                                                      column=c + 1),
                       file, replace, found)
                for c, cell in enumerate(row)))
        rows_tuple = tuple(rows)
        return value if rows_tuple == value else rows_tuple
    if isinstance(value, tuple):
        items = tuple(
            _texts(item, (*path, i), lambda p, i=i: label(p, n=i + 1), file, replace, found)
            for i, item in enumerate(value))
        return value if items == value else items
    return value


def _files(course: Course) -> Iterator[tuple[str, str, Node, str]]:
    """(catalog, file, root node, place) of each file with text: course, modules, lessons, banks."""
    yield COURSE_CATALOG, "course.yaml", course.info, "course.yaml"
    for module in course.modules:
        yield module.id, f"{module.folder}/module.yaml", module, f"module '{module.id}'"
        for lesson in module.lessons:
            yield module.id, lesson.file, lesson, f"lesson '{lesson.title}'"
        if module.bank:
            yield module.id, module.bank.file, module.bank, f"quiz of module {module.id}"


def _walk_file(node: Node, file: str, place: str, replace: Replace | None,
               found: list[tuple[PathKey, str, str]]) -> Node:
    """One file's strings; a module's lessons and bank are files of their own, walked apart."""
    if isinstance(node, Module):
        bare = node.model_copy(update={"lessons": (), "bank": None})
        new = _strings_of(bare, file, (), place, replace, found)
        return node if new is bare else new.model_copy(
            update={"lessons": node.lessons, "bank": node.bank})
    return _strings_of(node, file, (), place, replace, found)


def source_strings(course: Course) -> list[SourceString]:
    """Every translatable string of the course, in file order, each with its key and context."""
    strings: list[SourceString] = []
    for catalog, file, node, place in _files(course):
        found: list[tuple[PathKey, str, str]] = []
        _walk_file(node, file, place, None, found)
        strings.extend(SourceString(catalog, file, path, text, context)
                       for path, text, context in found)
    return strings


def replace_strings(course: Course, replace: Replace) -> Course:
    """The course with each translatable string replaced where `replace` gives a text."""
    found: list[tuple[PathKey, str, str]] = []
    info = _walk_file(course.info, "course.yaml", "course.yaml", replace, found)
    modules = []
    for module in course.modules:
        lessons = tuple(_walk_file(lesson, lesson.file, "", replace, found)
                        for lesson in module.lessons)
        bank = module.bank and _walk_file(module.bank, module.bank.file, "", replace, found)
        top = _walk_file(module, f"{module.folder}/module.yaml", "", replace, found)
        modules.append(top.model_copy(update={"lessons": lessons, "bank": bank}))
    return course.model_copy(update={"info": info, "modules": tuple(modules)})
