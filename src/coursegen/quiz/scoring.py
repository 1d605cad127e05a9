"""Scoring one response to one question: the pure function every runner shares.

Responses are plain JSON values, so the terminal runner, batch grading, the web
runner and the browser scorer all speak the same format. Options, items and
choices are always referred to by their 0-based index **in the bank file's
order**, whatever order a learner saw them in.

=============  =============================================  =====================
type           response                                       empty (no answer)
=============  =============================================  =====================
single         option index: ``2``                            ``null``
multiple       option indices: ``[0, 3]`` (a set: order and   ``null`` or ``[]``
               repeats do not matter)
true-false     ``true`` or ``false``                          ``null``
short-answer   the typed text: ``"chain of custody"``         ``null`` or blank text
numeric        a number: ``16`` or ``0.25``                   ``null``
matching       one choice index per pair, in pair order:      ``null`` or all nulls
               ``[1, 0, null]``; choices are the pairs'
               right items then the distractors
ordering       item indices in the learner's order:           ``null`` or ``[]``
               ``[2, 0, 1, 3]`` (a permutation of all items)
=============  =============================================  =====================

A value of the wrong shape (an index out of range, a string for a number, an
ordering that is not a permutation) raises :class:`ResponseInvalid`; it is never
scored as wrong, so a bug upstream cannot silently cost a learner marks.

Rules (the browser scorer must follow them exactly; ``tests/vectors/scoring.json``
pins them down):

* single: the chosen option's fraction (default 100 for the correct option, 0
  otherwise), clamped to [0, 1].
* multiple, partial (Moodle "multiple answers"): the sum of the selected options'
  fractions, clamped to [0, 1]. An option's fraction is its own ``fraction`` when
  given; otherwise a correct option gets an equal share of what the explicit
  positive fractions leave of 100, and a wrong option gets ``-100 / k`` where k is
  the number of options worth marks. Selecting every option therefore never
  earns full marks when there is a wrong option.
* multiple, all-or-nothing: full marks only when the selected set is exactly the
  set of options worth marks.
* short answer: text is NFKC-normalised, white space collapsed, compared
  ignoring case (unless ``case_sensitive``) and accents (when ``fold_accents``:
  NFKD, then combining marks dropped). A regex answer (RE2 syntax, matched in
  linear time) must match the whole normalised text. The best matching answer's fraction counts.
* numeric: right when ``|response - answer| <= tolerance`` (absolute) or
  ``<= tolerance * |answer|`` (relative; 0.05 is 5 %), plus 1e-9 × max(1, |answer|)
  for floating-point rounding.
* matching / ordering, partial: the share of pairs matched / items in their
  right position; all-or-nothing: full marks only when all are right.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import asdict, dataclass
from typing import Any

from coursegen.model.quiz import (
    Matching,
    MultipleResponse,
    Numeric,
    Ordering,
    Scoring,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)
from coursegen.quiz.answer_pattern import answer_matches

FULL = 1 - 1e-9
"""A fraction at or above this counts as fully correct (floating-point sums of shares)."""


class ResponseInvalid(ValueError):
    """A response whose shape does not fit its question (a bug upstream, not a wrong answer)."""


@dataclass(frozen=True)
class Feedback:
    """What the learner chose, whether it was right, and the author's feedback on it."""

    choice: str
    correct: bool
    text: str | None = None
    typed: bool = False
    """True when `choice` is the learner's own words: shown exactly as typed, never as Markdown."""


