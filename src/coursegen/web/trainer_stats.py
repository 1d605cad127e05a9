"""The trainer pages' statistics, all computed by the statistics engine (as `coursegen stats`).

Nothing here counts or averages attempts itself: each module's finished scored
attempts are read with :func:`coursegen.stats.load.load_matrix` and analysed by
:func:`coursegen.stats.analysis.analyse`, the same calls `coursegen stats
--all-attempts` makes, so the page and the command cannot disagree. Practice runs
are not scored attempts: the engine leaves them out, and the pages count them apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coursegen.attempts.store import OPEN, AttemptRecord
from coursegen.i18n.ui import Interface, course_language
from coursegen.model import Course, Module
from coursegen.stats.analysis import ModuleStats
from coursegen.stats.wording import form_title, number, pct

PRACTICE = "practice"
"""How a practice run is named where forms are listed."""


def module_stats(course: Course, store: Any, module: Module,
                 session: str | None) -> ModuleStats:
    """The engine's statistics over every finished scored attempt at `module` (in `session`)."""
    from coursegen.stats.analysis import analyse
    from coursegen.stats.load import load_matrix

    assert module.bank is not None
    matrix = load_matrix(store, module.id, module.bank, session=session, first_only=False)
    return analyse(matrix, course.pass_mark(module))


def form_of(record: AttemptRecord) -> str:
    """The attempt's form as people read it: exam, pre, post, or practice."""
    return PRACTICE if record.practice else record.form


@dataclass(frozen=True)
class SummaryRow:
    """One line of the results-by-module table: a module's test form, or its practice runs."""

    module_id: str
    module_title: str
    test: str
    started: int
    in_progress: int
    finished: str
    mean: str
    pass_rate: str


def summary_rows(course: Course, store: Any, modules: list[Module], session: str | None,
                 records: list[AttemptRecord]) -> list[SummaryRow]:
    """Per module and test form: attempts started and open (counted), and the finished
    count, mean and pass rate as the statistics engine gives them; practice runs apart."""
    lang = course_language(course)
    rows = []
    for module in modules:
        stats = module_stats(course, store, module, session)
        mine = [r for r in records if r.module == module.id]
        for form in ("exam", "pre", "post", PRACTICE):
            started = [r for r in mine if form_of(r) == form]
            figures = stats.form(form) if form != PRACTICE else None
            if form != "exam" and not started and figures is None:
                continue
            open_count = sum(r.status == OPEN for r in started)
            if figures is None:
                finished = len(started) - open_count if form == PRACTICE else 0
                title = (Interface(lang)._("Practice") if form == PRACTICE
                         else form_title(form, lang))
                rows.append(SummaryRow(module.id, module.title, title, len(started),
                                       open_count, str(finished), "–", "–"))
                continue
            overall = figures.overall
            rows.append(SummaryRow(module.id, module.title, form_title(form, lang), len(started),
                                   open_count, str(overall.attempts),
                                   pct(overall.mean, 1, lang), pct(overall.pass_rate, 1, lang)))
    return rows


@dataclass(frozen=True)
class FormFigures:
    """One question's figures in one test form."""

    test: str
    asked: int
    facility: str
    discrimination: str


@dataclass(frozen=True)
class OptionCount:
    """How many attempts chose one option in each test form, and whether it is keyed."""

    text: str
    keyed: bool
    counts: tuple[int, ...]


@dataclass(frozen=True)
class ItemRow:
    """One question: its figures per test form, option counts and what to fix."""

    id: str
    stem: str
    kind: str
    figures: tuple[FormFigures, ...]
    option_tests: tuple[str, ...]
    """The test forms whose counts each OptionCount holds, in order."""
    options: tuple[OptionCount, ...]
    flags: tuple[str, ...]
    """What the statistics suggest fixing, as `coursegen stats` words it."""


def item_rows(module: Module, stats: ModuleStats, lang: str = "en") -> list[ItemRow]:
    """Every question of the bank with the engine's facility, discrimination, option counts
    and flags in each test form that asked it (named and worded in `lang`)."""
    assert module.bank is not None
    rows = []
    for question in module.bank.questions:
        figures, tests, counts, flags = [], [], [], []
        options: tuple[Any, ...] = ()
        for form in stats.forms:
            item = next((i for i in form.items if i.question_id == question.id), None)
            if item is None:
                continue
            title = form_title(form.form, lang)
            figures.append(FormFigures(title, item.attempts, number(item.facility),
                                       number(item.discrimination, 0)))
            chosen = form.options.get(question.id)
            if chosen is not None:
                options = chosen.options
                tests.append(title)
                counts.append(tuple(o.count for o in chosen.options))
            flags += [f"{title}: {flag.translated(lang)}" for flag in form.flags_for(question.id)]
        option_rows = tuple(OptionCount(o.text, o.keyed, tuple(c[k] for c in counts))
                            for k, o in enumerate(options))
        rows.append(ItemRow(question.id, question.stem, question.type, tuple(figures),
                            tuple(tests), option_rows, tuple(flags)))
    return rows
