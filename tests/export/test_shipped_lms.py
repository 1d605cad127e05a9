"""The shipped course's LMS files: valid packages, and every question accounted for."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from coursegen.export.lms import lms_exports
from coursegen.load import load_checked
from coursegen.render.options import RenderOptions
from tests.conftest import REPO
from tests.export.conftest import assert_valid
from tests.js.tools import JS, need_node_package, node

GIFT_TYPES = {"single": "MC", "multiple": "MC", "true-false": "TF", "short-answer": "Short",
              "numeric": "Numerical", "matching": "Matching"}


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    """The shipped course and its lms/ folder, built once."""
    course, _ = load_checked(REPO)
    out = tmp_path_factory.mktemp("shipped")
    _files, warnings = lms_exports(course, out, RenderOptions())
    return course, out / "lms", warnings


def test_every_package_and_item_validates(shipped, scorm12_schema, qti_schema,
                                          content_package_schema) -> None:
    course, folder, _ = shipped
    packages = sorted(folder.glob("*-scorm12.zip"))
    assert len(packages) == len(course.modules) + 1
    for package in packages:
        with zipfile.ZipFile(package) as archive:
            assert_valid(scorm12_schema, archive.read("imsmanifest.xml"), package.name)
    for package in folder.glob("*-qti21.zip"):
        with zipfile.ZipFile(package) as archive:
            assert_valid(content_package_schema, archive.read("imsmanifest.xml"), package.name)
            for name in archive.namelist():
                if name.startswith("items/"):
                    assert_valid(qti_schema, archive.read(name), f"{package.name}:{name}")


def test_every_question_is_exported_or_named_in_a_warning(shipped) -> None:
    course, folder, warnings = shipped
    need_node_package("gift-pegjs")
    for module in course.modules:
        if module.bank is None:
            continue
        warned = {w.message.split("'")[1] for w in warnings
                  if w.code == "export-gift" and "; it is left out" in w.message
                  and w.location and w.location.file == module.bank.file}
        result = node(JS / "parse_gift.mjs", folder / f"{module.id}.gift")
        assert result.returncode == 0, result.stderr
        parsed = [q for q in json.loads(result.stdout) if q["type"] != "Category"]
        expected = [(GIFT_TYPES[q.type], q.id) for q in module.bank.questions if q.id not in warned]
        assert [(q["type"], q["title"]) for q in parsed] == expected
        moodle = etree.parse(str(folder / f"{module.id}.moodle.xml")).getroot()
        names = [q.findtext("name/text") for q in moodle.findall("question")][1:]
        assert len(names) == len(module.bank.questions) - sum(
            1 for w in warnings if w.code == "export-moodle-xml" and "it is left out" in w.message
            and w.location and w.location.file == module.bank.file)


def test_the_site_of_the_shipped_course_builds(tmp_path: Path) -> None:
    from coursegen.render.site import render_site

    course, _ = load_checked(REPO)
    written = render_site(course, tmp_path, RenderOptions())
    pages = [p for p in written if p.suffix == ".html"]
    lessons = sum(len(m.lessons) for m in course.modules)
    quizzes = sum(1 for m in course.modules if m.bank)
    # home and the certificate check, then each module's page, lessons and quiz
    assert len(pages) == 2 + len(course.modules) + lessons + quizzes
