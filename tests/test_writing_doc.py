"""Every example in docs/writing-a-course.md loads and checks clean, so the page cannot rot."""

from __future__ import annotations

import io
import re
import textwrap
from pathlib import Path

import yaml
from PIL import Image

from coursegen.checks import check_course
from coursegen.load import read_course
from coursegen.model.quiz import QUESTION_TYPES
from coursegen.model.slides import SLIDE_KINDS
from tests.conftest import REPO
from tests.test_cli_check import coursegen

DOC = REPO / "docs" / "writing-a-course.md"
_EXAMPLE = re.compile(r"<!-- example: (\w+) -->\n```yaml\n(.*?)```", re.DOTALL)


def _png() -> bytes:
    """A small real PNG, for the image slide's picture."""
    picture = io.BytesIO()
    Image.new("RGB", (40, 30), "grey").save(picture, "PNG")
    return picture.getvalue()


def examples(kind: str) -> list[str]:
    """The YAML of every example of one kind (slide, question, lesson) on the page."""
    return [body for found, body in _EXAMPLE.findall(DOC.read_text(encoding="utf-8"))
            if found == kind]


def test_the_page_shows_every_slide_kind_and_question_type() -> None:
    kinds = [yaml.safe_load(block)[0].get("kind", "bullets") for block in examples("slide")]
    types = [yaml.safe_load(block)[0]["type"] for block in examples("question")]
    assert sorted(kinds) == sorted(SLIDE_KINDS)
    assert sorted(types) == sorted(QUESTION_TYPES)


def test_every_example_loads_and_checks_without_an_error(starter_course: Path) -> None:
    module = starter_course / "modules" / "getting-started"
    slides = "".join(textwrap.indent(block, "  ") for block in examples("slide"))
    (module / "03-examples.yaml").write_text(
        "id: examples\ntitle: Examples\nduration: 10\nslides:\n" + slides, encoding="utf-8"
    )
    for index, block in enumerate(examples("lesson")):
        (module / f"04-lesson-{index}.yaml").write_text(block, encoding="utf-8")
    (starter_course / "images").mkdir()
    (starter_course / "images" / "faraday-bag.png").write_bytes(_png())
    bank = starter_course / "quizzes" / "getting-started.yaml"
    questions = "".join(textwrap.indent(block, "  ") for block in examples("question"))
    bank.write_text(bank.read_text(encoding="utf-8") + questions, encoding="utf-8")
    course, diagnostics = read_course(starter_course)
    assert course is not None, [str(d) for d in diagnostics]
    errors = [str(d) for d in diagnostics + check_course(course) if d.severity == "error"]
    assert errors == []
    assert len(course.modules[0].lessons) == 3 + len(examples("lesson"))  # 2 starter lessons


def test_the_traps_in_the_quoting_table_are_reported_as_the_page_says(
    starter_course: Path,
) -> None:
    lesson = starter_course / "modules" / "getting-started" / "03-trap.yaml"
    lesson.write_text(
        "id: trap\ntitle: Use #hashtags and C# tools\nduration: 5\nslides:\n"
        "  - kind: stat\n    value: 10:30\n    label: x\n    notes: n\n",
        encoding="utf-8",
    )
    result = coursegen("check", starter_course)
    assert 'put the whole text in quotes: "Use #hashtags and C# tools"' in result.stderr
    assert 'put it in quotes: "10:30"' in result.stderr
