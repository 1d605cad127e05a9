"""QTI 2.1 items score the keyed answer as full marks, and wrong answers as less."""

from __future__ import annotations

import io
import zipfile

import pytest

from coursegen.export.qti import export_qti
from coursegen.load import load_checked
from coursegen.scaffold import create_course
from tests.export.conftest import assert_valid
from tests.export.qti_processing import Item

WRONG = {
    "dual-use": "C2",
    "benefits": ["C1", "C3"],
    "admissible": "TRUE",
    "custody-term": "custody",
    "sdg": "17",
    "record-match": ["L1 R2", "L2 R1", "L3 R3"],
    "safeguard-order": ["I2", "I1", "I3", "I4"],
}


@pytest.fixture(scope="module")
def items(lms) -> dict[str, Item]:
    """Each exported item by question id."""
    folder, _ = lms
    with zipfile.ZipFile(folder / "getting-started-qti21.zip") as archive:
        return {name.removeprefix("items/").removesuffix(".xml"): Item(archive.read(name))
                for name in archive.namelist() if name.startswith("items/")}


@pytest.mark.parametrize("question", sorted(WRONG))
def test_the_keyed_answer_earns_full_marks(items, question) -> None:
    item = items[question]
    assert item.score(item.correct_response()) == pytest.approx(item.outcome_default("MAXSCORE"))


@pytest.mark.parametrize("question", sorted(WRONG))
def test_a_wrong_answer_earns_less(items, question) -> None:
    item = items[question]
    assert item.score(WRONG[question]) < item.outcome_default("MAXSCORE")


def test_partial_credit_follows_the_bank_rules(items) -> None:
    assert items["benefits"].score(["C1"]) == pytest.approx(0.5)
    assert items["benefits"].score(["C1", "C2", "C3"]) == pytest.approx(0.5)
    assert items["record-match"].score(["L1 R1", "L2 R3", "L3 R2"]) == pytest.approx(1 / 3)
    assert items["safeguard-order"].score(["I1", "I2", "I4", "I3"]) == pytest.approx(0.5)
    assert items["custody-term"].score("Chain of Custody") == pytest.approx(1)


def test_each_choice_shows_its_own_feedback_and_the_explanation(items) -> None:
    dual_use = items["dual-use"]
    explanation = "Technology enables crime and helps prevent and detect it."
    assert dual_use.feedback("C2") == [
        explanation, "Cost matters, but it is not what the phrase describes."]
    assert dual_use.feedback("C1") == [
        explanation, "Right — the same tools serve crime and its investigation."]
    assert items["benefits"].feedback(["C1", "C3"])[1:] == ["Yes.", "That benefits offenders."]
    assert items["admissible"].feedback("TRUE")[1:] == ["No — procedural safeguards still apply."]
    assert items["admissible"].feedback("FALSE")[1:] == [
        "Right — how it was obtained decides whether a court accepts it."]


def test_a_short_answer_shows_the_feedback_of_the_best_answer_it_matches(
        tmp_path, qti_schema) -> None:
    root = tmp_path / "c"
    create_course(root)
    bank = root / "quizzes" / "getting-started.yaml"
    bank.write_text(bank.read_text() + """
  - id: log-name
    type: short-answer
    objective: apply-safeguards
    stem: Name the record that follows the evidence.
    answers:
      - {text: chain of custody, feedback: Exactly.}
      - {text: custody log, fraction: 50, feedback: Close; the usual name is chain of custody.}
    explanation: The chain of custody.
""")
    course, _ = load_checked(root)
    package, _ = export_qti(course, course.module("getting-started"))
    xml = zipfile.ZipFile(io.BytesIO(package)).read("items/log-name.xml")
    assert_valid(qti_schema, xml, "log-name.xml")
    item = Item(xml)
    assert item.feedback("Chain of Custody") == ["The chain of custody.", "Exactly."]
    assert item.feedback("custody log") == [
        "The chain of custody.", "Close; the usual name is chain of custody."]
    assert item.feedback("evidence bag") == ["The chain of custody."]
