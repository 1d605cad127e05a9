"""Deck template rules: the organisation's .pptx is a readable PowerPoint file inside the course.

python-pptx opens the template only when decks are built, and a truncated or damaged
file then stopped the build with `BadZipFile` and no file name. A readable file is then
held to the same schema rules the deck renderer applies (`deck_template_check`), so a
broken layout is reported by `check`, and stops a build before any output is written
rather than when the deck job runs beside handouts already being written.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path

from coursegen.checks_images import course_file
from coursegen.errors import Diagnostic, Location
from coursegen.located import diagnostic_at
from coursegen.model import Course
from coursegen.render.deck_template_check import check_template

_RESAVE = "open it in PowerPoint or LibreOffice and save it again as .pptx"


def deck_template_rules(course: Course) -> Iterator[Diagnostic]:
    """The template named by `branding.deck_template`, or else the course's templates/deck.pptx."""
    branding = course.info.branding
    if branding.deck_template:
        path = course_file(course.root, branding.deck_template)
        shown = f"deck template '{branding.deck_template}'"
        if path is None:
            yield diagnostic_at(branding, "deck_template", f"{shown} is outside the course "
                                "folder; copy it into the course and give its path relative "
                                "to the course folder", "deck-template")
        elif not path.is_file():
            yield diagnostic_at(branding, "deck_template", f"{shown} not found (paths are "
                                "relative to the course folder)", "deck-template")
        else:
            problem = pptx_problem(path)
            if problem:
                yield diagnostic_at(branding, "deck_template", f"{shown} {problem}",
                                    "deck-template")
            else:
                yield from check_template(path.read_bytes(), Location(str(branding.deck_template)))
        return
    own = course.root / "templates" / "deck.pptx"
    if not own.is_file():
        return
    where = Location("templates/deck.pptx")
    problem = pptx_problem(own)
    if problem:
        yield Diagnostic(where, f"deck template {problem}", code="deck-template")
    else:
        yield from check_template(own.read_bytes(), where)


def pptx_problem(path: Path) -> str | None:
    """Why the file at `path` is not a PowerPoint presentation python-pptx can open, or None."""
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
            if "ppt/presentation.xml" not in names or "[Content_Types].xml" not in names:
                return f"is a zip file but not a PowerPoint presentation; {_RESAVE}"
            damaged = package.testzip()
            if damaged:
                return f"is damaged (part '{damaged}' does not read back); {_RESAVE}"
            for name in sorted(n for n in names if n.endswith((".xml", ".rels"))):
                try:
                    ET.fromstring(package.read(name))
                except ET.ParseError as error:
                    return f"has a damaged part '{name}' ({error}); {_RESAVE}"
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        return f"is not a readable .pptx file ({error}; the file may be cut short); {_RESAVE}"
    return None
