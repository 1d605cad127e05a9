"""Distractor analysis, mastery by objective and the flags a trainer acts on."""

from __future__ import annotations

import numpy as np
import pytest

from coursegen.stats.analysis import analyse, analyse_form
from coursegen.stats.flags import FlagRules
from coursegen.stats.responses import QuestionInfo, ResponseMatrix

OPTIONS = ("right", "near miss", "far off", "absurd")


def generated_cohort(attempts: int = 300, questions: int = 10, miskeyed: int = 6,
                     seed: int = 11) -> ResponseMatrix:
    """Single-choice questions (key: option A) answered by learners of varying ability.

    For question `miskeyed` the bank keys A, but option C is the truly right
    answer: learners who know the topic pick C and score 0 for it.
    """
    rng = np.random.default_rng(seed)
    ability = rng.normal(size=attempts)
    difficulty = rng.uniform(-1, 1, size=questions)
    knows = rng.random((attempts, questions)) < 1 / (1 + np.exp(-1.7 * (ability[:, None]
                                                                         - difficulty)))
    guess = rng.choice([1, 2], size=(attempts, questions))  # "absurd" (D) is never chosen
    chosen = np.where(knows, 0, guess)
    chosen[:, miskeyed] = np.where(knows[:, miskeyed], 2, rng.choice([0, 1, 3], attempts))
    scores = (chosen == 0).astype(float)
    info = tuple(QuestionInfo(f"q{j}", 1.0, "obj-a" if j < 5 else "obj-b", "single", OPTIONS,
                              (True, False, False, False)) for j in range(questions))
    return ResponseMatrix(info, scores, (1 << chosen).astype(np.int64))


def test_miskeyed_question_is_flagged_as_likely_wrong_key_and_nothing_else_is():
    form = analyse_form(generated_cohort(), pass_mark=70)
    wrong_key = [f for f in form.flags if f.code == "likely-wrong-key"]
    assert [f.question_id for f in wrong_key] == ["q6"]
    assert "option C (far off)" in wrong_key[0].message
    assert "check the answer key" in wrong_key[0].message
    codes = {f.code for f in form.flags_for("q6")}
    assert "negative-discrimination" in codes
    item = next(i for i in form.items if i.question_id == "q6")
    assert item.discrimination < 0
    options = form.options["q6"].options
    assert options[2].top_share > options[0].top_share


def test_a_distractor_nobody_picks_is_flagged():
    form = analyse_form(generated_cohort())
    unused = [f for f in form.flags if f.code == "unused-distractor"]
    # D is never chosen except in the mis-keyed question, where wrong guesses include it
    assert sorted(f.question_id for f in unused) == sorted(f"q{j}" for j in range(10) if j != 6)
    assert "option D (absurd) was never chosen" in unused[0].message


def test_option_counts_and_group_shares_by_hand():
    info = (QuestionInfo("q", 1.0, "o", "single", ("a", "b", "c"), (True, False, False)),
            QuestionInfo("r", 1.0, "o", "numeric"))
    scores = np.array([[1, 1], [1, 0], [0, 1], [0, 0], [np.nan, 1]], dtype=float)
    selections = np.array([[1, 0], [1, 0], [2, 0], [0, 0], [0, 0]])
    form = analyse_form(ResponseMatrix(info, scores, selections),
                        rules=FlagRules(min_attempts=1))
    q = form.options["q"]
    assert (q.asked, q.unanswered, q.top_size) == (4, 1, 1)
    assert [o.count for o in q.options] == [2, 1, 0]
    assert [o.share for o in q.options] == [0.5, 0.25, 0.0]
    assert q.options[0].top_share == 1.0 and q.options[0].bottom_share == 0.0
    assert "r" not in form.options


def test_too_easy_too_hard_and_weak_discrimination():
    rng = np.random.default_rng(5)
    n = 200
    easy = (rng.random(n) < 0.97).astype(float)
    hard = (rng.random(n) < 0.05).astype(float)
    noise = (rng.random(n) < 0.5).astype(float)
    ability = rng.normal(size=n)
    signal = (ability[:, None] + rng.normal(scale=0.6, size=(n, 5)) > 0).astype(float)
    scores = np.column_stack([easy, hard, noise, signal])
    info = tuple(QuestionInfo(f"q{j}", 1.0, "o", "short-answer") for j in range(8))
    form = analyse_form(ResponseMatrix(info, scores))
    assert "too-easy" in [f.code for f in form.flags_for("q0")]
    assert "too-hard" in [f.code for f in form.flags_for("q1")]
    assert {f.code for f in form.flags_for("q2")} <= {"weak-discrimination",
                                                      "negative-discrimination"}
    assert form.flags_for("q2")
    assert all(not form.flags_for(f"q{j}") for j in range(3, 8))


def test_no_flags_below_the_minimum_number_of_attempts():
    small = generated_cohort(attempts=9)
    assert analyse_form(small).flags == ()
    assert analyse_form(small, rules=FlagRules(min_attempts=5)).flags != ()


def test_mastery_by_objective():
    info = (QuestionInfo("a1", 1.0, "a"), QuestionInfo("a2", 2.0, "a"),
            QuestionInfo("b1", 1.0, "b"))
    scores = np.array([[1, 2, 0], [0, 1, np.nan], [1, 0, 1]], dtype=float)
    form = analyse_form(ResponseMatrix(info, scores), pass_mark=60)
    a, b = form.objectives
    assert (a.objective, a.questions, a.attempts) == ("a", 2, 3)
    assert a.mean == pytest.approx((100 + 100 / 3 + 100 / 3) / 3)
    assert a.mastered == pytest.approx(100 / 3)
    assert (b.attempts, b.mean, b.mastered) == (2, 50.0, 50.0)


def test_forms_are_analysed_separately():
    info = (QuestionInfo("a", 1.0), QuestionInfo("b", 1.0))
    scores = np.array([[0, np.nan], [1, np.nan], [1, 1], [1, 0]], dtype=float)
    matrix = ResponseMatrix(info, scores, forms=np.array(["pre", "pre", "post", "post"]),
                            learners=np.array(["x", "y", "x", "y"]))
    stats = analyse(matrix)
    assert [f.form for f in stats.forms] == ["pre", "post"]
    assert [i.question_id for i in stats.form("pre").items] == ["a"]
    assert stats.form("post").overall.mean == pytest.approx(75.0)
