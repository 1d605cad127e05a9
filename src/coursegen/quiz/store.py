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
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
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
    create_engine,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from coursegen.errors import CoursegenError

SCHEMA_VERSION = 1
DB_ENV = "COURSEGEN_DB"
"""Environment variable naming the database when --db is not given."""

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
    Index("ix_attempts_learner_module", "learner", "module", "status"),
    Index("ix_attempts_module_started", "module", "started_at"),
    Index("ix_attempts_verification", "verification"),
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

MIGRATIONS: dict[int, Any] = {}
"""Schema version → function(connection) bringing a database from the version before to it."""

OPEN, FINISHED, ABANDONED = "open", "finished", "abandoned"


class StoreUnavailable(CoursegenError):
    """The attempts database cannot be opened or used."""


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


def verification_code(uid: str, learner: str, module: str, percent: float,
                      finished_at: dt.datetime) -> str:
    """A short code derived from the attempt, printed on certificates: XXXX-XXXX-XXXX."""
    text = f"{uid}|{learner}|{module}|{percent:.4f}|{_utc(finished_at).isoformat()}"
    digest = hashlib.sha256(text.encode()).hexdigest().upper()
    return "-".join(digest[i:i + 4] for i in (0, 4, 8))


def now() -> dt.datetime:
    """The current time in UTC (the store keeps every time in UTC)."""
    return dt.datetime.now(dt.UTC)


class AttemptStore:
    """Attempts and their responses in one database."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.display_url = _display(url)
        try:
            parsed = make_url(url)
        except ArgumentError as error:
            raise StoreUnavailable(f"'{url}' is not a database path or URL: {error}") from None
        if parsed.get_backend_name() == "sqlite" and parsed.database:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.engine = _engine(url)
        except (SQLAlchemyError, ModuleNotFoundError) as error:
            raise StoreUnavailable(f"cannot open the attempts database {self.display_url}: "
                                   f"{_reason(error)}") from None
        try:
            _migrate(self.engine)
        except SQLAlchemyError as error:
            self.engine.dispose()
            raise StoreUnavailable(f"cannot open the attempts database {self.display_url}: "
                                   f"{_reason(error)}") from None
        except StoreUnavailable:
            self.engine.dispose()
            raise

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def start(self, new: NewAttempt, when: dt.datetime | None = None) -> AttemptRecord:
        """Record a new open attempt and return it."""
        started = _utc(when or now())
        deadline = started + dt.timedelta(seconds=new.time_limit) if new.time_limit else None
        values = {
            "uid": secrets.token_hex(16), "learner": new.learner, "course_id": new.course_id,
            "course_title": new.course_title, "organisation": new.organisation,
            "module": new.module, "module_title": new.module_title,
            "bank_version": new.bank_version, "seed": new.seed, "form": new.form,
            "practice": new.practice, "paper": json.dumps(new.paper), "pass_mark": new.pass_mark,
            "time_limit": new.time_limit, "started_at": started, "deadline": deadline,
            "updated_at": started, "status": OPEN, "timed_out": False,
        }
        with self._write() as conn:
            attempt_id = conn.execute(insert(attempts).values(**values)).inserted_primary_key[0]
        return self.get(attempt_id)

    def get(self, attempt_id: int) -> AttemptRecord:
        """The attempt with this id; raises StoreUnavailable naming it if there is none."""
        with self._read() as conn:
            row = conn.execute(select(attempts).where(attempts.c.id == attempt_id)).first()
        if row is None:
            raise StoreUnavailable(f"no attempt {attempt_id} in {self.display_url}")
        return _record(row)

    def find_open(self, learner: str, module: str, practice: bool,
                  form: str = "exam") -> AttemptRecord | None:
        """The learner's latest unfinished attempt at a module (of this kind and form), if any."""
        query = (select(attempts)
                 .where(attempts.c.learner == learner, attempts.c.module == module,
                        attempts.c.practice == practice, attempts.c.form == form,
                        attempts.c.status == OPEN)
                 .order_by(attempts.c.id.desc()).limit(1))
        with self._read() as conn:
            row = conn.execute(query).first()
        return _record(row) if row else None

    def count_finished(self, learner: str, module: str) -> int:
        """How many scored (non-practice) attempts the learner has finished at a module."""
        query = select(func.count()).select_from(attempts).where(
            attempts.c.learner == learner, attempts.c.module == module,
            attempts.c.practice.is_(False), attempts.c.status == FINISHED)
        with self._read() as conn:
            return int(conn.execute(query).scalar_one())

    def save_response(self, attempt_id: int, question_id: str, position: int, response: Any,
                      points: float, fraction: float, when: dt.datetime | None = None) -> None:
        """Record (or replace) one response at once, in its own transaction.

        Raises AttemptClosed if the attempt is no longer open.
        """
        answered = _utc(when or now())
        with self._write() as conn:
            self._touch_open(conn, attempt_id, answered)
            key = (responses.c.attempt_id == attempt_id) & (responses.c.question_id == question_id)
            values = {"position": position, "response": json.dumps(response),
                      "points": points, "fraction": fraction, "answered_at": answered}
            if conn.execute(update(responses).where(key).values(**values)).rowcount == 0:
                conn.execute(insert(responses).values(attempt_id=attempt_id,
                                                      question_id=question_id, **values))

    def responses(self, attempt_id: int) -> dict[str, Any]:
        """Question id → response of every answer saved for the attempt."""
        query = select(responses.c.question_id, responses.c.response).where(
            responses.c.attempt_id == attempt_id)
        with self._read() as conn:
            return {row.question_id: json.loads(row.response) for row in conn.execute(query)}

    def finish(self, attempt_id: int, earned: float, possible: float, percent: float,
               passed: bool, timed_out: bool = False,
               when: dt.datetime | None = None) -> AttemptRecord:
        """Close the attempt with its result; raises AttemptClosed if it was already closed."""
        finished = _utc(when or now())
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
                      since: dt.datetime | None = None) -> list[AttemptRecord]:
        """Attempts, oldest first, filtered by module, learner and start time."""
        query = select(attempts).order_by(attempts.c.started_at, attempts.c.id)
        if module:
            query = query.where(attempts.c.module == module)
        if learner:
            query = query.where(attempts.c.learner == learner)
        if since:
            query = query.where(attempts.c.started_at >= _utc(since))
        with self._read() as conn:
            return [_record(row) for row in conn.execute(query)]

    def find_by_code(self, code: str) -> AttemptRecord | None:
        """The finished attempt a certificate's verification code belongs to, if any."""
        query = select(attempts).where(attempts.c.verification == code.strip().upper())
        with self._read() as conn:
            row = conn.execute(query).first()
        return _record(row) if row else None

    def response_rows(self, module: str, since: dt.datetime | None = None,
                      include_practice: bool = False) -> Iterator[dict[str, Any]]:
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
            query = query.where(attempts.c.started_at >= _utc(since))
        with self._read() as conn:
            for row in conn.execution_options(yield_per=1000).execute(query):
                data = row._asdict()
                data["response"] = json.loads(data["response"])
                yield data

    def _touch_open(self, conn: Connection, attempt_id: int, when: dt.datetime) -> None:
        # Taking the write lock with this guarded UPDATE first is what serialises a save
        # against a concurrent finish: whichever commits first wins, the other sees rowcount 0.
        touched = conn.execute(update(attempts)
                               .where(attempts.c.id == attempt_id, attempts.c.status == OPEN)
                               .values(updated_at=when))
        if touched.rowcount != 1:
            raise AttemptClosed(f"attempt {attempt_id} is finished; its answers cannot change")

    def _write(self):
        return _Guarded(self, write=True)

    def _read(self):
        return _Guarded(self, write=False)


