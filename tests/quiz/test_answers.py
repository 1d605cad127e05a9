"""Typed answers: the input rules learners and CSV files follow."""

from __future__ import annotations

from pathlib import Path

import pytest

from coursegen.load import load_course
from coursegen.quiz.answers import AnswerInvalid, input_rule, parse_answer, parse_number

SCAFFOLD = Path(__file__).resolve().parents[2] / "src" / "coursegen" / "scaffold"
BANK = load_course(SCAFFOLD).module("getting-started").bank
Q = {q.type: q for q in BANK.questions}


@pytest.mark.parametrize("kind, text, order, expected", [
    ("single", "b", (), 1),
    ("single", " 2 ", (), 1),
    ("single", "A", (2, 0, 1), 2),
    ("multiple", "A, B", (), [0, 1]),
    ("multiple", "ab", (), [0, 1]),
    ("multiple", "c;a", (2, 1, 0), [0, 2]),
    ("true-false", "T", (), True),
    ("true-false", "no", (), False),
    ("short-answer", "  chain of custody ", (), "chain of custody"),
    ("numeric", "16", (), 16.0),
    ("matching", "C,A,B", (), [2, 0, 1]),
    ("matching", "A,-,B", (), [0, None, 1]),
    ("ordering", "D,C,B,A", (), [3, 2, 1, 0]),
    ("ordering", "A,B,C,D", (3, 2, 1, 0), [3, 2, 1, 0]),
    ("single", "", (), None),
])
def test_typed_answers_become_responses_in_bank_order(kind, text, order, expected):
    assert parse_answer(Q[kind], text, order) == expected


@pytest.mark.parametrize("kind, text, message", [
    ("single", "Z", "'Z' is not an option; use letters A–C"),
    ("single", "A,B", "choose exactly one option (A–C)"),
    ("multiple", "A,Q", "'Q' is not an option; use letters A–C"),
    ("true-false", "maybe", "'maybe' is not T or F"),
    ("numeric", "sixteen", "'sixteen' is not a number"),
    ("matching", "A,B", "give 3 letters, one for each item 1 to 3 (you gave 2)"),
    ("ordering", "A,A,B,C", "use each letter A–D exactly once"),
])
def test_invalid_input_says_what_to_type(kind, text, message):
    with pytest.raises(AnswerInvalid) as raised:
        parse_answer(Q[kind], text)
    assert str(raised.value) == message


@pytest.mark.parametrize("text, value", [
    ("12.5", 12.5), ("12,5", 12.5), ("1,234", 1234.0), ("1 234.5", 1234.5), ("−3", -3.0),
    ("1e3", 1000.0), ("15 %", 15.0), (".5", 0.5),
])
def test_numbers_are_read_as_people_type_them(text, value):
    assert parse_number(text, "%") == value


def test_every_kind_has_an_input_rule():
    for question in BANK.questions:
        assert input_rule(question).endswith(".")
