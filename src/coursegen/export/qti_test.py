"""QTI 2.1 assessmentTests: the module's quiz as the bank sets it, and its fixed forms.

The exam test draws `settings.draw` questions (`selection`) from the questions an exam may
ask (:func:`~coursegen.quiz.exposure.exam_pool`: no pre-test question, no knowledge check),
shuffles them when the bank does (`ordering`), has the bank's time limit (`timeLimits`) and
sets PASS against the pass mark the quiz engine uses, from the percent of the drawn
questions' points.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from coursegen.errors import Diagnostic
from coursegen.export.qti_xml import FORMAT, SCHEMA_LOCATION, qti_element, qti_value
from coursegen.located import warning_at
from coursegen.model import Course, Module
from coursegen.quiz.engine import PASS_EPSILON
from coursegen.quiz.exposure import exam_pool, knowledge_check_ids

FORMS = ("exam", "pre", "post")
"""The tests a package holds: the drawn quiz, then the pre- and post-test forms if written."""

_CODE = f"export-{FORMAT.lower().replace(' ', '-')}"


def form_href(form: str) -> str:
    """Where a form's assessmentTest lives in the package (at its root, beside items/)."""
    return "assessment-test.xml" if form == "exam" else f"{form}-test.xml"


def form_items(module: Module, form: str, exported: dict[str, str]) -> list[str]:
    """The question ids a form's test references: its questions that the package holds."""
    bank = module.bank
    if form == "exam":
        ids = [q.id for q in exam_pool(bank, knowledge_check_ids(module))]
    else:
        ids = list(getattr(bank.forms, form))
    return [i for i in ids if i in exported]


def assessment_test(course: Course, module: Module, form: str,
                    refs: list[tuple[str, str]]) -> ET.Element:
    """The assessmentTest of one form; `refs` are the (identifier, href) of its items."""
    settings = module.bank.settings
    title = module.title if form == "exam" else f"{module.title}: {form}-test"
    test = qti_element(None, "assessmentTest", {
        "identifier": f"TEST-{module.id}-{form}", "title": title,
        "toolName": "coursegen", **SCHEMA_LOCATION})
    for name, base, default in (("SCORE", "float", "0"), ("MAXSCORE", "float", "0"),
                                ("PASS", "boolean", "false")):
        outcome = qti_element(test, "outcomeDeclaration",
                              {"identifier": name, "cardinality": "single", "baseType": base})
        qti_element(qti_element(outcome, "defaultValue"), "value", text=default)
    if settings.time_limit:
        qti_element(test, "timeLimits", {"maxTime": str(settings.time_limit * 60),
                                         "allowLateSubmission": "false"})
    # Deferred feedback: answers are submitted together, so feedback follows the whole test.
    deferred = settings.feedback == "deferred"
    part = qti_element(test, "testPart", {
        "identifier": "PART-1", "navigationMode": "nonlinear",
        "submissionMode": "simultaneous" if deferred else "individual"})
    qti_element(part, "itemSessionControl", {"maxAttempts": "1", "showFeedback": "true",
                                             "allowReview": "true", "showSolution": "false"})
    section = qti_element(part, "assessmentSection", {
        "identifier": f"SECTION-{form}", "title": title, "visible": "true"})
    if form == "exam" and settings.draw and settings.draw < len(refs):
        qti_element(section, "selection", {"select": str(settings.draw),
                                           "withReplacement": "false"})
    if settings.shuffle:
        qti_element(section, "ordering", {"shuffle": "true"})
    for ident, href in refs:
        qti_element(section, "assessmentItemRef", {"identifier": ident, "href": href})
    _pass_processing(test, course.pass_mark(module))
    return test


def _pass_processing(test: ET.Element, pass_mark: float) -> None:
    """SCORE and MAXSCORE over the items presented; PASS when their percent reaches the mark."""
    processing = qti_element(test, "outcomeProcessing")
    for name in ("SCORE", "MAXSCORE"):
        total = qti_element(qti_element(processing, "setOutcomeValue", {"identifier": name}),
                            "sum")
        qti_element(total, "testVariables", {"variableIdentifier": name})
    condition = qti_element(processing, "outcomeCondition")
    when = qti_element(condition, "outcomeIf")
    reached = qti_element(when, "gte")
    percent = qti_element(reached, "sum")  # with the engine's epsilon against float rounding
    product = qti_element(percent, "product")
    ratio = qti_element(product, "divide")
    qti_element(ratio, "variable", {"identifier": "SCORE"})
    qti_element(ratio, "variable", {"identifier": "MAXSCORE"})
    qti_element(product, "baseValue", {"baseType": "float"}, "100")
    qti_element(percent, "baseValue", {"baseType": "float"}, qti_value(PASS_EPSILON))
    qti_element(reached, "baseValue", {"baseType": "float"}, qti_value(pass_mark))
    for branch, value in ((when, "true"), (qti_element(condition, "outcomeElse"), "false")):
        qti_element(qti_element(branch, "setOutcomeValue", {"identifier": "PASS"}),
                    "baseValue", {"baseType": "boolean"}, value)


def bank_warnings(module: Module) -> list[Diagnostic]:
    """What the bank asks of a quiz that a QTI 2.1 test cannot say, located at the setting."""
    settings = module.bank.settings
    found = []
    pool = exam_pool(module.bank, knowledge_check_ids(module))
    objectives = {q.objective for q in pool}
    if settings.draw and settings.draw < len(pool) and \
            settings.cover_objectives and len(objectives) > 1:
        found.append(warning_at(settings, "draw", f"{FORMAT} cannot express drawing at least "
                                "one question per objective; the test draws "
                                f"{settings.draw} questions at random from the {len(pool)} "
                                "it may ask", _CODE))
    if settings.attempts:
        found.append(warning_at(settings, "attempts", f"{FORMAT} cannot express a limit of "
                                f"{settings.attempts} attempts; set it in the LMS", _CODE))
    return found
