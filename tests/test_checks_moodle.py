"""`check` refuses answer fractions Moodle's importer would reject, written or derived."""

from __future__ import annotations

from coursegen.checks import check_course
from coursegen.load import read_course
from coursegen.scaffold import create_course

OFF_THE_LIST = """
  - id: three-shares
    type: multiple
    objective: apply-safeguards
    stem: Which records belong in the custody log?
    options:
      - {text: Who seized it, correct: true, fraction: 30}
      - {text: When it was seized, correct: true}
      - {text: Where it was seized, correct: true}
      - {text: The weather}
    explanation: Who, when and where.
  - id: partial-term
    type: short-answer
    objective: apply-safeguards
    stem: Name the record that follows the evidence.
    answers: [chain of custody, {text: custody, fraction: 45}]
    explanation: The chain of custody.
"""


def test_written_and_derived_fractions_off_moodles_list_are_located_errors(tmp_path) -> None:
    root = tmp_path / "c"
    create_course(root)
    bank = root / "quizzes" / "getting-started.yaml"
    bank.write_text(bank.read_text() + OFF_THE_LIST)
    course, _ = read_course(root)
    found = [str(d).split(" (Moodle accepts")[0] for d in check_course(course)
             if d.code == "moodle-fraction"]
    assert found == [
        "quizzes/getting-started.yaml:99:7: questions[7].options: the options without a "
        "fraction get 35 each, which is not a Moodle grade: Moodle's importer refuses it and "
        "with it the whole file; give them fractions such as 40 or 33.33333",
        "quizzes/getting-started.yaml:108:59: questions[8].answers[1].fraction: fraction 45 "
        "is not a Moodle grade: Moodle's importer refuses it and with it the whole file; "
        "use 50 or 40",
    ]
