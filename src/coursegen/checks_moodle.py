"""Rules for what Moodle's question importer refuses: answer fractions off its grade list.

Moodle imports GIFT and Moodle XML only when every answer's fraction is one of its grade
options (`question_bank::fraction_options_full()`); one other value fails the whole file
with `invalidgrade`. So `check` refuses such a fraction before an export is made.
"""

from __future__ import annotations

from collections.abc import Iterator

from coursegen.errors import Diagnostic
from coursegen.export.gift import percent
from coursegen.located import diagnostic_at
from coursegen.model.quiz import (
    AcceptedAnswer,
    MultipleResponse,
    Option,
    QuestionBank,
    ShortAnswer,
    SingleChoice,
)
from coursegen.quiz.scoring import option_fractions

_POSITIVE = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20,
             16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0)
MOODLE_FRACTIONS = tuple(sorted({*_POSITIVE, *(-f for f in _POSITIVE)}, reverse=True))
"""The percentages Moodle's importer accepts for an answer (its grade options)."""

# Moodle matches a grade within 0.00001 of an option (as a fraction of 1), i.e. 0.001 percent.
_TOLERANCE = 0.001


def moodle_accepts(fraction: float) -> bool:
    """Moodle's importer lists this percentage among its grade options."""
    return any(abs(fraction - valid) < _TOLERANCE for valid in MOODLE_FRACTIONS)


def nearest_moodle_fractions(fraction: float) -> list[float]:
    """The listed grade just below and just above `fraction`."""
    below = [f for f in MOODLE_FRACTIONS if f < fraction]
    above = [f for f in MOODLE_FRACTIONS if f > fraction]
    return [*above[-1:], *below[:1]]


def _advice(fraction: float, use: str = "use") -> str:
    nearest = " or ".join(percent(f) for f in nearest_moodle_fractions(fraction))
    listed = ", ".join(percent(f) for f in _POSITIVE)
    return (f"Moodle's importer refuses it and with it the whole file; {use} {nearest} "
            f"(Moodle accepts {listed} and their negatives)")


def moodle_fraction_rules(bank: QuestionBank) -> Iterator[Diagnostic]:
    """An error for each answer fraction, written or derived, that Moodle would refuse."""
    for question in bank.questions:
        if isinstance(question, SingleChoice | MultipleResponse):
            yield from _option_rules(question)
        elif isinstance(question, ShortAnswer):
            yield from (_refused(a) for a in question.answers if not moodle_accepts(a.fraction))


def _refused(node: Option | AcceptedAnswer) -> Diagnostic:
    message = f"fraction {percent(node.fraction)} is not a Moodle grade: {_advice(node.fraction)}"
    return diagnostic_at(node, "fraction", message, "moodle-fraction")


def _option_rules(question: SingleChoice | MultipleResponse) -> Iterator[Diagnostic]:
    written = [o for o in question.options if o.fraction is not None]
    refused = [o for o in written if not moodle_accepts(o.fraction)]
    yield from (_refused(o) for o in refused)
    if refused:
        return  # the derived shares follow from the written ones: fix those first
    derived = {round(f, 5) for o, f in zip(question.options, option_fractions(question),
                                           strict=True) if o.fraction is None}
    for fraction in sorted(f for f in derived if not moodle_accepts(f)):
        advice = _advice(fraction, "give them fractions such as")
        yield diagnostic_at(question, "options", f"the options without a fraction get "
                            f"{percent(fraction)} each, which is not a Moodle grade: {advice}",
                            "moodle-fraction")
