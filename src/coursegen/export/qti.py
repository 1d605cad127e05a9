"""QTI 2.1 export: a content package `<module>-qti21.zip`, one assessmentItem per question."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from typing import Any

from coursegen.errors import Diagnostic
from coursegen.export.qti_feedback import OUTCOME as FEEDBACK_OUTCOME
from coursegen.export.qti_feedback import answer_feedback, declare_and_process
from coursegen.export.qti_test import FORMS, assessment_test, bank_warnings, form_href, form_items
from coursegen.export.qti_xml import FORMAT, QTI, SCHEMA_LOCATION, XSI, qti_value
from coursegen.export.qti_xml import qti_element as _el
from coursegen.export.warnings import cannot_express
from coursegen.export.xml_text import xml_document
from coursegen.export.zip_entries import stamp
from coursegen.i18n.ui import Interface, course_language
from coursegen.model import Course, Module
from coursegen.quiz.scoring import match_choices, option_fractions
from coursegen.text import inline_html

CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/qtiv2p1_imscpv1p2_v1p0.xsd"


def identifier(text: str) -> str:
    """A QTI identifier (an XML name) made from an id: letters, digits, '-', '_', '.'."""
    cleaned = re.sub(r"[^A-Za-z0-9_.-]", "_", text)
    return cleaned if re.match(r"[A-Za-z_]", cleaned) else f"Q_{cleaned}"


def _q(tag: str) -> str:
    return f"{{{QTI}}}{tag}"


def _rich(parent: ET.Element, tag: str, markdown: str, attrs: dict[str, str] | None = None) -> None:
    """Append `<tag>` holding the inline Markdown rendered as QTI's XHTML subset."""
    fragment = ET.fromstring(f'<{tag} xmlns="{QTI}">{inline_html(markdown)}</{tag}>')
    fragment.attrib.update(attrs or {})
    parent.append(fragment)


def _declare_score(item: ET.Element, points: float) -> None:
    for name, default in (("SCORE", 0.0), ("MAXSCORE", points)):
        outcome = _el(item, "outcomeDeclaration",
                      {"identifier": name, "cardinality": "single", "baseType": "float"})
        _el(_el(outcome, "defaultValue"), "value", text=qti_value(default))


def _set(parent: ET.Element, outcome: str) -> ET.Element:
    return _el(parent, "setOutcomeValue", {"identifier": outcome})


def _map_response(rp: ET.Element) -> None:
    """SCORE = the response's mapped value (0 when unanswered), as the map_response template."""
    condition = _el(rp, "responseCondition")
    when = _el(condition, "responseIf")
    _el(_el(when, "isNull"), "variable", {"identifier": "RESPONSE"})
    _el(_set(when, "SCORE"), "baseValue", {"baseType": "float"}, "0")
    _el(_set(_el(condition, "responseElse"), "SCORE"), "mapResponse", {"identifier": "RESPONSE"})


def _match_correct(rp: ET.Element, points: float) -> None:
    """SCORE = all the points when the response matches the correct response, else 0."""
    condition = _el(rp, "responseCondition")
    when = _el(condition, "responseIf")
    match = _el(when, "match")
    _el(match, "variable", {"identifier": "RESPONSE"})
    _el(match, "correct", {"identifier": "RESPONSE"})
    _el(_set(when, "SCORE"), "baseValue", {"baseType": "float"}, qti_value(points))
    _el(_set(_el(condition, "responseElse"), "SCORE"), "baseValue", {"baseType": "float"}, "0")


def _response(item: ET.Element, cardinality: str, base: str, correct: list[str],
              mapping: dict[str, float] | None = None, points: float = 1,
              case_sensitive: bool = True) -> None:
    declaration = _el(item, "responseDeclaration", {
        "identifier": "RESPONSE", "cardinality": cardinality, "baseType": base})
    values = _el(declaration, "correctResponse")
    for value in correct:
        _el(values, "value", text=value)
    if mapping is not None:
        table = _el(declaration, "mapping", {
            "lowerBound": "0", "upperBound": qti_value(points), "defaultValue": "0"})
        for key, mapped in mapping.items():
            attrs = {"mapKey": key, "mappedValue": qti_value(mapped)}
            if base == "string":
                attrs["caseSensitive"] = "true" if case_sensitive else "false"
            _el(table, "mapEntry", attrs)


