"""Moodle XML export: `<module>.moodle.xml`, every type Moodle has, a category per module."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from coursegen.errors import Diagnostic
from coursegen.export.gift import category_path, percent, short_answer_text
from coursegen.export.warnings import cannot_express
from coursegen.model import Course, Module
from coursegen.quiz.scoring import option_fractions
from coursegen.text import inline_html, plain_text

FORMAT = "Moodle XML"

_TYPES = {
    "single": "multichoice",
    "multiple": "multichoice",
    "true-false": "truefalse",
    "short-answer": "shortanswer",
    "numeric": "numerical",
    "matching": "matching",
    "ordering": "ordering",
}
"""Our question types → Moodle's (ordering is core from Moodle 4.4, a plugin before)."""


def _text(parent: ET.Element, tag: str, text: str | None, html: bool = True) -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": "html"} if html else {})
    body = ET.SubElement(element, "text")
    body.text = str(inline_html(text)) if (html and text) else (text or "")
    return element


def _plain(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text
    return element


def _answer(parent: ET.Element, fraction: float, text: str, feedback: str | None,
            html: bool = True) -> ET.Element:
    answer = ET.SubElement(parent, "answer", {
        "fraction": percent(fraction), "format": "html" if html else "moodle_auto_format"})
    ET.SubElement(answer, "text").text = str(inline_html(text)) if html else text
    _text(answer, "feedback", feedback)
    return answer


def export_moodle_xml(course: Course, module: Module) -> tuple[str, list[Diagnostic]]:
    """The module's bank as Moodle XML, with a warning for each thing Moodle cannot hold."""
    warnings: list[Diagnostic] = []
    quiz = ET.Element("quiz")
    quiz.append(ET.Comment(f" {course.title}: {module.title} "))
    category = ET.SubElement(quiz, "question", {"type": "category"})
    path = f"$course$/top/{category_path(course, module)}"
    _plain(ET.SubElement(category, "category"), "text", path)
    _text(category, "info", module.summary)
    bank = module.bank
    for q in bank.questions if bank else ():
        element = _question(q, bank.settings.scoring, warnings)
        if element is not None:
            quiz.append(element)
    ET.indent(quiz)
    document = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, "unicode") + "\n"
    return document, warnings


def _question(q: Any, bank_scoring: str, warnings: list[Diagnostic]) -> ET.Element | None:
    element = ET.Element("question", {"type": _TYPES[q.type]})
    _plain(ET.SubElement(element, "name"), "text", q.id)
    stem = str(inline_html(q.stem))
    if q.scenario:
        stem = f"<p>{inline_html(q.scenario)}</p><p>{stem}</p>"
    ET.SubElement(ET.SubElement(element, "questiontext", {"format": "html"}), "text").text = stem
    _text(element, "generalfeedback", q.explanation)
    _plain(element, "defaultgrade", f"{q.points:g}")
    _plain(element, "penalty", "0")
    _plain(element, "hidden", "0")
    _plain(element, "idnumber", q.id)
    if not _BODIES[q.type](element, q, bank_scoring, warnings):
        return None
    if q.tags:
        tags = ET.SubElement(element, "tags")
        for tag in q.tags:
            _plain(ET.SubElement(tags, "tag"), "text", tag)
    return element


def _choices(element: ET.Element, q: Any, bank_scoring: str, warnings: list[Diagnostic]) -> bool:
    if q.type == "multiple" and (q.scoring or bank_scoring) == "all-or-nothing":
        warnings.append(cannot_express(q, FORMAT, "all-or-nothing multiple-response scoring",
                                       "it is exported with partial credit per option"))
    _plain(element, "single", "true" if q.type == "single" else "false")
    _plain(element, "shuffleanswers", "true")
    _plain(element, "answernumbering", "abc")
    _plain(element, "showstandardinstruction", "0")
    for option, fraction in zip(q.options, option_fractions(q), strict=True):
        _answer(element, fraction, option.text, option.feedback)
    return True


def _true_false(element: ET.Element, q: Any, _scoring: str, _warnings: list[Diagnostic]) -> bool:
    _answer(element, 100 if q.answer else 0, "true", q.feedback_true, html=False)
    _answer(element, 0 if q.answer else 100, "false", q.feedback_false, html=False)
    return True


def _short_answer(element: ET.Element, q: Any, _scoring: str, warnings: list[Diagnostic]) -> bool:
    plain = [a for a in q.answers if not a.regex]
    if len(plain) < len(q.answers):
        consequence = "it is left out" if not plain else "its pattern answers are left out"
        warnings.append(cannot_express(q, FORMAT, "regular-expression answers", consequence))
    if not plain:
        return False
    _plain(element, "usecase", "1" if q.case_sensitive else "0")
    for answer in plain:
        _answer(element, answer.fraction, short_answer_text(answer.text), answer.feedback,
                html=False)
    return True


def _numeric(element: ET.Element, q: Any, _scoring: str, _warnings: list[Diagnostic]) -> bool:
    tolerance = q.tolerance if q.tolerance_mode == "absolute" else q.tolerance * abs(q.answer)
    answer = _answer(element, 100, f"{q.answer:g}", None, html=False)
    _plain(answer, "tolerance", f"{tolerance:g}")
    if q.unit:
        unit = ET.SubElement(ET.SubElement(element, "units"), "unit")
        _plain(unit, "multiplier", "1")
        _plain(unit, "unit_name", q.unit)
        _plain(element, "unitgradingtype", "0")
        _plain(element, "unitpenalty", "0")
        _plain(element, "showunits", "2")
        _plain(element, "unitsleft", "0")
    return True


def _matching(element: ET.Element, q: Any, _scoring: str, warnings: list[Diagnostic]) -> bool:
    if q.scoring == "all-or-nothing":
        warnings.append(cannot_express(q, FORMAT, "all-or-nothing matching",
                                       "Moodle gives partial credit per pair"))
    _plain(element, "shuffleanswers", "true")
    for pair in q.pairs:
        sub = _text(element, "subquestion", pair.left)
        _plain(ET.SubElement(sub, "answer"), "text", plain_text(pair.right))
    for extra in q.distractors:  # a subquestion without text is a distractor in Moodle
        sub = _text(element, "subquestion", None)
        _plain(ET.SubElement(sub, "answer"), "text", plain_text(extra))
    return True


def _ordering(element: ET.Element, q: Any, _scoring: str, _warnings: list[Diagnostic]) -> bool:
    _plain(element, "layouttype", "VERTICAL")
    _plain(element, "selecttype", "ALL")
    _plain(element, "selectcount", "0")
    grading = "ALL_OR_NOTHING" if q.scoring == "all-or-nothing" else "ABSOLUTE_POSITION"
    _plain(element, "gradingtype", grading)
    _plain(element, "showgrading", "SHOW")
    _plain(element, "numberingstyle", "none")
    for position, item in enumerate(q.items, start=1):
        answer = ET.SubElement(element, "answer", {"fraction": str(position), "format": "html"})
        ET.SubElement(answer, "text").text = str(inline_html(item))
        _text(answer, "feedback", None)
    return True


_BODIES = {
    "single": _choices,
    "multiple": _choices,
    "true-false": _true_false,
    "short-answer": _short_answer,
    "numeric": _numeric,
    "matching": _matching,
    "ordering": _ordering,
}
