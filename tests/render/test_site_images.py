"""Pictures keep their own files in the site and the SCORM package, even when names repeat."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import html as lxml_html
from PIL import Image

from coursegen.export.scorm import scorm_package
from coursegen.load import load_checked
from coursegen.render.options import RenderOptions
from coursegen.render.site import render_site
from coursegen.scaffold import create_course

_LESSON = """id: {id}
title: Pictures {id}
duration: 5
slides:
  - kind: image
    title: Exhibit {id}
    src: {src}
    alt: Exhibit {id} as seized
    notes: Describe the exhibit.
"""


def _course_with_two_photos(root: Path) -> dict[str, bytes]:
    """Two lessons, each showing a different picture called photo.png; returns alt → bytes."""
    create_course(root)
    pictures = {}
    for lesson, colour in (("left", "red"), ("right", "blue")):
        path = root / "images" / lesson / "photo.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (40, 30), colour).save(path)
        pictures[f"Exhibit {lesson} as seized"] = path.read_bytes()
        lesson_file = root / "modules" / "getting-started" / f"09-{lesson}.yaml"
        lesson_file.write_text(_LESSON.format(id=lesson, src=f"images/{lesson}/photo.png"))
    return pictures


def test_two_pictures_with_one_file_name_stay_apart_in_the_site(tmp_path) -> None:
    pictures = _course_with_two_photos(tmp_path / "c")
    course, _ = load_checked(tmp_path / "c")
    render_site(course, tmp_path / "out", RenderOptions())
    module = tmp_path / "out" / "site" / "getting-started"
    for lesson in ("left", "right"):
        page = lxml_html.fromstring((module / f"{lesson}.html").read_bytes())
        (image,) = page.xpath("//img")
        assert (module / image.get("src")).read_bytes() == pictures[image.get("alt")]


def test_two_pictures_with_one_file_name_stay_apart_in_the_scorm_package(tmp_path) -> None:
    pictures = _course_with_two_photos(tmp_path / "c")
    course, _ = load_checked(tmp_path / "c")
    package = zipfile.ZipFile(io.BytesIO(scorm_package(course, list(course.modules), "T", "t")))
    page = lxml_html.fromstring(package.read("getting-started/index.html"))
    images = page.xpath("//img")
    assert len(images) == 2
    for image in images:
        assert package.read(f"getting-started/{image.get('src')}") == pictures[image.get("alt")]
