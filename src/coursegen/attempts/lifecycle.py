"""An attempt's life, the same for every runner: start, resume, save, time out, finish.

The terminal runner and the web runner both call these functions, so they agree
on every rule: an open attempt is resumed unless its question bank has changed
(then it is abandoned and a new one starts); a scored attempt is refused once the
learner has used the bank's allowance; a new paper is drawn from a fresh seed; the
time limit is the bank's (or the runner's override), none for practice; an answer
counts if it arrives no later than :data:`GRACE` after the deadline, and an attempt
whose deadline and grace have passed is finished with the answers saved before.
Everything here blocks on the database.
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
from coursegen.errors import CoursegenError, UsageError
from coursegen.model import Course, Module
from coursegen.model.quiz import QuestionBank
from coursegen.quiz.assemble import assemble
from coursegen.quiz.engine import AttemptResult, score, score_paper
from coursegen.quiz.exposure import knowledge_check_ids
from coursegen.quiz.paper import Form, Paper, bank_version
from coursegen.quiz.presentation import printed_paper

GRACE = dt.timedelta(seconds=3)
"""An answer given just before the deadline still counts if it arrives this much after it
(a slow network, a keystroke in flight); after that the attempt is over."""

SEED_BITS = 31
"""Size of a fresh random seed (a learner can repeat it with `coursegen quiz --seed`)."""


class AttemptGone(CoursegenError):
    """The attempt cannot be taken any more; `reason` is finished, closed or changed."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class NoAttemptsLeft(UsageError):
    """The learner has used every scored attempt the bank allows at this module."""

    def __init__(self, learner: str, module: Module, allowed: int) -> None:
        super().__init__(f"{learner} has used all {allowed} attempt{'s' * (allowed != 1)} "
                         f"at '{module.id}'; ask your trainer")
        self.allowed = allowed


@dataclass(frozen=True)
class Progress:
    """An open attempt as a runner needs it: the paper, the saved responses and the time left."""

    record: AttemptRecord
    paper: Paper
    responses: dict[str, Any]
    seconds_left: int | None

    @property
    def answered(self) -> int:
        """How many questions have a saved answer."""
        return sum(1 for p in self.paper.questions if self.responses.get(p.question_id) is not None)


@dataclass(frozen=True)
class Resumable:
    """The learner's open attempt to resume (if any), and one closed because its bank changed."""

    record: AttemptRecord | None
    abandoned: AttemptRecord | None = None


def open_attempt(store: AttemptStore, module: Module, learner: str, form: Form = "exam",
                 practice: bool = False) -> Resumable:
    """The learner's open attempt at `module`, after abandoning one whose bank has changed."""
    record = store.find_open(learner, module.id, practice, form)
    if record is not None and record.bank_version != current_version(module.bank):
        store.abandon(record.id)
        return Resumable(None, record)
    return Resumable(record)


def attempts_left(store: AttemptStore, module: Module, learner: str) -> int | None:
    """How many scored attempts the learner may still start (None: no limit)."""
    allowed = module.bank.settings.attempts if module.bank else None
    if not allowed:
        return None
    return max(0, allowed - store.count_finished(learner, module.id))


def start_attempt(store: AttemptStore, course: Course, module: Module, learner: str,
                  form: Form = "exam", practice: bool = False, seed: int | None = None,
                  minutes: float | None = None, session: str | None = None) -> AttemptRecord:
    """Draw a paper (from `seed`, or a fresh one) and record the open attempt.

    Raises NoAttemptsLeft for a scored attempt beyond the bank's allowance. The time limit
    is `minutes` if given, else the bank's; a practice attempt has none.
    """
    bank = module.bank
    assert bank is not None
    if not practice and attempts_left(store, module, learner) == 0:
        raise NoAttemptsLeft(learner, module, bank.settings.attempts)
    if seed is None:
        seed = secrets.randbits(SEED_BITS)
    paper = assemble(bank, module.id, seed, form, knowledge_check_ids(module), practice)
    limit = None if practice else (minutes or bank.settings.time_limit)
    return store.start(NewAttempt(
        learner=learner, course_id=course.info.id, course_title=course.title,
        organisation=course.info.organisation, module=module.id, module_title=module.title,
        bank_version=paper.bank_version, seed=seed, form=form, practice=practice,
        paper=paper.as_dict(), pass_mark=course.pass_mark(module),
        time_limit=limit * 60.0 if limit else None, session=session))


