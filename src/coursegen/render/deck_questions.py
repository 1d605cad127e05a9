"""Knowledge checks on slides: a question as the room sees it, and its answer for the next slide."""

from __future__ import annotations

import string
from typing import Any

from coursegen.i18n.ui import Interface
from coursegen.model.quiz import (
    Matching,
    MultipleResponse,
    Numeric,
    Ordering,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)
from coursegen.quiz.scoring import match_choices
from coursegen.render.deck_fit import Para, make_para
from coursegen.text import plain_text

LETTERS = string.ascii_uppercase


def _para(text: str, style: str = "plain", prefix: str = "", node=None) -> Para:
    return make_para(text, style, prefix=prefix, node=node)


def question_paras(question, order: tuple[int, ...] = (),
                   lang: str = "en") -> tuple[list[Para], list[Para]]:
    """The stem (with any scenario) and the choices, as paragraphs for a question slide,
    lettered in the question's presentation `order` (see :mod:`coursegen.quiz.presentation`),
    the instructions in `lang`."""
    ui = Interface(lang)
    stem = []
    if question.scenario:
        stem.append(_para(question.scenario, "label", node=question))
    stem.append(_para(question.stem, "heading", node=question))
    choices: list[Para] = []
    if isinstance(question, SingleChoice | MultipleResponse):
        if isinstance(question, MultipleResponse):
            stem.append(_para(ui._("Choose all that apply."), "label", node=question))
        for letter, option in zip(LETTERS, _shown(question.options, order), strict=False):
            choices.append(_para(option.text, "numbered", prefix=f"{letter}.  ", node=option))
    elif isinstance(question, TrueFalse):
        choices = [_para(ui._("True"), "numbered", prefix="A.  "),
                   _para(ui._("False"), "numbered", prefix="B.  ")]
    elif isinstance(question, ShortAnswer):
        choices = [_para(ui._("Write down a word or a short phrase."), "label")]
    elif isinstance(question, Numeric):
        text = (ui._("Write down a number (in {unit}).", unit=question.unit) if question.unit
                else ui._("Write down a number."))
        choices = [_para(text, "label")]
    elif isinstance(question, Matching):
        for number, pair in enumerate(question.pairs, start=1):
            choices.append(_para(pair.left, "numbered", prefix=f"{number}.  ", node=pair))
        choices.append(_para(ui._("Match each with one of:"), "heading"))
        rights = _shown(match_choices(question), order)
        for letter, right in zip(LETTERS, rights, strict=False):
            choices.append(_para(right, "numbered", prefix=f"{letter}.  "))
    elif isinstance(question, Ordering):
        stem.append(_para(ui._("Put these in the right order."), "label", node=question))
        for letter, item in zip(LETTERS, _shown(question.items, order), strict=False):
            choices.append(_para(item, "numbered", prefix=f"{letter}.  "))
    return stem, choices


def answer_lines(question, order: tuple[int, ...] = (), lang: str = "en") -> list[str]:
    """The correct answer as lines of inline Markdown (as the question slide labelled them)."""
    if isinstance(question, SingleChoice | MultipleResponse):
        return [f"{LETTERS[k]}. {o.text}" for k, o in enumerate(_shown(question.options, order))
                if o.correct or (o.fraction or 0) > 0]
    if isinstance(question, TrueFalse):
        ui = Interface(lang)
        return [ui._("True") if question.answer else ui._("False")]
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
        shown = _order(order, len(match_choices(question)))
        return [f"{n}. {p.left} → {LETTERS[shown.index(n - 1)]}. {p.right}"
                for n, p in enumerate(question.pairs, start=1)]
    if isinstance(question, Ordering):
        shown = _order(order, len(question.items))
        return [f"{n}. {item} ({LETTERS[shown.index(n - 1)]})"
                for n, item in enumerate(question.items, start=1)]
    return []


def answer_paras(question, order: tuple[int, ...] = (), lang: str = "en") -> list[Para]:
    """The answer slide's text: the correct answer, then why."""
    paras = [_para(line, "heading", node=question)
             for line in answer_lines(question, order, lang)]
    paras.append(_para(question.explanation, "plain", prefix=Interface(lang)._("Why:") + " ",
                       node=question))
    return paras


def answer_notes(question, order: tuple[int, ...] = (), lang: str = "en") -> str:
    """The answer and explanation as plain text for the speaker notes."""
    ui = Interface(lang)
    answer = "; ".join(plain_text(line) for line in answer_lines(question, order, lang))
    return (ui._("Answer: {answer}", answer=answer) + "\n"
            + ui._("Explanation: {explanation}", explanation=plain_text(question.explanation)))


def _order(order: tuple[int, ...], size: int) -> tuple[int, ...]:
    return tuple(order) if len(order) == size else tuple(range(size))


def _shown(items: Any, order: tuple[int, ...]) -> list[Any]:
    """`items` in display order (bank order when `order` does not fit them)."""
    items = list(items)
    return [items[i] for i in _order(order, len(items))]
