"""Item-writing and test-form warnings of `coursegen check`, run as a trainer runs it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import SEEDS
from tests.test_cli_check import coursegen

SETTINGS = "settings:\n  pass_mark: 70\n"


def _single(qid: str, key: int, texts: tuple[str, ...], objective="explain-dual-use") -> str:
    options = "".join(
        f"      - text: {t}\n" + ("        correct: true\n" if i == key else "")
        for i, t in enumerate(texts)
    )
    return (f"  - id: {qid}\n    type: single\n    objective: {objective}\n"
            f"    stem: Which one fits?\n    options:\n{options}"
            "    explanation: Because.\n")


def _multiple(qid: str, flags: str) -> str:
    options = "".join(
        f"      - text: Choice {qid} {n}\n" + ("        correct: true\n" if f == "1" else "")
        for n, f in enumerate(flags)
    )
    return (f"  - id: {qid}\n    type: multiple\n    objective: explain-dual-use\n"
            f"    stem: Which fit?\n    options:\n{options}    explanation: Because.\n")


def _write_bank(course: Path, body: str, settings: str = SETTINGS) -> None:
    (course / "quizzes/getting-started.yaml").write_text(f"{settings}questions:\n{body}")


def _warnings(course: Path, *extra: str | Path) -> list[dict]:
    result = coursegen("check", "--format", "json", *extra, course)
    report = json.loads(result.stdout)
    return [d for d in report["diagnostics"] if d["severity"] == "warning"]


def _codes(course: Path) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for d in _warnings(course):
        found.setdefault(d["code"], []).append(d["line"])
    return found


def test_a_longest_key_and_a_crowded_position_are_found_across_the_bank(starter_course) -> None:
    singles = [
        _single(f"q{n}", 0, ("The detailed and qualified right answer", "Short", "Brief", "Tiny"))
        for n in range(5)
    ]
    _write_bank(starter_course, "".join(singles))
    warnings = {d["code"]: d for d in _warnings(starter_course)}
    assert warnings["key-longest"]["message"].startswith(
        "the key is the longest option in 5 of 5 single-choice questions (q0, q1, q2, q3, q4)")
    assert warnings["key-longest"]["line"] == 4
    # every key in position 1 is the older "always in one position" rule, not this one
    assert "key-position" not in warnings

    moved = [_single(f"q{n}", n % 2, ("Alpha", "Bravo", "Gamma", "Delta"))
             for n in range(5)]
    _write_bank(starter_course, "".join(moved))
    codes = _codes(starter_course)
    assert "key-longest" not in codes
    assert "key-position" in codes  # 3 of 5 in position 1 is over the 0.45 share


def test_one_pattern_of_correct_options_across_multiple_response_items(starter_course) -> None:
    _write_bank(starter_course, "".join(_multiple(f"m{n}", "11100") for n in range(3)))
    messages = [d["message"] for d in _warnings(starter_course) if d["code"] == "response-pattern"]
    assert messages[0].startswith("3 of 3 multiple-response questions have exactly 3 of 5")
    assert messages[1].startswith("3 of 3 multiple-response questions list every correct option")

    _write_bank(starter_course, _multiple("m0", "11100") + _multiple("m1", "01010")
                + _multiple("m2", "10011") + _multiple("m3", "00101"))
    assert "response-pattern" not in _codes(starter_course)


def test_absolute_words_only_in_wrong_answers_are_found(starter_course) -> None:
    body = _single("s", 1, ("It always works", "It often helps", "It rarely matters")) + (
        "  - id: tf\n    type: true-false\n    objective: explain-dual-use\n"
        "    stem: Offenders never use encryption.\n    answer: false\n    explanation: No.\n")
    _write_bank(starter_course, body)
    found = [(d["line"], d["path"]) for d in _warnings(starter_course)
             if d["code"] == "absolute-words"]
    assert found == [(9, "questions[0].options[0].text"), (17, "questions[1].stem")]

    true_too = body + ("  - id: tf2\n    type: true-false\n    objective: explain-dual-use\n"
                       "    stem: Every exhibit needs a record.\n    answer: true\n"
                       "    explanation: Yes.\n")
    _write_bank(starter_course, true_too)
    assert _codes(starter_course)["absolute-words"] == [9]

    sweeping = body.replace("Offenders never use encryption.",
                            "Evidence is admitted however it was obtained.")
    _write_bank(starter_course, sweeping)
    assert [d["message"].split(" and ")[0] for d in _warnings(starter_course)
            if d["code"] == "absolute-words"][1] == "the false statement says 'however it was'"


def test_matching_numeric_and_negative_stems(starter_course) -> None:
    body = (
        "  - id: pairs\n    type: matching\n    objective: explain-dual-use\n"
        "    stem: Match them.\n    pairs:\n      - {left: A, right: B}\n"
        "      - {left: C, right: D}\n    explanation: So.\n"
        "  - id: figure\n    type: numeric\n    objective: explain-dual-use\n"
        "    stem: How many?\n    answer: 16\n    explanation: So.\n"
        "  - id: neg\n    type: single\n    objective: explain-dual-use\n"
        "    stem: Which is not a safeguard?\n    options:\n      - text: Oversight\n"
        "      - text: Haste\n        correct: true\n    explanation: So.\n"
    )
    _write_bank(starter_course, body)
    assert _codes(starter_course) == {
        "matching-spare": [9], "numeric-recall": [16], "negative-stem": [21]}

    fixed = (body.replace("    explanation: So.\n  - id: figure", "    distractors: [E]\n"
                          "    explanation: So.\n  - id: figure", 1)
             .replace("    stem: How many?", "    scenario: Fictional case.\n    stem: How many?")
             .replace("is not a", "is **not** a"))
    _write_bank(starter_course, fixed)
    assert _codes(starter_course) == {}


def test_levels_must_match_objectives_and_scenarios_say_they_are_fictional(
    starter_course,
) -> None:
    body = _single("s", 1, ("One", "Two", "Three")).replace(
        "    stem:", "    level: evaluate\n    scenario: A real-looking case.\n    stem:")
    _write_bank(starter_course, body)
    messages = {d["code"]: (d["line"], d["message"]) for d in _warnings(starter_course)}
    assert messages["item-level"] == (7, "question is at level 'evaluate' but objective "
                                      "'explain-dual-use' is at 'understand'; rewrite the "
                                      "question to test the objective, or move it under an "
                                      "objective it tests")
    assert messages["scenario-label"][0] == 8


def _errors(course: Path) -> list[dict]:
    result = coursegen("check", "--format", "json", course)
    return [d for d in json.loads(result.stdout)["diagnostics"] if d["severity"] == "error"]


def test_forms_are_parallel_balanced_and_apart_from_knowledge_checks(starter_course) -> None:
    bank = starter_course / "quizzes/getting-started.yaml"
    text = bank.read_text()
    bank.write_text(text.replace("  pre: [dual-use, safeguard-order]\n  post: [benefits,",
                                 "  pre: [dual-use, benefits]\n  post: [dual-use, benefits,"))
    found = {(d["file"], d["line"], d["code"]) for d in _warnings(starter_course)}
    assert ("quizzes/getting-started.yaml", 8, "form-balance") in found
    # A post-test question met before the test is an error, located where it is exposed.
    errors = {(d["file"], d["line"], d["code"]): d["message"] for d in _errors(starter_course)}
    assert set(errors) == {("quizzes/getting-started.yaml", 8, "form-overlap"),
                           ("modules/getting-started/01-double-edged.yaml", 53,
                            "form-knowledge-check")}
    assert errors["quizzes/getting-started.yaml", 8, "form-overlap"].startswith(
        "the pre-test reuses post-test questions (dual-use, benefits)")
    assert "list it under forms.exposed in quizzes/getting-started.yaml" in errors[
        "modules/getting-started/01-double-edged.yaml", 53, "form-knowledge-check"]
    assert coursegen("check", starter_course).returncode != 0

    bank.write_text(text.replace("lint: {post_per_objective: 1}", "lint: {}"))
    messages = [d["message"] for d in _warnings(starter_course)]
    assert messages == ["objective 'explain-dual-use' has 1 post-test question(s); give it at "
                        "least 3"]
    assert _errors(starter_course) == []


def test_a_course_opts_in_to_exposure_by_naming_the_questions(starter_course) -> None:
    bank = starter_course / "quizzes/getting-started.yaml"
    text = bank.read_text()
    bank.write_text(text.replace(
        "  pre: [dual-use, safeguard-order]\n  post: [benefits,",
        "  pre: [dual-use, benefits]\n  exposed: [dual-use, benefits, sdg-x]\n"
        "  post: [dual-use, benefits,"))
    errors = [(d["line"], d["code"], d["message"]) for d in _errors(starter_course)]
    assert errors == [(9, "form-exposed-unknown", "forms.exposed names 'sdg-x', which is not a "
                       "post-test question; remove it from forms.exposed")]
    bank.write_text(bank.read_text().replace(", sdg-x]", "]"))
    assert _errors(starter_course) == []


def test_switching_off_an_exposure_error_is_refused_with_the_way_to_accept_it(
    starter_course,
) -> None:
    bank = starter_course / "quizzes/getting-started.yaml"
    bank.write_text(bank.read_text().replace(
        "lint: {post_per_objective: 1}", "lint: {post_per_objective: 1, ignore: [form-overlap]}"))
    assert [d["message"] for d in _warnings(starter_course)] == [
        "'form-overlap' is an error, not an item-writing rule, and cannot be switched off; "
        "list the questions under forms.exposed to accept them"]


def test_a_bank_tunes_or_switches_off_rules_and_a_misspelt_rule_is_named(starter_course) -> None:
    singles = "".join(_single(f"q{n}", n % 4, ("Longer right answer", "B", "C", "D"))
                      for n in range(4))
    _write_bank(starter_course, singles, SETTINGS + "  lint:\n    key_longest_share: 1\n")
    assert _codes(starter_course) == {}
    _write_bank(starter_course, singles,
                SETTINGS + "  lint:\n    ignore: [key-longest, key-lenght]\n")
    warnings = _warnings(starter_course)
    assert [d["code"] for d in warnings] == ["lint-unknown-rule"]
    assert warnings[0]["line"] == 4
    assert warnings[0]["message"].startswith("no item-writing rule 'key-lenght' (rules: ")


def _with_source_text(course: Path) -> None:
    (course / "sources.yaml").write_text(
        (course / "sources.yaml").read_text()
        + "    text: 000_28049056dbd0bee3.txt\n    paragraphs: numbered\n")


def test_the_answer_to_a_fictional_case_is_not_looked_up_in_the_sources(starter_course) -> None:
    _with_source_text(starter_course)
    bank = starter_course / "quizzes/getting-started.yaml"
    result = coursegen("check", "--strict", "--sources", SEEDS, starter_course)
    assert result.returncode == 0, result.stderr
    bank.write_text(bank.read_text().replace("Fictional case: a search team", "A search team"))
    result = coursegen("check", "--sources", SEEDS, starter_course)
    assert "figure 16 does not appear in unodc-ws4-2020#74" in result.stderr


def test_a_finding_may_be_dated_with_the_year_of_its_source(starter_course) -> None:
    _with_source_text(starter_course)
    bank = starter_course / "quizzes/getting-started.yaml"
    dated = bank.read_text().replace(
        "stem: Which record answers that question?",
        "stem: Which record, in the 2020 UNODC paper's terms, answers that question?")
    bank.write_text(dated)
    assert coursegen("check", "--strict", "--sources", SEEDS, starter_course).returncode == 0
    bank.write_text(dated.replace("the 2020 UNODC", "the 2021 UNODC"))
    result = coursegen("check", "--sources", SEEDS, starter_course)
    assert "figure 2021 does not appear in unodc-ws4-2020#74" in result.stderr
