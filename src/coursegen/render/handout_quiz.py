"""Quiz questions laid out for paper: lettered choices, blanks to fill, and the answer key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coursegen.i18n.locale_format import format_number
from coursegen.i18n.ui import Interface, plural_count
from coursegen.model.quiz import (
    Matching,
    MultipleResponse,
    Numeric,
    Ordering,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)
from coursegen.quiz.answers import keyed_entry
from coursegen.quiz.presentation import presentation_order
from coursegen.quiz.scoring import match_choices

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"



def instruction(kind: str, lang: str = "en") -> str:
    """How to answer a printed question of this type, in the course's language."""
    ui = Interface(lang)
    texts = {
        "single": ui._("Circle one answer."),
        "multiple": ui._("Tick every answer that applies."),
        "true-false": ui._("Circle true or false."),
        "short-answer": ui._("Write a word or short phrase."),
        "numeric": ui._("Write a number."),
        "matching": ui._("Write the letter of the matching item in each box."),
        "ordering": ui._("Number the items in the right order, starting at 1."),
    }
    return texts[kind]


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
    entry: str = ""
    """What the grading grid records for a full-marks answer, as `coursegen grade` reads it."""
    lang: str = "en"
    """The language of the printed labels."""

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
        return points_label(self.question.points, self.lang)


def points_label(points: float, lang: str = "en") -> str:
    """'(1 point)', '(2 points)' in the course's language, with non-breaking spaces so the
    label never splits."""
    # Translators: a question's marks on a printed test; {points} is the number.
    text = Interface(lang).ngettext("({points} point)", "({points} points)",
                                    plural_count(points), points=format_number(points, lang))
    return text.replace(" ", "\u00a0")


def worksheet_question(
    question: Any, number: int, module_id: str, shuffle: bool, lang: str = "en"
) -> WorksheetQuestion:
    """Lay out one question, lettered in its one presentation order (the slide's, the key's)."""
    ui = Interface(lang)
    order = presentation_order(question, module_id, shuffle)
    kind = question.type
    common = {"number": number, "question": question, "kind": kind, "lang": lang,
              "instruction": instruction(kind, lang), "entry": keyed_entry(question, order)}
    if isinstance(question, SingleChoice | MultipleResponse):
        options = [question.options[i] for i in order]
        choices = tuple(
            Choice(LETTERS[i], o.text, o.correct, o.feedback) for i, o in enumerate(options)
        )
        right = [f"**{c.letter}**. {c.text}" for c in choices if c.correct]
        return WorksheetQuestion(**common, choices=choices, answer=tuple(right))
    if isinstance(question, TrueFalse):
        true, false = ui._("True"), ui._("False")
        choices = (Choice("", true, question.answer), Choice("", false, not question.answer))
        return WorksheetQuestion(**common, choices=choices,
                                 answer=(f"**{true if question.answer else false}**",))
    if isinstance(question, ShortAnswer):
        accepted = [f"**{a.text}**" + ("" if a.fraction == 100 else f" ({a.fraction:g}%)")
                    for a in question.answers if not a.regex]
        patterns = [ui._("any answer matching {pattern}", pattern="`" + a.text + "`")
                    for a in question.answers if a.regex]
        # Translators: joins the accepted answers of a short-answer question in the key.
        return WorksheetQuestion(**common, answer=(ui._(" or ").join(accepted + patterns),))
    if isinstance(question, Numeric):
        return WorksheetQuestion(**common, answer=(_numeric_answer(question, ui),))
    if isinstance(question, Matching):
        rights = match_choices(question)
        choices = tuple(Choice(LETTERS[k], rights[i]) for k, i in enumerate(order))
        answer = tuple(f"{n}. {p.left} → **{LETTERS[order.index(n - 1)]}** ({p.right})"
                       for n, p in enumerate(question.pairs, start=1))
        return WorksheetQuestion(**common, choices=choices,
                                 prompts=tuple(p.left for p in question.pairs), answer=answer)
    if isinstance(question, Ordering):
        choices = tuple(Choice(LETTERS[k], question.items[i]) for k, i in enumerate(order))
        answer = tuple(f"{n}. **{LETTERS[order.index(n - 1)]}** {item}"
                       for n, item in enumerate(question.items, start=1))
        return WorksheetQuestion(**common, choices=choices, answer=answer)
    raise TypeError(f"no worksheet layout for question type '{kind}'")


def _numeric_answer(question: Numeric, ui: Interface) -> str:
    unit = f" {question.unit}" if question.unit else ""
    text = f"**{question.answer:g}**{unit}"
    if question.tolerance:
        spread = f"{question.tolerance:g}%" if question.tolerance_mode == "relative" else (
            f"{question.tolerance:g}{unit}")
        text += " " + ui._("(accepted within ± {spread})", spread=spread)
    return text
