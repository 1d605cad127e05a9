"""Reliability on drawn quizzes: a simulated cohort with a known reliability is recovered.

Each learner answers 10 questions drawn from a bank of 24 (as every shipped module does).
The truth is the reliability of 10-question papers measured where it is unambiguous: on the
same simulated learners answering *every* bank question, the mean fixed-form alpha of many
random 10-question papers. The drawn-quiz estimate must land within 0.05 of it.
"""

from __future__ import annotations

import numpy as np
import pytest

from coursegen.stats.moodle import cronbach_alpha, item_statistics, overall_statistics
from coursegen.stats.responses import QuestionInfo, ResponseMatrix

BANK, DRAWN, LEARNERS = 24, 10, 2000
TOLERANCE = 0.05


def simulated_bank(seed: int, discrimination: float) -> np.ndarray:
    """Right/wrong marks of every learner on every bank question (a 2PL item response model)."""
    rng = np.random.default_rng(seed)
    ability = rng.normal(size=LEARNERS)
    difficulty = rng.uniform(-1.5, 1.5, size=BANK)
    slope = discrimination * rng.uniform(0.7, 1.3, size=BANK)
    chance = 1 / (1 + np.exp(-slope * (ability[:, None] - difficulty)))
    return (rng.random((LEARNERS, BANK)) < chance).astype(float)


def true_reliability(full: np.ndarray, seed: int) -> float:
    """The mean fixed-form alpha of 200 random papers of DRAWN questions."""
    rng = np.random.default_rng(seed)
    return float(np.mean([cronbach_alpha(full[:, rng.choice(BANK, DRAWN, replace=False)])
                          for _ in range(200)]))


def drawn(full: np.ndarray, seed: int) -> np.ndarray:
    """What the attempts database holds: each learner's own DRAWN questions, NaN elsewhere."""
    rng = np.random.default_rng(seed)
    marks = np.full_like(full, np.nan)
    for row in range(LEARNERS):
        paper = rng.choice(BANK, DRAWN, replace=False)
        marks[row, paper] = full[row, paper]
    return marks


@pytest.mark.parametrize("discrimination", [0.8, 1.7, 3.0])
def test_alpha_of_a_drawn_quiz_recovers_the_reliability_of_its_papers(discrimination):
    full = simulated_bank(seed=11, discrimination=discrimination)
    truth = true_reliability(full, seed=12)
    matrix = ResponseMatrix(tuple(QuestionInfo(f"q{j}", 1.0) for j in range(BANK)),
                            drawn(full, seed=13))
    estimate = overall_statistics(matrix).alpha
    print(f"discrimination {discrimination}: truth {truth:.3f}, estimate {estimate:.3f}, "
          f"recovery error {estimate - truth:+.3f}")
    assert estimate == pytest.approx(truth, abs=TOLERANCE)
    # Summing all 24 variances against a 10-question total (Moodle's way) misses by far.
    marks = matrix.scores
    total = np.nansum(marks, axis=1)
    naive = DRAWN / (DRAWN - 1) * (1 - np.nansum(np.nanvar(marks, axis=0, ddof=1))
                                   / np.var(total, ddof=1))
    assert abs(naive - truth) > 3 * TOLERANCE


def test_intended_and_effective_weights_are_on_one_basis():
    full = simulated_bank(seed=5, discrimination=1.7)
    matrix = ResponseMatrix(tuple(QuestionInfo(f"q{j}", 1.0) for j in range(BANK)),
                            drawn(full, seed=6))
    items = item_statistics(matrix)
    assert sum(i.intended_weight for i in items) == pytest.approx(100)
    assert sum(i.effective_weight for i in items if i.effective_weight) == pytest.approx(100)
    # Each question was on about 10 of 24 papers: about a 24th of the marks on offer.
    assert all(i.intended_weight == pytest.approx(100 / BANK, rel=0.2) for i in items)
