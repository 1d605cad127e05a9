"""Opening the attempts database: its URL, the engine (SQLite pragmas), schema migration."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import create_engine, event, func, insert, select, update
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from coursegen.attempts.tables import MIGRATIONS, SCHEMA_VERSION, metadata, schema_version
from coursegen.errors import CoursegenError

POOL_SIZE = 20
"""PostgreSQL connections one server process keeps open (up to 10 more at a peak)."""
DB_ENV = "COURSEGEN_DB"
"""Environment variable naming the database when --db is not given."""


class StoreUnavailable(CoursegenError):
    """The attempts database cannot be opened or used."""


def database_url(db: str | None = None) -> str:
    """The SQLAlchemy URL for `--db` (a path or a URL), $COURSEGEN_DB, or the default file."""
    db = db or os.environ.get(DB_ENV)
    if not db:
        from platformdirs import user_data_path

        return f"sqlite:///{user_data_path('coursegen') / 'attempts.sqlite3'}"
    if "://" not in db:
        return f"sqlite:///{Path(db).expanduser().resolve()}"
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    return db


def open_engine(url: str) -> Engine:
    """An engine for the URL; SQLite connections get WAL, full sync and a busy timeout."""
    if make_url(url).get_backend_name() != "sqlite":
        # Keep enough connections for a busy worker: past pool_size, each extra connection is
        # opened for one request and closed after it (a new PostgreSQL backend every time).
        return create_engine(url, pool_pre_ping=True, pool_size=POOL_SIZE, max_overflow=10)
    # As many pooled connections as the web server runs request threads (anyio's 40), so a
    # busy room never opens and closes connections (and reruns the pragmas) per request.
    engine = create_engine(url, connect_args={"timeout": 30}, pool_size=40, max_overflow=10)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        # WAL lets readers and one writer work at once (the web runner); FULL sync makes
        # each saved answer survive a power cut; the busy timeout queues concurrent writers.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    return engine


def migrate(engine: Engine) -> None:
    """Create the tables, or bring an older database up to this schema version."""
    metadata.create_all(engine)
    with engine.begin() as conn:
        version = conn.execute(select(func.max(schema_version.c.version))).scalar()
        if version is None:
            conn.execute(insert(schema_version).values(version=SCHEMA_VERSION))
            return
        if version > SCHEMA_VERSION:
            raise StoreUnavailable(
                f"the database was written by a newer coursegen (schema {version}, this version "
                f"knows {SCHEMA_VERSION}); upgrade coursegen")
        for step in range(version + 1, SCHEMA_VERSION + 1):
            MIGRATIONS[step](conn)
        conn.execute(update(schema_version).values(version=SCHEMA_VERSION))


def display_url(url: str) -> str:
    """The URL as shown to people: any password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def reason(error: BaseException) -> str:
    """The first line of what the database said, for an error message."""
    if isinstance(error, OperationalError) and error.orig is not None:
        return str(error.orig).strip().splitlines()[0]
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
