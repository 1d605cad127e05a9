"""The quiz engine: assemble attempts, score responses, and total an attempt. Pure, no I/O.

Scoring lives in :mod:`coursegen.quiz.scoring` and assembling in
:mod:`coursegen.quiz.assemble`; this module ties them together and is what the
runners, batch grading and statistics import.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from coursegen.model.quiz import (
    Matching,
    MultipleResponse,
    Numeric,
    Ordering,
    QuestionBank,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)
from coursegen.quiz.assemble import assemble
from coursegen.quiz.paper import FORMS, Form, Paper, Presented, bank_version
from coursegen.quiz.scoring import (
    Feedback,
    ResponseInvalid,
    Score,
    answer_key,
    option_fractions,
    score,
)

__all__ = [
    "FORMS", "AttemptResult", "Feedback", "Form", "ObjectiveScore", "Paper", "Presented",
    "ResponseInvalid", "Score", "answer_key", "assemble", "bank_version", "keyed_response",
    "score", "score_paper", "summarise",
]

PASS_EPSILON = 1e-9


@dataclass(frozen=True)
class ObjectiveScore:
    """Marks earned and possible for the questions of one objective."""

    objective: str
    earned: float
    possible: float

    @property
    def percent(self) -> float:
        """Earned as a percentage of possible."""
        return 100 * self.earned / self.possible if self.possible else 0.0


@dataclass(frozen=True)
class AttemptResult:
    """The total of an attempt: marks, percentage, pass/fail and the per-objective breakdown."""

    scores: tuple[Score, ...]
    earned: float
    possible: float
    pass_mark: float
    objectives: tuple[ObjectiveScore, ...]

    @property
    def percent(self) -> float:
        """Earned as a percentage of possible."""
        return 100 * self.earned / self.possible if self.possible else 0.0

    @property
    def passed(self) -> bool:
        """True when the percentage reaches the pass mark."""
        return self.percent + PASS_EPSILON >= self.pass_mark


def summarise(scores: Iterable[Score], pass_mark: float) -> AttemptResult:
    """Total the scores of an attempt against `pass_mark` (percent)."""
    scores = tuple(scores)
    by_objective: dict[str, list[float]] = {}
    for item in scores:
        totals = by_objective.setdefault(item.objective, [0.0, 0.0])
        totals[0] += item.earned
        totals[1] += item.points
    objectives = tuple(ObjectiveScore(o, e, p) for o, (e, p) in by_objective.items())
    return AttemptResult(
        scores=scores,
        earned=sum(s.earned for s in scores),
        possible=sum(s.points for s in scores),
        pass_mark=pass_mark,
        objectives=objectives,
    )


def score_paper(bank: QuestionBank, paper: Paper, responses: dict[str, Any],
                pass_mark: float) -> AttemptResult:
    """Score every question of `paper` (unanswered ones score 0) and total them."""
    scores = [score(bank.question(p.question_id), responses.get(p.question_id),
                    bank.settings.scoring) for p in paper.questions]
    return summarise(scores, pass_mark)


def keyed_response(question: Any) -> Any:
    """The response that earns full marks, or None for a short answer keyed only by regex."""
    if isinstance(question, SingleChoice):
        fractions = option_fractions(question)
        return fractions.index(max(fractions))
    if isinstance(question, MultipleResponse):
        return [i for i, f in enumerate(option_fractions(question)) if f > 0]
    if isinstance(question, TrueFalse | Numeric):
        return question.answer
    if isinstance(question, ShortAnswer):
        plain = [a for a in question.answers if not a.regex and a.fraction == 100]
        return plain[0].text if plain else None
    if isinstance(question, Matching):
        return list(range(len(question.pairs)))
    if isinstance(question, Ordering):
        return list(range(len(question.items)))
    raise ResponseInvalid(f"unknown question type {type(question).__name__}")

