"""Pre/post learning gain, matched by learner: raw gain and Hake's normalised gain.

Each learner's first pre-test attempt is paired with their first post-test
attempt (rows arrive in start order). Scores are percentages, so the two forms
may have different questions. Hake's normalised gain is the share of the
possible improvement achieved, (post − pre) / (100 − pre): per learner, not
defined when the pre-test was already 100 %; per cohort, both Hake's
class-average gain (from the mean pre and post) and the mean of the learners'
gains are given.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coursegen.stats.moodle import defined


@dataclass(frozen=True)
class LearnerGain:
    """One learner's pre and post scores (percent) and their gains."""

    learner: str
    session: str | None
    pre: float
    post: float
    raw: float
    normalised: float | None


@dataclass(frozen=True)
class CohortGain:
    """The gain of a group of matched learners (all of them, or one session)."""

    cohort: str
    matched: int
    pre_only: int
    post_only: int
    mean_pre: float | None
    mean_post: float | None
    mean_raw: float | None
    sd_raw: float | None
    hake: float | None
    mean_normalised: float | None
    improved: float | None
    effect_size: float | None


@dataclass(frozen=True)
class GainReport:
    """Every matched learner, the whole cohort, and each session when sessions are known."""

    learners: tuple[LearnerGain, ...]
    overall: CohortGain
    sessions: tuple[CohortGain, ...] = ()


def learning_gain(learners: np.ndarray, forms: np.ndarray, percent: np.ndarray,
                  sessions: np.ndarray | None = None) -> GainReport:
    """Pair each learner's first pre and first post attempt and measure the gain."""
    learners = np.asarray(learners, dtype=object).astype(str)
    pre_ids, pre_rows = _first_rows(learners, forms == "pre")
    post_ids, post_rows = _first_rows(learners, forms == "post")
    matched, in_pre, in_post = np.intersect1d(pre_ids, post_ids, return_indices=True)
    pre = percent[pre_rows[in_pre]]
    post = percent[post_rows[in_post]]
    raw = post - pre
    with np.errstate(divide="ignore", invalid="ignore"):
        normalised = np.where(pre < 100 - 1e-9, raw / (100 - pre), np.nan)
    session_of = (sessions[post_rows[in_post]] if sessions is not None
                  else np.full(matched.size, None, dtype=object))
    pairs = tuple(LearnerGain(str(matched[i]), session_of[i], float(pre[i]), float(post[i]),
                              float(raw[i]), defined(normalised[i])) for i in range(matched.size))
    overall = _cohort("all learners", pre, post, normalised, pre_ids.size, post_ids.size)
    by_session = []
    if sessions is not None:
        for code in sorted({s for s in session_of if s}):
            keep = session_of == code
            by_session.append(_cohort(code, pre[keep], post[keep], normalised[keep],
                                      int(keep.sum()), int(keep.sum())))
    return GainReport(pairs, overall, tuple(by_session))


def _first_rows(learners: np.ndarray, keep: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    rows = np.flatnonzero(keep)
    ids, first = np.unique(learners[rows], return_index=True)
    return ids, rows[first]


def _cohort(name: str, pre: np.ndarray, post: np.ndarray, normalised: np.ndarray,
            pre_count: int, post_count: int) -> CohortGain:
    n = int(pre.size)
    if n == 0:
        return CohortGain(name, 0, pre_count, post_count, *([None] * 8))
    raw = post - pre
    mean_pre, mean_post = float(pre.mean()), float(post.mean())
    hake = (mean_post - mean_pre) / (100 - mean_pre) if mean_pre < 100 - 1e-9 else None
    finite = normalised[np.isfinite(normalised)]
    sd = float(np.std(raw, ddof=1)) if n > 1 else None
    effect = float(raw.mean()) / sd if sd else None
    return CohortGain(
        cohort=name, matched=n, pre_only=pre_count - n, post_only=post_count - n,
        mean_pre=mean_pre, mean_post=mean_post, mean_raw=float(raw.mean()), sd_raw=sd,
        hake=defined(hake) if hake is not None else None,
        mean_normalised=float(finite.mean()) if finite.size else None,
        improved=float(np.mean(raw > 1e-9)),
        effect_size=defined(effect) if effect is not None else None,
    )
