"""Trainer sign-ins kept in the attempts database, so they can be ended.

The browser holds only a random token; the database holds its hash, a fingerprint of
the password it was made with, and when it was made and last used. Signing out
deletes the row; a new trainer password no longer matches the fingerprint of the
old sessions, which ends them all; an idle or too-old session is refused and removed.
Every `serve` worker or host on the same database sees the same sessions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable

from sqlalchemy import delete, insert, or_, select, update

from coursegen.attempts.store import AttemptStore, as_utc, now
from coursegen.attempts.tables import trainer_sessions

IDLE_LIMIT = dt.timedelta(minutes=30)
"""A trainer session unused this long is over (a classroom PC left signed in)."""
ABSOLUTE_LIMIT = dt.timedelta(hours=8)
"""A trainer signs in again after a working day, however busy."""

Clock = Callable[[], dt.datetime]


def _token_hash(token: str) -> str:
    # Only the hash is stored: someone reading the database cannot replay a session.
    return hashlib.sha256(token.encode()).hexdigest()


class TrainerSessions:
    """The signed-in trainers of one attempts store."""

    def __init__(self, store: AttemptStore, clock: Clock = now, idle: dt.timedelta = IDLE_LIMIT,
                 absolute: dt.timedelta = ABSOLUTE_LIMIT) -> None:
        self.store = store
        self.clock = clock
        self.idle = idle
        self.absolute = absolute

    def begin(self, password_hash: str) -> str:
        """Record a new sign-in made with the password of `password_hash`; returns its token."""
        token = secrets.token_urlsafe(32)
        when = self.clock()
        with self.store._write() as conn:
            conn.execute(insert(trainer_sessions).values(
                token_hash=_token_hash(token), password_hash=password_hash, created_at=when,
                last_seen=when))
        return token

    def check(self, token: str | None, password_hash: str) -> bool:
        """True when `token` is a live session made with the current password (and mark it used).

        Sessions of an older password and expired ones are removed on the way.
        """
        if not token:
            return False
        when = self.clock()
        with self.store._write() as conn:
            conn.execute(delete(trainer_sessions).where(or_(
                trainer_sessions.c.password_hash != password_hash,
                trainer_sessions.c.last_seen < when - self.idle,
                trainer_sessions.c.created_at < when - self.absolute)))
            key = _token_hash(token)
            row = conn.execute(select(trainer_sessions).where(
                trainer_sessions.c.token_hash == key)).first()
            if row is None:
                return False
            # Re-checked here too: a clock that went backwards must not revive a session.
            if (as_utc(row.created_at) < when - self.absolute
                    or as_utc(row.last_seen) < when - self.idle):
                return False
            conn.execute(update(trainer_sessions).where(trainer_sessions.c.token_hash == key)
                         .values(last_seen=when))
        return True

    def end(self, token: str | None) -> None:
        """Sign this session out for good (a copy of its cookie no longer opens anything)."""
        if token:
            with self.store._write() as conn:
                conn.execute(delete(trainer_sessions).where(
                    trainer_sessions.c.token_hash == _token_hash(token)))
