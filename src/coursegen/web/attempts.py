"""Attempts as the web runner drives them: start, save an answer, time out, finish, review.

Glue between the pure engine and the attempt store, with the web's rules: the
server's clock decides the time limit, a timed-out attempt is finished with the
answers saved before the deadline, and immediate feedback locks an answer.
Functions here block on the database; the routes run them in a worker thread.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from coursegen.attempts.store import (
    OPEN,
    AttemptClosed,
    AttemptRecord,
    AttemptStore,
    NewAttempt,
    now,
)
from coursegen.model import Course, Module
from coursegen.quiz.assemble import Form, Paper, Presented, assemble, bank_version
from coursegen.quiz.engine import AttemptResult, score, score_paper

GRACE = dt.timedelta(seconds=3)
"""An answer sent just before the deadline still counts if it arrives this much after it."""


class AttemptGone(Exception):
    """The attempt cannot be taken any more (finished, reset, or its bank changed); says why."""


@dataclass(frozen=True)
class Progress:
    """An open attempt as a page needs it: the paper, the saved responses and the time left."""

    record: AttemptRecord
    paper: Paper
    responses: dict[str, Any]
    seconds_left: int | None

    @property
    def answered(self) -> int:
        """How many questions have a saved answer."""
        return sum(1 for p in self.paper.questions if self.responses.get(p.question_id) is not None)


def quiz_modules(course: Course) -> list[Module]:
    """The modules that have a question bank, in teaching order."""
    return [m for m in course.modules if m.bank is not None]


def start_attempt(store: AttemptStore, course: Course, module: Module, learner: str,
                  form: Form = "exam", session: str | None = None) -> AttemptRecord:
    """Assemble a new paper from a fresh random seed and record the open attempt."""
    bank = module.bank
    assert bank is not None
    seed = secrets.randbits(48)
    paper = assemble(bank, module.id, seed, form)
    limit = bank.settings.time_limit
    return store.start(NewAttempt(
        learner=learner, course_id=course.info.id, course_title=course.title,
        organisation=course.info.organisation, module=module.id, module_title=module.title,
        bank_version=paper.bank_version, seed=seed, form=form, practice=False,
        paper=paper.as_dict(), pass_mark=course.pass_mark(module),
        time_limit=limit * 60.0 if limit else None, session=session))


def progress(store: AttemptStore, course: Course, record: AttemptRecord) -> Progress:
    """The open attempt's state; finishes it first (and raises AttemptGone) if time is up."""
    module = course.module(record.module)
    if record.status != OPEN:
        raise AttemptGone("finished" if record.finished_at else "closed")
    if module.bank is None or record.bank_version != _version(module.bank):
        store.abandon(record.id)
        raise AttemptGone("changed")
    if _expired(record):
        finish_attempt(store, course, record, timed_out=True)
        raise AttemptGone("finished")
    left = None
    if record.deadline:
        left = max(0, int((record.deadline - now()).total_seconds()))
    return Progress(record, Paper.from_dict(record.paper), store.responses(record.id), left)


_VERSIONS: dict[int, tuple[Any, str]] = {}


def _version(bank: Any) -> str:
    # Hashing the whole bank costs more than the rest of an answer save; banks never change
    # while the server runs, so each is hashed once.
    cached = _VERSIONS.get(id(bank))
    if cached is None or cached[0] is not bank:
        cached = _VERSIONS[id(bank)] = (bank, bank_version(bank))
    return cached[1]


def _expired(record: AttemptRecord, when: dt.datetime | None = None) -> bool:
    return record.deadline is not None and (when or now()) > record.deadline + GRACE


def question_at(course: Course, state: Progress, number: int) -> tuple[Any, Presented]:
    """The bank question shown at 1-based `number`, and how it is presented."""
    presented = state.paper.questions[number - 1]
    bank = course.module(state.record.module).bank
    assert bank is not None
    return bank.question(presented.question_id), presented


def save_answer(store: AttemptStore, course: Course, state: Progress, number: int,
                response: Any) -> None:
    """Score and save one response at once; raises AttemptGone when the time is up."""
    question, presented = question_at(course, state, number)
    if _expired(state.record):
        finish_attempt(store, course, state.record, timed_out=True)
        raise AttemptGone("finished")
    bank = course.module(state.record.module).bank
    assert bank is not None
    result = score(question, response, bank.settings.scoring)
    try:
        store.save_response(state.record.id, presented.question_id, number, response,
                            result.points, result.fraction)
    except AttemptClosed:
        raise AttemptGone("finished") from None
    state.responses[presented.question_id] = response


def finish_attempt(store: AttemptStore, course: Course, record: AttemptRecord,
                   timed_out: bool = False) -> AttemptRecord:
    """Score the saved responses and close the attempt (a second finish is harmless)."""
    result = result_of(store, course, record)
    try:
        return store.finish(record.id, result.earned, result.possible, result.percent,
                            result.passed, timed_out=timed_out)
    except AttemptClosed:
        return store.get(record.id)


def result_of(store: AttemptStore, course: Course, record: AttemptRecord) -> AttemptResult:
    """The scored result of an attempt from its saved responses."""
    module = course.module(record.module)
    assert module.bank is not None
    return score_paper(module.bank, Paper.from_dict(record.paper), store.responses(record.id),
                       record.pass_mark)


def feedback_locked(module: Module, state: Progress, question_id: str) -> bool:
    """True when immediate feedback was shown, so the answer may no longer change."""
    assert module.bank is not None
    return (module.bank.settings.feedback == "immediate"
            and state.responses.get(question_id) is not None)
