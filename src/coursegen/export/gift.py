"""Moodle GIFT export: one `<module>.gift` file per module, in a category named after the module."""

from __future__ import annotations

import re
from typing import Any

from coursegen.errors import Diagnostic
from coursegen.export.warnings import cannot_express
from coursegen.model import Course, Module
from coursegen.quiz.scoring import option_fractions
from coursegen.text import inline_html, plain_text

FORMAT = "GIFT"
_SPECIAL = re.compile(r"([~=#{}:\\])")


def escape(text: str) -> str:
    """Text with GIFT's control characters escaped and on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def short_answer_text(text: str) -> str:
    """An accepted answer as Moodle matches it literally: its `*` (a wildcard there) as `\\*`."""
    return text.replace("*", "\\*")


def html(text: str | None) -> str:
    """Inline Markdown rendered to HTML and escaped for GIFT."""
    return escape(inline_html(text or ""))


def percent(value: float) -> str:
    """A Moodle fraction as GIFT writes it, e.g. 33.33333."""
    return f"{value:.5f}".rstrip("0").rstrip(".")


def category_path(course: Course, module: Module) -> str:
    """The question-bank category of a module: course, then module."""
    return "/".join(name.replace("/", "-") for name in (course.title, module.title))


def export_gift(course: Course, module: Module) -> tuple[str, list[Diagnostic]]:
    """The module's bank as GIFT text, with a warning for each question it cannot carry whole."""
    warnings: list[Diagnostic] = []
    lines = [f"// {course.title}: {module.title}",
             f"$CATEGORY: $course$/top/{category_path(course, module)}", ""]
    bank = module.bank
    for question in bank.questions if bank else ():
        body = _question(question, bank.settings.scoring, warnings)
        if body is not None:
            lines += [body, ""]
    return "\n".join(lines), warnings


def _question(q: Any, bank_scoring: str, warnings: list[Diagnostic]) -> str | None:
    if q.points != 1:
        warnings.append(cannot_express(q, FORMAT, f"a weight of {q.points:g} points",
                                       "it imports worth 1 point; set its mark in Moodle"))
    stem = q.stem if not q.scenario else f"{q.scenario}\n\n{q.stem}"
    head = f"::{escape(q.id)}::[html]{html(stem)}"
    answers = _ANSWERS[q.type](q, bank_scoring, warnings)
    if answers is None:
        return None
    general = f"\n\t####{html(q.explanation)}" if q.explanation else ""
    return f"{head} {{\n{answers}{general}\n}}"


def _feedback(text: str | None) -> str:
    return f"#{html(text)}" if text else ""


def _choices(q: Any, bank_scoring: str, warnings: list[Diagnostic]) -> str:
    fractions = option_fractions(q)
    if q.type == "multiple" and (q.scoring or bank_scoring) == "all-or-nothing":
        warnings.append(cannot_express(q, FORMAT, "all-or-nothing multiple-response scoring",
                                       "it is exported with partial credit per option"))
    lines = []
    for option, fraction in zip(q.options, fractions, strict=True):
        if q.type == "single" and fraction == 100:
            mark = "="
        else:
            mark = f"~%{percent(fraction)}%" if fraction else "~"
        lines.append(f"\t{mark}{html(option.text)}{_feedback(option.feedback)}")
    return "\n".join(lines)


def _true_false(q: Any, _scoring: str, _warnings: list[Diagnostic]) -> str:
    # GIFT's first feedback is for the wrong answer, the second for the right one.
    right = q.feedback_true if q.answer else q.feedback_false
    wrong = q.feedback_false if q.answer else q.feedback_true
    second = f"#{html(right)}" if right else ""
    first = f"#{html(wrong)}" if (wrong or second) else ""
    return f"\t{'TRUE' if q.answer else 'FALSE'}{first}{second}"


def _short_answer(q: Any, _scoring: str, warnings: list[Diagnostic]) -> str | None:
    plain = [a for a in q.answers if not a.regex]
    if len(plain) < len(q.answers):
        consequence = ("it is left out" if not plain else "its pattern answers are left out")
        warnings.append(cannot_express(q, FORMAT, "regular-expression answers", consequence))
    if q.case_sensitive:
        warnings.append(cannot_express(q, FORMAT, "case-sensitive answers",
                                       "Moodle will accept any case"))
    if not plain:
        return None
    lines = []
    for answer in plain:
        weight = "=" if answer.fraction == 100 else f"=%{percent(answer.fraction)}%"
        lines.append(f"\t{weight}{escape(short_answer_text(answer.text))}"
                     f"{_feedback(answer.feedback)}")
    return "\n".join(lines)


def _numeric(q: Any, _scoring: str, warnings: list[Diagnostic]) -> str:
    tolerance = q.tolerance if q.tolerance_mode == "absolute" else q.tolerance * abs(q.answer)
    if q.unit:
        warnings.append(cannot_express(q, FORMAT, f"the unit '{q.unit}'",
                                       "learners type the number alone"))
    return f"\t#{q.answer:g}:{tolerance:g}"


def _matching(q: Any, _scoring: str, warnings: list[Diagnostic]) -> str:
    if q.distractors:
        warnings.append(cannot_express(q, FORMAT, "extra right-hand choices (distractors)",
                                       "they are left out; use the Moodle XML export to keep them"))
    if q.scoring == "all-or-nothing":
        warnings.append(cannot_express(q, FORMAT, "all-or-nothing matching",
                                       "Moodle gives partial credit per pair"))
    return "\n".join(f"\t={escape(plain_text(p.left))} -> {escape(plain_text(p.right))}"
                     for p in q.pairs)


def _ordering(q: Any, _scoring: str, warnings: list[Diagnostic]) -> None:
    warnings.append(cannot_express(q, FORMAT, "ordering questions",
                                   "it is left out; use the Moodle XML or QTI export"))
    return None


_ANSWERS = {
    "single": _choices,
    "multiple": _choices,
    "true-false": _true_false,
    "short-answer": _short_answer,
    "numeric": _numeric,
    "matching": _matching,
    "ordering": _ordering,
}
