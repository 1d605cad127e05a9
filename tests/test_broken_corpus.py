"""Every bad input in tests/fixtures/broken/ yields exactly one clear, located error.

Each fixture names, in its first two lines, the file of the starter course it
replaces (`# target:`) and the diagnostic a trainer must see (`# expect:`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coursegen.checks import check_course
from coursegen.load import read_course
from coursegen.scaffold import create_course

CORPUS = Path(__file__).parent / "fixtures" / "broken"
FIXTURES = sorted(CORPUS.glob("*.yaml"))


def _header(path: Path) -> dict[str, str]:
    # Zero bytes are dropped so that a UTF-16 fixture's header reads too.
    text = path.read_bytes().replace(b"\x00", b"").decode("utf-8", errors="replace")
    lines = text.splitlines()[:2]
    fields = dict(line.removeprefix("# ").split(": ", 1) for line in lines if ": " in line)
    return fields


def errors_for(fixture: Path, tmp_path: Path) -> list[str]:
    """Put the fixture into a copy of the starter course and return the errors `check` reports."""
    course_dir = tmp_path / "course"
    create_course(course_dir)
    target = course_dir / _header(fixture)["target"]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(fixture.read_bytes())
    course, diagnostics = read_course(course_dir)
    if course is not None:
        diagnostics = diagnostics + check_course(course)
    return [str(d) for d in diagnostics if d.severity == "error"]


def test_the_corpus_is_large_and_every_fixture_says_what_it_expects() -> None:
    assert len(FIXTURES) >= 30
    for fixture in FIXTURES:
        header = _header(fixture)
        assert header.get("target"), f"{fixture.name} names no target"
        assert header.get("expect") and header["expect"] != "TODO", f"{fixture.name}: no expect"


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_bad_input_gives_one_located_error(fixture: Path, tmp_path: Path) -> None:
    assert errors_for(fixture, tmp_path) == [_header(fixture)["expect"]]
