"""The input of the quiz statistics: a score matrix (attempts × questions) and what it describes.

Everything here is plain numpy arrays and small dataclasses, so the statistics
never depend on how attempts are stored. ``questions_from_bank`` describes a
bank's questions; ``selection_mask`` turns a stored response into the option
bitmask the distractor analysis reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from coursegen.model.quiz import MultipleResponse, QuestionBank, SingleChoice, TrueFalse
from coursegen.quiz.scoring import option_fractions

CHOICE_KINDS = ("single", "multiple", "true-false")
"""Question kinds whose options are counted in the distractor analysis."""


@dataclass(frozen=True)
class QuestionInfo:
    """One question as the statistics see it: id, weight, objective and its options, if any.

    ``options`` and ``keyed`` are empty for kinds without options (short answer,
    numeric, matching, ordering); ``keyed[k]`` is True for an option worth marks.
    """

    id: str
    max_points: float
    objective: str = ""
    kind: str = "single"
    options: tuple[str, ...] = ()
    keyed: tuple[bool, ...] = ()


@dataclass(frozen=True)
class ResponseMatrix:
    """Scored attempts of one quiz form, one row per attempt, in the order they started.

    ``scores[i, j]`` is the points attempt i earned on question j, NaN when the
    question was not in that attempt. ``selections[i, j]`` is a bitmask of the
    options chosen (bit k set: option k chosen; 0: no answer or not asked); it
    may be None when option choices are not at hand.
    """

    questions: tuple[QuestionInfo, ...]
    scores: np.ndarray
    selections: np.ndarray | None = None
    learners: np.ndarray | None = None
    sessions: np.ndarray | None = None
    forms: np.ndarray | None = None
    attempt_ids: np.ndarray | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        n, q = self.scores.shape
        if q != len(self.questions):
            raise ValueError(f"scores have {q} columns for {len(self.questions)} questions")
        for name in ("learners", "sessions", "forms", "attempt_ids"):
            column = getattr(self, name)
            if column is not None and len(column) != n:
                raise ValueError(f"{name} has {len(column)} rows for {n} attempts")
        if self.selections is not None and self.selections.shape != (n, q):
            raise ValueError("selections must have the shape of scores")

    @property
    def max_points(self) -> np.ndarray:
        """The points each question is worth, as an array."""
        return np.array([q.max_points for q in self.questions], dtype=float)

    def rows(self, keep: np.ndarray) -> ResponseMatrix:
        """The attempts selected by a boolean mask or index array, same questions."""

        def pick(column: np.ndarray | None) -> np.ndarray | None:
            return None if column is None else column[keep]

        return ResponseMatrix(
            self.questions, self.scores[keep], pick(self.selections), pick(self.learners),
            pick(self.sessions), pick(self.forms), pick(self.attempt_ids), dict(self.meta))


def questions_from_bank(bank: QuestionBank) -> tuple[QuestionInfo, ...]:
    """Describe every question of `bank` for the statistics, in bank order."""
    infos = []
    for question in bank.questions:
        options: tuple[str, ...] = ()
        keyed: tuple[bool, ...] = ()
        if isinstance(question, SingleChoice | MultipleResponse):
            fractions = option_fractions(question)
            options = tuple(o.text for o in question.options)
            best = max(fractions) if isinstance(question, SingleChoice) else 0.0
            keyed = tuple(f > 0 and f >= best for f in fractions)
        elif isinstance(question, TrueFalse):
            options = ("True", "False")
            keyed = (question.answer, not question.answer)
        infos.append(QuestionInfo(question.id, float(question.points), question.objective,
                                  question.type, options, keyed))
    return tuple(infos)


def selection_mask(kind: str, response: Any) -> int:
    """The option bitmask of a stored response (0 for no answer or a kind without options)."""
    if response is None:
        return 0
    if kind == "single" and isinstance(response, int) and not isinstance(response, bool):
        return 1 << response if 0 <= response < 63 else 0
    if kind == "true-false" and isinstance(response, bool):
        return 1 if response else 2
    if kind == "multiple" and isinstance(response, list | tuple):
        mask = 0
        for index in response:
            if isinstance(index, int) and not isinstance(index, bool) and 0 <= index < 63:
                mask |= 1 << index
        return mask
    return 0
