"""The module statistics as JSON and CSV: plain values, ``null`` / empty for "not defined"."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from coursegen.attempts.csv_export import csv_text
from coursegen.stats.analysis import ModuleStats

CSV_COLUMNS = (
    "form", "question_id", "objective", "type", "attempts", "facility", "sd", "discrimination",
    "efficiency", "effective_weight", "intended_weight", "flags",
)
"""Columns of `coursegen stats --format csv`: one row per question per form."""


def stats_dict(stats: ModuleStats, context: dict[str, Any]) -> dict[str, Any]:
    """Everything computed, as JSON-ready dicts; `context` (module, filters) comes first."""
    forms = []
    for form in stats.forms:
        forms.append({
            "form": form.form,
            "title": form.title,
            "overall": asdict(form.overall),
            "questions": [
                {**asdict(item),
                 "options": (asdict(form.options[item.question_id])["options"]
                             if item.question_id in form.options else None),
                 "unanswered": (form.options[item.question_id].unanswered
                                if item.question_id in form.options else None),
                 "flags": [asdict(f) for f in form.flags_for(item.question_id)]}
                for item in form.items
            ],
            "objectives": [asdict(o) for o in form.objectives],
        })
    gain = None
    if stats.gain is not None:
        gain = {"overall": asdict(stats.gain.overall),
                "sessions": [asdict(s) for s in stats.gain.sessions],
                "learners": [asdict(g) for g in stats.gain.learners]}
    return {**context, "rules": asdict(stats.rules), "forms": forms, "gain": gain}


def stats_json(stats: ModuleStats, context: dict[str, Any]) -> str:
    """The statistics as indented JSON (not-defined values are null, never NaN)."""
    return json.dumps(stats_dict(stats, context), indent=2, ensure_ascii=False,
                      allow_nan=False, default=str) + "\n"


def stats_csv(stats: ModuleStats) -> str:
    """Item statistics as CSV, one row per question per form; empty cells are "not defined"."""
    rows = []
    for form in stats.forms:
        for item in form.items:
            rows.append([
                form.form, item.question_id, item.objective, item.kind, item.attempts,
                _cell(item.facility), _cell(item.sd), _cell(item.discrimination),
                _cell(item.efficiency), _cell(item.effective_weight),
                _cell(item.intended_weight),
                " ".join(f.code for f in form.flags_for(item.question_id)),
            ])
    return csv_text(CSV_COLUMNS, rows)


def _cell(value: float | None) -> str:
    return "" if value is None else f"{value:.6g}"
