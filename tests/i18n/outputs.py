"""The text a reader gets from each built output: a deck's slides and notes (python-pptx), a
handout's pages (pypdf), a page's text and labels (HTML parser)."""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

from pptx import Presentation
from pypdf import PdfReader

READ_ATTRIBUTES = {"aria-label", "alt", "title", "placeholder", "content", "data-label"}


def flat(text: str) -> str:
    """Whitespace (including PDF line breaks and no-break spaces) as single spaces."""
    return " ".join(text.replace("\u00ad", "").split())


def deck_text(path: Path) -> str:
    """Every shape's text and the speaker notes of every slide."""
    parts = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return flat("\n".join(parts))


def pdf_text(path: Path) -> str:
    """The text of every page."""
    return flat("\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages))


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.parts += [value for name, value in attrs if name in READ_ATTRIBUTES and value]

    def handle_data(self, data) -> None:
        self.parts.append(data)


def html_text(html: str) -> str:
    """A page's text, its labels (aria-label, alt, title …) and its scripts' data."""
    reader = _Reader()
    reader.feed(html)
    return flat(" ".join(reader.parts))


def site_text(folder: Path) -> str:
    """Every page of a built site."""
    return " ".join(html_text(p.read_text("utf-8")) for p in sorted(folder.rglob("*.html")))


def package_text(path: Path) -> str:
    """Every HTML page inside a SCORM package."""
    with zipfile.ZipFile(path) as package:
        return " ".join(html_text(package.read(n).decode("utf-8"))
                        for n in package.namelist() if n.endswith(".html"))


def course_words(folder: Path) -> str:
    """The course's own text (its YAML), without Markdown marks: what an output may show in
    the course's words, not the interface's."""
    text = " ".join(p.read_text("utf-8") for p in sorted(folder.rglob("*.y*ml")))
    return flat(re.sub(r"[*_`>|\"]", " ", text))


def english_left(text: str, fragments: set[str], course: str, kept: str = "") -> list[str]:
    """The interface's English fragments found in `text` that are not the course's words,
    nor words the translation itself keeps (`kept`: the catalog's translations, where French
    writes 'post-test' too)."""
    lowered, own, same = text.lower(), course.lower(), kept.lower()
    return sorted(f for f in fragments
                  if f.lower() in lowered and f.lower() not in own and f.lower() not in same)


def translated_text(catalog) -> str:
    """Every translation a catalog holds, as one text."""
    texts = []
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        texts += [s for s in strings if s]
    return "\n".join(texts)