class _Guarded:
    """A connection context that turns database failures into one clear StoreUnavailable."""

    def __init__(self, store: AttemptStore, write: bool) -> None:
        self.store, self.write = store, write

    def __enter__(self) -> Connection:
        try:
            self.context = self.store.engine.begin() if self.write else self.store.engine.connect()
            return self.context.__enter__()
        except SQLAlchemyError as error:
            raise StoreUnavailable(f"attempts database {self.store.display_url}: "
                                   f"{_reason(error)}") from None

    def __exit__(self, kind, error, traceback) -> bool:
        try:
            self.context.__exit__(kind, error, traceback)
        except SQLAlchemyError as failure:
            raise StoreUnavailable(f"attempts database {self.store.display_url}: "
                                   f"{_reason(failure)}") from None
        if isinstance(error, SQLAlchemyError):
            raise StoreUnavailable(f"attempts database {self.store.display_url}: "
                                   f"{_reason(error)}") from None
        return False


def open_store(db: str | None = None) -> AttemptStore:
    """Open (creating or migrating as needed) the attempts database for `--db`."""
    return AttemptStore(database_url(db))


def _engine(url: str) -> Engine:
    if make_url(url).get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": 30})

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


def _migrate(engine: Engine) -> None:
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


def _record(row: Any) -> AttemptRecord:
    data = row._asdict()
    data["paper"] = json.loads(data["paper"])
    for name in ("started_at", "deadline", "finished_at"):
        data[name] = _utc(data[name]) if data[name] else None
    data.pop("updated_at", None)
    return AttemptRecord(**data)


