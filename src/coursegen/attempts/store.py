"""Attempts in a real database: the only module that touches it (SQLAlchemy Core).

SQLite by default (a file in the user's data folder, in WAL mode so many
learners can answer at once); PostgreSQL by URL (``postgresql+psycopg://...``).
Every response is written in its own transaction the moment it is given, so a
closed terminal, a power cut or Ctrl-C loses nothing. The write that records a
response first updates its attempt row *only while the attempt is open*; that one
guarded statement is what makes a finished attempt immutable, on both databases,
even with several runners writing at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from coursegen.attempts.database import (
    StoreUnavailable,
    database_url,
    display_url,
    migrate,
    open_engine,
    reason,
)
from coursegen.attempts.identity import learner_key
from coursegen.attempts.tables import (
    attempts,
    resets,
    responses,
    upsert,
)
from coursegen.errors import CoursegenError

OPEN, FINISHED, ABANDONED = "open", "finished", "abandoned"


# The statements of an answer save, built once: building them per call costs more than
# running them.
_BY_ID = select(attempts).where(attempts.c.id == bindparam("b_id"))
_RESPONSES = select(responses.c.question_id, responses.c.response).where(
    responses.c.attempt_id == bindparam("b_id"))
_TOUCH_OPEN = (update(attempts).where(attempts.c.id == bindparam("b_id"), attempts.c.status == OPEN)
               .values(updated_at=bindparam("b_when")))


def _save_response(backend: str) -> Any:
    """An insert of one response that replaces the earlier answer to the same question."""
    statement = upsert(backend)(responses)
    return statement.on_conflict_do_update(
        index_elements=[responses.c.attempt_id, responses.c.question_id],
        set_={name: statement.excluded[name]
              for name in ("position", "response", "points", "fraction", "answered_at")})


class AttemptClosed(CoursegenError):
    """A finished (or abandoned) attempt cannot be changed."""


@dataclass(frozen=True)
class AttemptRecord:
    """One attempt as stored."""

    id: int
    uid: str
    learner: str
    course_id: str
    course_title: str
    organisation: str
    module: str
    module_title: str
    bank_version: str
    seed: int
    form: str
    practice: bool
    paper: dict[str, Any]
    pass_mark: float
    time_limit: float | None
    started_at: dt.datetime
    deadline: dt.datetime | None
    finished_at: dt.datetime | None
    status: str
    timed_out: bool
    earned: float | None
    possible: float | None
    percent: float | None
    passed: bool | None
    verification: str | None
    session: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready summary (without the paper), as `results --format json` prints it."""
        data = {name: getattr(self, name) for name in self.__dataclass_fields__ if name != "paper"}
        for name in ("started_at", "deadline", "finished_at"):
            data[name] = data[name].isoformat() if data[name] else None
        return data


@dataclass(frozen=True)
class NewAttempt:
    """What a runner knows when it starts an attempt."""

    learner: str
    course_id: str
    course_title: str
    organisation: str
    module: str
    module_title: str
    bank_version: str
    seed: int
    form: str
    practice: bool
    paper: dict[str, Any]
    pass_mark: float
    time_limit: float | None = None
    session: str | None = None
    """The session code the learner joined with in the web runner, if any."""


def verification_code(uid: str, learner: str, module: str, percent: float,
                      finished_at: dt.datetime) -> str:
    """A short code derived from the attempt, printed on certificates: XXXX-XXXX-XXXX."""
    text = f"{uid}|{learner}|{module}|{percent:.4f}|{as_utc(finished_at).isoformat()}"
    digest = hashlib.sha256(text.encode()).hexdigest().upper()
    return "-".join(digest[i:i + 4] for i in (0, 4, 8))


def normal_code(code: str) -> str:
    """A session code as stored and compared: trimmed and upper-case (case-insensitive)."""
    return code.strip().upper()


def now() -> dt.datetime:
    """The current time in UTC (the store keeps every time in UTC)."""
    return dt.datetime.now(dt.UTC)


