"""Warnings for what an export format cannot express: named, located, never silent."""

from __future__ import annotations

from typing import Any

from coursegen.errors import Diagnostic


def cannot_express(question: Any, fmt: str, what: str, consequence: str) -> Diagnostic:
    """A warning that `fmt` cannot express `what` in `question`, and what the export did instead."""
    return Diagnostic(
        question.location,
        f"question '{question.id}': {fmt} cannot express {what}; {consequence}",
        path=question.path,
        severity="warning",
        code=f"export-{fmt.lower().replace(' ', '-')}",
    )
