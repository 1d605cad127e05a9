"""QTI 2.1 items score the keyed answer as full marks, and wrong answers as less."""

from __future__ import annotations

import zipfile

import pytest

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
