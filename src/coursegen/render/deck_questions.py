"""Knowledge checks on slides: a question as the room sees it, and its answer for the next slide."""

from __future__ import annotations

import hashlib
import string

from coursegen.model.quiz import (
    Matching,
    MultipleResponse,
    Numeric,
    Ordering,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)
from coursegen.render.deck_fit import Para, make_para
from coursegen.text import plain_text

LETTERS = string.ascii_uppercase


def _para(text: str, style: str = "plain", prefix: str = "", node=None) -> Para:
    return make_para(text, style, prefix=prefix, node=node)


def _scrambled(items: tuple[str, ...]) -> list[str]:
    """A stable order unlike the answer order, so the slide does not give the answer away."""
    order = sorted(items, key=lambda item: hashlib.sha1(item.encode()).hexdigest())
    if list(order) == list(items) and len(items) > 1:
        order = order[1:] + order[:1]
    return order


def question_paras(question) -> tuple[list[Para], list[Para]]:
    """The stem (with any scenario) and the choices, as paragraphs for a question slide."""
    stem = []
    if question.scenario:
        stem.append(_para(question.scenario, "label", node=question))
    stem.append(_para(question.stem, "heading", node=question))
    choices: list[Para] = []
    if isinstance(question, SingleChoice | MultipleResponse):
        if isinstance(question, MultipleResponse):
            stem.append(_para("Choose all that apply.", "label", node=question))
        for letter, option in zip(LETTERS, question.options, strict=False):
            choices.append(_para(option.text, "numbered", prefix=f"{letter}.  ", node=option))
    elif isinstance(question, TrueFalse):
        choices = [_para("True", "numbered", prefix="A.  "),
                   _para("False", "numbered", prefix="B.  ")]
    elif isinstance(question, ShortAnswer):
        choices = [_para("Write down a word or a short phrase.", "label")]
    elif isinstance(question, Numeric):
        unit = f" (in {question.unit})" if question.unit else ""
        choices = [_para(f"Write down a number{unit}.", "label")]
    elif isinstance(question, Matching):
        for number, pair in enumerate(question.pairs, start=1):
            choices.append(_para(pair.left, "numbered", prefix=f"{number}.  ", node=pair))
        choices.append(_para("Match each with one of:", "heading"))
        rights = _scrambled(tuple(p.right for p in question.pairs) + question.distractors)
        for letter, right in zip(LETTERS, rights, strict=False):
            choices.append(_para(right, "numbered", prefix=f"{letter}.  "))
    elif isinstance(question, Ordering):
        stem.append(_para("Put these in the right order.", "label", node=question))
        for letter, item in zip(LETTERS, _scrambled(question.items), strict=False):
            choices.append(_para(item, "numbered", prefix=f"{letter}.  "))
    return stem, choices


def answer_lines(question) -> list[str]:
    """The correct answer as lines of inline Markdown (as the question slide labelled them)."""
    if isinstance(question, SingleChoice | MultipleResponse):
        return [f"{LETTERS[i]}. {o.text}" for i, o in enumerate(question.options)
                if o.correct or (o.fraction or 0) > 0]
    if isinstance(question, TrueFalse):
        return ["True" if question.answer else "False"]
    if isinstance(question, ShortAnswer):
        full = [a.text for a in question.answers if a.fraction == 100 and not a.regex]
        return full or [question.answers[0].text]
    if isinstance(question, Numeric):
        unit = f" {question.unit}" if question.unit else ""
        value = f"{question.answer:g}{unit}"
        if question.tolerance:
            spread = f"{question.tolerance:g}" + ("%" if question.tolerance_mode == "relative"
                                                   else unit)
            value += f" (± {spread})"
        return [value]
    if isinstance(question, Matching):
        rights = _scrambled(tuple(p.right for p in question.pairs) + question.distractors)
        return [f"{n}. {p.left} → {LETTERS[rights.index(p.right)]}. {p.right}"
                for n, p in enumerate(question.pairs, start=1)]
    if isinstance(question, Ordering):
        scrambled = _scrambled(question.items)
        return [f"{n}. {item} ({LETTERS[scrambled.index(item)]})"
                for n, item in enumerate(question.items, start=1)]
    return []


def answer_paras(question) -> list[Para]:
    """The answer slide's text: the correct answer, then why."""
    paras = [_para(line, "heading", node=question) for line in answer_lines(question)]
    paras.append(_para(question.explanation, "plain", prefix="Why: ", node=question))
    return paras


def answer_notes(question) -> str:
    """The answer and explanation as plain text for the speaker notes."""
    answer = "; ".join(plain_text(line) for line in answer_lines(question))
    return f"Answer: {answer}\nExplanation: {plain_text(question.explanation)}"