class AttemptStore:
    """Attempts and their responses in one database."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.display_url = display_url(url)
        try:
            parsed = make_url(url)
        except ArgumentError as error:
            raise StoreUnavailable(f"'{url}' is not a database path or URL: {error}") from None
        if parsed.get_backend_name() == "sqlite" and parsed.database:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # SQLite lets one writer in at a time and makes the others sleep and retry (in steps
        # of up to 100 ms). Queueing this process's writers on a lock instead hands the
        # database over the moment the previous commit ends: under a room of learners,
        # answer saves wait milliseconds, not the busy handler's backoff.
        self._write_lock = threading.Lock() if parsed.get_backend_name() == "sqlite" else None
        self._save = _save_response(parsed.get_backend_name())
        self._shared = threading.local()
        try:
            self.engine = open_engine(url)
        except (SQLAlchemyError, ModuleNotFoundError) as error:
            raise StoreUnavailable(f"cannot open the attempts database {self.display_url}: "
                                   f"{reason(error)}") from None
        try:
            migrate(self.engine)
        except SQLAlchemyError as error:
            self.engine.dispose()
            raise StoreUnavailable(f"cannot open the attempts database {self.display_url}: "
                                   f"{reason(error)}") from None
        except StoreUnavailable:
            self.engine.dispose()
            raise

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def start(self, new: NewAttempt, when: dt.datetime | None = None) -> AttemptRecord:
        """Record a new open attempt and return it."""
        started = as_utc(when or now())
        deadline = started + dt.timedelta(seconds=new.time_limit) if new.time_limit else None
        values = {
            "uid": secrets.token_hex(16), "learner": new.learner,
            "learner_key": learner_key(new.learner), "course_id": new.course_id,
            "course_title": new.course_title, "organisation": new.organisation,
            "module": new.module, "module_title": new.module_title,
            "bank_version": new.bank_version, "seed": new.seed, "form": new.form,
            "practice": new.practice, "paper": json.dumps(new.paper), "pass_mark": new.pass_mark,
            "time_limit": new.time_limit, "started_at": started, "deadline": deadline,
            "updated_at": started, "status": OPEN, "timed_out": False,
            "session": normal_code(new.session) if new.session else None,
        }
        with self._write() as conn:
            attempt_id = conn.execute(insert(attempts).values(**values)).inserted_primary_key[0]
        return self.get(attempt_id)

    def get(self, attempt_id: int) -> AttemptRecord:
        """The attempt with this id; raises StoreUnavailable naming it if there is none."""
        with self._read() as conn:
            row = conn.execute(_BY_ID, {"b_id": attempt_id}).first()
        if row is None:
            raise StoreUnavailable(f"no attempt {attempt_id} in {self.display_url}")
        return _record(row)

    def find_open(self, learner: str, module: str, practice: bool,
                  form: str = "exam") -> AttemptRecord | None:
        """The learner's latest unfinished attempt at a module (of this kind and form), if any."""
        query = (select(attempts)
                 .where(attempts.c.learner_key == learner_key(learner),
                        attempts.c.module == module,
                        attempts.c.practice == practice, attempts.c.form == form,
                        attempts.c.status == OPEN)
                 .order_by(attempts.c.id.desc()).limit(1))
        with self._read() as conn:
            row = conn.execute(query).first()
        return _record(row) if row else None

    def count_finished(self, learner: str, module: str) -> int:
        """How many scored attempts the learner has finished at a module and still counts:
        a finished attempt a trainer reset is given back, in the terminal as on the web."""
        given_back = select(resets.c.attempt_id).where(resets.c.was_finished.is_(True))
        query = select(func.count()).select_from(attempts).where(
            attempts.c.learner_key == learner_key(learner), attempts.c.module == module,
            attempts.c.practice.is_(False), attempts.c.status == FINISHED,
            attempts.c.id.not_in(given_back))
        with self._read() as conn:
            return int(conn.execute(query).scalar_one())

    def save_response(self, attempt_id: int, question_id: str, position: int, response: Any,
                      points: float, fraction: float, when: dt.datetime | None = None) -> None:
        """Record (or replace) one response at once, in its own transaction.

        Raises AttemptClosed if the attempt is no longer open.
        """
        answered = as_utc(when or now())
        with self._write() as conn:
            self._touch_open(conn, attempt_id, answered)
            conn.execute(self._save, {
                "attempt_id": attempt_id, "question_id": question_id, "position": position,
                "response": json.dumps(response), "points": points, "fraction": fraction,
                "answered_at": answered})

    def responses(self, attempt_id: int) -> dict[str, Any]:
        """Question id → response of every answer saved for the attempt."""
        with self._read() as conn:
            return {question_id: json.loads(text) for question_id, text
                    in conn.execute(_RESPONSES, {"b_id": attempt_id})}

    def finish(self, attempt_id: int, earned: float, possible: float, percent: float,
               passed: bool, timed_out: bool = False,
               when: dt.datetime | None = None) -> AttemptRecord:
        """Close the attempt with its result; raises AttemptClosed if it was already closed."""
        finished = as_utc(when or now())
        record = self.get(attempt_id)
        code = verification_code(record.uid, record.learner, record.module, percent, finished)
        with self._write() as conn:
            done = conn.execute(
                update(attempts)
                .where(attempts.c.id == attempt_id, attempts.c.status == OPEN)
                .values(status=FINISHED, finished_at=finished, updated_at=finished,
                        earned=earned, possible=possible, percent=percent, passed=passed,
                        timed_out=timed_out, verification=code))
            if done.rowcount != 1:
                raise AttemptClosed(f"attempt {attempt_id} is already finished and cannot change")
        return self.get(attempt_id)

    def abandon(self, attempt_id: int) -> None:
        """Close an open attempt without a result (e.g. its question bank has changed)."""
        with self._write() as conn:
            conn.execute(update(attempts)
                         .where(attempts.c.id == attempt_id, attempts.c.status == OPEN)
                         .values(status=ABANDONED, updated_at=now()))

    def list_attempts(self, module: str | None = None, learner: str | None = None,
                      since: dt.datetime | None = None,
                      session: str | None = None) -> list[AttemptRecord]:
        """Attempts, oldest first, filtered by module, learner, start time and session code."""
        query = select(attempts).order_by(attempts.c.started_at, attempts.c.id)
        if module:
            query = query.where(attempts.c.module == module)
        if session:
            query = query.where(attempts.c.session == normal_code(session))
        if learner:
            query = query.where(attempts.c.learner_key == learner_key(learner))
        if since:
            query = query.where(attempts.c.started_at >= as_utc(since))
        with self._read() as conn:
            return [_record(row) for row in conn.execute(query)]

    def find_by_code(self, code: str) -> AttemptRecord | None:
        """The finished attempt a certificate's verification code belongs to, if any."""
        query = select(attempts).where(attempts.c.verification == code.strip().upper())
        with self._read() as conn:
            row = conn.execute(query).first()
        return _record(row) if row else None

    def response_rows(self, module: str, since: dt.datetime | None = None,
                      include_practice: bool = False,
                      session: str | None = None) -> Iterator[dict[str, Any]]:
        """Every response to a module's finished attempts, for item statistics (streamed)."""
        query = (select(attempts.c.id.label("attempt_id"), attempts.c.learner, attempts.c.form,
                        attempts.c.bank_version, attempts.c.percent, responses.c.question_id,
                        responses.c.position, responses.c.response, responses.c.points,
                        responses.c.fraction)
                 .join(responses, responses.c.attempt_id == attempts.c.id)
                 .where(attempts.c.module == module, attempts.c.status == FINISHED)
                 .order_by(attempts.c.id, responses.c.position))
        if not include_practice:
            query = query.where(attempts.c.practice.is_(False))
        if since:
            query = query.where(attempts.c.started_at >= as_utc(since))
        if session:
            query = query.where(attempts.c.session == normal_code(session))
        with self._read() as conn:
            for row in conn.execution_options(yield_per=1000).execute(query):
                data = row._asdict()
                data["response"] = json.loads(data["response"])
                yield data

    def _touch_open(self, conn: Connection, attempt_id: int, when: dt.datetime) -> None:
        # Taking the write lock with this guarded UPDATE first is what serialises a save
        # against a concurrent finish: whichever commits first wins, the other sees rowcount 0.
        touched = conn.execute(_TOUCH_OPEN, {"b_id": attempt_id, "b_when": when})
        if touched.rowcount != 1:
            raise AttemptClosed(f"attempt {attempt_id} is finished; its answers cannot change")

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Let this thread's reads inside the block share one connection.

        Each checkout costs a liveness ping and a closing rollback on PostgreSQL, round trips
        that cost more than a small query; a request that reads several things pays them once.
        Writes still get a transaction of their own.
        """
        if getattr(self._shared, "conn", None) is not None:
            yield
            return
        with self._read() as conn:
            self._shared.conn = conn
            try:
                yield
            finally:
                self._shared.conn = None

    def _write(self):
        return _Guarded(self, write=True)

    def _read(self):
        return _Guarded(self, write=False)


class _Guarded:
    """A connection context that turns database failures into one clear StoreUnavailable."""

    def __init__(self, store: AttemptStore, write: bool) -> None:
        self.store, self.write = store, write

    def __enter__(self) -> Connection:
        self.shared = None if self.write else getattr(self.store._shared, "conn", None)
        if self.shared is not None:
            return self.shared
        self.lock = self.store._write_lock if self.write else None
        if self.lock:
            self.lock.acquire()
        try:
            self.context = self.store.engine.begin() if self.write else self.store.engine.connect()
            return self.context.__enter__()
        except SQLAlchemyError as error:
            self._release()
            raise StoreUnavailable(f"attempts database {self.store.display_url}: "
                                   f"{reason(error)}") from None

    def _release(self) -> None:
        if self.lock:
            self.lock.release()
            self.lock = None

    def __exit__(self, kind, error, traceback) -> bool:
        if self.shared is not None:  # the block that opened it closes it
            if isinstance(error, SQLAlchemyError):
                raise StoreUnavailable(f"attempts database {self.store.display_url}: "
                                       f"{reason(error)}") from None
            return False
        try:
            self.context.__exit__(kind, error, traceback)
        except SQLAlchemyError as failure:
            raise StoreUnavailable(f"attempts database {self.store.display_url}: "
                                   f"{reason(failure)}") from None
        finally:
            self._release()
        if isinstance(error, SQLAlchemyError):
            raise StoreUnavailable(f"attempts database {self.store.display_url}: "
                                   f"{reason(error)}") from None
        return False


def open_store(db: str | None = None) -> AttemptStore:
    """Open (creating or migrating as needed) the attempts database for `--db`."""
    return AttemptStore(database_url(db))


def _record(row: Any) -> AttemptRecord:
    data = row._asdict()
    data["paper"] = json.loads(data["paper"])
    for name in ("started_at", "deadline", "finished_at"):
        data[name] = as_utc(data[name]) if data[name] else None
    data.pop("updated_at", None)
    data.pop("learner_key", None)
    return AttemptRecord(**data)


def as_utc(value: dt.datetime) -> dt.datetime:
    """A stored time as an aware UTC datetime (SQLite hands back naive ones; all are UTC)."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
