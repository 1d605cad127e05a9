"""Attempt lists for `coursegen results`: a terminal table, CSV and JSON."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.table import Table

from coursegen.attempts.csv_export import csv_text
from coursegen.attempts.store import AttemptRecord

CSV_COLUMNS = ("id", "learner", "module", "form", "practice", "status", "started_at",
               "finished_at", "earned", "possible", "percent", "passed", "timed_out",
               "bank_version", "seed", "verification")


def attempts_json(records: list[AttemptRecord]) -> list[dict[str, Any]]:
    """JSON-ready attempt summaries."""
    return [record.as_dict() for record in records]


def attempts_csv(records: list[AttemptRecord]) -> str:
    """Attempts as CSV, one row each, times in UTC ISO 8601."""
    rows = (["" if data[c] is None else _cell(data[c]) for c in CSV_COLUMNS]
            for data in (record.as_dict() for record in records))
    return csv_text(CSV_COLUMNS, rows)


def attempts_table(records: list[AttemptRecord]) -> Table:
    """Attempts as a terminal table that fits 80 columns."""
    table = Table(title=f"{len(records)} attempt{'s' * (len(records) != 1)}",
                  title_justify="left", box=box.SIMPLE_HEAD, padding=(0, 1),
                  collapse_padding=True, show_edge=False)
    rows = [_row(record) for record in records]
    names = ("ID", "Learner", "Module", "Kind", "Started", "Score", "Result")
    for index, name in enumerate(names):
        # Learner and module names wrap; the short facts keep their whole width, so a
        # narrow terminal never cuts "not passed" down to "n".
        wraps = name in {"Learner", "Module"}
        widest = max((len(row[index]) for row in rows), default=0)
        table.add_column(name, justify="right" if name in {"ID", "Score"} else "left",
                         no_wrap=not wraps, overflow="fold",
                         min_width=min(max(7, widest), 12) if wraps else max(len(name), widest))
    for row in rows:
        table.add_row(*row)
    if any(record.timed_out for record in records):
        table.caption = "* ended by the time limit"
        table.caption_justify = "left"
    return table


def _row(record: AttemptRecord) -> tuple[str, ...]:
    kind = ("practice" if record.practice else record.form) + ("*" * record.timed_out)
    score = f"{record.percent:.0f} %" if record.percent is not None else ""
    return (str(record.id), record.learner, record.module, kind,
            record.started_at.astimezone().strftime("%Y-%m-%d %H:%M"), score, _outcome(record))


def _outcome(record: AttemptRecord) -> str:
    if record.status == "open":
        return "in progress"
    if record.status != "finished":
        return record.status
    return "passed" if record.passed else "not passed"


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)
