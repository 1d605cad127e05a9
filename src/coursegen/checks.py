"""Content rules run on a loaded course: ids, citations, objectives, answer keys, currency."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from coursegen.checks_authoring import nested_quote_rules
from coursegen.checks_exposure import exposure_rules
from coursegen.checks_images import logo_rules, picture_rules
from coursegen.checks_items import item_writing_rules
from coursegen.checks_moodle import moodle_fraction_rules
from coursegen.checks_tables import table_width_rules
from coursegen.checks_text import text_rules
from coursegen.errors import Diagnostic, Location
from coursegen.located import diagnostic_at as _at
from coursegen.located import module_item_location
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
    QuoteSlide,
    ReferencesSlide,
    SectionSlide,
    TableSlide,
)
from coursegen.model.walk import citations_in_module
from coursegen.quiz.answer_pattern import refusal
from coursegen.visual_checks import visual_rules

_CATCH_ALL = re.compile(r"\b(all|none) of the (above|options)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Unread:
    """Files of a partly loaded course that failed, so rules that need them are skipped."""

    sources: bool = False
    banks: frozenset[str] = frozenset()
    """Ids of the modules whose question bank failed to load."""


def check_course(
    course: Course, today: date | None = None, unread: Unread = Unread()
) -> list[Diagnostic]:
    """Every content rule over the whole course; returns errors and warnings in file order.

    `unread` names what failed to load: rules that would judge it are skipped
    rather than report, say, every citation as unknown because sources.yaml broke.
    """
    today = today or date.today()
    found: list[Diagnostic] = []
    found += _duplicates(course.sources, "id", "source", "duplicate-id")
    if course.info is not None:  # course.yaml loaded: the rules that read it
        from coursegen.checks_templates import template_rules  # Jinja: only when checking

        found += logo_rules(course)
        found += template_rules(course)
        found += _listed_twice(course)
        found += _banks_of_no_module(course)
    found += text_rules(course)
    source_ids = None if unread.sources else {s.id for s in course.sources}
    for module in course.modules:
        found += list(_module_rules(course, module, source_ids, today, unread))
    return sorted(found, key=lambda d: (d.location is None, d.location or 0))


def _banks_of_no_module(course: Course) -> list[Diagnostic]:
    listed = set(course.info.modules)
    return [
        Diagnostic(Location(f"quizzes/{bank.name}"),
                   f"question bank for module '{bank.stem}', which course.yaml does not list; "
                   f"add '{bank.stem}' to 'modules' or remove the file", severity="warning",
                   code="unlisted-bank")
        for bank in sorted((course.root / "quizzes").glob("*.yaml")) if bank.stem not in listed
    ]


def _listed_twice(course: Course) -> list[Diagnostic]:
    first: dict[str, int] = {}
    found = []
    for index, module_id in enumerate(course.info.modules):
        if module_id in first:
            line = module_item_location(course.info, first[module_id])
            where = f" (first at line {line.line})" if line and line.line else ""
            found.append(Diagnostic(
                module_item_location(course.info, index),
                f"module '{module_id}' is listed twice{where}; list each module once",
                path=f"modules[{index}]", code="duplicate-id"))
        first.setdefault(module_id, index)
    return found


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
    course: Course, module: Module, source_ids: set[str] | None, today: date, unread: Unread
) -> Iterator[Diagnostic]:
    folder = Path(module.folder).name
    if folder and module.id != folder:
        yield _at(
            module, "id", f"module id '{module.id}' must match its folder '{folder}'", "module-id"
        )
    yield from _duplicates(module.objectives, "id", "objective", "duplicate-id")
    yield from _duplicates(module.lessons, "id", "lesson", "duplicate-id")
    objective_ids = {o.id for o in module.objectives}
    lesson_minutes = sum(lesson.duration for lesson in module.lessons)
    if lesson_minutes > module.duration:
        yield _at(module, "duration", f"the lessons take {lesson_minutes} minutes but the module "
                  f"says {module.duration}, which covers and the site print; make it the total "
                  "of its lessons (or more, for breaks and exercises)", "duration", "warning")
    if source_ids is not None:
        yield from _citation_rules(module, source_ids)
    bank_unread = module.id in unread.banks or Path(module.folder).name in unread.banks
    for lesson in module.lessons:
        yield from _lesson_rules(course, module, lesson, objective_ids, today, bank_unread)
    if bank_unread:
        return
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
    yield from moodle_fraction_rules(module.bank)
    yield from exposure_rules(module, module.bank)
    yield from item_writing_rules(module, module.bank)


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


def _update_rules(slide, today: date) -> Iterator[Diagnostic]:
    for update in slide.updates:
        if update.review_by < today:
            yield _at(
                update,
                "review_by",
                f"update note was due for review on {update.review_by}; check what it names "
                "is still current and move review_by forward",
                "update-due",
                "warning",
            )


def _lesson_rules(
    course: Course,
    module: Module,
    lesson,
    objective_ids: set[str],
    today: date,
    bank_unread: bool = False,
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
        yield from _update_rules(slide, today)
        if isinstance(slide, ImageSlide):
            yield from picture_rules(course, slide, "src", slide.src)
        if isinstance(slide, KnowledgeCheckSlide) and not bank_unread and (
            module.bank is None or module.bank.question(slide.question) is None
        ):
            yield _at(
                slide,
                "question",
                f"no question '{slide.question}' in quizzes/{module.id}.yaml",
                "unknown-question",
            )
        yield from _table_shape_rules(slide)
        yield from table_width_rules(course, slide)
        if isinstance(slide, QuoteSlide) and not (slide.attribution or slide.cite):
            yield _at(slide, "text", "quote says neither who said it nor where it is from; add "
                      "'attribution' or 'cite'", "unattributed-quote", "warning")
        yield from visual_rules(slide)
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
            problem = refusal(answer.text) if answer.regex else None
            if problem:
                yield _at(answer, "text", problem, "regex")
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
