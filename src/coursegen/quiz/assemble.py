"""Assembling an attempt from a bank: which questions, in which order, options in which order.

Everything comes from one seed, so an attempt can be reproduced exactly; the
result (a :class:`Paper`) is also stored with the attempt, so a resumed or
audited attempt never depends on re-running the shuffle.
"""

from __future__ import annotations

import random
from collections.abc import Collection
from typing import Any

from coursegen.errors import UsageError
from coursegen.model.quiz import Matching, MultipleResponse, Ordering, QuestionBank, SingleChoice
from coursegen.quiz.exposure import exam_pool
from coursegen.quiz.paper import Form, Paper, Presented, bank_version
from coursegen.quiz.presentation import presentation_order


def assemble(bank: QuestionBank, module_id: str, seed: int, form: Form = "exam",
             checks: Collection[str] = (), practice: bool = False) -> Paper:
    """Draw and shuffle an attempt's questions from `bank`, reproducibly from `seed`.

    A scored exam draws from :func:`~coursegen.quiz.exposure.exam_pool`: never a pre-test
    question nor one of `checks`, the ids asked as knowledge checks on the module's slides.
    A practice attempt draws from the whole bank (it is not scored, and its review never
    shows the key of a post-test question).
    """
    rng = random.Random(seed)
    settings = bank.settings
    if form == "exam":
        pool = list(bank.questions) if practice else exam_pool(bank, frozenset(checks))
        if not pool:
            raise UsageError(f"the question bank of '{module_id}' has no question an exam may "
                             "ask: every one is in the pre-test or asked as a knowledge check; "
                             f"add questions for the post-test to {bank.file or 'the bank'}")
        chosen = _draw(bank, pool, rng)
    else:
        ids = getattr(bank.forms, form)
        if not ids:
            raise UsageError(f"the question bank of '{module_id}' has no {form}-test form; "
                             f"add forms.{form} to {bank.file or 'the bank'}")
        chosen = [bank.question(i) for i in ids]
        missing = [i for i, q in zip(ids, chosen, strict=True) if q is None]
        if missing:
            raise UsageError(f"the {form}-test form names unknown question '{missing[0]}'")
    if settings.shuffle:
        rng.shuffle(chosen)
    presented = tuple(Presented(q.id, _display_order(q, rng, settings.shuffle_options, module_id))
                      for q in chosen)
    return Paper(module_id, form, seed, bank_version(bank), presented)


def _draw(bank: QuestionBank, pool: list[Any], rng: random.Random) -> list[Any]:
    questions = pool
    wanted = bank.settings.draw or len(questions)
    if wanted >= len(questions):
        return questions
    picked: list[Any] = []
    if bank.settings.cover_objectives:
        by_objective: dict[str, list[Any]] = {}
        for question in questions:
            by_objective.setdefault(question.objective, []).append(question)
        objectives = list(by_objective)
        rng.shuffle(objectives)
        picked = [rng.choice(by_objective[o]) for o in objectives[:wanted]]
    rest = [q for q in questions if q not in picked]
    picked += rng.sample(rest, wanted - len(picked))
    # Keep the bank's order until the optional shuffle, so an unshuffled draw reads as written.
    return sorted(picked, key=questions.index)


def _display_order(question: Any, rng: random.Random, shuffle_options: bool,
                   module_id: str) -> tuple[int, ...]:
    if not shuffle_options and not isinstance(question, Ordering):
        # Not shuffled per attempt: the one order slides, handouts and paper show.
        return presentation_order(question, module_id, shuffle_options=False)
    if isinstance(question, SingleChoice | MultipleResponse):
        size = len(question.options)
    elif isinstance(question, Matching):
        size = len(question.pairs) + len(question.distractors)
    elif isinstance(question, Ordering):
        # Items are written in the right order, so they are always scrambled, never shown solved.
        order = list(range(len(question.items)))
        while order == sorted(order):
            rng.shuffle(order)
        return tuple(order)
    else:
        return ()
    order = list(range(size))
    rng.shuffle(order)
    if isinstance(question, Matching) and order == sorted(order) and size > 1:
        # Choices in the key's order would pair each item with the choice beside it.
        order.append(order.pop(0))
    return tuple(order)