@dataclass(frozen=True)
class Score:
    """The result of one response: marks, and everything the learner should see afterwards."""

    question_id: str
    objective: str
    points: float
    fraction: float
    answered: bool
    feedback: tuple[Feedback, ...]
    explanation: str
    cite: tuple[str, ...]
    key: str

    @property
    def earned(self) -> float:
        """Points earned: the question's weight times the fraction."""
        return self.points * self.fraction

    @property
    def correct(self) -> bool:
        """True when the response earned full marks."""
        return self.fraction >= FULL

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view (what the web runner sends and the vectors compare)."""
        data = asdict(self)
        data.update(earned=self.earned, correct=self.correct, cite=list(self.cite))
        # `typed` only tells a page how to show the choice; the shared vectors leave it out.
        data["feedback"] = [{"choice": f.choice, "correct": f.correct, "text": f.text}
                            for f in self.feedback]
        return data


def score(question: Any, response: Any, bank_scoring: Scoring = "partial") -> Score:
    """Score `response` (see the module docs for its format) to `question`.

    `bank_scoring` is the bank's rule for multiple-response questions that set none.
    """
    kind = type(question)
    if kind not in _SCORERS:
        raise ResponseInvalid(f"unknown question type {kind.__name__}")
    fraction, answered, feedback = _SCORERS[kind](question, response, bank_scoring)
    return Score(
        question_id=question.id,
        objective=question.objective,
        points=float(question.points),
        fraction=min(1.0, max(0.0, fraction)) if answered else 0.0,
        answered=answered,
        feedback=tuple(feedback),
        explanation=question.explanation,
        cite=tuple(question.cite),
        key=answer_key(question),
    )


def option_fractions(question: SingleChoice | MultipleResponse) -> list[float]:
    """Each option's fraction in percent, with the defaults filled in (see the module docs)."""
    options = question.options
    if isinstance(question, SingleChoice):
        return [o.fraction if o.fraction is not None else (100.0 if o.correct else 0.0)
                for o in options]
    explicit_positive = sum(o.fraction for o in options if (o.fraction or 0) > 0)
    unstated_correct = sum(1 for o in options if o.fraction is None and o.correct)
    share = max(0.0, 100 - explicit_positive) / unstated_correct if unstated_correct else 0.0
    worth_marks = sum(1 for o in options if (o.correct and o.fraction is None)
                      or (o.fraction or 0) > 0)
    penalty = -100 / worth_marks if worth_marks else 0.0
    return [o.fraction if o.fraction is not None else (share if o.correct else penalty)
            for o in options]


def match_choices(question: Matching) -> list[str]:
    """The right-hand choices of a matching question: each pair's right item, then distractors."""
    return [p.right for p in question.pairs] + list(question.distractors)


def normalise_text(text: str, case_sensitive: bool = False, fold_accents: bool = True) -> str:
    """Short-answer normal form: NFKC, optional accent folding and lower case, single spaces."""
    text = unicodedata.normalize("NFKC", text)
    if fold_accents:
        text = _fold(text)
    if not case_sensitive:
        text = text.lower()
    return " ".join(text.split())


def answer_key(question: Any, lang: str = "en") -> str:
    """The correct answer in words, for feedback and answer keys (Markdown left as written);
    the engine's own words ('True', 'False') in `lang`."""
    if isinstance(question, SingleChoice | MultipleResponse):
        fractions = option_fractions(question)
        best = max(fractions) if isinstance(question, SingleChoice) else 0
        keyed = [o.text for o, f in zip(question.options, fractions, strict=True)
                 if (f >= best and f > 0)]
        return "; ".join(keyed)
    if isinstance(question, TrueFalse):
        if lang != "en":
            from coursegen.i18n.ui import Interface

            ui = Interface(lang)
            return ui._("True") if question.answer else ui._("False")
        return "True" if question.answer else "False"
    if isinstance(question, ShortAnswer):
        best = max(question.answers, key=lambda a: a.fraction)
        return best.text
    if isinstance(question, Numeric):
        unit = f" {question.unit}" if question.unit else ""
        if not question.tolerance:
            return f"{question.answer:g}{unit}"
        tolerance = (f"{question.tolerance:g}{unit}" if question.tolerance_mode == "absolute"
                     else f"{question.tolerance * 100:g} %")
        return f"{question.answer:g}{unit} (± {tolerance})"
    if isinstance(question, Matching):
        return "; ".join(f"{p.left} → {p.right}" for p in question.pairs)
    if isinstance(question, Ordering):
        return " → ".join(question.items)
    return ""


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.category(c).startswith("M"))


