"""What the trainer's pages show: results per module and session, one attempt, items, CSV."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from coursegen.attempts.csv_export import csv_text
from coursegen.attempts.sessions import Reset
from coursegen.attempts.store import ABANDONED, FINISHED, OPEN, AttemptRecord
from coursegen.model import Module
from coursegen.stats.responses import CHOICE_KINDS, questions_from_bank, selection_mask
from coursegen.web.attempts import quiz_modules, result_of
from coursegen.web.feedback import feedback_view, number
from coursegen.web.pages import WebState


@dataclass
class ModuleSummary:
    """How a module's quiz is going: attempts started, open, finished, mean and pass rate."""

    id: str
    title: str
    started: int = 0
    in_progress: int = 0
    finished: int = 0
    passed: int = 0
    percents: list[float] = field(default_factory=list)

    @property
    def mean(self) -> str:
        """Mean percentage of the finished attempts."""
        return f"{number(sum(self.percents) / len(self.percents))} %" if self.percents else "–"

    @property
    def pass_rate(self) -> str:
        """Share of finished attempts that passed."""
        return f"{number(100 * self.passed / self.finished)} %" if self.finished else "–"


def _status(record: AttemptRecord, reset: Reset | None) -> str:
    if reset:
        return "reset"
    if record.status == OPEN:
        return "in progress"
    if record.status == ABANDONED:
        return "closed"
    return "timed out" if record.timed_out else "finished"


def _attempts(web: WebState, module: str | None, session: str | None) -> list[AttemptRecord]:
    return web.store.list_attempts(module=module, session=session)


def dashboard(web: WebState, module: str | None, session: str | None) -> dict[str, Any]:
    """The results page's context: filters, per-module summary, attempts, sessions, resets."""
    records = _attempts(web, module, session)
    resets = web.sessions.latest_resets()
    summaries = {m.id: ModuleSummary(m.id, m.title) for m in quiz_modules(web.course)
                 if module in (None, m.id)}
    rows = []
    for record in reversed(records):
        summary = summaries.get(record.module)
        if summary:
            summary.started += 1
            summary.in_progress += record.status == OPEN
            if record.status == FINISHED:
                summary.finished += 1
                summary.passed += bool(record.passed)
                summary.percents.append(record.percent or 0.0)
        rows.append({
            "id": record.id, "learner": record.learner, "module": record.module_title,
            "form": record.form, "session": record.session or "",
            "started": record.started_at.strftime("%Y-%m-%d %H:%M"),
            "status": _status(record, resets.get(record.id)),
            "score": f"{number(record.percent)} %" if record.percent is not None else "–",
            "passed": None if record.passed is None else record.passed,
        })
    return {
        "modules": quiz_modules(web.course), "module": module, "session": session,
        "summaries": list(summaries.values()), "rows": rows,
        "sessions": web.sessions.sessions(), "resets": web.sessions.resets(20),
        "now": dt.datetime.now(dt.UTC).strftime("%H:%M:%S"),
    }


def attempt_detail(web: WebState, attempt_id: int) -> dict[str, Any]:
    """One attempt for the trainer: who, when, status, and every question with answer and key."""
    record = web.store.get(attempt_id)
    module = web.course.module(record.module)
    result = result_of(web.store, web.course, record)
    reset = web.sessions.reset_of(record.id)
    bank = module.bank
    assert bank is not None
    items = [{"stem": bank.question(s.question_id).stem, "id": s.question_id,
              "feedback": feedback_view(web.course, s)} for s in result.scores]
    return {
        "title": f"Attempt by {record.learner}", "record": record, "module": module,
        "status_text": _status(record, reset), "session": record.session,
        "reset": reset, "items": items,
        "percent": number(result.percent), "earned": number(result.earned),
        "possible": number(result.possible), "passed": result.passed, "reset_error": None,
        "modules": quiz_modules(web.course),
    }


@dataclass(frozen=True)
class OptionCount:
    """How many learners chose one option, and whether it is keyed."""

    text: str
    keyed: bool
    count: int


@dataclass(frozen=True)
class ItemRow:
    """One question's facility and, for choice questions, its option counts."""

    id: str
    stem: str
    kind: str
    asked: int
    answered: int
    facility: str
    options: tuple[OptionCount, ...]
    discrimination: tuple[tuple[str, str], ...] = ()
    """(test, item–rest correlation) for each test form the question was asked in."""
    flags: tuple[str, ...] = ()
    """What the statistics suggest fixing, as `coursegen stats` words it."""


