"""Which questions a learner meets before being scored, and which are kept for scoring.

One place decides it for every output: the participant handout prints as practice only
what no test uses, the exam draw (web, terminal, site and SCORM) takes only questions a
learner has not met, and `coursegen check` reports a post-test question met earlier.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from coursegen.model import Module
from coursegen.model.quiz import QuestionBank
from coursegen.model.slides import KnowledgeCheckSlide


def knowledge_checks(module: Module) -> Iterator[KnowledgeCheckSlide]:
    """The module's knowledge-check slides, in teaching order."""
    for lesson in module.lessons:
        for slide in lesson.slides:
            if isinstance(slide, KnowledgeCheckSlide):
                yield slide


def knowledge_check_ids(module: Module) -> frozenset[str]:
    """Ids of the questions asked (and answered) on the module's slides."""
    return frozenset(slide.question for slide in knowledge_checks(module))


def practice_questions(bank: QuestionBank, checks: frozenset[str]) -> list[Any]:
    """The questions a participant handout prints as practice: on no test form and asked on
    no slide (those are printed with the slide)."""
    tested = {*bank.forms.pre, *bank.forms.post, *checks}
    return [q for q in bank.questions if q.id not in tested]


def exam_pool(bank: QuestionBank, checks: frozenset[str]) -> list[Any]:
    """The questions an exam draws from: never a pre-test question or a knowledge check.

    With a post-test form, its questions (everything else is printed as practice in the
    participant handout); without one, every question not met before the test.
    """
    met = {*bank.forms.pre, *checks}
    kept = set(bank.forms.post) - met
    if kept:
        return [q for q in bank.questions if q.id in kept]
    return [q for q in bank.questions if q.id not in met]
