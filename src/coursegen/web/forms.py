"""Questions as HTML forms show them, and submitted form fields back to responses.

A :class:`QuestionView` carries only what a learner may see before submitting:
the stem, the scenario and the choices in the order the attempt presents them;
never which option is correct, no feedback, no explanation. Form values are bank
indices, so a response is in the format of :mod:`coursegen.quiz.scoring`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from coursegen.i18n.ui import N_, Interface
from coursegen.model.quiz import (
    Matching,
    MultipleResponse,
    Numeric,
    Ordering,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)
from coursegen.quiz.answers import AnswerInvalid, parse_number
from coursegen.quiz.paper import Presented
from coursegen.quiz.scoring import match_choices


@dataclass(frozen=True)
class Choice:
    """One option, choice or item as offered: its bank index (the form value) and its text."""

    value: int
    text: str


@dataclass(frozen=True)
class QuestionView:
    """A question as the learner sees it before answering (no key, no feedback)."""

    number: int
    field: str
    kind: str
    stem: str
    scenario: str | None
    choices: tuple[Choice, ...]
    rows: tuple[str, ...]
    unit: str | None
    hint: str


def _hint(kind: str, ui: Interface) -> str:
    hints = {
        "single": ui._("Choose one answer."),
        "multiple": ui._("Choose all that apply."),
        "true-false": ui._("Choose true or false."),
        "short-answer": ui._("Type a word or short phrase."),
        "numeric": ui._("Type a number; use a point for decimals."),
        "matching": ui._("Choose the match for each item."),
        "ordering": ui._("Choose the item for each position, first to last; use each item once."),
    }
    return hints.get(kind, "")


def field_name(number: int) -> str:
    """The form field (or field prefix) of the question shown at 1-based `number`."""
    return f"q{number}"


def question_view(question: Any, presented: Presented, number: int,
                  lang: str = "en") -> QuestionView:
    """What a page may show of `question` as presented at position `number` (1-based),
    its hints and labels in `lang`."""
    ui = Interface(lang)
    order = presented.order
    choices: tuple[Choice, ...] = ()
    rows: tuple[str, ...] = ()
    if isinstance(question, SingleChoice | MultipleResponse):
        options = question.options
        choices = tuple(Choice(i, options[i].text) for i in _order(order, options))
    elif isinstance(question, Matching):
        texts = match_choices(question)
        choices = tuple(Choice(i, texts[i]) for i in _order(order, texts))
        rows = tuple(p.left for p in question.pairs)
    elif isinstance(question, Ordering):
        choices = tuple(Choice(i, question.items[i]) for i in _order(order, question.items))
        rows = tuple(ui._("Position {number}", number=k + 1) for k in range(len(question.items)))
    return QuestionView(
        number=number,
        field=field_name(number),
        kind=question.type,
        stem=question.stem,
        scenario=question.scenario,
        choices=choices,
        rows=rows,
        unit=question.unit if isinstance(question, Numeric) else None,
        hint=_hint(question.type, ui),
    )


def _order(order: tuple[int, ...], items: Any) -> tuple[int, ...]:
    return tuple(order) if len(order) == len(items) else tuple(range(len(items)))


def form_values(question: Any, response: Any) -> dict[str, Any]:
    """A saved response as the values a form shows pre-filled (keys relative to the field)."""
    if response is None:
        return {}
    if isinstance(question, SingleChoice):
        return {"": {str(response)}}
    if isinstance(question, MultipleResponse):
        return {"": {str(v) for v in response}}
    if isinstance(question, TrueFalse):
        return {"": {"true" if response else "false"}}
    if isinstance(question, ShortAnswer):
        return {"": str(response)}
    if isinstance(question, Numeric):
        return {"": f"{response:g}"}
    if isinstance(question, Matching | Ordering):
        return {f"-{k}": ("" if v is None else str(v)) for k, v in enumerate(response)}
    return {}


def is_present(question: Any, fields: Mapping[str, Any], name: str) -> bool:
    """True when the submitted form carries any field of this question (even an empty one)."""
    if isinstance(question, Matching | Ordering):
        return f"{name}-0" in fields
    return name in fields


def parse_response(question: Any, fields: Any, name: str) -> Any:
    """The response in submitted `fields` (a multi-dict) for the question at field `name`.

    Returns None when nothing was given; raises AnswerInvalid with what to do instead.
    """
    if isinstance(question, SingleChoice):
        return _index(fields.get(name), len(question.options))
    if isinstance(question, MultipleResponse):
        picks = sorted({_index(v, len(question.options)) for v in fields.getlist(name)} - {None})
        return picks or None
    if isinstance(question, TrueFalse):
        value = (fields.get(name) or "").strip()
        if not value:
            return None
        if value not in {"true", "false"}:
            raise AnswerInvalid(N_("choose true or false"))
        return value == "true"
    if isinstance(question, ShortAnswer):
        text = " ".join(str(fields.get(name) or "").split())
        return text[:500] or None
    if isinstance(question, Numeric):
        text = str(fields.get(name) or "").strip()
        return parse_number(text, question.unit) if text else None
    if isinstance(question, Matching):
        size = len(match_choices(question))
        picks = [_index(fields.get(f"{name}-{k}"), size) for k in range(len(question.pairs))]
        return None if all(p is None for p in picks) else picks
    if isinstance(question, Ordering):
        size = len(question.items)
        picks = [_index(fields.get(f"{name}-{k}"), size) for k in range(size)]
        if all(p is None for p in picks):
            return None
        if None in picks or sorted(picks) != list(range(size)):
            raise AnswerInvalid(N_("give every position an item, and use each item once"))
        return picks
    raise AnswerInvalid(f"unknown question type {type(question).__name__}")


def _index(value: Any, size: int) -> int | None:
    text = str(value or "").strip()
    if not text:
        return None
    if not text.isdigit() or int(text) >= size:
        raise AnswerInvalid(N_("that choice is not one of the options; choose again"))
    return int(text)
