"""QTI 2.1 per-answer feedback: what a learner's own choice earns them, as modalFeedback.

The outcome ANSWER_FEEDBACK holds the identifiers of the chosen options (or of the matched
accepted answer); each modalFeedback shows when its identifier is among them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from coursegen.export.qti_xml import qti_element as el

OUTCOME = "ANSWER_FEEDBACK"


def answer_feedback(q: Any) -> list[tuple[str, str]]:
    """(identifier, feedback text) for every option or answer the question gives feedback for;
    the identifiers are those of the item's choices (C1.., TRUE/FALSE) or answers (A1..)."""
    if q.type in ("single", "multiple"):
        return [(f"C{n}", o.feedback) for n, o in enumerate(q.options, start=1) if o.feedback]
    if q.type == "true-false":
        return [(ident, text) for ident, text in (("TRUE", q.feedback_true),
                                                  ("FALSE", q.feedback_false)) if text]
    if q.type == "short-answer":
        return [(f"A{n}", a.feedback) for n, a in enumerate(q.answers, start=1)
                if a.feedback and not a.regex]
    return []


def declare_and_process(item: ET.Element, rp: ET.Element, q: Any) -> bool:
    """Declare ANSWER_FEEDBACK on `item` and set it in `rp`; False when there is no feedback."""
    if not answer_feedback(q):
        return False
    multiple = q.type == "multiple"
    el(item, "outcomeDeclaration", {"identifier": OUTCOME, "baseType": "identifier",
                                    "cardinality": "multiple" if multiple else "single"})
    if q.type != "short-answer":
        el(el(rp, "setOutcomeValue", {"identifier": OUTCOME}), "variable",
           {"identifier": "RESPONSE"})
        return True
    # Like the quiz engine, the best accepted answer the response matches gives the feedback.
    ranked = sorted(((a.fraction, n) for n, a in enumerate(q.answers, start=1)
                     if not a.regex), key=lambda pair: -pair[0])
    condition = el(rp, "responseCondition")
    for index, (_fraction, n) in enumerate(ranked):
        answer = q.answers[n - 1]
        branch = el(condition, "responseIf" if index == 0 else "responseElseIf")
        match = el(branch, "stringMatch",
                   {"caseSensitive": "true" if q.case_sensitive else "false"})
        el(match, "variable", {"identifier": "RESPONSE"})
        el(match, "baseValue", {"baseType": "string"}, answer.text.strip())
        el(el(branch, "setOutcomeValue", {"identifier": OUTCOME}), "baseValue",
           {"baseType": "identifier"}, f"A{n}")
    return True
