"""One run reports every file's problems: a broken file does not hide the others' problems."""

from __future__ import annotations

from pathlib import Path

from coursegen.load import read_course
from tests.test_cli_check import coursegen

MODULE = "modules/getting-started"
QUIZ = "quizzes/getting-started.yaml"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _errors(course_dir: Path) -> list[str]:
    course, diagnostics = read_course(course_dir)
    assert course is None
    return [str(d) for d in diagnostics if d.severity == "error"]


def test_an_unknown_key_does_not_hide_a_bad_citation_or_a_bad_objective(
    starter_course: Path,
) -> None:
    (starter_course / MODULE / "03-extra.yaml").write_text(
        "id: extra\ntitle: Extra\nduration: 5\nslides:\n  - title: X\n    pionts: [a]\n"
        "    notes: n\n",
        encoding="utf-8",
    )
    _edit(starter_course / MODULE / "module.yaml", "duration: 45", "duration: 50")  # + 5 min
    _edit(starter_course / MODULE / "02-safeguards.yaml", "cite: [unodc-ws4-2020#74]\nslides",
          "cite: [unodc-ws4-2021#74]\nslides")
    _edit(starter_course / QUIZ, "    objective: explain-dual-use\n    level: understand",
          "    objective: explain-dual-usr\n    level: understand")
    result = coursegen("check", starter_course)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{MODULE}/03-extra.yaml:6:5: slides[0].pionts: unknown key 'pionts'; "
        "did you mean 'points'?",
        f"{MODULE}/02-safeguards.yaml:8:7: cite: citation 'unodc-ws4-2021#74' names no source "
        "in sources.yaml; did you mean 'unodc-ws4-2020'?",
        f"{QUIZ}:13:16: questions[0].objective: objective 'explain-dual-usr' is not defined "
        "in module.yaml",
        "failed: 3 errors, 0 warnings",
    ]


def test_a_broken_bank_is_reported_alone_not_as_every_knowledge_check(
    starter_course: Path,
) -> None:
    _edit(starter_course / QUIZ, "    type: single\n", "    type: singel\n")
    _edit(starter_course / MODULE / "02-safeguards.yaml", "cite: [unodc-ws4-2020#74]\nslides",
          "cite: [nowhere#74]\nslides")
    assert _errors(starter_course) == [
        f"{QUIZ}:12:11: questions[0].type: unknown question type 'singel'; did you mean "
        "'single'? (one of: single, multiple, true-false, short-answer, numeric, matching, "
        "ordering)",
        f"{MODULE}/02-safeguards.yaml:8:7: cite: citation 'nowhere#74' names no source in "
        "sources.yaml",
    ]


def test_broken_sources_do_not_make_every_citation_unknown(starter_course: Path) -> None:
    _edit(starter_course / "sources.yaml", "    publisher:", "    publsher:")
    _edit(starter_course / QUIZ, "    objective: explain-dual-use\n    level: understand",
          "    objective: nowhere\n    level: understand")
    assert _errors(starter_course) == [
        "sources.yaml:3:5: sources[0].publisher: missing required key 'publisher'",
        "sources.yaml:5:5: sources[0].publsher: unknown key 'publsher'; did you mean "
        "'publisher'?",
        f"{QUIZ}:13:16: questions[0].objective: objective 'nowhere' is not defined in "
        "module.yaml",
    ]


def test_a_broken_course_yaml_does_not_hide_the_lessons_problems(starter_course: Path) -> None:
    _edit(starter_course / "course.yaml", "pass_mark: 70", "pass_mark: lots")
    _edit(starter_course / MODULE / "02-safeguards.yaml", "duration: 25", "duration: long")
    assert _errors(starter_course) == [
        "course.yaml:8:12: pass_mark: expected a number, got 'lots'",
        f"{MODULE}/02-safeguards.yaml:3:11: duration: expected a whole number, got 'long'",
    ]


def test_new_refuses_a_file_with_a_message_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "course.yaml").write_text("keep me")
    result = coursegen("new", tmp_path / "course.yaml")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"coursegen: {tmp_path / 'course.yaml'} is a file, not a folder; "
        "choose a new folder name"
    )
    assert (tmp_path / "course.yaml").read_text() == "keep me"


def test_a_module_yml_is_reported_once_as_a_file_to_rename(starter_course: Path) -> None:
    module = starter_course / MODULE
    (module / "module.yaml").rename(module / "module.yml")
    assert _errors(starter_course) == [
        f"{MODULE}/module.yml: coursegen reads only files ending in .yaml, so this file is "
        "skipped; rename it to module.yaml"
    ]
