"""Who a learner is: the one rule that decides when two typed names are the same person."""

from __future__ import annotations

import unicodedata


def clean_name(raw: str) -> str:
    """A name as stored and shown: spaces collapsed, control characters dropped.

    Tabs and line breaks separate words like spaces do.
    """
    words = ("".join(c for c in word if unicodedata.category(c)[0] != "C")
             for word in str(raw or "").split())
    return " ".join(word for word in words if word)


def learner_key(name: str) -> str:
    """The form names are compared in: Unicode-normalised, case-folded, spaces collapsed.

    "Limit Tester", "limit  tester" and "LIMIT TESTER" are one learner, so they share one
    attempt allowance and one open attempt.
    """
    return clean_name(unicodedata.normalize("NFKC", str(name or "")).casefold())
