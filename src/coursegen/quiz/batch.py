"""`coursegen grade`: score a CSV of responses (a paper test, a forms export) in one go.

The CSV has a `learner` column and one column per question id (the ids printed
on the paper test); cells hold the answers exactly as printed: option and choice
letters in the question's one presentation order (:mod:`coursegen.quiz.presentation`,
the letters of the slide, the handouts and the paper), T or F, a word, a number, and
for an ordering question the ranks written beside the printed items in letter order
("2,3,1"; letters in the right order are read too). An empty cell is an unanswered
question. A row that cannot be read is reported with its line number and skipped,
never half-scored.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coursegen.errors import UsageError
from coursegen.model import Course, Module
from coursegen.model.base import suggest
from coursegen.quiz.answers import AnswerInvalid, parse_paper_answer
from coursegen.quiz.engine import AttemptResult, score, summarise
from coursegen.quiz.presentation import bank_order

LEARNER_COLUMN = "learner"


@dataclass(frozen=True)
class GradedRow:
    """One learner's row, scored."""

    line: int
    learner: str
    result: AttemptResult
    responses: dict[str, Any] = field(default_factory=dict)
    """Question id → response (bank indices), as an attempt stores them."""


@dataclass(frozen=True)
class SkippedRow:
    """A row that was not scored, and why (the message names the line)."""

    line: int
    message: str


@dataclass(frozen=True)
class BatchResult:
    """Every row of a responses file: the question columns, scored rows and skipped rows."""

    question_ids: tuple[str, ...]
    graded: tuple[GradedRow, ...]
    skipped: tuple[SkippedRow, ...]


def grade_file(course: Course, module: Module, path: Path) -> BatchResult:
    """Score every row of the CSV at `path` against the module's bank."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read {path}: {error}") from None
    return grade_text(course, module, text, str(path))


def grade_text(course: Course, module: Module, text: str, name: str) -> BatchResult:
    """Score CSV `text` (named `name` in messages) against the module's bank."""
    bank = module.bank
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header or not any(cell.strip() for cell in header):
        raise UsageError(f"{name}:1: the file is empty; the first row must name the columns "
                         f"('{LEARNER_COLUMN}' and question ids)")
    columns = [cell.strip() for cell in header]
    if LEARNER_COLUMN not in [c.lower() for c in columns]:
        raise UsageError(f"{name}:1: no '{LEARNER_COLUMN}' column; the first row must name a "
                         f"'{LEARNER_COLUMN}' column and one column per question id")
    learner_at = [c.lower() for c in columns].index(LEARNER_COLUMN)
    known = [q.id for q in bank.questions]
    question_ids = []
    for column in columns:
        if column.lower() == LEARNER_COLUMN:
            continue
        if column not in known:
            raise UsageError(f"{name}:1: column '{column}' is not a question of "
                             f"'{module.id}'{suggest(column, known)}")
        question_ids.append(column)
    pass_mark = course.pass_mark(module)
    graded, skipped = [], []
    line = reader.line_num
    for row in reader:
        start, line = line + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        problem = _row_problem(row, len(columns), learner_at)
        if problem:
            skipped.append(SkippedRow(start, f"{name}:{start}: {problem}; row skipped"))
            continue
        scores, problems, responses = [], [], {}
        cells = [cell for i, cell in enumerate(row) if i != learner_at]
        for question_id, cell in zip(question_ids, cells, strict=True):
            question = bank.question(question_id)
            try:
                response = parse_paper_answer(question, cell,
                                              bank_order(bank, question, module.id))
            except AnswerInvalid as invalid:
                problems.append(f"question '{question_id}': {invalid}")
                continue
            responses[question_id] = response
            scores.append(score(question, response, bank.settings.scoring))
        if problems:
            skipped.append(SkippedRow(start, f"{name}:{start}: {'; '.join(problems)}; "
                                             "row skipped"))
            continue
        graded.append(GradedRow(start, row[learner_at].strip(), summarise(scores, pass_mark),
                                responses))
    return BatchResult(tuple(question_ids), tuple(graded), tuple(skipped))


def results_table(batch: BatchResult) -> tuple[list[str], list[list[str]]]:
    """The results as a header and rows: learner, points per question, total, possible,
    percent, passed (written as CSV by the one formula-safe writer)."""
    header = [LEARNER_COLUMN, *batch.question_ids, "earned", "possible", "percent", "passed"]
    rows = []
    for row in batch.graded:
        result = row.result
        rows.append([row.learner, *(_number(s.earned) for s in result.scores),
                     _number(result.earned), _number(result.possible),
                     f"{result.percent:.1f}", "yes" if result.passed else "no"])
    return header, rows


def _row_problem(row: list[str], width: int, learner_at: int) -> str | None:
    if len(row) != width:
        return f"has {len(row)} cells, the header has {width}"
    if not row[learner_at].strip():
        return f"the '{LEARNER_COLUMN}' cell is empty"
    return None


def _number(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")
