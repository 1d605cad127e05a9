"""Moodle XML is well-formed and shaped as Moodle's importer reads it."""

from __future__ import annotations

import re

from lxml import etree

from coursegen.export.moodle_xml import export_moodle_xml
from coursegen.load import load_checked
from coursegen.scaffold import create_course
from tests.export.test_gift import EXTRA_QUESTIONS


def _questions(path) -> list:
    return etree.parse(str(path)).getroot().findall("question")


def test_every_type_is_exported_in_a_module_category(lms) -> None:
    folder, _ = lms
    questions = _questions(folder / "getting-started.moodle.xml")
    assert [q.get("type") for q in questions] == [
        "category", "multichoice", "multichoice", "truefalse", "shortanswer", "numerical",
        "matching", "ordering"]
    assert questions[0].findtext("category/text") == \
        "$course$/top/Handling digital evidence/Getting started with digital evidence"
    for q in questions[1:]:
        assert q.findtext("name/text")
        assert q.find("questiontext").get("format") == "html"
        assert q.findtext("generalfeedback/text")
        assert float(q.findtext("defaultgrade")) > 0


def test_fractions_and_per_answer_feedback(lms) -> None:
    folder, _ = lms
    questions = _questions(folder / "getting-started.moodle.xml")
    by_name = {q.findtext("name/text"): q for q in questions}
    benefits = by_name["benefits"]
    assert benefits.findtext("single") == "false"
    assert [a.get("fraction") for a in benefits.findall("answer")] == ["50", "50", "-50"]
    assert [a.findtext("feedback/text") for a in benefits.findall("answer")] == [
        "Yes.", "Yes.", "That benefits offenders."]
    true_false = by_name["admissible"]
    assert [(a.findtext("text"), a.get("fraction")) for a in true_false.findall("answer")] == [
        ("true", "0"), ("false", "100")]
    numeric = by_name["sdg"].find("answer")
    assert (numeric.findtext("text"), numeric.findtext("tolerance")) == ("16", "0")
    pairs = [(s.findtext("text"), s.findtext("answer/text"))
             for s in by_name["record-match"].findall("subquestion")]
    assert pairs[0] == ("Seizure", "Who, where and when")
    ordering = by_name["safeguard-order"]
    assert [a.findtext("text") for a in ordering.findall("answer")] == [
        "Seizure", "Extraction", "Analysis", "Presentation in court"]
    assert ordering.findtext("gradingtype") == "ABSOLUTE_POSITION"


def test_distractors_are_kept_and_regex_answers_are_a_warning(tmp_path) -> None:
    root = tmp_path / "c"
    create_course(root)
    bank = root / "quizzes" / "getting-started.yaml"
    bank.write_text(bank.read_text() + EXTRA_QUESTIONS)
    course, _ = load_checked(root)
    text, warnings = export_moodle_xml(course, course.module("getting-started"))
    quiz = etree.fromstring(text.encode())
    names = [q.findtext("name/text") for q in quiz.findall("question")]
    assert "pattern-only" not in names
    matching = quiz.findall("question")[names.index("with-distractor")]
    extra = [s for s in matching.findall("subquestion") if not s.findtext("text")]
    assert [s.findtext("answer/text") for s in extra] == ["Weather report"]
    assert [w.message for w in warnings] == [
        "question 'pattern-only': Moodle XML cannot express regular-expression answers; "
        "it is left out"]


STAR_ANSWER = """
  - id: product
    type: short-answer
    objective: apply-safeguards
    stem: Write the product of five and three as a formula.
    answers: ["5*3", {text: "5 x 3", fraction: 50}]
    explanation: Five times three.
"""


def moodle_matches(response: str, pattern: str) -> bool:
    """Moodle's shortanswer `compare_string_with_wildcard`: runs of unescaped `*` match anything,
    `\\*` is a literal star (qtype_shortanswer_question, Moodle 4.x)."""
    bits = re.split(r"(?<!\\)\*+", pattern)
    regex = ".*".join(re.escape(bit.replace("\\*", "*")) for bit in bits)
    return re.fullmatch(regex, response, re.IGNORECASE) is not None


def test_a_star_in_a_short_answer_is_a_literal_star_in_moodle(tmp_path) -> None:
    root = tmp_path / "c"
    create_course(root)
    bank = root / "quizzes" / "getting-started.yaml"
    bank.write_text(bank.read_text() + STAR_ANSWER)
    course, _ = load_checked(root)
    text, _ = export_moodle_xml(course, course.module("getting-started"))
    quiz = etree.fromstring(text.encode())
    product = next(q for q in quiz.findall("question") if q.findtext("name/text") == "product")
    answers = [a.findtext("text") for a in product.findall("answer")]
    assert answers == ["5\\*3", "5 x 3"]
    assert moodle_matches("5*3", answers[0])
    assert not moodle_matches("53", answers[0])
    assert not moodle_matches("5 times 3", answers[0])
