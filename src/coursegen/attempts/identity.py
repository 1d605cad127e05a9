"""Who a learner is: the one rule that decides when two typed names are the same person."""

from __future__ import annotations

import unicodedata


def learner_key(name: str) -> str:
    """The form names are compared in: Unicode-normalised, case-folded, spaces collapsed.

    "Limit Tester", "limit  tester" and "LIMIT TESTER" are one learner, so they share one
    attempt allowance and one open attempt.
    """
    words = unicodedata.normalize("NFKC", str(name or "")).casefold().split()
    # Tabs and line breaks separate words like spaces; other control characters are dropped.
    words = ["".join(c for c in w if unicodedata.category(c)[0] != "C") for w in words]
    return " ".join(w for w in words if w)
