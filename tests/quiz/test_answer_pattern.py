"""Regex answers are matched in linear time, so no learner's text can hang grading."""

from __future__ import annotations

import subprocess
import sys
import textwrap

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
