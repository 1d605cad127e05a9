"""GIFT files parse with an independent parser (gift-pegjs) into the right questions."""

from __future__ import annotations

import json
from pathlib import Path

from coursegen.export.gift import export_gift
from coursegen.load import load_checked
from coursegen.scaffold import create_course
from tests.js.tools import JS, need_node_package, node

EXTRA_QUESTIONS = """
  - id: pattern-only
    type: short-answer
    objective: apply-safeguards
    stem: "Name the record {of} custody: the #1 rule"
    answers: [{text: "chain[- ]of[- ]custody", regex: true}]
    explanation: Only a pattern is accepted.
  - id: with-distractor
    type: matching
    objective: apply-safeguards
    stem: Match each step.
    pairs:
      - {left: Seizure, right: Scene record}
      - {left: Extraction, right: Tool record}
    distractors: [Weather report]
    explanation: Distractors are extra choices.
"""


def parse(path: Path) -> list[dict]:
    """What gift-pegjs makes of a GIFT file."""
    need_node_package("gift-pegjs")
    result = node(JS / "parse_gift.mjs", path)
    assert result.returncode == 0, result.stderr
    print(f"gift-pegjs parsed {path.name}: {result.stdout[:400]}...")
    return json.loads(result.stdout)


def test_gift_parses_with_every_question_gift_can_hold(lms) -> None:
    folder, warnings = lms
    parsed = parse(folder / "getting-started.gift")
    kinds = [(q["type"], q.get("title")) for q in parsed]
    assert kinds == [
        ("Category",
         "$course$/top/Handling digital evidence/Getting started with digital evidence"),
        ("MC", "dual-use"), ("MC", "benefits"), ("TF", "admissible"),
        ("Short", "custody-term"), ("Numerical", "sdg"), ("Matching", "record-match"),
    ]
    gift_warnings = [str(w) for w in warnings if w.code == "export-gift"]
    assert gift_warnings == [
        "quizzes/getting-started.yaml:72:5: questions[5]: warning: question 'record-match': "
        "GIFT cannot express extra right-hand choices (distractors); they are left out; use the "
        "Moodle XML export to keep them",
        "quizzes/getting-started.yaml:85:5: questions[6]: warning: question 'safeguard-order': "
        "GIFT cannot express ordering questions; it is left out; use the Moodle XML or QTI export",
    ]


def test_gift_keeps_fractions_feedback_and_general_feedback(lms) -> None:
    folder, _ = lms
    by_title = {q.get("title"): q for q in parse(folder / "getting-started.gift")}
    benefits = by_title["benefits"]
    assert [c["weight"] for c in benefits["choices"]] == [50, 50, -50]
    assert benefits["choices"][2]["feedback"]["text"] == "That benefits offenders."
    assert benefits["globalFeedback"]["text"] == "Investigators gain traces and speed."
    single = by_title["dual-use"]
    assert [c["isCorrect"] for c in single["choices"]] == [True, False, False]
    true_false = by_title["admissible"]
    assert true_false["isTrue"] is False
    # gift-pegjs names the feedbacks by the answer a learner gives.
    assert true_false["trueFeedback"]["text"].startswith("No — procedural safeguards")
    assert by_title["sdg"]["choices"] == {"type": "range", "number": 16, "range": 0}
    assert [p["subanswer"] for p in by_title["record-match"]["matchPairs"]] == [
        "Who, where and when", "Tool and version", "Every query run"]


def test_special_characters_are_escaped_and_what_gift_cannot_hold_is_a_warning(tmp_path) -> None:
    root = tmp_path / "c"
    create_course(root)
    bank = root / "quizzes" / "getting-started.yaml"
    bank.write_text(bank.read_text() + EXTRA_QUESTIONS)
    course, _ = load_checked(root)
    text, warnings = export_gift(course, course.module("getting-started"))
    (tmp_path / "m.gift").write_text(text)
    titles = [q.get("title") for q in parse(tmp_path / "m.gift")]
    assert "pattern-only" not in titles and "with-distractor" in titles
    messages = [w.message for w in warnings]
    assert "question 'pattern-only': GIFT cannot express regular-expression answers; " \
           "it is left out" in messages
    assert any(m.startswith("question 'with-distractor': GIFT cannot express extra right-hand")
               for m in messages)
    assert all(w.severity == "warning" and w.location for w in warnings)


def test_gift_control_characters_and_a_star_reach_moodle_as_written(tmp_path) -> None:
    root = tmp_path / "c"
    create_course(root)
    bank = root / "quizzes" / "getting-started.yaml"
    bank.write_text(bank.read_text() + """
  - id: product
    type: short-answer
    objective: apply-safeguards
    stem: "Write {it}: 5 = ~3 #?"
    answers: ["5*3 {a} = b ~ c # d : e"]
    explanation: Five times three.
""")
    course, _ = load_checked(root)
    text, _ = export_gift(course, course.module("getting-started"))
    (tmp_path / "m.gift").write_text(text)
    product = next(q for q in parse(tmp_path / "m.gift") if q.get("title") == "product")
    assert product["stem"]["text"] == "Write {it}: 5 = ~3 #?"
    # GIFT hands Moodle `\*`, which Moodle's short-answer matching reads as a literal star.
    assert [c["text"]["text"] for c in product["choices"]] == ["5\\*3 {a} = b ~ c # d : e"]
