"""Moodle-compatible item and overall statistics of one quiz form, vectorised with numpy. Pure.

The formulas follow Moodle's quiz statistics report
(``question/classes/statistics/questions/calculator.php`` and
``mod/quiz/report/statistics/classes/calculator.php``):

* a question's statistics use the attempts in which it was asked (NaN marks
  the others), its *rest-of-test* score is the attempt total minus its own mark;
* facility = mean mark / max mark; SD is shown as a fraction of the max mark;
* discrimination index = 100 × corr(mark, rest-of-test);
* discriminative efficiency = 100 × cov(mark, rest) / the covariance the same
  marks would have if both were sorted in the same order (its maximum);
* effective weight = 100 × √cov(mark, total) / Σ √cov(markₖ, total), not
  defined for a question whose covariance with the total is negative;
* test: mean, median, SD (n − 1), skewness k₃/k₂^1.5 and kurtosis k₄/k₂² from
  the k-statistics, Cronbach's alpha (KR-20 for 0/1 items)
  p/(p − 1) × (1 − Σ var(markⱼ) / var(total)), error ratio 100 × √(1 − alpha)
  and standard error = error ratio × SD / 100.

Where learners answer different subsets of a bank (a drawn quiz), Moodle's formulas mix
bases; here alpha comes from the pairwise item covariance matrix for a paper of p questions
(see :func:`cronbach_alpha`), and intended weights are each question's share of all marks
on offer, so they sum to 100 % like the effective weights.

A value that cannot be computed (one attempt, no spread, all correct) is
``None`` — "not defined" — never NaN, so reports and JSON stay honest.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coursegen.stats.responses import ResponseMatrix

TINY = 1e-12
"""Variances and covariances below this (times the squared max mark) count as zero: float noise."""


@dataclass(frozen=True)
class ItemStats:
    """Statistics of one question over the attempts that were asked it."""

    question_id: str
    objective: str
    kind: str
    max_points: float
    attempts: int
    mean: float | None
    facility: float | None
    sd: float | None
    discrimination: float | None
    efficiency: float | None
    effective_weight: float | None
    intended_weight: float | None


@dataclass(frozen=True)
class OverallStats:
    """Statistics of the attempt totals, in percent of each attempt's maximum."""

    attempts: int
    questions: int
    mean: float | None
    median: float | None
    sd: float | None
    skewness: float | None
    kurtosis: float | None
    alpha: float | None
    error_ratio: float | None
    standard_error: float | None
    pass_mark: float | None = None
    pass_rate: float | None = None


def defined(value: float) -> float | None:
    """`value` as a float, or None when it is NaN or infinite (a statistic that is not defined)."""
    value = float(value)
    return value if np.isfinite(value) else None


def attempt_totals(matrix: ResponseMatrix) -> tuple[np.ndarray, np.ndarray]:
    """Each attempt's points earned and points possible (over the questions it was asked)."""
    asked = ~np.isnan(matrix.scores)
    earned = np.where(asked, matrix.scores, 0.0).sum(axis=1)
    possible = (asked * matrix.max_points).sum(axis=1)
    return earned, possible


def attempt_percent(matrix: ResponseMatrix) -> np.ndarray:
    """Each attempt's score in percent of its own maximum (NaN for an attempt with no question)."""
    earned, possible = attempt_totals(matrix)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(possible > 0, 100 * earned / possible, np.nan)


