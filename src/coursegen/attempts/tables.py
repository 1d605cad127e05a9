"""The attempts database's tables, and the steps that bring an older database up to date."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.engine import Connection

SCHEMA_VERSION = 3
"""Version 2 added session codes (``attempts.session``, ``sessions``) and ``resets``; version 3
added ``attempts.learner_key``, the ``roster``, ``trainer_sessions`` and ``login_failures``."""

metadata = MetaData()

schema_version = Table("schema_version", metadata, Column("version", Integer, nullable=False))

attempts = Table(
    "attempts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("uid", String(32), nullable=False, unique=True),
    Column("learner", String(200), nullable=False),
    Column("course_id", String(200), nullable=False),
    Column("course_title", Text, nullable=False),
    Column("organisation", Text, nullable=False),
    Column("module", String(200), nullable=False),
    Column("module_title", Text, nullable=False),
    Column("bank_version", String(64), nullable=False),
    Column("seed", BigInteger, nullable=False),
    Column("form", String(10), nullable=False),
    Column("practice", Boolean, nullable=False),
    Column("paper", Text, nullable=False),
    Column("pass_mark", Float, nullable=False),
    Column("time_limit", Float),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("deadline", DateTime(timezone=True)),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("status", String(10), nullable=False),
    Column("timed_out", Boolean, nullable=False, default=False),
    Column("earned", Float),
    Column("possible", Float),
    Column("percent", Float),
    Column("passed", Boolean),
    Column("verification", String(20)),
    Column("session", String(40)),
    Column("learner_key", String(200)),
    Index("ix_attempts_learner_module", "learner", "module", "status"),
    Index("ix_attempts_learner_key", "learner_key", "module", "status"),
    Index("ix_attempts_module_started", "module", "started_at"),
    Index("ix_attempts_verification", "verification"),
    Index("ix_attempts_session", "session"),
)

responses = Table(
    "responses", metadata,
    Column("attempt_id", Integer, ForeignKey("attempts.id", ondelete="CASCADE"),
           primary_key=True),
    Column("question_id", String(200), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("response", Text, nullable=False),
    Column("points", Float, nullable=False),
    Column("fraction", Float, nullable=False),
    Column("answered_at", DateTime(timezone=True), nullable=False),
)

sessions = Table(
    "sessions", metadata,
    Column("code", String(40), primary_key=True),
    Column("is_open", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

resets = Table(
    "resets", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("attempt_id", Integer, ForeignKey("attempts.id", ondelete="CASCADE"), nullable=False),
    Column("learner", String(200), nullable=False),
    Column("module", String(200), nullable=False),
    Column("reason", Text, nullable=False),
    Column("was_finished", Boolean, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_resets_attempt", "attempt_id"),
    Index("ix_resets_learner_module", "learner", "module"),
)


roster = Table(
    "roster", metadata,
    Column("learner_key", String(200), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("code", String(40), nullable=False, unique=True),
    Column("session", String(40)),
    Column("added_at", DateTime(timezone=True), nullable=False),
)

trainer_sessions = Table(
    "trainer_sessions", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("password_hash", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
)

login_failures = Table(
    "login_failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("client", String(100), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_login_failures_client", "client", "at"),
)


def _add_sessions(conn: Connection) -> None:
    # The new tables already exist (create_all runs first); only the new column is missing.
    conn.execute(text("ALTER TABLE attempts ADD COLUMN session VARCHAR(40)"))
    conn.execute(text("CREATE INDEX ix_attempts_session ON attempts (session)"))


def _add_identity(conn: Connection) -> None:
    # The new tables already exist (create_all runs first); attempts gains the compared form
    # of each learner's name, filled in from the names already stored.
    from coursegen.attempts.identity import learner_key

    conn.execute(text("ALTER TABLE attempts ADD COLUMN learner_key VARCHAR(200)"))
    names = conn.execute(text("SELECT DISTINCT learner FROM attempts")).scalars().all()
    for name in names:
        conn.execute(text("UPDATE attempts SET learner_key = :key WHERE learner = :name"),
                     {"key": learner_key(name), "name": name})
    conn.execute(text("CREATE INDEX ix_attempts_learner_key ON attempts (learner_key, module, "
                      "status)"))


MIGRATIONS: dict[int, Callable[[Connection], None]] = {2: _add_sessions, 3: _add_identity}
"""Schema version → function(connection) bringing a database from the version before to it."""


def upsert(backend: str) -> Callable[..., Any]:
    """The INSERT … ON CONFLICT construct of `backend` (both SQLite and PostgreSQL have one)."""
    if backend == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert
