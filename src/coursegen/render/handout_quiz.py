"""Quiz questions laid out for paper: lettered choices, blanks to fill, and the answer key."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from coursegen.model.quiz import (
    Matching,
    MultipleResponse,
    Numeric,
    Ordering,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

INSTRUCTIONS = {
    "single": "Circle one answer.",
    "multiple": "Tick every answer that applies.",
    "true-false": "Circle true or false.",
    "short-answer": "Write a word or short phrase.",
    "numeric": "Write a number.",
    "matching": "Write the letter of the matching item in each box.",
    "ordering": "Number the items in the right order, starting at 1.",
}


@dataclass(frozen=True)
class Choice:
    """A lettered line on the worksheet: an option, a right-hand match, or an item to order."""

    letter: str
    text: str
    correct: bool = False
    feedback: str | None = None


@dataclass(frozen=True)
class WorksheetQuestion:
    """A question as printed: its number, lettered choices, prompts, and the key's answer lines."""

    number: int
    question: Any
    kind: str
    instruction: str
    choices: tuple[Choice, ...] = ()
    prompts: tuple[str, ...] = ()
    """Left-hand items of a matching question, numbered on paper."""
    answer: tuple[str, ...] = ()
    """The answer key's lines (inline Markdown)."""

    @property
    def boxes(self) -> str:
        """How answers are marked, wherever the question is printed: 'round' (○, one answer),
        'square' (☐, several), 'wide' (a box to write a position or letter in)."""
        if self.kind in {"single", "true-false"}:
            return "round"
        return "wide" if self.kind == "ordering" else "square"

    @property
    def points_label(self) -> str:
        """'(1 point)', '(2 points)' with a non-breaking space, so the label never splits."""
        points = self.question.points
        return f"({points:g}\u00a0point{'' if points == 1 else 's'})"


def worksheet_question(
    question: Any, number: int, module_id: str, shuffle: bool
) -> WorksheetQuestion:
    """Lay out one question; the same question always gets the same letters (seeded by its id)."""
    rng = random.Random(f"{module_id}:{question.id}")
    kind = question.type
    common = {"number": number, "question": question, "kind": kind,
              "instruction": INSTRUCTIONS[kind]}
    if isinstance(question, SingleChoice | MultipleResponse):
        options = list(question.options)
        if shuffle:
            rng.shuffle(options)
        choices = tuple(
            Choice(LETTERS[i], o.text, o.correct, o.feedback) for i, o in enumerate(options)
        )
        right = [f"**{c.letter}**. {c.text}" for c in choices if c.correct]
        return WorksheetQuestion(**common, choices=choices, answer=tuple(right))
    if isinstance(question, TrueFalse):
        choices = (Choice("", "True", question.answer), Choice("", "False", not question.answer))
        return WorksheetQuestion(**common, choices=choices,
                                 answer=("**True**" if question.answer else "**False**",))
    if isinstance(question, ShortAnswer):
        accepted = [f"**{a.text}**" + ("" if a.fraction == 100 else f" ({a.fraction:g}%)")
                    for a in question.answers if not a.regex]
        patterns = [f"any answer matching `{a.text}`" for a in question.answers if a.regex]
        return WorksheetQuestion(**common, answer=(" or ".join(accepted + patterns),))
    if isinstance(question, Numeric):
        return WorksheetQuestion(**common, answer=(_numeric_answer(question),))
    if isinstance(question, Matching):
        rights = [p.right for p in question.pairs] + list(question.distractors)
        _shuffle_away_from_given(rights, rng)
        choices = tuple(Choice(LETTERS[i], text) for i, text in enumerate(rights))
        letter_of = {c.text: c.letter for c in choices}
        answer = tuple(f"{n}. {p.left} → **{letter_of[p.right]}** ({p.right})"
                       for n, p in enumerate(question.pairs, start=1))
        return WorksheetQuestion(**common, choices=choices,
                                 prompts=tuple(p.left for p in question.pairs), answer=answer)
    if isinstance(question, Ordering):
        items = list(question.items)
        _shuffle_away_from_given(items, rng)
        choices = tuple(Choice(LETTERS[i], text) for i, text in enumerate(items))
        letter_of = {c.text: c.letter for c in choices}
        answer = tuple(f"{n}. **{letter_of[item]}** {item}"
                       for n, item in enumerate(question.items, start=1))
        return WorksheetQuestion(**common, choices=choices, answer=answer)
    raise TypeError(f"no worksheet layout for question type '{kind}'")


def _numeric_answer(question: Numeric) -> str:
    unit = f" {question.unit}" if question.unit else ""
    text = f"**{question.answer:g}**{unit}"
    if question.tolerance:
        spread = f"{question.tolerance:g}%" if question.tolerance_mode == "relative" else (
            f"{question.tolerance:g}{unit}")
        text += f" (accepted within ± {spread})"
    return text


def _shuffle_away_from_given(items: list[str], rng: random.Random) -> None:
    """Shuffle in place, never leaving the given (correct) order: that would give it away."""
    original = list(items)
    rng.shuffle(items)
    if items == original and len(set(items)) > 1:
        items.append(items.pop(0))