def assessment_item(q: Any, bank_scoring: str, warnings: list[Diagnostic],
                    shuffle_options: bool = True, lang: str = "en") -> ET.Element | None:
    """One question as a QTI 2.1 assessmentItem, or None (with a warning) if QTI cannot hold it;
    options and matching choices shuffle as the bank's `shuffle_options` says; the words the
    item adds ('True', 'Answer:') in `lang`."""
    item = _el(None, "assessmentItem", {
        "identifier": identifier(q.id), "title": q.id, "adaptive": "false",
        "timeDependent": "false", **SCHEMA_LOCATION})
    builder = _BUILDERS[q.type]
    body = ET.Element(_q("itemBody"))
    rp = ET.Element(_q("responseProcessing"))
    if not builder(item, body, rp, q, bank_scoring, warnings, Interface(lang)):
        return None
    if q.type in _SHUFFLED_BY_BANK:  # true/false stays in place, ordering is always scrambled
        body[0].set("shuffle", "true" if shuffle_options else "false")
    _declare_score(item, q.points)
    # FEEDBACK is set once a response is processed, so the explanation shows after any answer.
    _el(item, "outcomeDeclaration",
        {"identifier": "FEEDBACK", "cardinality": "single", "baseType": "identifier"})
    declare_and_process(item, rp, q)
    if q.scenario:
        _rich(body, "p", q.scenario)
    item.append(body)
    _el(_set(rp, "FEEDBACK"), "baseValue", {"baseType": "identifier"}, "EXPLANATION")
    item.append(rp)
    _rich(item, "modalFeedback", q.explanation, {
        "outcomeIdentifier": "FEEDBACK", "showHide": "show", "identifier": "EXPLANATION"})
    for ident, text in answer_feedback(q):
        _rich(item, "modalFeedback", text,
              {"outcomeIdentifier": FEEDBACK_OUTCOME, "showHide": "show", "identifier": ident})
    return item


def _choice_body(body: ET.Element, q: Any, labels: list[tuple[str, str]], max_choices: int) -> None:
    interaction = _el(body, "choiceInteraction", {
        "responseIdentifier": "RESPONSE", "shuffle": "false", "maxChoices": str(max_choices)})
    _rich(interaction, "prompt", q.stem)
    for ident, text in labels:
        _rich(interaction, "simpleChoice", text, {"identifier": ident})


def _choices(item, body, rp, q, bank_scoring, warnings, ui) -> bool:
    ids = [f"C{n}" for n in range(1, len(q.options) + 1)]
    fractions = option_fractions(q)
    keyed = [i for i, f in zip(ids, fractions, strict=True) if f > 0]
    single = q.type == "single"
    if single:
        best = max(fractions)
        _response(item, "single", "identifier", [i for i, f in zip(ids, fractions, strict=True)
                                                  if f == best],
                  {i: f / 100 * q.points for i, f in zip(ids, fractions, strict=True) if f},
                  q.points)
        _map_response(rp)
    elif (q.scoring or bank_scoring) == "all-or-nothing":
        _response(item, "multiple", "identifier", keyed)
        _match_correct(rp, q.points)
    else:
        _response(item, "multiple", "identifier", keyed,
                  {i: f / 100 * q.points for i, f in zip(ids, fractions, strict=True) if f},
                  q.points)
        _map_response(rp)
    _choice_body(body, q, list(zip(ids, (o.text for o in q.options), strict=True)),
                 1 if single else 0)
    return True


def _true_false(item, body, rp, q, _scoring, _warnings, ui) -> bool:
    _response(item, "single", "identifier", ["TRUE" if q.answer else "FALSE"])
    _match_correct(rp, q.points)
    _choice_body(body, q, [("TRUE", ui._("True")), ("FALSE", ui._("False"))], 1)
    return True


