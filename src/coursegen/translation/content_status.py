"""How far each catalog is translated, judged against the course as it is now.

A string counts as translated only when its catalog entry is translated, not
marked for review, and made for the English the course holds today: an entry
whose English changed since the last extract needs review even before extract
marks it so. Builds use the same judgement (`usable_translation`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from coursegen.model import Course
from coursegen.translation.catalog_files import Catalog, Entry, State, read_po
from coursegen.translation.content_extract import TRANSLATIONS, catalog_paths, grouped_strings
from coursegen.translation.content_strings import SourceString


def judge(entry: Entry | None, string: SourceString) -> State:
    """The state of a string's translation in a catalog, against today's English."""
    if entry is None or not entry.target.strip():
        return "missing"
    if entry.source != string.text:
        return "review"
    return entry.state


def usable_translation(entry: Entry | None, string: SourceString) -> str | None:
    """The translation a build shows for a string, or None to show the English."""
    return entry.target if judge(entry, string) == "translated" else None


def load_catalogs(course: Course, language: str) -> dict[str, Catalog]:
    """The PO catalogs of a language that exist, by catalog name."""
    found = {}
    for name in grouped_strings(course):
        po_path, _ = catalog_paths(course.root, language, name)
        if po_path.is_file():
            found[name] = read_po(po_path)
    return found


@dataclass
class StatusRow:
    """One catalog of one language: counts of translated, needing review and missing."""

    language: str
    catalog: str
    status: str
    strings: int
    translated: int
    review: int
    missing: int
    file: str

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready view."""
        return asdict(self)


def status_languages(course: Course, asked: tuple[str, ...]) -> list[str]:
    """The languages to report: those asked, else every one listed or with a catalog folder."""
    if asked and "all" not in asked:
        return list(dict.fromkeys(asked))
    listed = [lang for lang in course.info.languages if lang != course.info.language]
    folder = course.root / TRANSLATIONS
    present = sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
    return list(dict.fromkeys([*listed, *present]))


def course_status(course: Course, languages: list[str]) -> list[StatusRow]:
    """A row per language and catalog (course.yaml's first, then the modules), then a total."""
    rows = []
    groups = grouped_strings(course)
    for language in languages:
        catalogs = load_catalogs(course, language)
        for name, strings in groups.items():
            catalog = catalogs.get(name)
            states = [judge(catalog.entries.get(s.key) if catalog else None, s) for s in strings]
            po_path, _ = catalog_paths(course.root, language, name)
            rows.append(StatusRow(
                language, name, catalog.status if catalog else "-", len(strings),
                states.count("translated"), states.count("review"), states.count("missing"),
                _display(po_path, course.root) if catalog else "(not extracted)"))
        mine = [r for r in rows if r.language == language]
        rows.append(StatusRow(language, "total", "", sum(r.strings for r in mine),
                              sum(r.translated for r in mine), sum(r.review for r in mine),
                              sum(r.missing for r in mine), ""))
    return rows


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
