"""Typed answers → responses: the input rules shared by the terminal runner and batch grading.

A learner types letters for options ("B", "A,C"), T/F, free text or a number.
Letters follow the order the learner saw (`order`, see
:class:`coursegen.quiz.assemble.Presented`); batch grading passes the printed order
(:mod:`coursegen.quiz.presentation`), and reads an ordering question's cell as the
ranks written beside the printed items (:func:`parse_paper_answer`).
The result is a response in the format documented in :mod:`coursegen.quiz.scoring`.
"""

from __future__ import annotations

import re
import string
from typing import Any

from coursegen.i18n.ui import N_
from coursegen.model.quiz import (
    Matching,
    MultipleResponse,
    Numeric,
    Ordering,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)
from coursegen.quiz.scoring import match_choices, option_fractions

LETTERS = string.ascii_uppercase
_SEPARATORS = re.compile(r"[\s,;]+")
_TRUE = {"t", "true", "y", "yes"}
_FALSE = {"f", "false", "n", "no"}
_BLANK = {"-", "?"}


class AnswerInvalid(ValueError):
    """Typed input that does not follow the input rule; the message says what to type.

    `message` is an interface string with `{name}` placeholders filled from `values`:
    ``str(error)`` reads in English, :meth:`translated` in a course's language."""

    def __init__(self, message: str, **values: object) -> None:
        super().__init__(message.format(**values) if values else message)
        self.message = message
        self.values = values

    def translated(self, lang: str) -> str:
        """The message in `lang` (English when the catalog has no translation)."""
        from coursegen.i18n.ui import Interface

        return Interface(lang)._(self.message, **self.values)


def letter(position: int) -> str:
    """The label of the option shown in `position` (0-based): A, B, ... Z, then 27, 28, ..."""
    return LETTERS[position] if position < len(LETTERS) else str(position + 1)


def input_rule(question: Any, order: tuple[int, ...] = (), lang: str = "en") -> str:
    """One line telling the learner exactly what to type for this question, in `lang`."""
    from coursegen.i18n.ui import Interface

    ui = Interface(lang)
    if isinstance(question, SingleChoice):
        return ui._("Type the letter of one option ({letters}).",
                    letters=_span(len(question.options)))
    if isinstance(question, MultipleResponse):
        return ui._("Type the letters of every option that applies, separated by commas "
                    "(e.g. A,C); options {letters}.", letters=_span(len(question.options)))
    if isinstance(question, TrueFalse):
        # Translators: keep T and F, the letters the runner reads (true and false work too).
        return ui._("Type T for true or F for false.")
    if isinstance(question, ShortAnswer):
        return ui._("Type a short answer (a word or phrase) and press Enter.")
    if isinstance(question, Numeric):
        if question.unit:
            return ui._("Type a number (use a point for decimals, e.g. 12.5); the unit ({unit}) "
                        "is optional.", unit=question.unit)
        return ui._("Type a number (use a point for decimals, e.g. 12.5).")
    if isinstance(question, Matching):
        return ui._("For items 1 to {count}, type one letter each, in order, separated by "
                    "commas (e.g. {example}).", count=len(question.pairs),
                    example=",".join(letter(i) for i in _sample(question)))
    if isinstance(question, Ordering):
        return ui._("Type all the letters ({letters}) in the right order, separated by commas "
                    "(e.g. C,A,B).", letters=_span(len(question.items)))
    return ""


def parse_answer(question: Any, text: str, order: tuple[int, ...] = ()) -> Any:
    """Turn typed `text` into a response; None when nothing was typed.

    Raises AnswerInvalid with what to type instead.
    """
    text = (text or "").strip()
    if not text:
        return None
    if isinstance(question, SingleChoice):
        picks = _letters(text, _order(order, len(question.options)))
        if len(picks) != 1:
            raise AnswerInvalid(N_("choose exactly one option ({letters})"),
                                letters=_span(len(question.options)))
        return picks[0]
    if isinstance(question, MultipleResponse):
        return sorted(set(_letters(text, _order(order, len(question.options)))))
    if isinstance(question, TrueFalse):
        word = text.lower()
        if word in _TRUE or word in _FALSE:
            return word in _TRUE
        raise AnswerInvalid(N_("'{text}' is not T or F"), text=text)
    if isinstance(question, ShortAnswer):
        return text
    if isinstance(question, Numeric):
        return parse_number(text, question.unit)
    if isinstance(question, Matching):
        return _matching(question, text, _order(order, len(match_choices(question))))
    if isinstance(question, Ordering):
        return _ordering(question, text, _order(order, len(question.items)))
    raise AnswerInvalid(f"unknown question type {type(question).__name__}")


