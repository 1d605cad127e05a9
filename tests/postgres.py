"""A PostgreSQL schema of its own for one test, when $COURSEGEN_TEST_POSTGRES names a server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from coursegen.attempts.store import database_url

POSTGRES_ENV = "COURSEGEN_TEST_POSTGRES"


@contextmanager
def postgres_schema(prefix: str) -> Iterator[str]:
    """A database URL whose tables live in a fresh schema, dropped afterwards (or skip)."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"no PostgreSQL server: set {POSTGRES_ENV} to a URL to run these tests")
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(database_url(url))
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    joiner = "&" if "?" in url else "?"
    try:
        yield database_url(url) + f"{joiner}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
