"""What a learner types in the terminal quiz to answer a paper, for tests that drive it."""

from __future__ import annotations

from typing import Any

from coursegen.quiz.answers import letter
from coursegen.quiz.engine import keyed_response
from coursegen.quiz.paper import Paper


def typed_answer(question: Any, order: tuple[int, ...] | list[int], response: Any) -> str:
    """The text that gives `response` to `question` shown in `order` (letters as displayed)."""
    shown = {index: position for position, index in enumerate(order)}
    if question.type == "single":
        return letter(shown[response])
    if question.type in {"multiple", "matching", "ordering"}:
        return ",".join(letter(shown[i]) for i in response)
    if question.type == "true-false":
        return "T" if response else "F"
    return f"{response:g}" if isinstance(response, float) else f"{response}"


def typed_answers(bank: Any, paper: Paper) -> list[str]:
    """The typed answers that earn full marks, in the order the paper asks them."""
    answers = []
    for presented in paper.questions:
        question = bank.question(presented.question_id)
        answers.append(typed_answer(question, presented.order, keyed_response(question)))
    return answers
