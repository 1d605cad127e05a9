"""`coursegen check`, `new` and `schema` run as a user runs them: in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SEEDS


def coursegen(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the installed command line and capture what it prints."""
    return subprocess.run(
        [sys.executable, "-m", "coursegen", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_a_new_course_checks_clean(tmp_path: Path) -> None:
    made = coursegen("new", tmp_path / "c")
    assert made.returncode == 0, made.stderr
    result = coursegen("check", "--strict", tmp_path / "c")
    assert result.returncode == 0
    assert result.stdout.strip() == "ok: 0 errors, 0 warnings"


def test_new_refuses_a_folder_that_has_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me")
    result = coursegen("new", tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == f"coursegen: {tmp_path} is not empty; choose a new folder"
    assert (tmp_path / "notes.txt").read_text() == "keep me"


def test_errors_go_to_stderr_with_location_and_exit_1(starter_course: Path) -> None:
    lesson = starter_course / "modules/getting-started/01-double-edged.yaml"
    lesson.write_text(
        lesson.read_text().replace(
            "    points:\n      - text: Crim", "    pionts:\n      - text: Crim", 1
        )
    )
    result = coursegen("check", starter_course)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "modules/getting-started/01-double-edged.yaml:18:5: slides[1].pionts: "
        "unknown key 'pionts'; did you mean 'points'?"
    )
    assert lines[-1] == "failed: 1 error, 0 warnings"
    assert "Traceback" not in result.stderr


def test_warnings_fail_only_with_strict(starter_course: Path) -> None:
    module = starter_course / "modules/getting-started/module.yaml"
    module.write_text(module.read_text().replace("review_by: 2030-01-01", "review_by: 2020-01-01"))
    for lesson in (starter_course / "modules/getting-started").glob("0*.yaml"):
        lesson.write_text(lesson.read_text().replace("review_by: 2030-01-01\n", ""))
    relaxed = coursegen("check", starter_course)
    assert relaxed.returncode == 0
    assert "warning: content was due for review on 2020-01-01" in relaxed.stderr + relaxed.stdout
    strict = coursegen("check", "--strict", starter_course)
    assert strict.returncode == 1


def test_an_update_note_past_its_review_date_is_a_warning_at_its_line(
    starter_course: Path,
) -> None:
    lesson = starter_course / "modules/getting-started/01-double-edged.yaml"
    lesson.write_text(
        lesson.read_text().replace(
            "    points:\n      - text: Crim",
            "    updates:\n      - text: Check the latest figures.\n        review_by: 2020-01-01\n"
            "    points:\n      - text: Crim",
            1,
        )
    )
    relaxed = coursegen("check", starter_course)
    assert relaxed.returncode == 0, relaxed.stderr
    assert (
        "modules/getting-started/01-double-edged.yaml:20:20: slides[1].updates[0].review_by: "
        "warning: update note was due for review on 2020-01-01"
    ) in relaxed.stderr + relaxed.stdout
    assert coursegen("check", "--strict", starter_course).returncode == 1


def test_json_format_lists_every_diagnostic(starter_course: Path) -> None:
    bank = starter_course / "quizzes/getting-started.yaml"
    bank.write_text(bank.read_text().replace("objective: explain-dual-use", "objective: nope", 1))
    result = coursegen("check", "--format", "json", starter_course)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert report["diagnostics"] == [
        {
            "file": "quizzes/getting-started.yaml",
            "line": 13,
            "column": 16,
            "path": "questions[0].objective",
            "severity": "error",
            "code": "unknown-objective",
            "message": "objective 'nope' is not defined in module.yaml",
        }
    ]


def test_a_folder_without_course_yaml_says_what_to_do(tmp_path: Path) -> None:
    result = coursegen("check", tmp_path)
    assert result.returncode == 1
    assert (
        "course.yaml: no course.yaml here; run coursegen in a course folder, or create "
        "one with 'coursegen new DIR'" in result.stderr
    )


def test_a_50_mb_file_is_refused_at_once(starter_course: Path) -> None:
    big = starter_course / "modules/getting-started/03-big.yaml"
    with big.open("w") as handle:
        handle.write("id: big\ntitle: Big\nduration: 5\nslides:\n")
        line = "  - {title: padding, notes: n}\n"
        handle.write(line * (50 * 1024 * 1024 // len(line)))
    result = coursegen("check", starter_course)
    assert result.returncode == 1
    assert (
        "modules/getting-started/03-big.yaml: file is 50.0 MB; course files must be under "
        "2 MB — split it into several lessons" in result.stderr
    )


def test_schema_describes_lesson_files() -> None:
    result = coursegen("schema", "lesson")
    schema = json.loads(result.stdout)
    assert schema["title"] == "coursegen lesson file"
    assert {"id", "title", "duration", "slides"} <= set(schema["properties"])
    assert "file" not in schema["properties"]
    kinds = {
        s["properties"]["kind"].get("const") or s["properties"]["kind"].get("default")
        for s in schema["$defs"].values()
        if "kind" in s.get("properties", {})
    }
    assert {"bullets", "stat", "compare", "case", "knowledge-check", "references"} <= kinds


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repository")
def test_the_shipped_course_passes_strict_check_against_its_sources() -> None:
    result = coursegen("check", "--strict", "--sources", SEEDS, REPO)
    assert result.returncode == 0, result.stderr


def test_check_warns_on_a_sentence_cut_into_a_flow_list_and_on_nested_quotes(
        starter_course: Path) -> None:
    lesson = starter_course / "modules/getting-started/01-double-edged.yaml"
    text = lesson.read_text(encoding="utf-8")
    text = text.replace(
        "        cite: [unodc-ws4-2020#3]\n",
        "        cite: [unodc-ws4-2020#3]\n"
        "        points: [It feeds fraud, phishing, identity theft]\n", 1)
    text = text.replace("lower their risk** of detection",
                        "lower their “risk of “being caught””** of detection", 1)
    lesson.write_text(text, encoding="utf-8")
    result = coursegen("check", starter_course)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert (
        "modules/getting-started/01-double-edged.yaml:23:17: warning: [It feeds fraud, phishing, "
        "identity theft] is a YAML list of 3 items (It feeds fraud / phishing / identity theft), "
        "not one sentence; if you meant one point, write it without brackets or in quotes: "
        '- "It feeds fraud, phishing, identity theft"') in lines
    assert any(line.startswith("modules/getting-started/01-double-edged.yaml:19:")
               and "warning: double quotes inside double quotes" in line for line in lines)
    assert result.stdout.strip() == "ok: 0 errors, 2 warnings"
    strict = coursegen("check", "--strict", starter_course)
    assert strict.returncode == 1


def test_a_quotation_with_double_quotes_prints_them_single() -> None:
    from coursegen.text import quotation

    assert quotation('victims as “walking databases”') == "“victims as ‘walking databases’”"


def test_check_refuses_a_template_with_a_broken_layout_before_a_build_writes(
        starter_course: Path) -> None:
    from tests.render.test_deck_shape import write_broken_layout_template

    write_broken_layout_template(starter_course)
    result = coursegen("check", starter_course)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    place = "brand/org.pptx: deck template ppt/slideLayouts/slideLayout2.xml:"
    assert any(line.startswith(place) and "placeholder idx 'one' must be a whole number" in line
               for line in lines), lines
    assert any(line.startswith(place) and "'bogus' is not allowed in a shape (p:sp)" in line
               for line in lines), lines
    assert lines[-1] == "failed: 3 errors, 0 warnings"
    build = coursegen("build", starter_course)
    assert build.returncode == 1 and place in build.stderr
    assert not (starter_course / "build").exists()  # no handout written beside a failing deck
    # the same template with its layout intact checks clean
    course_file = starter_course / "course.yaml"
    course_file.write_text(course_file.read_text(encoding="utf-8").replace("org.pptx",
                                                                           "good.pptx"))
    assert coursegen("check", "--strict", starter_course).returncode == 0
