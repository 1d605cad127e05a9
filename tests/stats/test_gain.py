"""Pre/post learning gain, matched by learner: raw and Hake's normalised gain."""

from __future__ import annotations

import numpy as np
import pytest

from coursegen.stats.gain import learning_gain


def gain_of(rows, sessions=None):
    learners, forms, percent = zip(*rows, strict=True)
    return learning_gain(np.array(learners, dtype=object), np.array(forms),
                         np.array(percent, dtype=float),
                         None if sessions is None else np.array(sessions, dtype=object))


def test_hand_checked_gains_matched_by_learner():
    report = gain_of([("ana", "pre", 40), ("ben", "pre", 80), ("ana", "post", 70),
                      ("ben", "post", 90), ("cal", "pre", 50), ("dee", "post", 100)])
    by_name = {g.learner: g for g in report.learners}
    assert set(by_name) == {"ana", "ben"}
    assert by_name["ana"].raw == 30 and by_name["ana"].normalised == pytest.approx(0.5)
    assert by_name["ben"].raw == 10 and by_name["ben"].normalised == pytest.approx(0.5)
    cohort = report.overall
    assert (cohort.matched, cohort.pre_only, cohort.post_only) == (2, 1, 1)
    assert (cohort.mean_pre, cohort.mean_post, cohort.mean_raw) == (60, 80, 20)
    assert cohort.hake == pytest.approx(0.5)  # (80 − 60) / (100 − 60)
    assert cohort.mean_normalised == pytest.approx(0.5)
    assert cohort.improved == 1.0
    assert cohort.sd_raw == pytest.approx(np.std([30, 10], ddof=1))
    assert cohort.effect_size == pytest.approx(20 / np.std([30, 10], ddof=1))


def test_first_attempt_at_each_form_counts():
    report = gain_of([("ana", "pre", 20), ("ana", "pre", 90), ("ana", "post", 60),
                      ("ana", "post", 10)])
    (only,) = report.learners
    assert (only.pre, only.post, only.raw) == (20, 60, 40)
    assert only.normalised == pytest.approx(0.5)


def test_full_pre_score_gives_normalised_gain_not_defined():
    report = gain_of([("ana", "pre", 100), ("ana", "post", 90)])
    (only,) = report.learners
    assert only.raw == -10 and only.normalised is None
    cohort = report.overall
    assert cohort.hake is None and cohort.mean_normalised is None
    assert cohort.sd_raw is None and cohort.effect_size is None
    assert cohort.improved == 0.0


def test_no_matched_learner_is_not_a_crash():
    cohort = gain_of([("ana", "pre", 10), ("ben", "post", 90)]).overall
    assert cohort.matched == 0 and cohort.mean_raw is None and cohort.hake is None


def test_gain_per_session():
    report = gain_of([("ana", "pre", 0), ("ben", "pre", 50), ("ana", "post", 50),
                      ("ben", "post", 100)], sessions=["A", "B", "A", "B"])
    assert [s.cohort for s in report.sessions] == ["A", "B"]
    assert [s.hake for s in report.sessions] == [pytest.approx(0.5), pytest.approx(1.0)]
    assert report.overall.hake == pytest.approx((75 - 25) / 75)