def item_statistics(matrix: ResponseMatrix) -> list[ItemStats]:
    """Per-question statistics (Moodle's definitions; see the module docs)."""
    scores = matrix.scores
    n_rows, n_items = scores.shape
    max_points = matrix.max_points
    asked = ~np.isnan(scores)
    marks = np.where(asked, scores, 0.0)
    total = marks.sum(axis=1)
    s = asked.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        count = np.maximum(s, 1)
        mean = marks.sum(axis=0) / count
        rest = total[:, None] - marks
        rest_mean = np.where(asked, rest, 0.0).sum(axis=0) / count
        total_mean = (asked * total[:, None]).sum(axis=0) / count
        d_mark = np.where(asked, marks - mean, 0.0)
        d_rest = np.where(asked, rest - rest_mean, 0.0)
        d_total = np.where(asked, total[:, None] - total_mean, 0.0)
        dof = np.where(s > 1, s - 1, np.nan)
        var_mark = (d_mark**2).sum(axis=0) / dof
        var_rest = (d_rest**2).sum(axis=0) / dof
        cov = (d_mark * d_rest).sum(axis=0) / dof
        cov_total = (d_mark * d_total).sum(axis=0) / dof
        cov_max = _sorted_covariance(scores, np.where(asked, rest, np.nan), mean, rest_mean) / dof
        noise = TINY * np.maximum(max_points, 1.0) ** 2
        var_mark = np.where(var_mark > noise, var_mark, 0.0)
        product = var_mark * var_rest
        discrimination = np.where(product > noise**2, 100 * cov / np.sqrt(product), np.nan)
        efficiency = np.where(np.abs(cov_max) > noise, 100 * cov / cov_max, np.nan)
        sd = np.sqrt(np.where(s > 1, (d_mark**2).sum(axis=0) / dof, np.nan)) / max_points
        facility = np.where(s > 0, mean / max_points, np.nan)
        # Intended weight: the question's share of all the marks on offer across the attempts
        # (its maximum times how often it was asked), so that intended weights sum to 100 % as
        # the effective weights do, on a fixed form and on a drawn quiz alike.
        offered = max_points * s
        intended = 100 * offered / offered.sum()
    weights = _effective_weights(cov_total)
    return [
        ItemStats(
            question_id=info.id, objective=info.objective, kind=info.kind,
            max_points=info.max_points, attempts=int(s[j]),
            mean=defined(mean[j]) if s[j] else None, facility=defined(facility[j]),
            sd=defined(sd[j]), discrimination=defined(discrimination[j]),
            efficiency=defined(efficiency[j]), effective_weight=weights[j],
            intended_weight=defined(intended[j]) if s[j] else None,
        )
        for j, info in enumerate(matrix.questions)
    ] if n_rows or n_items else []


def _sorted_covariance(scores: np.ndarray, rest: np.ndarray, mean: np.ndarray,
                       rest_mean: np.ndarray) -> np.ndarray:
    """Σ (sorted mark − mean)(sorted rest − mean): the covariance's maximum, times (s − 1).

    np.sort puts NaN last, so for every question its asked rows line up first in
    both sorted columns and the NaN tail drops out of the sum.
    """
    sorted_marks = np.sort(scores, axis=0) - mean
    sorted_rest = np.sort(rest, axis=0) - rest_mean
    return np.nansum(sorted_marks * sorted_rest, axis=0)


def _effective_weights(cov_total: np.ndarray) -> list[float | None]:
    positive = np.where(np.isfinite(cov_total) & (cov_total >= 0), cov_total, np.nan)
    roots = np.sqrt(positive)
    denominator = np.nansum(roots)
    if not denominator > 0:
        return [None] * len(cov_total)
    return [defined(100 * r / denominator) for r in roots]


def overall_statistics(matrix: ResponseMatrix, items: list[ItemStats] | None = None,
                    pass_mark: float | None = None) -> OverallStats:
    """Statistics of the attempt totals: centre, spread, shape and reliability (see module docs)."""
    scores = matrix.scores
    asked = ~np.isnan(scores)
    percent = attempt_percent(matrix)
    valid = np.isfinite(percent)
    percent = percent[valid]
    n = int(percent.size)
    questions_per_attempt = round(float(asked[valid].sum(axis=1).mean())) if n else 0
    pass_rate = (defined(100 * np.mean(percent + 1e-9 >= pass_mark))
                 if pass_mark is not None and n else None)
    if n == 0:
        return OverallStats(0, questions_per_attempt, *([None] * 8), pass_mark, pass_rate)
    mean = float(percent.mean())
    median = float(np.median(percent))
    sd = skewness = kurtosis = alpha = error_ratio = standard_error = None
    if n > 1:
        deviation = percent - mean
        m2, m3, m4 = (float(np.mean(deviation**k)) for k in (2, 3, 4))
        k2 = n * m2 / (n - 1)
        spread = k2 > TINY * max(1.0, mean**2)
        sd = float(np.sqrt(k2)) if spread else 0.0
        if n > 2 and spread:
            k3 = n * n * m3 / ((n - 1) * (n - 2))
            skewness = k3 / k2**1.5
            if n > 3:
                k4 = n * n * ((n + 1) * m4 - 3 * (n - 1) * m2 * m2) / ((n - 1) * (n - 2) * (n - 3))
                kurtosis = k4 / (k2 * k2)
        alpha = cronbach_alpha(scores[valid], questions_per_attempt)
        if alpha is not None and alpha <= 1:
            error_ratio = 100 * float(np.sqrt(1 - alpha))
            standard_error = error_ratio * sd / 100
    return OverallStats(n, questions_per_attempt, mean, median, sd, defined_or_none(skewness),
                     defined_or_none(kurtosis), alpha, defined_or_none(error_ratio),
                     defined_or_none(standard_error), pass_mark, pass_rate)


