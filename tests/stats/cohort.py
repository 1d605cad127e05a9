"""A simulated cohort taking a module's quiz through the real attempt store (for stats tests)."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from typing import Any

from coursegen.attempts.store import AttemptStore, NewAttempt
from coursegen.model import Course, Module
from coursegen.quiz.engine import assemble, keyed_response, score

BOOST = {"pre": -0.8, "post": 0.9, "exam": 0.9}
"""How much training shifts ability before each form (pre-test: before training)."""


def wrong_response(question: Any, rng: random.Random) -> Any:
    """A plausible wrong answer to `question`."""
    key = keyed_response(question)
    kind = question.type
    if kind == "single":
        return rng.choice([i for i in range(len(question.options)) if i != key])
    if kind == "multiple":
        wrong = [i for i in range(len(question.options)) if i not in key]
        return sorted({*key[:1], rng.choice(wrong)}) if wrong else key[:1]
    if kind == "true-false":
        return not key
    if kind == "short-answer":
        return "no idea"
    if kind == "numeric":
        return question.answer + 100
    return list(reversed(key))


def simulate_cohort(store: AttemptStore, course: Course, module: Module, learners: int = 60,
                    seed: int = 7, miskeyed: dict[str, int] | None = None,
                    forms: tuple[str, ...] = ("pre", "post", "exam"),
                    session_of: Callable[[str], str | None] = lambda learner: None) -> None:
    """Each learner takes each form once; `miskeyed` maps a question id to the option that is
    truly right (strong learners choose it although the bank keys another)."""
    bank = module.bank
    assert bank is not None
    rng = random.Random(seed)
    miskeyed = miskeyed or {}
    difficulty = {q.id: rng.uniform(-1.0, 1.0) for q in bank.questions}
    # A miskeyed question is fairly hard, so that knowing its true answer marks the strong
    # learners whatever the bank's other questions are.
    difficulty.update(dict.fromkeys(miskeyed, 1.0))
    for number in range(learners):
        ability = rng.gauss(0, 1)
        for form in forms:
            paper = assemble(bank, module.id, rng.randrange(1 << 40), form)
            record = store.start(NewAttempt(
                f"learner-{number:03d}", course.info.id, course.title,
                course.info.organisation, module.id, module.title, paper.bank_version,
                paper.seed, form, False, paper.as_dict(), course.pass_mark(module),
                session=session_of(f"learner-{number:03d}")))
            earned = possible = 0.0
            for position, presented in enumerate(paper.questions, start=1):
                question = bank.question(presented.question_id)
                theta = ability + BOOST[form] - difficulty[question.id]
                knows = rng.random() < 1 / (1 + math.exp(-1.7 * theta))
                if question.id in miskeyed:
                    right = miskeyed[question.id]
                    response = right if knows else rng.randrange(len(question.options))
                elif rng.random() < 0.05:
                    continue  # left unanswered
                else:
                    response = keyed_response(question) if knows else wrong_response(question,
                                                                                     rng)
                result = score(question, response, bank.settings.scoring)
                store.save_response(record.id, question.id, position, response, result.points,
                                    result.fraction)
                earned += result.earned
            possible = sum(bank.question(p.question_id).points for p in paper.questions)
            percent = 100 * earned / possible
            store.finish(record.id, earned, possible, percent,
                         percent >= course.pass_mark(module))
