"""The one presentation order of a question outside an attempt: which option gets which letter.

A slide, the handouts, the trainer edition, a printed pre- or post-test, its answer
key, the site and `coursegen grade` all letter a question's options, matching
choices and ordering items in the order decided here, once per question (seeded by
the module and the question id), so "B" means the same option wherever it is read.
"""

from __future__ import annotations

import random
from typing import Any

from coursegen.errors import UsageError
from coursegen.model.quiz import Matching, MultipleResponse, Ordering, QuestionBank, SingleChoice
from coursegen.quiz.paper import Form, Paper, Presented, bank_version

PAPER_FORMS: tuple[Form, ...] = ("pre", "post")


def presentation_order(question: Any, module_id: str, shuffle_options: bool = True
                       ) -> tuple[int, ...]:
    """Bank indices in display order: position k shows bank item ``order[k]``.

    Options of single and multiple questions are shuffled when the bank asks for it;
    matching choices and ordering items are always shown away from the key's order,
    which would give the answer away. Empty for kinds with nothing to order.
    """
    rng = random.Random(f"{module_id}:{question.id}")
    if isinstance(question, SingleChoice | MultipleResponse):
        order = list(range(len(question.options)))
        if shuffle_options:
            rng.shuffle(order)
        return tuple(order)
    if isinstance(question, Matching):
        return _away_from_key(len(question.pairs) + len(question.distractors), rng)
    if isinstance(question, Ordering):
        return _away_from_key(len(question.items), rng)
    return ()


def bank_order(bank: QuestionBank, question: Any, module_id: str) -> tuple[int, ...]:
    """The presentation order of a question of `bank` (honouring its shuffle_options)."""
    return presentation_order(question, module_id, bank.settings.shuffle_options)


def printed_paper(bank: QuestionBank, module_id: str, form: Form) -> Paper:
    """A pre- or post-test as printed: the form's questions in the form's order, each
    lettered in its one presentation order."""
    if form not in PAPER_FORMS:
        raise UsageError(f"a paper test is a pre- or post-test form, not '{form}'")
    ids = getattr(bank.forms, form)
    if not ids:
        raise UsageError(f"the question bank of '{module_id}' has no {form}-test form; "
                         f"add forms.{form} to {bank.file or 'the bank'}")
    questions = []
    for question_id in ids:
        question = bank.question(question_id)
        if question is None:
            raise UsageError(f"the {form}-test form names unknown question '{question_id}'")
        questions.append(Presented(question.id, bank_order(bank, question, module_id)))
    return Paper(module_id, form, 0, bank_version(bank), tuple(questions))


def _away_from_key(size: int, rng: random.Random) -> tuple[int, ...]:
    order = list(range(size))
    rng.shuffle(order)
    if order == sorted(order) and size > 1:
        order.append(order.pop(0))
    return tuple(order)
