"""Fixtures shared by the web runner's tests."""

from __future__ import annotations

from contextlib import ExitStack, nullcontext

import pytest

from tests.postgres import postgres_schema
from tests.web.setup import make_rig


@pytest.fixture(params=["sqlite", "postgresql"])
def make_web_rig(request, tmp_path):
    """A factory of rigs with app options (e.g. a clock), each over a SQLite file or, when
    $COURSEGEN_TEST_POSTGRES names a server, over PostgreSQL."""
    with ExitStack() as stack:
        url = stack.enter_context(postgres_schema("web") if request.param == "postgresql"
                                  else nullcontext(None))
        made = []

        def factory(**options):
            rig = make_rig(tmp_path / f"rig{len(made)}", db=url, **options)
            made.append(rig)
            return rig

        yield factory
        for rig in made:
            rig.close()


@pytest.fixture
def rig(make_web_rig):
    """The starter course served by the web app (deferred feedback, trainer pages on), over a
    SQLite file and, when $COURSEGEN_TEST_POSTGRES names a server, over PostgreSQL."""
    return make_web_rig()