def record_paper(store: AttemptStore, course: Course, module: Module, learner: str,
                 form: Form, responses: dict[str, Any], when: dt.datetime | None = None,
                 session: str | None = None) -> AttemptRecord:
    """Store a graded paper test as a finished attempt (started and finished at `when`),
    so results, statistics and the pre/post gain count it like one taken on screen.

    The responses must answer the printed form's questions (unanswered ones are left out).
    """
    bank = module.bank
    assert bank is not None
    paper = printed_paper(bank, module.id, form)
    printed = [p.question_id for p in paper.questions]
    other = [i for i in responses if i not in printed]
    if other:
        raise UsageError(f"question '{other[0]}' is not on the printed {form}-test of "
                         f"'{module.id}' ({', '.join(printed)})")
    record = store.start(NewAttempt(
        learner=learner, course_id=course.info.id, course_title=course.title,
        organisation=course.info.organisation, module=module.id, module_title=module.title,
        bank_version=paper.bank_version, seed=paper.seed, form=form, practice=False,
        paper=paper.as_dict(), pass_mark=course.pass_mark(module), session=session), when)
    for number, presented in enumerate(paper.questions, start=1):
        response = responses.get(presented.question_id)
        if response is None:
            continue
        result = score(bank.question(presented.question_id), response, bank.settings.scoring)
        store.save_response(record.id, presented.question_id, number, response,
                            result.points, result.fraction, when)
    result = result_of(store, course, record)
    return store.finish(record.id, result.earned, result.possible, result.percent,
                        result.passed, when=when)


def expired(record: AttemptRecord, when: dt.datetime | None = None) -> bool:
    """True once the attempt's deadline and the grace after it have passed."""
    return record.deadline is not None and (when or now()) > record.deadline + GRACE


def seconds_left(record: AttemptRecord) -> float | None:
    """Seconds until the deadline as shown to the learner (negative after it); None: no limit."""
    if record.deadline is None:
        return None
    return (record.deadline - now()).total_seconds()


def seconds_to_expiry(record: AttemptRecord) -> float | None:
    """Seconds until the attempt is over (deadline plus grace); None: no limit."""
    left = seconds_left(record)
    return None if left is None else left + GRACE.total_seconds()


def progress(store: AttemptStore, course: Course, record: AttemptRecord) -> Progress:
    """The open attempt's state. Raises AttemptGone if it is closed, if its bank has changed
    (abandoning it), or if its time is up (finishing it with the answers saved in time)."""
    module = course.module(record.module)
    if record.status != OPEN:
        raise AttemptGone("finished" if record.finished_at else "closed")
    if module.bank is None or record.bank_version != current_version(module.bank):
        store.abandon(record.id)
        raise AttemptGone("changed")
    if expired(record):
        finish_attempt(store, course, record, timed_out=True)
        raise AttemptGone("finished")
    left = seconds_left(record)
    return Progress(record, Paper.from_dict(record.paper), store.responses(record.id),
                    None if left is None else max(0, int(left)))


def save_answer(store: AttemptStore, course: Course, state: Progress, number: int,
                response: Any) -> None:
    """Score and save the response to the question at 1-based `number` at once.

    Raises AttemptGone when the time is up (finishing the attempt) or it was closed.
    """
    if expired(state.record):
        finish_attempt(store, course, state.record, timed_out=True)
        raise AttemptGone("finished")
    bank = course.module(state.record.module).bank
    assert bank is not None
    presented = state.paper.questions[number - 1]
    result = score(bank.question(presented.question_id), response, bank.settings.scoring)
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


_VERSIONS: dict[int, tuple[QuestionBank, str]] = {}


def current_version(bank: QuestionBank | None) -> str | None:
    """The content hash of the bank as loaded now (hashed once per bank object)."""
    # Hashing the whole bank costs more than the rest of an answer save; a loaded bank
    # never changes, so each is hashed once.
    if bank is None:
        return None
    cached = _VERSIONS.get(id(bank))
    if cached is None or cached[0] is not bank:
        cached = _VERSIONS[id(bank)] = (bank, bank_version(bank))
    return cached[1]
