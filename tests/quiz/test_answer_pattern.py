"""Regex answers are matched in linear time, so no learner's text can hang grading."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from coursegen.quiz.answer_pattern import refusal

_GRADE = textwrap.dedent("""
    from pydantic import TypeAdapter
    from coursegen.model.quiz import Question
    from coursegen.quiz.scoring import score
    question = TypeAdapter(Question).validate_python({
        "id": "q", "type": "short-answer", "objective": "o", "stem": "S.", "explanation": "E.",
        "answers": [{"text": "^(a+)+$", "regex": true}]})
    print(score(question, "a" * 33 + "!", "partial").as_dict()["correct"])
""").replace("true}", "True}")


def test_a_pattern_that_backtracks_for_minutes_grades_at_once() -> None:
    # Python's backtracking `re` needs minutes here; the subprocess keeps a hang contained.
    result = subprocess.run([sys.executable, "-c", _GRADE], capture_output=True, text=True,
                            timeout=20)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("pattern", ["(the )?chain[- ]of[- ]custody", "(ab?)+", r"(Mr\.? )+Smith",
                                     "art(icle)? ?[0-9]{1,3}", r"\(?x"])
def test_patterns_every_scorer_runs_safely_are_accepted(pattern: str) -> None:
    assert refusal(pattern) is None


@pytest.mark.parametrize(("pattern", "start"), [
    ("^(a+)+$", "regular expression repeats a group that itself repeats"),
    (r"(\w+\s?)*", "regular expression repeats a group that itself repeats"),
    (r"(a)\1", "invalid regular expression: invalid escape sequence"),
    ("(?<=a)b", "invalid regular expression: invalid perl operator"),
    ("(?i)abc", "regular expression uses '(?i'"),
    ("[[:alpha:]]+", "regular expression uses '[:alpha:]'"),
])
def test_patterns_that_could_hang_or_differ_in_a_browser_are_refused(
    pattern: str, start: str
) -> None:
    assert (refusal(pattern) or "").startswith(start)
