"""What the trainer's pages show: results per module and session, one attempt, items, CSV."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from coursegen.attempts.csv_export import csv_text
from coursegen.attempts.lifecycle import result_of
from coursegen.attempts.sessions import Reset
from coursegen.attempts.store import ABANDONED, FINISHED, OPEN, AttemptRecord
from coursegen.i18n.ui import Interface, course_language
from coursegen.stats.wording import form_title
from coursegen.web.attempts import quiz_modules
from coursegen.web.feedback import feedback_view, number
from coursegen.web.pages import WebState
from coursegen.web.trainer_stats import form_of, item_rows, module_stats, summary_rows


def _status(record: AttemptRecord, reset: Reset | None, ui: Interface | None = None) -> str:
    """The attempt's status in words; in English (the CSV export's stable values) without `ui`."""
    ui = ui or Interface("en")
    if reset:
        return ui.pgettext("attempt status", "reset")
    if record.status == OPEN:
        return ui._("in progress")
    if record.status == ABANDONED:
        return ui._("closed")
    return ui._("timed out") if record.timed_out else ui._("finished")


def _attempts(web: WebState, module: str | None, session: str | None) -> list[AttemptRecord]:
    return web.store.list_attempts(module=module, session=session)


def dashboard(web: WebState, module: str | None, session: str | None) -> dict[str, Any]:
    """The results page's context: filters, per-module summary, attempts, sessions, resets."""
    records = _attempts(web, module, session)
    ui = Interface(course_language(web.course))
    resets = web.sessions.latest_resets()
    shown = [m for m in quiz_modules(web.course) if module in (None, m.id)]
    rows = []
    for record in reversed(records):
        rows.append({
            "id": record.id, "learner": record.learner, "module": record.module_title,
            "form": form_of(record), "session": record.session or "",
            "started": record.started_at.strftime("%Y-%m-%d %H:%M"),
            "status": _status(record, resets.get(record.id), ui),
            "score": f"{number(record.percent, ui.lang)} %" if record.percent is not None
            else "–",
            "passed": None if record.passed is None else record.passed,
        })
    return {
        "modules": quiz_modules(web.course), "module": module, "session": session,
        "summaries": summary_rows(web.course, web.store, shown, session, records),
        "rows": rows,
        "sessions": web.sessions.sessions(), "resets": web.sessions.resets(20),
        "participants": len(web.roster.participants()),
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
    ui = Interface(course_language(web.course))
    return {
        "title": ui._("Attempt by {learner}", learner=record.learner), "record": record,
        "module": module, "status_text": _status(record, reset, ui), "session": record.session,
        "reset": reset, "items": items,
        "percent": number(result.percent, ui.lang), "earned": number(result.earned, ui.lang),
        "possible": number(result.possible, ui.lang), "passed": result.passed,
        "reset_error": None,
        "modules": quiz_modules(web.course),
    }


def item_statistics(web: WebState, module_id: str, session: str | None) -> dict[str, Any]:
    """Each question's facility, discrimination, option counts and flags per test form,
    from the statistics engine over the finished scored attempts."""
    module = web.course.module(module_id)
    if module.bank is None:
        raise KeyError(module_id)
    stats = module_stats(web.course, web.store, module, session)
    title = Interface(course_language(web.course))._("Questions: {title}", title=module.title)
    return {"title": title, "module": module, "session": session,
            "attempts": sum(form.overall.attempts for form in stats.forms),
            "tests": [(form_title(form.form, course_language(web.course)), form.overall.attempts)
                      for form in stats.forms],
            "items": item_rows(module, stats, course_language(web.course)),
            "sessions": web.sessions.sessions(),
            "modules": quiz_modules(web.course)}


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
        row = [record.id, record.learner, record.module, form_of(record),
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
