"""The attempts store against SQLite, and PostgreSQL when $COURSEGEN_TEST_POSTGRES names one."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import create_engine, event, text

from coursegen.attempts.sessions import SessionBook
from coursegen.attempts.store import (
    AttemptClosed,
    AttemptStore,
    NewAttempt,
    StoreUnavailable,
    database_url,
    open_store,
)
from coursegen.attempts.tables import SCHEMA_VERSION, metadata

POSTGRES_ENV = "COURSEGEN_TEST_POSTGRES"
FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return database_url(str(tmp_path / "attempts.sqlite3"))
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"no PostgreSQL server: set {POSTGRES_ENV} to a URL to run these tests")
    engine = create_engine(database_url(url))
    metadata.drop_all(engine)
    engine.dispose()
    return database_url(url)


@pytest.fixture
def store(db_url):
    store = AttemptStore(db_url)
    yield store
    store.close()


def new_attempt(learner="ann", module="m", practice=False, form="exam", time_limit=None,
                session=None):
    return NewAttempt(learner=learner, course_id="c", course_title="Course", organisation="Org",
                      module=module, module_title="Module", bank_version="v1", seed=7, form=form,
                      practice=practice, paper={"questions": [{"id": "q1", "order": []}]},
                      pass_mark=70.0, time_limit=time_limit, session=session)


def test_each_response_is_committed_at_once_and_visible_to_another_connection(store, db_url):
    attempt = store.start(new_attempt())
    store.save_response(attempt.id, "q1", 0, [0, 2], 1.0, 0.5)
    store.save_response(attempt.id, "q2", 1, "Sûreté", 1.0, 1.0)
    other = AttemptStore(db_url)
    try:
        assert other.responses(attempt.id) == {"q1": [0, 2], "q2": "Sûreté"}
        resumed = other.find_open("ann", "m", practice=False)
        assert resumed.id == attempt.id and resumed.seed == 7 and resumed.paper == attempt.paper
    finally:
        other.close()


def test_reads_in_one_block_share_one_connection_and_still_see_writes(store):
    attempt = store.start(new_attempt())
    checkouts = []
    event.listen(store.engine, "checkout", lambda *_: checkouts.append(1))
    with store.reading():
        record = store.get(attempt.id)
        assert store.responses(record.id) == {}
        store.save_response(attempt.id, "q1", 0, "a", 1.0, 1.0)
        assert store.responses(record.id) == {"q1": "a"}
        with store.reading():  # a nested block keeps the outer one's connection
            assert store.get(attempt.id).uid == record.uid
    assert len(checkouts) == 2  # the reads' connection and the write's transaction
    assert store.responses(record.id) == {"q1": "a"}


def test_an_open_attempt_can_change_an_answer_a_finished_one_cannot(store):
    attempt = store.start(new_attempt())
    store.save_response(attempt.id, "q1", 0, 1, 1.0, 0.0)
    store.save_response(attempt.id, "q1", 0, 2, 1.0, 1.0)
    finished = store.finish(attempt.id, 1.0, 1.0, 100.0, True)
    assert finished.status == "finished" and finished.passed and finished.verification
    with pytest.raises(AttemptClosed, match="is finished; its answers cannot change"):
        store.save_response(attempt.id, "q1", 0, 0, 1.0, 0.0)
    with pytest.raises(AttemptClosed, match="already finished"):
        store.finish(attempt.id, 0.0, 1.0, 0.0, False)
    assert store.responses(attempt.id) == {"q1": 2}
    assert store.get(attempt.id).percent == 100.0
    assert store.find_open("ann", "m", practice=False) is None


def test_times_are_kept_in_utc_with_the_deadline(store):
    start = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    attempt = store.start(new_attempt(time_limit=600), when=start)
    assert attempt.started_at == start and attempt.started_at.tzinfo == dt.UTC
    assert attempt.deadline - attempt.started_at == dt.timedelta(minutes=10)


def test_open_attempts_are_kept_apart_by_learner_kind_and_form(store):
    exam = store.start(new_attempt())
    practice = store.start(new_attempt(practice=True))
    pre = store.start(new_attempt(form="pre"))
    assert store.find_open("ann", "m", practice=False).id == exam.id
    assert store.find_open("ann", "m", practice=True).id == practice.id
    assert store.find_open("ann", "m", practice=False, form="pre").id == pre.id
    assert store.find_open("bob", "m", practice=False) is None
    store.abandon(exam.id)
    assert store.find_open("ann", "m", practice=False) is None
    assert store.get(exam.id).status == "abandoned"


def test_listing_filters_and_bulk_responses_for_statistics(store):
    early = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
    late = dt.datetime(2026, 2, 5, tzinfo=dt.UTC)
    for learner, when, fraction in (("ann", early, 1.0), ("bob", late, 0.0)):
        attempt = store.start(new_attempt(learner=learner), when=when)
        store.save_response(attempt.id, "q1", 0, 1, 1.0, fraction, when=when)
        store.finish(attempt.id, fraction, 1.0, 100 * fraction, fraction == 1.0, when=when)
    store.start(new_attempt(learner="cy", module="other"))
    assert [a.learner for a in store.list_attempts()] == ["ann", "bob", "cy"]
    assert [a.learner for a in store.list_attempts(module="m")] == ["ann", "bob"]
    assert [a.learner for a in store.list_attempts(learner="bob")] == ["bob"]
    assert [a.learner for a in store.list_attempts(module="m", since=late)] == ["bob"]
    rows = list(store.response_rows("m"))
    assert [(r["learner"], r["question_id"], r["response"], r["fraction"]) for r in rows] == [
        ("ann", "q1", 1, 1.0), ("bob", "q1", 1, 0.0)]
    assert store.count_finished("ann", "m") == 1


def test_verification_code_finds_its_attempt(store):
    attempt = store.start(new_attempt())
    finished = store.finish(attempt.id, 1.0, 1.0, 100.0, True)
    assert store.find_by_code(finished.verification.lower()).id == attempt.id
    assert store.find_by_code("0000-0000-0000") is None


def test_many_learners_answering_at_once_lose_nothing(store, db_url):
    attempts = [store.start(new_attempt(learner=f"learner-{i}")) for i in range(8)]
    failures = []

    def answer(attempt_id):
        own = AttemptStore(db_url)
        try:
            for number in range(15):
                own.save_response(attempt_id, f"q{number}", number, number, 1.0, 1.0)
        except Exception as error:  # collected and asserted below
            failures.append(error)
        finally:
            own.close()

    threads = [threading.Thread(target=answer, args=(a.id,)) for a in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    for attempt in attempts:
        assert len(store.responses(attempt.id)) == 15


def test_schema_version_is_recorded_and_a_newer_schema_is_refused(store, db_url):
    with store.engine.begin() as conn:
        assert conn.execute(text("SELECT version FROM schema_version")).scalar() == SCHEMA_VERSION
        conn.execute(text("UPDATE schema_version SET version = 99"))
    with pytest.raises(StoreUnavailable, match=r"newer coursegen \(schema 99"):
        AttemptStore(db_url)


def test_a_version_1_database_is_migrated_and_keeps_its_attempts(tmp_path):
    path = tmp_path / "v1.sqlite3"
    with sqlite3.connect(path) as old:  # made by the version that had no session codes
        old.executescript((FIXTURES / "store" / "schema-v1.sql").read_text())
    store = AttemptStore(database_url(str(path)))
    try:
        [kept] = store.list_attempts("m")
        assert (kept.learner, kept.percent, kept.session) == ("ann", 100.0, None)
        assert store.responses(kept.id) == {"q1": 1}
        started = store.start(new_attempt(learner="bo", session="MON-1"))
        assert [r.learner for r in store.list_attempts(session="mon-1")] == ["bo"]
        assert started.session == "MON-1"
        with store.engine.begin() as conn:
            assert conn.execute(text("SELECT version FROM schema_version")).scalar() == \
                SCHEMA_VERSION
    finally:
        store.close()


def test_a_version_2_database_counts_case_variants_of_a_name_as_one_learner(tmp_path):
    path = tmp_path / "v2.sqlite3"
    with sqlite3.connect(path) as old:  # two finished attempts, typed "Limit Tester" and
        # "limit  tester", by the version that compared names exactly
        old.executescript((FIXTURES / "store" / "schema-v2.sql").read_text())
    store = AttemptStore(database_url(str(path)))
    try:
        assert [r.learner for r in store.list_attempts("m")] == ["Limit Tester", "limit  tester"]
        assert store.count_finished("LIMIT TESTER", "m") == 2
        assert store.count_finished("limit tester", "m") == 2
        opened = store.start(new_attempt(learner="Limit\tTester"))
        assert store.find_open("limit tester", "m", practice=False) == opened
        with store.engine.begin() as conn:
            assert conn.execute(text("SELECT version FROM schema_version")).scalar() == 3
    finally:
        store.close()


def test_sessions_and_resets_are_shared_by_every_store_on_the_database(store, db_url):
    book = SessionBook(store)
    book.set_session("mon-1", is_open=True)
    book.set_session("MON-1", is_open=False)  # the same code, any case: closes it
    other = SessionBook(AttemptStore(db_url))
    try:
        [session] = other.sessions()
        assert (session.code, session.is_open) == ("MON-1", False)
        assert other.session("Mon-1") == session and other.session("TUE") is None
        with pytest.raises(ValueError, match="1 to 40 letters"):
            book.set_session("bad code!", is_open=True)
        done = store.start(new_attempt(learner="ann"))
        store.finish(done.id, 1, 1, 100, True)
        assert other.store.count_finished("ann", "m") == 1
        book.log_reset(store.get(done.id), "wrong learner name")
        assert other.store.count_finished("ann", "m") == 0  # given back
        assert other.reset_of(done.id).reason == "wrong learner name"
        assert other.reset_of(done.id).was_finished
        assert list(other.latest_resets()) == [done.id]
    finally:
        other.store.close()


def test_paths_and_urls_for_db(tmp_path, monkeypatch):
    assert database_url(str(tmp_path / "a.db")) == f"sqlite:///{tmp_path / 'a.db'}"
    assert database_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    monkeypatch.setenv("COURSEGEN_DB", str(tmp_path / "env.db"))
    assert database_url(None).endswith("env.db")
    monkeypatch.delenv("COURSEGEN_DB")
    assert database_url(None).endswith("attempts.sqlite3")


def test_an_unreachable_server_is_one_clear_error_without_the_password():
    with pytest.raises(StoreUnavailable) as raised:
        open_store("postgresql+psycopg://ann:secret@127.0.0.1:9/none?connect_timeout=2")
    message = str(raised.value)
    assert message.startswith("cannot open the attempts database postgresql+psycopg://ann:***@")
    assert "secret" not in message