def item_statistics(web: WebState, module_id: str, session: str | None) -> dict[str, Any]:
    """Facility (mean score / max) and distractor counts over finished attempts."""
    module = web.course.module(module_id)
    if module.bank is None:
        raise KeyError(module_id)
    finished = [r for r in _attempts(web, module_id, session) if r.status == FINISHED]
    ids = {r.id for r in finished}
    asked: Counter[str] = Counter(q["id"] for r in finished for q in r.paper["questions"])
    earned: defaultdict[str, float] = defaultdict(float)
    answered: Counter[str] = Counter()
    chosen: defaultdict[str, Counter[int]] = defaultdict(Counter)
    infos = {q.id: q for q in questions_from_bank(module.bank)}
    for row in web.store.response_rows(module_id, session=session):
        if row["attempt_id"] not in ids or row["response"] is None:
            continue
        qid = row["question_id"]
        earned[qid] += row["fraction"]
        answered[qid] += 1
        info = infos.get(qid)
        if info and info.kind in CHOICE_KINDS:
            mask = selection_mask(info.kind, row["response"])
            for k in range(len(info.options)):
                chosen[qid][k] += bool(mask >> k & 1)
    discrimination, flags = _discrimination(web, module, session)
    items = []
    for question in module.bank.questions:
        info = infos[question.id]
        facility = f"{earned[question.id] / asked[question.id]:.2f}" if asked[question.id] else "–"
        options = tuple(OptionCount(text, keyed, chosen[question.id][k])
                        for k, (text, keyed) in enumerate(zip(info.options, info.keyed,
                                                              strict=True)))
        items.append(ItemRow(question.id, question.stem, question.type, asked[question.id],
                             answered[question.id], facility, options,
                             discrimination.get(question.id, ()), flags.get(question.id, ())))
    return {"title": f"Questions: {module.title}", "module": module, "session": session,
            "attempts": len(finished), "items": items, "sessions": web.sessions.sessions(),
            "modules": quiz_modules(web.course)}


def _discrimination(web: WebState, module: Module, session: str | None
                    ) -> tuple[dict[str, tuple[tuple[str, str], ...]], dict[str, tuple[str, ...]]]:
    """Per question: discrimination in each test form, and the flags `coursegen stats` raises."""
    from coursegen.stats.analysis import analyse
    from coursegen.stats.load import load_matrix

    assert module.bank is not None
    matrix = load_matrix(web.store, module.id, module.bank, session=session, first_only=False)
    stats = analyse(matrix, web.course.pass_mark(module))
    values: defaultdict[str, list[tuple[str, str]]] = defaultdict(list)
    found: defaultdict[str, list[str]] = defaultdict(list)
    for form in stats.forms:
        for item in form.items:
            shown = "n/d" if item.discrimination is None else f"{item.discrimination:.0f}"
            values[item.question_id].append((form.title, shown))
        for flag in form.flags:
            found[flag.question_id].append(f"{form.title}: {flag.message}")
    return ({k: tuple(v) for k, v in values.items()}, {k: tuple(v) for k, v in found.items()})


_CSV_COLUMNS = ["attempt", "learner", "module", "form", "session", "status", "started_at",
                "finished_at", "timed_out", "earned", "possible", "percent", "passed",
                "verification", "reset_reason"]


def export_csv(web: WebState, module: str | None, session: str | None) -> str:
    """Results as CSV text: one row per attempt; with a module, points per question too."""
    records = _attempts(web, module, session)
    resets = web.sessions.latest_resets()
    question_ids: list[str] = []
    points: defaultdict[int, dict[str, float]] = defaultdict(dict)
    if module:
        bank = web.course.module(module).bank
        question_ids = [q.id for q in bank.questions] if bank else []
        for row in web.store.response_rows(module, session=session):
            points[row["attempt_id"]][row["question_id"]] = row["points"] * row["fraction"]
    rows = []
    for record in records:
        reset = resets.get(record.id)
        row = [record.id, record.learner, record.module, record.form,
               record.session or "", _status(record, reset),
               record.started_at.isoformat(timespec="seconds"),
               record.finished_at.isoformat(timespec="seconds") if record.finished_at else "",
               record.timed_out, _num(record.earned), _num(record.possible),
               _num(record.percent), "" if record.passed is None else record.passed,
               record.verification or "", reset.reason if reset else ""]
        asked = {q["id"] for q in record.paper["questions"]}
        row += [_num(points[record.id].get(q, 0.0)) if q in asked and record.status == FINISHED
                else "" for q in question_ids]
        rows.append(row)
    return csv_text(_CSV_COLUMNS + [f"points:{q}" for q in question_ids], rows, line_end="\r\n")


def _num(value: float | None) -> str:
    return "" if value is None else f"{round(value, 4):g}"
