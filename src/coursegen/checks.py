"""Content rules run on a loaded course: ids, citations, objectives, answer keys, currency."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from coursegen.checks_authoring import nested_quote_rules
from coursegen.errors import Diagnostic, Severity
from coursegen.model import Course, Module
from coursegen.model.base import Node, suggest
from coursegen.model.quiz import (
    Matching,
    MultipleResponse,
    Ordering,
    QuestionBank,
    ShortAnswer,
    SingleChoice,
)
from coursegen.model.slides import (
    CaseSlide,
    ImageSlide,
    KnowledgeCheckSlide,
    ReferencesSlide,
    SectionSlide,
    TableSlide,
)
from coursegen.model.walk import citations_in_module

_CATCH_ALL = re.compile(r"\b(all|none) of the (above|options)\b", re.IGNORECASE)


def _at(
    node: Node, field: str | None, message: str, code: str, severity: Severity = "error"
) -> Diagnostic:
    location = node.location_of(field) if field else node.location
    path = node.path_of(field) if field else node.path
    return Diagnostic(location, message, path=path, severity=severity, code=code)


def check_course(course: Course, today: date | None = None) -> list[Diagnostic]:
    """Every content rule over the whole course; returns errors and warnings in file order."""
    today = today or date.today()
    found: list[Diagnostic] = []
    found += _duplicates(course.sources, "id", "source", "duplicate-id")
    source_ids = {s.id for s in course.sources}
    for module in course.modules:
        found += list(_module_rules(course, module, source_ids, today))
    return sorted(found, key=lambda d: (d.location is None, d.location or 0))


def _duplicates(nodes: tuple, field: str, what: str, code: str) -> list[Diagnostic]:
    seen: dict[str, Node] = {}
    found = []
    for node in nodes:
        value = getattr(node, field)
        if value is None:
            continue
        if value in seen:
            first = seen[value].location_of(field)
            here = node.location_of(field)
            where = ""
            if first and here and first.file != here.file:
                where = f" (first in {first})"
            elif first and first.line:
                where = f" (first at line {first.line})"
            found.append(_at(node, field, f"duplicate {what} id '{value}'{where}", code))
        else:
            seen[value] = node
    return found


def _module_rules(
    course: Course, module: Module, source_ids: set[str], today: date
) -> Iterator[Diagnostic]:
    folder = Path(module.folder).name
    if folder and module.id != folder:
        yield _at(
            module, "id", f"module id '{module.id}' must match its folder '{folder}'", "module-id"
        )
    yield from _duplicates(module.objectives, "id", "objective", "duplicate-id")
    yield from _duplicates(module.lessons, "id", "lesson", "duplicate-id")
    objective_ids = {o.id for o in module.objectives}
    yield from _citation_rules(module, source_ids)
    for lesson in module.lessons:
        yield from _lesson_rules(course, module, lesson, objective_ids, today)
    if module.bank is None:
        yield _at(
            module,
            None,
            f"module has no question bank; add quizzes/{module.id}.yaml",
            "no-bank",
            "warning",
        )
        return
    yield from _bank_rules(module, module.bank, objective_ids)


def _citation_rules(module: Module, source_ids: set[str]) -> Iterator[Diagnostic]:
    known = sorted(source_ids)
    for node, ref in citations_in_module(module):
        if ref.source not in source_ids:
            yield _at(
                node,
                "cite",
                f"citation '{ref}' names no source in sources.yaml{suggest(ref.source, known)}",
                "unknown-source",
            )


def _lesson_rules(
    course: Course, module: Module, lesson, objective_ids: set[str], today: date
) -> Iterator[Diagnostic]:
    for objective in lesson.objectives:
        if objective not in objective_ids:
            yield _at(
                lesson,
                "objectives",
                f"objective '{objective}' is not defined in module.yaml",
                "unknown-objective",
            )
    review_by = lesson.review_by or module.review_by
    if review_by and review_by < today:
        node, field = (lesson, "review_by") if lesson.review_by else (module, "review_by")
        yield _at(
            node,
            field,
            f"content was due for review on {review_by}; check it is still "
            "current and move review_by forward",
            "review-due",
            "warning",
        )
    yield from _duplicates(tuple(s for s in lesson.slides if s.id), "id", "slide", "duplicate-id")
    for slide in lesson.slides:
        if isinstance(slide, ImageSlide) and not (course.root / slide.src).is_file():
            yield _at(
                slide,
                "src",
                f"image '{slide.src}' not found (paths are relative to the course folder)",
                "missing-image",
            )
        if isinstance(slide, KnowledgeCheckSlide) and (
            module.bank is None or module.bank.question(slide.question) is None
        ):
            yield _at(
                slide,
                "question",
                f"no question '{slide.question}' in quizzes/{module.id}.yaml",
                "unknown-question",
            )
        yield from _table_shape_rules(slide)
        yield from nested_quote_rules(slide)
        if not isinstance(slide, SectionSlide | ReferencesSlide) and not slide.notes:
            yield _at(
                slide,
                None,
                "content slide has no speaker notes; add 'notes'",
                "no-notes",
                "warning",
            )


def _table_shape_rules(slide) -> Iterator[Diagnostic]:
    tables = [slide] if isinstance(slide, TableSlide) else []
    if isinstance(slide, CaseSlide):
        tables += [e for e in slide.exhibits if e.columns]
    for table in tables:
        for index, row in enumerate(table.rows):
            if len(row) != len(table.columns):
                yield _at(table, "rows", f"row {index + 1} has {len(row)} cells but the table "
                          f"has {len(table.columns)} columns", "table-shape")


def _bank_rules(
    module: Module, bank: QuestionBank, objective_ids: set[str]
) -> Iterator[Diagnostic]:
    listed_id = Path(module.folder).name or module.id
    if bank.module and bank.module != listed_id:
        yield _at(
            bank,
            "module",
            f"bank names module '{bank.module}' but is quizzes/{listed_id}.yaml",
            "bank-module",
        )
    yield from _duplicates(bank.questions, "id", "question", "duplicate-id")
    assessed = Counter(q.objective for q in bank.questions)
    for question in bank.questions:
        if question.objective not in objective_ids:
            yield _at(
                question,
                "objective",
                f"objective '{question.objective}' is not defined in module.yaml",
                "unknown-objective",
            )
        yield from _question_rules(question)
    for objective in module.objectives:
        if not assessed[objective.id]:
            yield _at(
                objective,
                "id",
                f"objective '{objective.id}' is assessed by no question",
                "unassessed-objective",
            )
    ids = {q.id for q in bank.questions}
    for form in ("pre", "post"):
        for question_id in getattr(bank.forms, form):
            if question_id not in ids:
                yield _at(
                    bank.forms,
                    form,
                    f"{form}-test names unknown question '{question_id}'",
                    "unknown-question",
                )
    if bank.settings.draw and bank.settings.draw > len(bank.questions):
        yield _at(
            bank.settings,
            "draw",
            f"draw is {bank.settings.draw} but the bank has only {len(bank.questions)} questions",
            "draw-too-large",
        )
    yield from _answer_positions(bank)


def _question_rules(question) -> Iterator[Diagnostic]:
    if isinstance(question, SingleChoice | MultipleResponse):
        texts = Counter(" ".join(o.text.lower().split()) for o in question.options)
        for text, count in texts.items():
            if count > 1:
                yield _at(
                    question,
                    "options",
                    f"option '{text}' appears {count} times",
                    "duplicate-option",
                )
        for option in question.options:
            if _CATCH_ALL.search(option.text):
                yield _at(
                    option,
                    "text",
                    "avoid 'all/none of the above'; write a specific option",
                    "catch-all-option",
                    "warning",
                )
    if isinstance(question, SingleChoice):
        correct = [o for o in question.options if o.correct or o.fraction == 100]
        if len(correct) != 1:
            yield _at(
                question,
                "options",
                f"single-choice question needs exactly one correct option, has {len(correct)}",
                "answer-key",
            )
    elif isinstance(question, MultipleResponse):
        correct = [o for o in question.options if o.correct]
        if not correct:
            yield _at(
                question,
                "options",
                "multiple-response question needs at least one correct option",
                "answer-key",
            )
        if any(o.fraction is not None for o in question.options):
            positive = sum(o.fraction for o in question.options if (o.fraction or 0) > 0)
            if abs(positive - 100) > 0.01:
                yield _at(
                    question,
                    "options",
                    f"positive fractions must add up to 100, they add up to {positive:g}",
                    "fractions",
                )
    elif isinstance(question, ShortAnswer):
        for answer in question.answers:
            if answer.regex:
                try:
                    re.compile(answer.text)
                except re.error as error:
                    yield _at(answer, "text", f"invalid regular expression: {error}", "regex")
    elif isinstance(question, Matching):
        for side in ("left", "right"):
            values = Counter(getattr(p, side) for p in question.pairs)
            for value, count in values.items():
                if count > 1:
                    yield _at(
                        question,
                        "pairs",
                        f"'{value}' appears {count} times on the {side}",
                        "duplicate-option",
                    )
    elif isinstance(question, Ordering):
        for value, count in Counter(question.items).items():
            if count > 1:
                yield _at(question, "items", f"'{value}' appears {count} times", "duplicate-option")


def _answer_positions(bank: QuestionBank) -> Iterator[Diagnostic]:
    singles = [q for q in bank.questions if isinstance(q, SingleChoice)]
    positions = Counter(
        next((i for i, o in enumerate(q.options) if o.correct or o.fraction == 100), -1)
        for q in singles
    )
    if len(singles) >= 3 and len(positions) == 1:
        position = next(iter(positions)) + 1
        yield _at(
            bank,
            "questions",
            f"the correct option is always in position {position} "
            "across the single-choice questions; vary it",
            "answer-position",
            "warning",
        )
