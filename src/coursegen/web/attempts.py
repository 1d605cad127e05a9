"""The web runner's view of an attempt: which modules have a quiz, the question at a number,
and the immediate-feedback lock. The attempt's life itself is :mod:`coursegen.attempts.lifecycle`.
"""

from __future__ import annotations

from typing import Any

from coursegen.attempts.lifecycle import Progress
from coursegen.model import Course, Module
from coursegen.quiz.paper import Presented


def quiz_modules(course: Course) -> list[Module]:
    """The modules that have a question bank, in teaching order."""
    return [m for m in course.modules if m.bank is not None]


def question_at(course: Course, state: Progress, number: int) -> tuple[Any, Presented]:
    """The bank question shown at 1-based `number`, and how it is presented."""
    presented = state.paper.questions[number - 1]
    bank = course.module(state.record.module).bank
    assert bank is not None
    return bank.question(presented.question_id), presented


def feedback_locked(module: Module, state: Progress, question_id: str) -> bool:
    """True when immediate feedback was shown, so the answer may no longer change."""
    assert module.bank is not None
    return (module.bank.settings.feedback == "immediate"
            and state.responses.get(question_id) is not None)
