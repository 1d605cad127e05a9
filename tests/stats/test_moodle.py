"""Item and overall statistics: published reference values, hand-checked cases, degenerate cases."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from scipy.stats import kurtosis, pointbiserialr, skew

from coursegen.stats.analysis import analyse
from coursegen.stats.export import stats_csv, stats_json
from coursegen.stats.moodle import cronbach_alpha, item_statistics, overall_statistics
from coursegen.stats.responses import QuestionInfo, ResponseMatrix

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "stats"


def matrix_of(rows, points=None) -> ResponseMatrix:
    """A response matrix of plain marks, one-point questions unless told."""
    scores = np.array(rows, dtype=float)
    points = points or [1.0] * scores.shape[1]
    return ResponseMatrix(tuple(QuestionInfo(f"q{j + 1}", p) for j, p in enumerate(points)),
                          scores)


def pingouin_dataset() -> np.ndarray:
    with (FIXTURES / "cronbach_wide_missing.csv").open() as handle:
        rows = list(csv.reader(handle))[1:]
    return np.array([[float(v) if v else np.nan for v in row] for row in rows])


def test_alpha_reproduces_pingouins_documented_value_on_complete_cases():
    data = pingouin_dataset()
    complete = data[~np.isnan(data).any(axis=1)]
    assert complete.shape == (9, 11)
    assert cronbach_alpha(complete) == pytest.approx(0.8016949152542373, abs=1e-12)
    overall = overall_statistics(ResponseMatrix(
        tuple(QuestionInfo(f"Q{j}", 1.0) for j in range(11)), complete))
    assert overall.alpha == pytest.approx(0.8016949152542373, abs=1e-12)


def test_discrimination_index_is_100_times_scipys_point_biserial_item_rest_correlation():
    data = pingouin_dataset()
    complete = data[~np.isnan(data).any(axis=1)]
    items = item_statistics(matrix_of(complete))
    totals = complete.sum(axis=1)
    checked = 0
    for j, item in enumerate(items):
        if complete[:, j].std() == 0:
            continue
        expected = pointbiserialr(complete[:, j], totals - complete[:, j]).statistic
        assert item.discrimination == pytest.approx(100 * expected, abs=1e-9)
        checked += 1
    assert checked == 11


def test_item_rest_correlation_uses_only_attempts_that_were_asked_the_question():
    data = pingouin_dataset()
    items = item_statistics(matrix_of(data))
    asked = ~np.isnan(data[:, 0])
    totals = np.nansum(data, axis=1)
    expected = pointbiserialr(data[asked, 0], totals[asked] - data[asked, 0]).statistic
    assert items[0].attempts == 11
    assert items[0].discrimination == pytest.approx(100 * expected)


# Four attempts, three right/wrong questions, worked by hand:
# totals 3, 2, 1, 0; item variances 1/4, 1/3, 1/4; total variance 5/3.
HAND = [[1, 1, 1], [1, 1, 0], [1, 0, 0], [0, 0, 0]]


def test_hand_checked_item_statistics():
    first, second, third = item_statistics(matrix_of(HAND))
    assert first.facility == pytest.approx(0.75)
    assert first.sd == pytest.approx(0.5)
    # cov(item, rest) = 1/4, var(rest) = 11/12: 100 × 0.25 / √(0.25 × 11/12)
    assert first.discrimination == pytest.approx(100 * 0.25 / np.sqrt(0.25 * 11 / 12))
    assert first.discrimination == pytest.approx(52.2233, abs=1e-4)
    # sorted marks and sorted rest scores give the same covariance: efficiency 100
    assert first.efficiency == pytest.approx(100.0)
    assert second.facility == pytest.approx(0.5)
    assert second.sd == pytest.approx(np.sqrt(1 / 3))
    # cov(item, total): 1/2, 2/3, 1/2 → weights ∝ √ of them
    roots = np.sqrt([0.5, 2 / 3, 0.5])
    for item, root in zip((first, second, third), roots, strict=True):
        assert item.effective_weight == pytest.approx(100 * root / roots.sum())
        assert item.intended_weight == pytest.approx(100 / 3)
    assert first.effective_weight == pytest.approx(31.70, abs=0.01)


def test_hand_checked_overall_statistics():
    overall = overall_statistics(matrix_of(HAND), pass_mark=50)
    assert overall.attempts == 4
    assert overall.questions == 3
    assert overall.mean == pytest.approx(50.0)
    assert overall.median == pytest.approx(50.0)
    assert overall.sd == pytest.approx(100 / 3 * np.sqrt(5 / 3))
    assert overall.skewness == pytest.approx(0.0, abs=1e-12)
    assert overall.kurtosis == pytest.approx(-1.2)  # k4 / k2² = (−10/3) / (5/3)²
    assert overall.alpha == pytest.approx(0.75)  # 3/2 × (1 − (5/6) / (5/3))
    assert overall.error_ratio == pytest.approx(50.0)  # 100 × √(1 − 0.75)
    assert overall.standard_error == pytest.approx(0.5 * overall.sd)
    assert overall.pass_rate == pytest.approx(50.0)  # 100 % and 66.7 % pass at 50 %


def test_skewness_and_kurtosis_match_scipys_unbiased_estimators():
    rng = np.random.default_rng(3)
    marks = (rng.random((57, 8)) < rng.uniform(0.3, 0.9, 8)).astype(float)
    overall = overall_statistics(matrix_of(marks))
    percent = 100 * marks.sum(axis=1) / 8
    assert overall.skewness == pytest.approx(skew(percent, bias=False))
    assert overall.kurtosis == pytest.approx(kurtosis(percent, bias=False))


def test_weighted_questions_use_their_own_maximum():
    matrix = matrix_of([[2, 1], [1, 0], [0, 1]], points=[2.0, 1.0])
    first, second = item_statistics(matrix)
    assert first.facility == pytest.approx(0.5)
    assert second.facility == pytest.approx(2 / 3)
    assert first.intended_weight == pytest.approx(200 / 3)
    overall = overall_statistics(matrix)
    assert overall.mean == pytest.approx(100 * (3 / 3 + 1 / 3 + 1 / 3) / 3)


def test_one_attempt_gives_not_defined_not_nan():
    items = item_statistics(matrix_of([[1, 0, 1]]))
    assert items[0].facility == 1.0
    assert all(i.sd is None and i.discrimination is None and i.efficiency is None
               for i in items)
    overall = overall_statistics(matrix_of([[1, 0, 1]]))
    assert overall.mean == pytest.approx(200 / 3)
    assert (overall.sd, overall.skewness, overall.kurtosis, overall.alpha, overall.error_ratio,
            overall.standard_error) == (None, None, None, None, None, None)


def test_zero_variance_totals_and_all_correct_items_are_not_defined():
    same = matrix_of([[1, 0], [0, 1], [1, 0], [0, 1]])  # every total is 1
    overall = overall_statistics(same)
    assert overall.sd == 0.0
    assert overall.skewness is None and overall.kurtosis is None and overall.alpha is None
    all_right = item_statistics(matrix_of([[1, 1], [1, 0], [1, 1], [1, 0]]))
    assert all_right[0].facility == 1.0
    assert all_right[0].sd == 0.0
    assert all_right[0].discrimination is None
    assert all_right[0].efficiency is None
    assert all_right[1].discrimination is None  # rest-of-test (the all-correct item) is constant


def test_degenerate_statistics_reach_json_as_null_and_csv_as_empty():
    stats = analyse(matrix_of([[1, 1], [1, 1], [1, 1]]))
    data = json.loads(stats_json(stats, {"module": "m"}))
    item = data["forms"][0]["questions"][0]
    assert item["facility"] == 1.0
    assert item["discrimination"] is None
    assert data["forms"][0]["overall"]["alpha"] is None
    row = stats_csv(stats).splitlines()[1].split(",")
    assert row[:6] == ["exam", "q1", "", "single", "3", "1"]
    assert row[7] == ""  # discrimination: not defined


def test_questions_not_asked_in_a_form_are_left_out_and_empty_matrix_is_harmless():
    matrix = matrix_of([[1, np.nan], [0, np.nan]])
    stats = analyse(matrix)
    assert [i.question_id for i in stats.forms[0].items] == ["q1"]
    empty = analyse(ResponseMatrix((QuestionInfo("q1", 1.0),), np.empty((0, 1))))
    assert empty.forms == () and empty.gain is None
