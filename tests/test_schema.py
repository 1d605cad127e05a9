"""The JSON Schema that editors use accepts exactly the file shapes the loader accepts.

Both ways: every shipped and starter file passes it, every broken fixture the
loader rejects for its shape fails it, and every fixture the loader reads but
the content rules reject (a citation, a duplicate id) passes it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from coursegen.load import read_course
from coursegen.model.base import ORIGIN
from coursegen.schema import json_schema
from coursegen.yamlio import YamlProblem, read_yaml
from tests.conftest import REPO
from tests.test_broken_corpus import FIXTURES, _header
from tests.test_cli_check import coursegen

STARTER = REPO / "src" / "coursegen" / "scaffold"

# Loader findings a schema cannot see: YAML syntax and the characters behind a value (`012`
# where text is expected), file names, and folders on disk.
# A JSON Schema sees JSON: it cannot tell YAML syntax, the characters behind a value, file
# names, or the NaN and infinity that YAML has and JSON does not.
BEYOND_A_SCHEMA = {"yaml", "text-reading", "yml-file", "missing-module", "missing-file",
                   "finite_number"}


def file_kind(relative: str) -> str:
    """Which schema a course file is written against."""
    if relative in ("course.yaml", "sources.yaml"):
        return relative.removesuffix(".yaml")
    if relative.startswith("quizzes/"):
        return "quiz"
    return "module" if relative.endswith("/module.yaml") else "lesson"


def as_editor_sees(data: Any) -> Any:
    """The file's data as a YAML editor hands it to the schema: dates are text."""
    if isinstance(data, dict):
        return {k: as_editor_sees(v) for k, v in data.items() if k is not ORIGIN}
    if isinstance(data, list):
        return [as_editor_sees(v) for v in data]
    return data.isoformat() if isinstance(data, dt.date) else data


def schema_errors(course_dir: Path, relative: str) -> list[str]:
    """What the schema says about one file of a course folder."""
    validator = jsonschema.Draft202012Validator(
        json_schema(file_kind(relative)),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    data = as_editor_sees(read_yaml(course_dir / relative, relative).data)
    return [error.message for error in validator.iter_errors(data)]


def course_files(root: Path) -> list[str]:
    """Every YAML file of a course folder, relative to it."""
    paths = [root / "course.yaml", root / "sources.yaml"]
    paths += sorted(root.glob("modules/*/*.yaml")) + sorted(root.glob("quizzes/*.yaml"))
    return [p.relative_to(root).as_posix() for p in paths]


@pytest.mark.parametrize("kind", ["course", "sources", "module", "lesson", "quiz"])
def test_each_schema_is_a_valid_json_schema(kind: str) -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema(kind))


@pytest.mark.parametrize(
    ("root", "relative"),
    [(root, f) for root in (REPO, STARTER) for f in course_files(root)],
    ids=lambda value: value if isinstance(value, str) else value.name or "repo",
)
def test_every_shipped_and_starter_file_passes_the_schema(root: Path, relative: str) -> None:
    assert schema_errors(root, relative) == []


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_the_schema_rejects_a_broken_fixture_exactly_when_its_shape_is_wrong(
    fixture: Path, starter_course: Path
) -> None:
    relative = _header(fixture)["target"]
    target = starter_course / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(fixture.read_bytes())
    course, diagnostics = read_course(starter_course)
    codes = {d.code for d in diagnostics if d.severity == "error"}
    if codes & BEYOND_A_SCHEMA:
        pytest.skip(f"the loader's finding ({', '.join(sorted(codes))}) is beyond a schema")
    try:
        found = schema_errors(starter_course, relative)
    except YamlProblem:
        pytest.fail("the loader read the file but the test could not")
    shape_is_wrong = course is None  # the file failed to load, not a content rule
    assert bool(found) == shape_is_wrong, (codes, found)


def test_a_slide_of_one_kind_gets_that_kinds_errors_not_every_alternative() -> None:
    validator = jsonschema.Draft202012Validator(json_schema("lesson"))
    lesson = {"id": "x", "title": "X", "duration": 5, "slides": [{"kind": "stat", "label": "y"}]}
    assert [e.message for e in validator.iter_errors(lesson)] == ["'value' is a required property"]


def test_schema_command_prints_the_same_schema() -> None:
    result = coursegen("schema", "quiz")
    assert json.loads(result.stdout) == json_schema("quiz")
