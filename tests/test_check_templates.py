"""Template checks accept every built-in template, so a course that copies them stays clean."""

from __future__ import annotations

import shutil

from coursegen.checks import check_course
from coursegen.load import load_course
from coursegen.scaffold import create_course
from coursegen.theme import BUILTIN_TEMPLATES


def test_a_course_with_a_copy_of_every_built_in_template_checks_clean(tmp_path) -> None:
    create_course(tmp_path / "c")
    shutil.copytree(BUILTIN_TEMPLATES, tmp_path / "c" / "templates", dirs_exist_ok=True)
    course = load_course(tmp_path / "c")
    assert [str(d) for d in check_course(course)] == []