def _text_entry(body: ET.Element, q: Any, ui: Interface) -> None:
    _rich(body, "p", q.stem)
    paragraph = _el(body, "p", text=ui._("Answer:") + " ")
    _el(paragraph, "textEntryInteraction",
        {"responseIdentifier": "RESPONSE", "expectedLength": "30"})


def _short_answer(item, body, rp, q, _scoring, warnings, ui) -> bool:
    plain = [a for a in q.answers if not a.regex]
    if len(plain) < len(q.answers):
        consequence = "it is left out" if not plain else "its pattern answers are left out"
        warnings.append(cannot_express(q, FORMAT, "regular-expression answers", consequence))
    if not plain:
        return False
    best = max(plain, key=lambda a: a.fraction)
    mapping: dict[str, float] = {}
    for answer in plain:
        mapping.setdefault(answer.text.strip(), answer.fraction / 100 * q.points)
    _response(item, "single", "string", [best.text.strip()], mapping, q.points, q.case_sensitive)
    _map_response(rp)
    _text_entry(body, q, ui)
    return True


def _numeric(item, body, rp, q, _scoring, _warnings, ui) -> bool:
    _response(item, "single", "float", [qti_value(q.answer)])
    relative = q.tolerance_mode == "relative"
    tolerance = q.tolerance * 100 if relative else q.tolerance  # QTI's relative mode is percent
    condition = _el(rp, "responseCondition")
    when = _el(condition, "responseIf")
    equal = _el(when, "equal", {"toleranceMode": "relative" if relative else "absolute",
                                "tolerance": f"{qti_value(tolerance)} {qti_value(tolerance)}"})
    if not q.tolerance:
        equal.attrib.update(toleranceMode="exact")
        del equal.attrib["tolerance"]
    _el(equal, "variable", {"identifier": "RESPONSE"})
    _el(equal, "correct", {"identifier": "RESPONSE"})
    _el(_set(when, "SCORE"), "baseValue", {"baseType": "float"}, qti_value(q.points))
    _text_entry(body, q, ui)
    if q.unit:
        body[-1].append(ET.Element(_q("span")))
        body[-1][-1].text = f" {q.unit}"
    return True


def _matching(item, body, rp, q, _scoring, _warnings, ui) -> bool:
    lefts = [f"L{n}" for n in range(1, len(q.pairs) + 1)]
    rights = [f"R{n}" for n in range(1, len(match_choices(q)) + 1)]
    pairs = [f"{lefts[n]} {rights[n]}" for n in range(len(q.pairs))]
    if q.scoring == "all-or-nothing":
        _response(item, "multiple", "directedPair", pairs)
        _match_correct(rp, q.points)
    else:
        _response(item, "multiple", "directedPair", pairs,
                  {p: q.points / len(pairs) for p in pairs}, q.points)
        _map_response(rp)
    interaction = _el(body, "matchInteraction", {
        "responseIdentifier": "RESPONSE", "shuffle": "true", "maxAssociations": str(len(pairs))})
    _rich(interaction, "prompt", q.stem)
    for ids, texts in ((lefts, [p.left for p in q.pairs]), (rights, match_choices(q))):
        match_set = _el(interaction, "simpleMatchSet")
        for ident, text in zip(ids, texts, strict=True):
            _rich(match_set, "simpleAssociableChoice", text,
                  {"identifier": ident, "matchMax": "1" if ids is lefts else "0"})
    return True


