"""Exposure rules of `coursegen check`: a post-test question a learner meets before the test.

A post-test question that is also in the pre-test, or asked as a knowledge check (whose slide
reveals the answer, and which the participant handout prints), no longer tests anything: the
learner has seen it, often with its answer. Each is an error at the line that exposes it,
unless the bank lists the question under `forms.exposed` (the course accepts it, knowingly).
The participant handout prints nothing else of a bank: its practice questions come from
:func:`~coursegen.quiz.exposure.practice_questions`, which leaves every test question out.
"""

from __future__ import annotations

from collections.abc import Iterator

from coursegen.errors import Diagnostic
from coursegen.located import diagnostic_at
from coursegen.model import Module
from coursegen.model.quiz import QuestionBank
from coursegen.quiz.exposure import knowledge_checks

EXPOSURE_RULES = {
    "form-overlap": "a post-test question is also in the pre-test",
    "form-knowledge-check": "a post-test question is a knowledge check",
    "form-exposed-unknown": "forms.exposed names a question that is not in the post-test",
}


def _accept(bank: QuestionBank) -> str:
    return f"or list it under forms.exposed in {bank.file or 'the bank'} to accept that"


def exposure_rules(module: Module, bank: QuestionBank) -> Iterator[Diagnostic]:
    """Errors for every post-test question met before the test that the bank does not accept."""
    post = set(bank.forms.post)
    accepted = set(bank.forms.exposed)
    for question_id in bank.forms.exposed:
        if question_id not in post:
            yield diagnostic_at(bank.forms, "exposed",
                                f"forms.exposed names '{question_id}', which is not a post-test "
                                "question; remove it from forms.exposed", "form-exposed-unknown")
    exposed = post - accepted
    shared = [q for q in bank.forms.pre if q in exposed]
    if shared:
        yield diagnostic_at(bank.forms, "pre",
                            f"the pre-test reuses post-test questions ({', '.join(shared)}), so "
                            "learners meet them before they are scored; give the pre-test "
                            f"parallel questions of its own (same objectives), {_accept(bank)}",
                            "form-overlap")
    for slide in knowledge_checks(module):
        if slide.question in exposed:
            yield diagnostic_at(slide, "question",
                                f"knowledge check '{slide.question}' is a post-test question: "
                                "the slide after it reveals the answer and the participant "
                                "handout prints it, before learners are scored; check with a "
                                f"question outside the post-test, {_accept(bank)}",
                                "form-knowledge-check")