def _utc(value: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes; every time the store writes is UTC.
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _display(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _reason(error: BaseException) -> str:
    if isinstance(error, OperationalError) and error.orig is not None:
        return str(error.orig).strip().splitlines()[0]
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def response_matrix(store: AttemptStore, module: str, question_ids: list[str],
                    since: dt.datetime | None = None, attempt_uids: list[str] | None = None,
                    first_only: bool = True, text_ids: list[str] = ()) -> dict[str, Any]:
    """A module's finished scored attempts as numpy arrays for the statistics, in two queries.

    Rows are attempts in start order (with `first_only`, each learner's first attempt
    at each form); columns follow `question_ids`. ``scores`` holds points earned, 0 for
    a question on the paper left unanswered, NaN for one not on the paper;
    ``responses`` holds the stored JSON text of answers to the `text_ids` questions.
    """
    import numpy as np
    from sqlalchemy import JSON, case, cast, literal, true

    where = [attempts.c.module == module, attempts.c.status == FINISHED,
             attempts.c.practice.is_(False)]
    if since:
        where.append(attempts.c.started_at >= _utc(since))
    if attempt_uids is not None:
        where.append(attempts.c.uid.in_(list(attempt_uids)))
    kept = select(attempts.c.id).where(*where)
    if first_only:  # ranked on ids only, so the papers never go through the sort
        rank = func.row_number().over(partition_by=(attempts.c.learner, attempts.c.form),
                                      order_by=(attempts.c.started_at, attempts.c.id))
        ranked = select(attempts.c.id, rank.label("rank")).where(*where).subquery()
        kept = select(ranked.c.id).where(ranked.c.rank == 1)
    # Which questions each paper asked is expanded in the database and summed into 62-bit
    # masks, so no paper is parsed in Python and one row comes back per attempt.
    if store.engine.dialect.name == "sqlite":
        paper = func.json_each(attempts.c.paper, "$.questions").table_valued("value")
        asked_id = func.json_extract(paper.c.value, "$.id")
    else:
        paper = func.json_array_elements(cast(attempts.c.paper, JSON)["questions"]) \
            .table_valued("value")
        asked_id = paper.c.value.op("->>")(literal("id"))
    index = {qid: j for j, qid in enumerate(question_ids)}
    masks = [func.sum(case({q: 1 << (j % 62) for q, j in index.items() if j // 62 == k},
                           value=asked_id, else_=0)) for k in range((len(index) + 61) // 62)]
    asked = (select(attempts.c.id, attempts.c.uid, attempts.c.learner, attempts.c.form,
                    *masks).select_from(attempts).join(paper, true())
             .where(attempts.c.id.in_(kept)).group_by(attempts.c.id)
             .order_by(attempts.c.started_at, attempts.c.id))
    # Responses come back grouped by (question, points earned, answer text) with the ids of
    # the attempts that gave them: a few rows per question instead of one per response.
    earned = responses.c.points * responses.c.fraction
    text = case((responses.c.question_id.in_(list(text_ids) or [""]), responses.c.response),
                else_=None)
    cells = (select(responses.c.question_id, earned, text,
                    func.aggregate_strings(cast(responses.c.attempt_id, String), ","))
             .where(responses.c.attempt_id.in_(kept))
             .group_by(responses.c.question_id, earned, text))
    with store._read() as conn:
        heads = conn.execute(asked).cursor.fetchall()
        groups = conn.execute(cells).cursor.fetchall()
    ids, uids, learners, forms = ([h[k] for h in heads] for k in range(4))
    order = np.argsort(np.asarray(ids, dtype=np.int64))
    sorted_ids = np.asarray(ids, dtype=np.int64)[order]
    scores = np.full((len(ids), len(question_ids)), np.nan)
    texts = np.full(scores.shape, None, dtype=object)
    for k in range(len(masks)):
        values = np.array([int(h[4 + k] or 0) for h in heads], dtype=np.int64)
        width = min(62, len(question_ids) - 62 * k)
        on = (values[:, None] >> np.arange(width)) & 1 == 1
        scores[:, 62 * k:62 * k + width][on] = 0.0
    for question_id, points, response, attempt_list in groups:
        col = index.get(question_id)
        if col is None or not len(ids):
            continue
        attempt_id = np.array(attempt_list.split(","), dtype=np.int64)
        place = np.minimum(np.searchsorted(sorted_ids, attempt_id), len(ids) - 1)
        row = order[place][sorted_ids[place] == attempt_id]
        row = row[~np.isnan(scores[row, col])]  # only questions on the attempt's paper
        scores[row, col] = float(points)
        texts[row, col] = response
    return {"attempt_ids": np.asarray(ids, dtype=np.int64), "uids": np.array(uids, dtype=object),
            "learners": np.array(learners, dtype=object), "forms": np.array(forms, dtype=object),
            "scores": scores, "responses": texts}
