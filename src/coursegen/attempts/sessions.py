"""Session codes and trainers' resets, kept in the attempts database beside the attempts.

Being in the same database is what lets several web workers (or servers behind a
proxy, on PostgreSQL) share them, and what lets `coursegen stats --session` and the
trainer's pages filter attempts by session in the query itself.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import insert, select

from coursegen.attempts.store import FINISHED, AttemptRecord, AttemptStore, as_utc, normal_code, now
from coursegen.attempts.tables import resets, sessions, upsert
from coursegen.i18n.ui import N_

SESSION_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")
"""What a session code may look like: letters, digits, '-' and '_', up to 40 characters."""

SESSION_CODE_RULE = N_("a session code is 1 to 40 letters, digits, '-' or '_'")
"""What a session code may be (the web page shows it in the course's language)."""


@dataclass(frozen=True)
class Session:
    """A session code a trainer set, and whether learners may start attempts in it now."""

    code: str
    is_open: bool
    created_at: dt.datetime


@dataclass(frozen=True)
class Reset:
    """A trainer's reset of one attempt, with the reason given."""

    attempt_id: int
    learner: str
    module: str
    reason: str
    at: dt.datetime
    was_finished: bool


class SessionBook:
    """The session codes and resets of one attempts store."""

    def __init__(self, store: AttemptStore) -> None:
        self.store = store

    def sessions(self) -> list[Session]:
        """Every session code, newest first."""
        query = select(sessions).order_by(sessions.c.created_at.desc(), sessions.c.code)
        with self.store._read() as conn:
            return [_session(row) for row in conn.execute(query)]

    def session(self, code: str) -> Session | None:
        """The session with this code (case-insensitive), or None."""
        query = select(sessions).where(sessions.c.code == normal_code(code))
        with self.store._read() as conn:
            row = conn.execute(query).first()
        return _session(row) if row else None

    def set_session(self, code: str, is_open: bool) -> Session:
        """Create the session `code`, or open or close it; raises ValueError for a bad code."""
        code = normal_code(code)
        if not SESSION_CODE.match(code):
            raise ValueError(SESSION_CODE_RULE)
        when = now()
        # One statement, so two trainers creating the same code at once cannot collide.
        statement = upsert(self.store.engine.dialect.name)(sessions).values(
            code=code, is_open=is_open, created_at=when, updated_at=when)
        statement = statement.on_conflict_do_update(
            index_elements=[sessions.c.code], set_={"is_open": is_open, "updated_at": when})
        with self.store._write() as conn:
            conn.execute(statement)
        session = self.session(code)
        assert session is not None
        return session

    def log_reset(self, record: AttemptRecord, reason: str) -> Reset:
        """Record a trainer's reset of an attempt and why (a finished one gives an attempt back)."""
        values = {"attempt_id": record.id, "learner": record.learner, "module": record.module,
                  "reason": reason, "was_finished": record.status == FINISHED, "at": now()}
        with self.store._write() as conn:
            conn.execute(insert(resets).values(**values))
        return Reset(**values)

    def reset_of(self, attempt_id: int) -> Reset | None:
        """The latest reset of this attempt, or None."""
        query = (select(resets).where(resets.c.attempt_id == attempt_id)
                 .order_by(resets.c.id.desc()).limit(1))
        with self.store._read() as conn:
            row = conn.execute(query).first()
        return _reset(row) if row else None

    def latest_resets(self) -> dict[int, Reset]:
        """Attempt id → its latest reset, for every attempt a trainer has reset."""
        with self.store._read() as conn:
            return {row.attempt_id: _reset(row)
                    for row in conn.execute(select(resets).order_by(resets.c.id))}

    def resets(self, limit: int = 20) -> list[Reset]:
        """The latest resets, newest first."""
        query = select(resets).order_by(resets.c.id.desc()).limit(limit)
        with self.store._read() as conn:
            return [_reset(row) for row in conn.execute(query)]


def _session(row) -> Session:
    return Session(row.code, bool(row.is_open), as_utc(row.created_at))


def _reset(row) -> Reset:
    return Reset(row.attempt_id, row.learner, row.module, row.reason, as_utc(row.at),
                 bool(row.was_finished))
