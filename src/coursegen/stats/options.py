"""Distractor analysis: how often each option was chosen, overall and by the top and bottom groups.

The top and bottom groups are the 27 % of attempts with the highest and the
lowest totals (Kelley's groups), among the attempts that were asked the
question. Counting works on option bitmasks (see :class:`ResponseMatrix`), so a
multiple-response answer counts once for each option it selects.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coursegen.stats.responses import ResponseMatrix

GROUP_SHARE = 0.27
"""Share of attempts in each of the top and bottom groups."""


@dataclass(frozen=True)
class OptionStats:
    """One option of a choice question: how often it was chosen, overall and by group."""

    index: int
    text: str
    keyed: bool
    count: int
    share: float | None
    top_share: float | None
    bottom_share: float | None


@dataclass(frozen=True)
class QuestionOptions:
    """The options of one choice question, and how many attempts left it unanswered."""

    question_id: str
    asked: int
    unanswered: int
    top_size: int
    options: tuple[OptionStats, ...]


def option_statistics(matrix: ResponseMatrix, totals: np.ndarray) -> dict[str, QuestionOptions]:
    """Option counts and shares for every choice question that has options and selections."""
    if matrix.selections is None:
        return {}
    result: dict[str, QuestionOptions] = {}
    asked_all = ~np.isnan(matrix.scores)
    for j, info in enumerate(matrix.questions):
        if not info.options:
            continue
        asked = asked_all[:, j]
        masks = matrix.selections[asked, j].astype(np.int64)
        n = int(masks.size)
        top, bottom = _groups(totals[asked])
        bits = (masks[:, None] >> np.arange(len(info.options))) & 1
        counts = bits.sum(axis=0)
        top_counts = bits[top].sum(axis=0)
        bottom_counts = bits[bottom].sum(axis=0)
        options = tuple(
            OptionStats(
                index=k, text=text, keyed=info.keyed[k], count=int(counts[k]),
                share=_share(counts[k], n), top_share=_share(top_counts[k], int(top.sum())),
                bottom_share=_share(bottom_counts[k], int(bottom.sum())),
            )
            for k, text in enumerate(info.options)
        )
        result[info.id] = QuestionOptions(info.id, n, int((masks == 0).sum()), int(top.sum()),
                                          options)
    return result


def _groups(totals: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Boolean masks of the top and bottom 27 % by total (ties broken by row order)."""
    n = totals.size
    size = int(np.floor(GROUP_SHARE * n + 0.5)) if n >= 2 else 0
    order = np.argsort(totals, kind="stable")
    top = np.zeros(n, dtype=bool)
    bottom = np.zeros(n, dtype=bool)
    if size:
        bottom[order[:size]] = True
        top[order[n - size:]] = True
    return top, bottom


def _share(count: int, size: int) -> float | None:
    return float(count) / size if size else None
