"""The QTI package's assessmentTests carry the bank's draw, shuffle, time limit and pass mark."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from coursegen.export.qti import export_qti
from coursegen.load import load_checked
from coursegen.scaffold import create_course

Q = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"


def _tests(package: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return {name: etree.fromstring(archive.read(name)) for name in archive.namelist()
                if name.endswith("-test.xml")}


def passes(test: etree._Element, score: float, maxscore: float) -> bool:
    """PASS after the test's outcomeProcessing, given the summed item SCORE and MAXSCORE
    (QTI 2.1 expressions, evaluated here independently of the exporter)."""
    values = {"SCORE": score, "MAXSCORE": maxscore}

    def value(e):
        kind = etree.QName(e).localname
        if kind == "variable":
            return values[e.get("identifier")]
        if kind == "baseValue":
            return {"float": float, "boolean": lambda t: t == "true"}[e.get("baseType")](e.text)
        args = [value(x) for x in e]
        if kind == "sum":
            return sum(args)
        if kind == "product":
            return args[0] * args[1]
        if kind == "divide":
            return args[0] / args[1]
        if kind == "gte":
            return args[0] >= args[1]
        raise NotImplementedError(kind)

    condition = test.find(f"{Q}outcomeProcessing/{Q}outcomeCondition")
    branch = condition[0] if value(condition[0][0]) else condition[1]
    setting = branch.find(f"{Q}setOutcomeValue")
    assert setting.get("identifier") == "PASS"
    return value(setting[0])


def _shuffles(package: bytes) -> dict[str, str]:
    """Each item's interaction `shuffle` attribute, by question id."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        items = {n.removeprefix("items/").removesuffix(".xml"): etree.fromstring(archive.read(n))
                 for n in archive.namelist() if n.startswith("items/")}
    return {name: next(e.get("shuffle") for e in item.iter() if e.get("shuffle"))
            for name, item in items.items() if any(e.get("shuffle") for e in item.iter())}


def test_choices_shuffle_as_the_quiz_engine_shuffles_them(lms) -> None:
    folder, _ = lms
    assert _shuffles((folder / "getting-started-qti21.zip").read_bytes()) == {
        "dual-use": "true", "benefits": "true", "admissible": "false",
        "record-match": "true", "safeguard-order": "true"}


@pytest.fixture(scope="module")
def tests(lms) -> dict[str, etree._Element]:
    """The starter module's tests: draw 4 of the 5 post-test questions, shuffled, 10 minutes,
    pass mark 70."""
    folder, _ = lms
    return _tests((folder / "getting-started-qti21.zip").read_bytes())


def test_the_quiz_test_draws_shuffles_and_times_as_the_bank_does(tests) -> None:
    exam = tests["assessment-test.xml"]
    section = exam.find(f".//{Q}assessmentSection")
    assert section.find(f"{Q}selection").get("select") == "4"
    assert section.find(f"{Q}ordering").get("shuffle") == "true"
    # The exam never asks a pre-test question or a knowledge check (dual-use, safeguard-order).
    assert [r.get("identifier") for r in section.findall(f"{Q}assessmentItemRef")] == [
        "benefits", "admissible", "custody-term", "sdg", "record-match"]
    assert exam.find(f"{Q}timeLimits").get("maxTime") == "600"
    assert {o.get("identifier") for o in exam.findall(f"{Q}outcomeDeclaration")} == {
        "SCORE", "MAXSCORE", "PASS"}


def test_pass_is_set_against_the_pass_mark(tests) -> None:
    exam = tests["assessment-test.xml"]
    assert passes(exam, 4.2, 6)  # exactly 70 %
    assert not passes(exam, 4.1, 6)
    assert passes(exam, 6, 6)


def test_each_fixed_form_is_a_test_of_its_own_questions(tests) -> None:
    pre = tests["pre-test.xml"]
    assert [r.get("identifier") for r in pre.iter(f"{Q}assessmentItemRef")] == [
        "dual-use", "safeguard-order"]
    assert pre.find(f".//{Q}selection") is None
    post = tests["post-test.xml"]
    assert [r.get("identifier") for r in post.iter(f"{Q}assessmentItemRef")] == [
        "benefits", "admissible", "custody-term", "record-match", "sdg"]


def test_an_unshuffled_untimed_bank_with_the_course_pass_mark(tmp_path) -> None:
    root = tmp_path / "c"
    create_course(root)
    bank = root / "quizzes" / "getting-started.yaml"
    bank.write_text(bank.read_text().replace(
        "  pass_mark: 70\n  draw: 4\n",
        "  shuffle: false\n  shuffle_options: false\n  attempts: 2\n").replace(
        "  time_limit: 10\n", ""))
    info = root / "course.yaml"
    info.write_text(info.read_text().replace("pass_mark: 70", "pass_mark: 80"))
    course, _ = load_checked(root)
    package, warnings = export_qti(course, course.module("getting-started"))
    exam = _tests(package)["assessment-test.xml"]
    assert exam.find(f".//{Q}ordering") is None and exam.find(f".//{Q}selection") is None
    assert exam.find(f"{Q}timeLimits") is None
    assert passes(exam, 5.6, 7) and not passes(exam, 5.59, 7)  # the course's 80 %
    assert _shuffles(package) == {
        "dual-use": "false", "benefits": "false", "admissible": "false",
        "record-match": "false", "safeguard-order": "true"}
    assert [str(w) for w in warnings] == [
        "quizzes/getting-started.yaml:5:13: settings.attempts: warning: QTI 2.1 cannot express "
        "a limit of 2 attempts; set it in the LMS"]
