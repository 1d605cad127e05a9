"""Fixtures shared by the web runner's tests."""

from __future__ import annotations

import pytest

from tests.postgres import postgres_schema
from tests.web.setup import make_rig


@pytest.fixture(params=["sqlite", "postgresql"])
def rig(request, tmp_path):
    """The starter course served by the web app (deferred feedback, trainer pages on), over a
    SQLite file and, when $COURSEGEN_TEST_POSTGRES names a server, over PostgreSQL."""
    if request.param == "sqlite":
        rig = make_rig(tmp_path)
        yield rig
        rig.close()
        return
    with postgres_schema("web") as url:
        rig = make_rig(tmp_path, db=url)
        yield rig
        rig.close()