def parse_paper_answer(question: Any, text: str, order: tuple[int, ...] = ()) -> Any:
    """Turn a cell copied from a paper test into a response: as :func:`parse_answer`, except
    that an ordering question written with numbers holds the rank written beside each
    printed item, in letter order ("2,3,1": A is second, B third, C first)."""
    tokens = _tokens(text or "")
    if isinstance(question, Ordering) and tokens and all(t.isdigit() for t in tokens):
        size = len(question.items)
        ranks = [int(t) for t in tokens]
        if sorted(ranks) != list(range(1, size + 1)):
            raise AnswerInvalid(N_("give the ranks 1 to {size}, each once, in the order of the "
                                   "printed letters {letters}"), size=size, letters=_span(size))
        shown = _order(order, size)
        return [shown[ranks.index(rank)] for rank in range(1, size + 1)]
    return parse_answer(question, text, order)


def keyed_entry(question: Any, order: tuple[int, ...] = ()) -> str:
    """What a paper answered with full marks records for this question, as
    :func:`parse_paper_answer` reads it: letters in the printed `order`, T/F, ranks."""
    if isinstance(question, SingleChoice | MultipleResponse):
        shown = _order(order, len(question.options))
        fractions = option_fractions(question)
        best = max(fractions)
        keyed = [k for k, i in enumerate(shown) if fractions[i] > 0
                 and (isinstance(question, MultipleResponse) or fractions[i] == best)]
        if isinstance(question, SingleChoice):
            keyed = keyed[:1]
        return ",".join(letter(k) for k in keyed)
    if isinstance(question, TrueFalse):
        return "T" if question.answer else "F"
    if isinstance(question, ShortAnswer):
        plain = [a.text for a in question.answers if not a.regex and a.fraction == 100]
        return plain[0] if plain else ""
    if isinstance(question, Numeric):
        return f"{question.answer:g}"
    if isinstance(question, Matching):
        shown = _order(order, len(match_choices(question)))
        return ",".join(letter(shown.index(n)) for n in range(len(question.pairs)))
    if isinstance(question, Ordering):
        shown = _order(order, len(question.items))
        return ",".join(str(i + 1) for i in shown)
    return ""


_LOCAL_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９٫٬",
                              "0123456789" * 3 + ".,")
"""Arabic-Indic, Persian and full-width digits, and the Arabic decimal and thousands signs."""


def parse_number(text: str, unit: str | None = None) -> float:
    """A number as people type it: '12.5', '-3', '1,234', '12,5', '1e3', '15 %', and in the
    digits of Arabic ('١٢٫٥'), Persian or full-width forms."""
    value = text.strip()
    if unit and value.lower().endswith(unit.lower()):
        value = value[: -len(unit)].strip()
    value = value.replace("\u2212", "-").translate(_LOCAL_DIGITS)
    value = re.sub(r"[\s\u00a0_']", "", value)
    if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", value):
        value = value.replace(",", "")  # 1,234 or 1,234.5: a thousands separator
    elif value.count(",") == 1 and "." not in value:
        value = value.replace(",", ".")  # 12,5: a decimal comma
    if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", value):
        raise AnswerInvalid(N_("'{text}' is not a number"), text=text)
    return float(value)


def _span(size: int) -> str:
    return f"{letter(0)}–{letter(size - 1)}"


def _sample(question: Matching) -> list[int]:
    size = len(question.pairs)
    return [(i + 1) % size for i in range(size)]


def _order(order: tuple[int, ...], size: int) -> tuple[int, ...]:
    return tuple(order) if len(order) == size else tuple(range(size))


def _tokens(text: str) -> list[str]:
    tokens = [t for t in _SEPARATORS.split(text.strip()) if t]
    # "AC" is read as "A,C" when every character is a letter
    if len(tokens) == 1 and len(tokens[0]) > 1 and tokens[0].isalpha() \
            and tokens[0].upper() not in {"TRUE", "FALSE"}:
        return list(tokens[0])
    return tokens


def _position(token: str, size: int) -> int:
    token = token.upper()
    if token.isdigit():
        position = int(token) - 1
    elif len(token) == 1 and token in LETTERS:
        position = LETTERS.index(token)
    else:
        raise AnswerInvalid(N_("'{token}' is not an option; use letters {letters}"), token=token,
                            letters=_span(size))
    if not 0 <= position < size:
        raise AnswerInvalid(N_("'{token}' is not an option; use letters {letters}"), token=token,
                            letters=_span(size))
    return position


def _letters(text: str, order: tuple[int, ...]) -> list[int]:
    return [order[_position(t, len(order))] for t in _tokens(text)]


def _matching(question: Matching, text: str, order: tuple[int, ...]) -> list[int | None]:
    tokens = _tokens(text)
    pairs = len(question.pairs)
    if len(tokens) != pairs:
        raise AnswerInvalid(N_("give {pairs} letters, one for each item 1 to {pairs} "
                               "(you gave {given})"), pairs=pairs, given=len(tokens))
    return [None if t in _BLANK else order[_position(t, len(order))] for t in tokens]


def _ordering(question: Ordering, text: str, order: tuple[int, ...]) -> list[int]:
    size = len(question.items)
    picks = _letters(text, order)
    if sorted(picks) != list(range(size)):
        raise AnswerInvalid(N_("use each letter {letters} exactly once"), letters=_span(size))
    return picks
