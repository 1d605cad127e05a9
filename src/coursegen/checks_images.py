"""Image rules: every picture and the logo lie inside the course and can be drawn by every output.

A course travels between organisations, so a path may not reach outside its folder (an
absolute `src: /etc/passwd` would be copied into the site and the SCORM zip). Pictures go
into decks (python-pptx), handouts (WeasyPrint) and the site, so each is opened here and
checked against what all three draw, instead of failing a renderer with no YAML location.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from coursegen.errors import Diagnostic
from coursegen.located import diagnostic_at
from coursegen.model import Course
from coursegen.model.base import Node

PICTURE_FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "MPO": "JPEG", "GIF": "GIF"}
"""Formats that decks, handouts and the site all draw (Pillow's name → the name users know)."""

MAX_PIXELS = 50_000_000
"""Larger pictures bloat every output and trip Pillow's decompression-bomb guard."""

_TAKEN_BY = {"image": "decks, handouts and the site", "logo": "handout covers"}
_FORMATS = {"image": "PNG, JPEG or GIF", "logo": "PNG, JPEG, GIF or SVG"}
_SVG_HINT = "export it as PNG, e.g. 'rsvg-convert -w 1600 {name} -o {stem}.png'"


def course_file(root: Path, relative: str) -> Path | None:
    """The file `relative` names inside the course folder, or None when it points outside."""
    if PurePosixPath(relative).is_absolute() or Path(relative).is_absolute():
        return None
    path = (root / relative).resolve()
    return path if path.is_relative_to(root.resolve()) else None


def picture_rules(course: Course, node: Node, field: str, src: str) -> Iterator[Diagnostic]:
    """A slide picture: inside the course, present, a PNG, JPEG or GIF of sane size."""
    path = yield from _located_file(course, node, field, src, "image")
    if path is not None:
        yield from _picture_content(node, field, src, path, "image")


def logo_rules(course: Course) -> Iterator[Diagnostic]:
    """The branding logo, printed on handout covers: as a slide picture, or an SVG drawing."""
    branding = course.info.branding
    if not branding.logo:
        return
    path = yield from _located_file(course, branding, "logo", branding.logo, "logo")
    if path is not None:
        yield from _picture_content(branding, "logo", branding.logo, path, "logo")


def _located_file(course: Course, node: Node, field: str, src: str, what: str):
    path = course_file(course.root, src)
    if path is None:
        yield _at(node, field, f"{what} '{src}' is outside the course folder; copy it into the "
                  "course (e.g. images/) and give its path relative to the course folder",
                  "outside-course")
        return None
    if not path.is_file():
        yield _at(node, field,
                  f"{what} '{src}' not found (paths are relative to the course folder)",
                  "missing-image")
        return None
    return path


def _picture_content(
    node: Node, field: str, src: str, path: Path, what: str
) -> Iterator[Diagnostic]:
    from PIL import Image, UnidentifiedImageError

    size = path.stat().st_size
    if size == 0:
        yield _at(node, field, f"{what} '{src}' is an empty file (0 bytes); replace it with "
                  "the picture")
        return
    if _looks_like_svg(path):
        if what == "logo":
            yield from _svg_rules(node, field, src, path, what)
        else:
            hint = _SVG_HINT.format(name=path.name, stem=path.stem)
            yield _at(node, field, f"{what} '{src}' is an SVG drawing, which decks cannot show; "
                      f"{hint}")
        return
    try:
        with _no_bomb_guard(Image), Image.open(path) as image:
            kind, (width, height) = image.format, image.size
            if width * height <= MAX_PIXELS:
                image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        reason = "not a picture" if isinstance(error, UnidentifiedImageError) else "damaged"
        yield _at(node, field, f"{what} '{src}' is {reason}: {_TAKEN_BY[what]} take "
                  f"{_FORMATS[what]} files; save the picture again in one of these formats")
        return
    if kind not in PICTURE_FORMATS:
        yield _at(node, field, f"{what} '{src}' is a {kind} file; {_TAKEN_BY[what]} all take "
                  f"{_FORMATS[what]}: convert it to one of these")
    elif width * height > MAX_PIXELS:
        yield _at(node, field, f"{what} '{src}' is {width} × {height} pixels "
                  f"({width * height / 1e6:.0f} megapixels), over the limit of "
                  f"{MAX_PIXELS // 1_000_000} megapixels; scale it down (2000 pixels across "
                  "is plenty for a slide or a page)", "image-size")


@contextmanager
def _no_bomb_guard(image_module) -> Iterator[None]:
    """Let Pillow read a huge picture's header: the size is judged against MAX_PIXELS instead,
    with a message naming the file (only the header is read when the picture is too large)."""
    limit = image_module.MAX_IMAGE_PIXELS
    image_module.MAX_IMAGE_PIXELS = None
    try:
        yield
    finally:
        image_module.MAX_IMAGE_PIXELS = limit


def _looks_like_svg(path: Path) -> bool:
    with path.open("rb") as handle:
        start = handle.read(512).lstrip().lower()
    return path.suffix.lower() == ".svg" or start.startswith(b"<svg") or (
        start.startswith(b"<?xml") and b"<svg" in start)


def _svg_rules(node: Node, field: str, src: str, path: Path, what: str) -> Iterator[Diagnostic]:
    import xml.etree.ElementTree as ET

    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        yield _at(node, field, f"{what} '{src}' is not a readable SVG drawing ({error}); "
                  "export it again, or use a PNG")
        return
    if not root.tag.endswith("svg"):
        yield _at(node, field, f"{what} '{src}' is XML but not an SVG drawing; use a PNG or SVG")


def _at(node: Node, field: str, message: str, code: str = "image-format") -> Diagnostic:
    return diagnostic_at(node, field, message, code)