def _ordering(item, body, rp, q, _scoring, _warnings, ui) -> bool:
    ids = [f"I{n}" for n in range(1, len(q.items) + 1)]
    _response(item, "ordered", "identifier", ids)
    if q.scoring == "all-or-nothing":
        _match_correct(rp, q.points)
    else:
        # One point share per item in its keyed position: SCORE += share when index k matches.
        share = q.points / len(ids)
        for position, ident in enumerate(ids, start=1):
            when = _el(_el(rp, "responseCondition"), "responseIf")
            match = _el(when, "match")
            _el(_el(match, "index", {"n": str(position)}), "variable", {"identifier": "RESPONSE"})
            _el(match, "baseValue", {"baseType": "identifier"}, ident)
            total = _el(_set(when, "SCORE"), "sum")
            _el(total, "variable", {"identifier": "SCORE"})
            _el(total, "baseValue", {"baseType": "float"}, qti_value(share))
    interaction = _el(body, "orderInteraction",
                      {"responseIdentifier": "RESPONSE", "shuffle": "true"})
    _rich(interaction, "prompt", q.stem)
    for ident, text in zip(ids, q.items, strict=True):
        _rich(interaction, "simpleChoice", text, {"identifier": ident})
    return True


_SHUFFLED_BY_BANK = ("single", "multiple", "matching")
"""Question types whose choices the quiz engine shuffles when the bank's shuffle_options is on."""

_BUILDERS = {
    "single": _choices,
    "multiple": _choices,
    "true-false": _true_false,
    "short-answer": _short_answer,
    "numeric": _numeric,
    "matching": _matching,
    "ordering": _ordering,
}


def _manifest(course: Course, module: Module, items: list[tuple[str, str]],
              tests: list[tuple[str, list[str]]]) -> str:
    manifest = ET.Element(f"{{{CP}}}manifest", {
        "identifier": identifier(f"MANIFEST-{course.info.id}-{module.id}"),
        f"{{{XSI}}}schemaLocation": f"{CP} {CP_XSD}"})
    metadata = ET.SubElement(manifest, f"{{{CP}}}metadata")
    ET.SubElement(metadata, f"{{{CP}}}schema").text = "QTIv2.1 Package"
    ET.SubElement(metadata, f"{{{CP}}}schemaversion").text = "1.0.0"
    ET.SubElement(manifest, f"{{{CP}}}organizations")
    resources = ET.SubElement(manifest, f"{{{CP}}}resources")
    for href, item_ids in tests:
        resource = ET.SubElement(resources, f"{{{CP}}}resource", {
            "identifier": f"RES-{href.removesuffix('.xml')}", "type": "imsqti_test_xmlv2p1",
            "href": href})
        ET.SubElement(resource, f"{{{CP}}}file", {"href": href})
        for ident in item_ids:
            ET.SubElement(resource, f"{{{CP}}}dependency", {"identifierref": f"RES-{ident}"})
    for ident, href in items:
        resource = ET.SubElement(resources, f"{{{CP}}}resource", {
            "identifier": f"RES-{ident}", "type": "imsqti_item_xmlv2p1", "href": href})
        ET.SubElement(resource, f"{{{CP}}}file", {"href": href})
    return xml_document(manifest, CP)


def export_qti(course: Course, module: Module) -> tuple[bytes, list[Diagnostic]]:
    """The module's bank as a QTI 2.1 content package (zip bytes): an item per question and an
    assessmentTest for the quiz and for each fixed form, with warnings for what QTI cannot say."""
    warnings: list[Diagnostic] = []
    bank = module.bank
    entries: dict[str, tuple[str, str]] = {}  # question id -> (item identifier, href)
    tests: list[tuple[str, list[str]]] = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for q in bank.questions if bank else ():
            item = assessment_item(q, bank.settings.scoring, warnings,
                                   bank.settings.shuffle_options, course_language(course))
            if item is None:
                continue
            href = f"items/{identifier(q.id)}.xml"
            package.writestr(stamp(href), xml_document(item, QTI))
            entries[q.id] = (identifier(q.id), href)
        for form in FORMS if entries else ():
            refs = [entries[i] for i in form_items(module, form, entries)]
            if not refs:
                continue
            test = assessment_test(course, module, form, refs)
            package.writestr(stamp(form_href(form)), xml_document(test, QTI))
            tests.append((form_href(form), [ident for ident, _ in refs]))
        package.writestr(stamp("imsmanifest.xml"),
                         _manifest(course, module, list(entries.values()), tests))
    if bank:
        warnings += bank_warnings(module)
    return buffer.getvalue(), warnings