def _index(value: Any, size: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ResponseInvalid(f"{what} must be an integer index, got {value!r}")
    if not 0 <= value < size:
        raise ResponseInvalid(f"{what} {value} is out of range 0..{size - 1}")
    return value


def _is_list(value: Any) -> bool:
    return isinstance(value, list | tuple)


def _single(question: SingleChoice, response: Any, _rule: Scoring):
    if response is None:
        return 0.0, False, []
    index = _index(response, len(question.options), "option")
    option = question.options[index]
    fraction = option_fractions(question)[index] / 100
    return fraction, True, [Feedback(option.text, fraction >= FULL, option.feedback)]


def _multiple(question: MultipleResponse, response: Any, bank_rule: Scoring):
    if response is None:
        return 0.0, False, []
    if not _is_list(response):
        raise ResponseInvalid(f"a multiple-response answer is a list of indices, got {response!r}")
    chosen = sorted({_index(v, len(question.options), "option") for v in response})
    if not chosen:
        return 0.0, False, []
    fractions = option_fractions(question)
    keyed = {i for i, f in enumerate(fractions) if f > 0}
    if (question.scoring or bank_rule) == "all-or-nothing":
        fraction = 1.0 if set(chosen) == keyed else 0.0
    else:
        fraction = sum(fractions[i] for i in chosen) / 100
    feedback = [Feedback(question.options[i].text, i in keyed, question.options[i].feedback)
                for i in chosen]
    return fraction, True, feedback


def _true_false(question: TrueFalse, response: Any, _rule: Scoring):
    if response is None:
        return 0.0, False, []
    if not isinstance(response, bool):
        raise ResponseInvalid(f"a true-false answer is true or false, got {response!r}")
    right = response == question.answer
    text = question.feedback_true if response else question.feedback_false
    return float(right), True, [Feedback("True" if response else "False", right, text)]


def _short_answer(question: ShortAnswer, response: Any, _rule: Scoring):
    if response is None:
        return 0.0, False, []
    if not isinstance(response, str):
        raise ResponseInvalid(f"a short answer is text, got {response!r}")
    typed = normalise_text(response, case_sensitive=True, fold_accents=False)
    if not typed:
        return 0.0, False, []
    best = None
    for answer in question.answers:
        if _accepts(question, answer, typed) and (best is None or answer.fraction > best.fraction):
            best = answer
    fraction = best.fraction / 100 if best else 0.0
    return fraction, True, [Feedback(typed, fraction >= FULL, best.feedback if best else None,
                                      typed=True)]


def _accepts(question: ShortAnswer, answer: Any, typed: str) -> bool:
    if answer.regex:
        pattern = _fold(answer.text) if question.fold_accents else answer.text
        text = _fold(typed) if question.fold_accents else typed
        return answer_matches(pattern, text, question.case_sensitive)
    normal = normalise_text(typed, question.case_sensitive, question.fold_accents)
    return normal == normalise_text(answer.text, question.case_sensitive, question.fold_accents)


def _numeric(question: Numeric, response: Any, _rule: Scoring):
    if response is None:
        return 0.0, False, []
    if isinstance(response, bool) or not isinstance(response, int | float):
        raise ResponseInvalid(f"a numeric answer is a number, got {response!r}")
    if not math.isfinite(response):
        raise ResponseInvalid(f"a numeric answer must be finite, got {response!r}")
    answer = question.answer
    allowed = question.tolerance if question.tolerance_mode == "absolute" \
        else question.tolerance * abs(answer)
    right = abs(response - answer) <= allowed + 1e-9 * max(1.0, abs(answer))
    return float(right), True, [Feedback(f"{response:g}", right, None)]


def _matching(question: Matching, response: Any, rule: Scoring):
    if response is None:
        return 0.0, False, []
    pairs = question.pairs
    if not _is_list(response) or len(response) != len(pairs):
        raise ResponseInvalid(f"a matching answer lists one choice per pair ({len(pairs)}), "
                              f"got {response!r}")
    choices = match_choices(question)
    picks = [None if v is None else _index(v, len(choices), "choice") for v in response]
    if all(p is None for p in picks):
        return 0.0, False, []
    feedback = [Feedback(f"{pair.left} → {choices[p]}", p == i, None)
                for i, (pair, p) in enumerate(zip(pairs, picks, strict=True)) if p is not None]
    right = sum(p == i for i, p in enumerate(picks))
    return _share(right, len(pairs), question.scoring), True, feedback


def _ordering(question: Ordering, response: Any, rule: Scoring):
    if response is None or (_is_list(response) and not response):
        return 0.0, False, []
    size = len(question.items)
    if not _is_list(response) or sorted(
            _index(v, size, "item") for v in response) != list(range(size)):
        raise ResponseInvalid(f"an ordering answer lists every item index once, got {response!r}")
    right = sum(v == i for i, v in enumerate(response))
    feedback = [Feedback(question.items[v], v == i, None) for i, v in enumerate(response)]
    return _share(right, size, question.scoring), True, feedback


def _share(right: int, total: int, rule: Scoring) -> float:
    if rule == "all-or-nothing":
        return 1.0 if right == total else 0.0
    return right / total


_SCORERS = {
    SingleChoice: _single,
    MultipleResponse: _multiple,
    TrueFalse: _true_false,
    ShortAnswer: _short_answer,
    Numeric: _numeric,
    Matching: _matching,
    Ordering: _ordering,
}
