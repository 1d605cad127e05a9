"""A course received from someone else cannot ship files from outside its folder."""

from __future__ import annotations

from pathlib import Path

from tests.test_cli_check import coursegen

_LESSON = """id: exhibit
title: Exhibit
duration: 5
slides:
  - kind: image
    title: The exhibit
    src: {src}
    alt: A seized phone
    notes: Describe it.
"""


def test_a_picture_outside_the_course_stops_the_build_before_anything_is_written(
    tmp_path: Path,
) -> None:
    secret = tmp_path / "private.png"
    secret.write_bytes(b"\x89PNG not for the LMS")
    course = tmp_path / "course"
    assert coursegen("new", course).returncode == 0
    lesson = course / "modules" / "getting-started" / "03-exhibit.yaml"
    for src in (secret, "../private.png"):
        lesson.write_text(_LESSON.format(src=src))
        result = coursegen("build", "--only", "site,lms", course)
        assert result.returncode == 1
        assert (f"modules/getting-started/03-exhibit.yaml:7:10: slides[0].src: image '{src}' "
                "is outside the course folder") in result.stderr
        written = [p for p in (course / "build").rglob("*") if p.is_file()] \
            if (course / "build").exists() else []
        assert not [p for p in written if p.suffix in (".png", ".zip", ".html")]
