"""Reading handout PDFs as a reader would: text per page (pdftotext), contents, footnotes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import pytest
from pydantic import BaseModel

from coursegen.model.slides import ReferencesSlide

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)

TOC_LINE = re.compile(r"^\s*(?P<title>\S.*?)\s*\.{3,}\s*(?P<page>\d+)\s*$")
FOOTNOTE_MARKER = re.compile(r"^\d+\. $")
FOOTNOTE_CALL = re.compile(r"^,?\d+(?:,\d+)*$")


@lru_cache(maxsize=1024)
def page_text(pdf: Path, page: int | None = None) -> str:
    """The text of the whole PDF, or of one page (1-based), laid out as printed."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    result = subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"],
                            capture_output=True, text=True, check=True)
    return result.stdout


def flat(text: str) -> str:
    """Text with runs of whitespace (line breaks included) made single spaces."""
    return " ".join(text.split())


@lru_cache(maxsize=64)
def page_count(pdf: Path) -> int:
    """How many pages the PDF has."""
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def contents_entries(pdf: Path) -> list[tuple[str, int]]:
    """(title, page) for each line of the contents, read from the pages after the cover."""
    entries: list[tuple[str, int]] = []
    for page in range(2, page_count(pdf) + 1):
        found = [TOC_LINE.match(line) for line in page_text(pdf, page).splitlines()]
        found = [m for m in found if m]
        if not found:
            break
        entries += [(m["title"].rstrip(". "), int(m["page"])) for m in found]
    return entries


@lru_cache(maxsize=64)
def small_print(pdf: Path) -> tuple[tuple[tuple[float, str], ...], ...]:
    """Per page, the (size, text) chunks set smaller than 8pt: footnotes and their calls."""
    from pypdf import PdfReader

    pages = []
    for page in PdfReader(pdf).pages:
        chunks: list[tuple[float, str]] = []

        def collect(text, cm, tm, _font, size, chunks=chunks):
            if text.strip() and size and size * tm[0] * cm[0] < 8:
                chunks.append((size * tm[0] * cm[0], text))

        page.extract_text(visitor_text=collect)
        pages.append(tuple(chunks))
    return tuple(pages)


def footnotes(pdf: Path) -> list[tuple[int, int, str]]:
    """(page, number, text) of every footnote: small print that starts with its own 'N. ' marker."""
    notes = []
    for page_number, chunks in enumerate(small_print(pdf), start=1):
        current: list | None = None
        for size, text in chunks:
            if FOOTNOTE_MARKER.match(text):
                current = [page_number, int(text.split(".")[0]), ""]
                notes.append(current)
            elif current is not None and not (size < 7 and FOOTNOTE_CALL.match(text.strip())):
                # a merged note may wrap: its following lines belong to it
                current[2] = f"{current[2]} {text.strip()}".strip()
    return [tuple(note) for note in notes]


def misplaced_footnotes(pdf: Path) -> list[str]:
    """Pages whose footnote calls (superscript numbers) and footnotes do not match one to one."""
    problems = []
    notes_by_page: dict[int, list[int]] = {}
    for page, number, _ in footnotes(pdf):
        notes_by_page.setdefault(page, []).append(number)
    for page_number, chunks in enumerate(small_print(pdf), start=1):
        # Calls are set at 65% of the body size, smaller than any other text.
        calls = [int(n) for size, text in chunks
                 if size < 7 and FOOTNOTE_CALL.match(text.strip())
                 for n in text.strip().strip(",").split(",")]
        notes = notes_by_page.get(page_number, [])
        if sorted(calls) != sorted(notes):
            problems.append(f"page {page_number}: calls {calls}, notes {notes}")
    return problems


def footnoted_citations(module) -> list[tuple[str, ...]]:
    """The citations of every passage the handout footnotes (one footnote each): lessons'
    prose, slides (not the references slide), points at any depth, and the glossary;
    question-bank citations appear in the answer key."""
    found: list[tuple[str, ...]] = []

    def collect(node) -> None:
        if getattr(node, "cite", ()):
            found.append(tuple(node.cite))
        for name in type(node).model_fields:
            if name == "cite":
                continue
            value = getattr(node, name)
            for child in value if isinstance(value, tuple) else (value,):
                if isinstance(child, BaseModel):
                    collect(child)

    for lesson in module.lessons:
        if lesson.cite:
            found.append(tuple(lesson.cite))
        for slide in lesson.slides:
            if not isinstance(slide, ReferencesSlide):
                collect(slide)
    for term in module.glossary:
        if term.cite:
            found.append(tuple(term.cite))
    return found


def pdf_ua_errors(pdfs: list[Path]) -> list[str]:
    """The errors the independent `outloud` PDF/UA-1 checker reports (skips if it is absent)."""
    checker = shutil.which("outloud", path=str(Path(sys.executable).parent)) or shutil.which(
        "outloud")
    if checker is None:
        pytest.skip("the outloud PDF/UA checker is not installed (pip install outloud)")
    run = subprocess.run([checker, "--json", "-", "--fail-on", "error", *map(str, pdfs)],
                         capture_output=True, text=True)
    errors = [f"{f.get('rule') or f.get('id')}: {f.get('message')}"
              for f in checker_findings(json.loads(run.stdout)) if f.get("severity") == "error"]
    if run.returncode != 0 and not errors:
        errors.append(f"outloud exited {run.returncode}: {run.stderr.strip()}")
    return errors


