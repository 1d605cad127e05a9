"""Results analytics for one module: item statistics, reliability, mastery, flags and gain. Pure.

``analyse(matrix)`` is the whole computation: the attempts are split by form
(exam, pre-test, post-test), each form gets Moodle-compatible item and overall
statistics (:mod:`coursegen.stats.moodle`), a distractor analysis
(:mod:`coursegen.stats.options`), per-objective mastery and the flags a
trainer can act on (:mod:`coursegen.stats.flags`); pre and post attempts
are then paired by learner for the learning gain (:mod:`coursegen.stats.gain`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from coursegen.stats.flags import DEFAULT_RULES, Flag, FlagRules, item_flags
from coursegen.stats.gain import GainReport, learning_gain
from coursegen.stats.moodle import (
    ItemStats,
    OverallStats,
    attempt_percent,
    attempt_totals,
    defined,
    item_statistics,
    overall_statistics,
)
from coursegen.stats.options import QuestionOptions, option_statistics
from coursegen.stats.responses import QuestionInfo, ResponseMatrix

FORM_TITLES = {"exam": "Final test", "pre": "Pre-test", "post": "Post-test"}
"""How each form is named in tables and reports."""


@dataclass(frozen=True)
class ObjectiveMastery:
    """How well one objective was mastered: mean score and share of attempts at the pass mark."""

    objective: str
    questions: int
    attempts: int
    mean: float | None
    mastered: float | None


@dataclass(frozen=True)
class FormStats:
    """Everything computed for one form of the quiz."""

    form: str
    overall: OverallStats
    items: tuple[ItemStats, ...]
    options: dict[str, QuestionOptions]
    objectives: tuple[ObjectiveMastery, ...]
    flags: tuple[Flag, ...]
    percent: np.ndarray = field(repr=False)

    @property
    def title(self) -> str:
        """The form's name for people: Final test, Pre-test, Post-test."""
        return FORM_TITLES.get(self.form, self.form)

    def flags_for(self, question_id: str) -> list[Flag]:
        """The flags raised for one question."""
        return [f for f in self.flags if f.question_id == question_id]


@dataclass(frozen=True)
class ModuleStats:
    """The analytics of one module: each form that has attempts, and the pre/post gain."""

    forms: tuple[FormStats, ...]
    gain: GainReport | None
    rules: FlagRules = DEFAULT_RULES

    def form(self, name: str) -> FormStats | None:
        """The statistics of form `name`, if it has attempts."""
        return next((f for f in self.forms if f.form == name), None)


def analyse(matrix: ResponseMatrix, pass_mark: float | None = None,
            rules: FlagRules = DEFAULT_RULES) -> ModuleStats:
    """Compute every statistic for the attempts in `matrix` (rows of any forms)."""
    forms = matrix.forms if matrix.forms is not None else np.full(len(matrix.scores), "exam")
    results = []
    for form in ("exam", "pre", "post"):
        keep = forms == form
        if keep.any():
            results.append(analyse_form(matrix.rows(keep), form, pass_mark, rules))
    gain = None
    if matrix.learners is not None and (forms == "pre").any() and (forms == "post").any():
        gain = learning_gain(matrix.learners, forms, attempt_percent(matrix), matrix.sessions)
    return ModuleStats(tuple(results), gain, rules)


def analyse_form(matrix: ResponseMatrix, form: str = "exam", pass_mark: float | None = None,
                 rules: FlagRules = DEFAULT_RULES) -> FormStats:
    """Item, overall, option and objective statistics and flags for one form's attempts."""
    asked = ~np.isnan(matrix.scores)
    used = asked.any(axis=0)
    if not used.all():  # questions of the bank this form never asked stay out of its tables
        matrix = ResponseMatrix(
            tuple(q for q, u in zip(matrix.questions, used, strict=True) if u),
            matrix.scores[:, used],
            None if matrix.selections is None else matrix.selections[:, used],
            matrix.learners, matrix.sessions, matrix.forms, matrix.attempt_ids, matrix.meta)
    items = item_statistics(matrix)
    overall = overall_statistics(matrix, items, pass_mark)
    earned, _ = attempt_totals(matrix)
    options = option_statistics(matrix, earned)
    flags = [flag for item in items for flag in item_flags(item, options.get(item.question_id),
                                                             rules)]
    objectives = objective_mastery(matrix, pass_mark)
    return FormStats(form, overall, tuple(items), options, objectives, tuple(flags),
                     attempt_percent(matrix))


def objective_mastery(matrix: ResponseMatrix,
                      pass_mark: float | None = None) -> tuple[ObjectiveMastery, ...]:
    """Per objective: the mean percent over attempts that were asked about it, and the share
    of those attempts at or above the pass mark on its questions."""
    names = list(dict.fromkeys(q.objective for q in matrix.questions))
    if not names:
        return ()
    asked = ~np.isnan(matrix.scores)
    marks = np.where(asked, matrix.scores, 0.0)
    groups = np.array([[q.objective == name for name in names] for q in matrix.questions],
                      dtype=float)
    earned = marks @ groups
    possible = (asked * matrix.max_points) @ groups
    result = []
    for k, name in enumerate(names):
        rows = possible[:, k] > 0
        percent = 100 * earned[rows, k] / possible[rows, k]
        count = int(rows.sum())
        mastered = (defined(100 * np.mean(percent + 1e-9 >= pass_mark))
                    if pass_mark is not None and count else None)
        result.append(ObjectiveMastery(name, int(groups[:, k].sum()), count,
                                       defined(percent.mean()) if count else None, mastered))
    return tuple(result)


__all__ = [
    "FORM_TITLES", "Flag", "FlagRules", "FormStats", "GainReport", "ItemStats", "ModuleStats",
    "ObjectiveMastery", "OverallStats", "QuestionInfo", "QuestionOptions", "ResponseMatrix",
    "analyse", "analyse_form", "objective_mastery",
]
