"""The shared scoring vectors: the Python engine gives exactly the expected results."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import TypeAdapter

from coursegen.model.quiz import Question
from coursegen.quiz.scoring import ResponseInvalid, score

VECTORS = Path(__file__).parents[1] / "vectors" / "scoring.json"
CASES = json.loads(VECTORS.read_text(encoding="utf-8"))["cases"]
QUESTION = TypeAdapter(Question)


def test_there_are_enough_vectors_for_every_type():
    kinds = {case["question"]["type"] for case in CASES}
    assert len(CASES) >= 60
    assert kinds == {"single", "multiple", "true-false", "short-answer", "numeric", "matching",
                     "ordering"}
    assert len({case["name"] for case in CASES}) == len(CASES), "vector names must be unique"


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_vector(case):
    question = QUESTION.validate_python(case["question"])
    rule = case.get("bank_scoring", "partial")
    expect = case["expect"]
    if expect.get("invalid"):
        with pytest.raises(ResponseInvalid):
            score(question, case["response"], rule)
        return
    result = score(question, case["response"], rule).as_dict()
    assert result["fraction"] == pytest.approx(expect["fraction"], abs=1e-9)
    assert result["earned"] == pytest.approx(expect["earned"], abs=1e-9)
    assert result["answered"] is expect["answered"]
    assert result["correct"] is expect["correct"]
    if "feedback" in expect:
        assert result["feedback"] == expect["feedback"]
