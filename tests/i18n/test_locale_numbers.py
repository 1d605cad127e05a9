"""Marks and typed numbers in the course's language: '1,5' in French, Arabic-Indic digits."""

from __future__ import annotations

import pytest

from coursegen.quiz.answers import parse_number
from coursegen.render.handout_quiz import points_label
from coursegen.terminal.display import _number as terminal_number
from coursegen.web.feedback import number as web_number


@pytest.mark.parametrize("show", [web_number, terminal_number])
def test_a_mark_is_written_the_language_s_way(show) -> None:
    assert show(1.5, "en") == "1.5"
    assert show(1.5, "fr") == "1,5"
    assert show(2.0, "fr") == "2"
    assert show(1 / 3, "ru") == "0,33"


def test_a_printed_point_label_uses_the_decimal_sign_of_its_language() -> None:
    assert points_label(1.5, "en") == "(1.5\u00a0points)"
    assert "1,5" in points_label(1.5, "fr")


@pytest.mark.parametrize("typed, value", [("١٢٫٥", 12.5), ("۳", 3.0), ("１２", 12.0),
                                          ("12,5", 12.5), ("١٬٢٣٤", 1234.0)])
def test_a_number_typed_in_another_script_is_read(typed: str, value: float) -> None:
    assert parse_number(typed) == value
