"""`coursegen export FORMAT MODULE [DIR] [--out]` writes one file and reports its warnings."""

from __future__ import annotations

import zipfile

from click.testing import CliRunner

from coursegen.cli import cli


def test_export_writes_one_format_for_one_module(starter_course, tmp_path) -> None:
    result = CliRunner().invoke(cli, ["export", "qti21", "getting-started", str(starter_course),
                                      "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    package = tmp_path / "out" / "getting-started-qti21.zip"
    assert f"wrote {package} (1 export warning)" in result.output
    assert "quizzes/getting-started.yaml:4:9: settings.draw: warning: QTI 2.1 cannot express " \
           "drawing at least one question per objective" in result.output
    assert "imsmanifest.xml" in zipfile.ZipFile(package).namelist()


def test_export_names_what_a_format_leaves_out(starter_course) -> None:
    result = CliRunner().invoke(cli, ["export", "gift", "getting-started", str(starter_course)])
    assert result.exit_code == 0
    assert "question 'safeguard-order': GIFT cannot express ordering questions" in result.output
    assert (starter_course / "build" / "lms" / "getting-started.gift").is_file()


def test_an_unknown_module_is_one_clear_line(starter_course) -> None:
    result = CliRunner().invoke(cli, ["export", "scorm12", "nope", str(starter_course)])
    assert result.exit_code == 2
    assert result.output.strip() == \
        "coursegen: no module 'nope' in this course (modules: getting-started)"
