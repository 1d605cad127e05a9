"""How statistics read in tables and reports: percentages, indices and "n/d" for not defined."""

from __future__ import annotations

NOT_DEFINED = "n/d"
"""Shown for a statistic that cannot be computed (too few attempts, no spread)."""


def pct(value: float | None, digits: int = 0) -> str:
    """A percentage already in 0–100: '72 %'."""
    return NOT_DEFINED if value is None else f"{value:.{digits}f} %"


def share(value: float | None, digits: int = 0) -> str:
    """A share in 0–1 shown as a percentage: 0.72 → '72 %'."""
    return NOT_DEFINED if value is None else f"{100 * value:.{digits}f} %"


def number(value: float | None, digits: int = 2) -> str:
    """A plain number with fixed decimals."""
    return NOT_DEFINED if value is None else f"{value:.{digits}f}"


def signed(value: float | None, digits: int = 1) -> str:
    """A signed number: '+12.5'."""
    return NOT_DEFINED if value is None else f"{value:+.{digits}f}"


def reliability_verdict(alpha: float | None) -> str:
    """A plain-words reading of Cronbach's alpha for a programme manager."""
    if alpha is None:
        return "not defined (too few attempts or no spread in scores)"
    if alpha >= 0.9:
        return "excellent"
    if alpha >= 0.8:
        return "good"
    if alpha >= 0.7:
        return "acceptable"
    if alpha >= 0.6:
        return "questionable"
    return "poor: the scores are not a consistent measure yet"


def discrimination_verdict(value: float | None) -> str:
    """Moodle's reading of a discrimination index."""
    if value is None:
        return NOT_DEFINED
    if value >= 50:
        return "very good"
    if value >= 30:
        return "adequate"
    if value >= 20:
        return "weak"
    if value >= 0:
        return "very weak"
    return "negative"