def checker_findings(report: object) -> list[dict]:
    """Every finding (a dict with a severity and a message) in a checker's JSON report."""
    if isinstance(report, dict):
        own = [report] if "severity" in report and "message" in report else []
        return own + [f for value in report.values() for f in checker_findings(value)]
    if isinstance(report, list):
        return [f for value in report for f in checker_findings(value)]
    return []


def pinpoint(cite: str) -> str:
    """How a footnote prints where in the source a citation points: 'para. 8', 'p. 12', ''."""
    anchor = cite.partition("#")[2]
    if anchor.startswith("p."):
        return "p. " + anchor[2:]
    return "para. " + anchor if anchor else ""


def passage_pinpoints(cites: tuple[str, ...]) -> tuple[str, ...]:
    """The pinpoints a passage's citations point at, sorted ('' for a whole document)."""
    found = {pinpoint(c) for c in cites}
    if len(found) > 1:  # a whole-document citation beside pinpoints adds no place
        found.discard("")
    return tuple(sorted(found))


_LOCATOR = re.compile(r"\b(paras?\.?|pp?\.)\s+((?:\d+(?:\(\w\))?(?:–\d+)?(?:,\s*)?)+)")


def note_pinpoints(note: tuple[int, int, str]) -> tuple[str, ...]:
    """Every pinpoint a (merged) footnote names, ranges spelled out: 'paras 35–37' →
    ('para. 35', 'para. 36', 'para. 37'); ('',) when it names no place in a source."""
    found: set[str] = set()
    for kind, numbers in _LOCATOR.findall(note[2]):
        unit = "p. " if kind.startswith("p") and not kind.startswith("para") else "para. "
        for item in filter(None, (n.strip() for n in numbers.split(","))):
            if "–" in item:
                start, end = map(int, item.split("–"))
                found.update(f"{unit}{n}" for n in range(start, end + 1))
            else:
                found.add(unit + item)
    return tuple(sorted(found)) or ("",)


_SOURCE_PART = re.compile(r"^(?P<name>.+?)(?:, (?P<where>(?:paras?\.?|pp?\.) .*))?$")


def note_places(note: tuple[int, int, str]) -> dict[str, set[tuple[str, int | None]]]:
    """What a printed footnote cites, by source name: {'United Nations, A/CONF.234/11':
    {('para', 35), ('para', 36)}}; a whole document as {(kind, None)}. The running foot
    that small print picks up after a page's last note is left out."""
    text = re.sub(r"\.\s[^.;]*\bPage \d+ of \d+\s*$", ".", note[2]).rstrip(".")
    places: dict[str, set[tuple[str, int | None]]] = {}
    for part in text.split("; "):
        found = _SOURCE_PART.match(part.strip())
        if not found:
            continue
        where = found["where"] or ""
        numbers = {(p.split()[0].rstrip("."), int(re.match(r"\d+", p.split()[1])[0]))
                   for p in note_pinpoints((0, 0, where)) if p}
        places[found["name"]] = numbers or {("", None)}
    return places


def reads_as_one_range(earlier: tuple[int, int, str], later: tuple[int, int, str]) -> bool:
    """Whether two footnotes in a row name the same sources, each at the same or a
    neighbouring paragraph or page: 'A/CONF.234/11, para. 35.' then '… para. 36.'."""
    one, other = note_places(earlier), note_places(later)

    def near(a: tuple[str, int | None], b: tuple[str, int | None]) -> bool:
        return a[0] == b[0] and (a[1] == b[1] or (
            a[1] is not None and b[1] is not None and abs(a[1] - b[1]) == 1))

    return bool(one) and one.keys() == other.keys() and all(
        any(near(a, b) for a in one[name] for b in other[name]) for name in one)


_NOTE_OR_HOLDER = re.compile(
    r'<span class="fn"[^>]*>|<figcaption\b|<p class="meta"|</figcaption>|</p>')


def kept_notes(html: str) -> set[int]:
    """Numbers of the notes set on a line that is there to carry them (a table's or
    figure's 'Sources' line, a caption), read from the handout's HTML in note order."""
    kept, number, holder = set(), 0, False
    for found in _NOTE_OR_HOLDER.finditer(html):
        tag = found.group(0)
        if tag.startswith('<span class="fn"'):
            number += 1
            if holder:
                kept.add(number)
        else:
            holder = not tag.startswith("</")
    return kept


def repeated_places(pdf: Path, kept: set[int] = frozenset()) -> list[str]:
    """Footnotes in a row on one page that read as one range (should have been merged),
    unless the first is `kept` on the line that carries it (`kept_notes`)."""
    notes = footnotes(pdf)
    return [f"page {a[0]}: note {a[1]} '{a[2][:60]}' then note {b[1]} '{b[2][:60]}'"
            for a, b in pairwise(notes)
            if a[0] == b[0] and a[1] not in kept and reads_as_one_range(a, b)]