def defined_or_none(value: float | None) -> float | None:
    """Like :func:`defined`, passing None through."""
    return None if value is None else defined(value)


def cronbach_alpha(scores: np.ndarray, questions: int | None = None) -> float | None:
    """Cronbach's alpha of a paper of `questions` questions, or None when not defined.

    On a fixed form (every attempt answered every question) this is Moodle's and pingouin's
    p/(p − 1) × (1 − Σ var(markⱼ) / var(total)). When learners answer different subsets
    (a quiz drawn from a bank, NaN marks the questions not on a paper), each variance and
    covariance is estimated over the attempts that had the question(s), and alpha is that of
    a paper of p questions with the average item variance v̄ and inter-item covariance c̄:
    p·c̄ / (v̄ + (p − 1)·c̄), the same formula written with averages. Summing all the bank's
    variances against a total of p questions, as Moodle does, understates it badly.
    None for fewer than two attempts or questions, or papers without spread.
    """
    n = scores.shape[0]
    p = questions if questions is not None else scores.shape[1]
    if n < 2 or p < 2:
        return None
    if not np.isnan(scores).any():  # the usual fixed form: plain column variances
        total = scores.sum(axis=1)
        var_total = float(np.var(total, ddof=1))
        if var_total <= TINY * max(1.0, float(np.max(np.abs(total))) ** 2):
            return None
        sum_var = float(np.sum(scores.var(axis=0, ddof=1)))
        return defined(p / (p - 1) * (1 - sum_var / var_total))
    covariance = pairwise_covariance(scores)
    diagonal = np.diag(covariance)
    off = covariance[~np.eye(covariance.shape[0], dtype=bool)]
    mean_var = float(np.nanmean(diagonal)) if np.isfinite(diagonal).any() else np.nan
    mean_cov = float(np.nanmean(off)) if np.isfinite(off).any() else np.nan
    var_paper = p * mean_var + p * (p - 1) * mean_cov
    if not np.isfinite(var_paper) or var_paper <= TINY:
        return None
    return defined(p * mean_cov / (mean_var + (p - 1) * mean_cov))


def pairwise_covariance(scores: np.ndarray) -> np.ndarray:
    """The questions' sample covariance matrix, each entry over the attempts that had both
    questions (the diagonal: each question's variance); NaN where fewer than two did."""
    asked = (~np.isnan(scores)).astype(float)
    marks = np.where(asked > 0, scores, 0.0)
    both = asked.T @ asked
    products = marks.T @ marks
    sums = marks.T @ asked  # [i, j]: Σ mark i over the attempts that also had j
    with np.errstate(divide="ignore", invalid="ignore"):
        covariance = (products - sums * sums.T / both) / (both - 1)
    return np.where(both > 1, covariance, np.nan)


def column_variance(scores: np.ndarray) -> np.ndarray:
    """Each column's sample variance (n − 1) over its non-NaN rows; NaN below two rows."""
    asked = ~np.isnan(scores)
    s = asked.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where(asked, scores, 0.0).sum(axis=0) / np.maximum(s, 1)
        deviation = np.where(asked, scores - mean, 0.0)
        return np.where(s > 1, (deviation**2).sum(axis=0) / np.where(s > 1, s - 1, 1), np.nan)
