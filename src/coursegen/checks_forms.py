"""Test-design rules of `coursegen check`: levels match objectives, balanced pre- and post-tests.

A post-test question met before the test is an error, not a test-design warning: see
:mod:`coursegen.checks_exposure`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from coursegen.errors import Diagnostic
from coursegen.located import warning_at as warn
from coursegen.model import Module
from coursegen.model.quiz import QuestionBank

HIGHER = {"apply", "analyse", "evaluate", "create"}

FORM_RULES = {
    "item-level": "a question's level differs from its objective's",
    "scenario-label": "a scenario is not labelled fictional",
    "form-balance": "the pre- and post-test assess different objectives",
    "post-per-objective": "an objective has too few post-test questions",
    "post-application": "too few post-test questions ask the learner to apply",
}


def question_level(module: Module, question) -> str | None:
    """The Bloom level a question tests: its own, else its objective's."""
    objective = module.objective(question.objective)
    return question.level or (objective.level if objective else None)


def is_application(module: Module, question) -> bool:
    """A scenario question at apply level or above: it asks the learner to decide in a case."""
    return bool(question.scenario) and question_level(module, question) in HIGHER


def form_rules(module: Module, bank: QuestionBank) -> Iterator[Diagnostic]:
    """Level, labelling and pre/post-test rules over one bank."""
    for question in bank.questions:
        objective = module.objective(question.objective)
        if question.level and objective and question.level != objective.level:
            yield warn(question, "level",
                       f"question is at level '{question.level}' but objective "
                       f"'{objective.id}' is at '{objective.level}'; rewrite the question "
                       "to test the objective, or move it under an objective it tests",
                       "item-level")
        if question.scenario and not question.is_fictional():
            yield warn(question, "scenario",
                       "scenario does not say it is fictional; start it with 'Fictional case:' "
                       "(or cite the real case it reports)", "scenario-label")
    if not bank.forms.post:
        return
    yield from _balance(module, bank)


def _objectives(module: Module, bank: QuestionBank, ids: tuple[str, ...]) -> Counter | None:
    """Questions per objective in a form; None while an objective is unknown (already an error)."""
    questions = [q for q in map(bank.question, ids) if q is not None]
    if not all(module.objective(q.objective) for q in questions):
        return None
    return Counter(q.objective for q in questions)


def _balance(module: Module, bank: QuestionBank) -> Iterator[Diagnostic]:
    lint = bank.settings.lint
    pre = _objectives(module, bank, bank.forms.pre)
    post = _objectives(module, bank, bank.forms.post)
    if pre is None or post is None:
        return
    if pre and set(pre) != set(post):
        differ = sorted(set(pre) ^ set(post))
        yield warn(bank.forms, "pre",
                   f"the pre- and post-test assess different objectives ({', '.join(differ)}); "
                   "cover the same objectives in both", "form-balance")
    for objective, count in post.items():
        if count < lint.post_per_objective:
            yield warn(bank.forms, "post",
                       f"objective '{objective}' has {count} post-test question(s); give it at "
                       f"least {lint.post_per_objective}", "post-per-objective")
    questions = [q for q in map(bank.question, bank.forms.post) if q is not None]
    applied = sum(is_application(module, q) for q in questions)
    if questions and applied / len(questions) < lint.post_application_share:
        yield warn(bank.forms, "post",
                   f"{applied} of {len(questions)} post-test questions are scenario questions "
                   f"at apply level or above; at least {lint.post_application_share:.0%} "
                   "should ask for a decision in a case", "post-application")

