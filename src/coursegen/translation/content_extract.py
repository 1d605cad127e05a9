"""`coursegen translate extract`: write or update one catalog per module (PO and XLIFF).

Re-running keeps every translation: an entry whose English changed keeps its
translation, marked for review with the English it was made for (`#| msgid`);
a string now at another key whose English is unchanged (a slide was inserted)
keeps its translation, marked for review; an entry whose string is gone becomes
obsolete (`#~` in the PO), never dropped. Files are written atomically and only
when their content changes, so an unchanged course re-extracts to identical files.
An XLIFF file a CAT tool changed is never overwritten while it holds a translation
the PO has not: `coursegen translate import` brings it in first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coursegen.errors import UsageError
from coursegen.model import Course
from coursegen.output import write_bytes
from coursegen.translation.catalog_files import (
    STATUS_FIELD,
    Catalog,
    Entry,
    po_bytes,
    read_po,
    read_xliff,
    same_entries,
    shown,
    xliff_bytes,
    xliff_digest,
    xliff_untouched,
)
from coursegen.translation.content_strings import (
    COURSE_CATALOG,
    LANGUAGE_TAG,
    SourceString,
    source_strings,
)
from coursegen.yamlio import YamlProblem, read_yaml

TRANSLATIONS = "translations"


class XliffNotImported(UsageError):
    """An XLIFF file holds translations its PO has not: extract would lose them."""


@dataclass
class CatalogUpdate:
    """What extract did to one catalog: counts, and whether each file was written."""

    name: str
    po: Path
    xliff: Path
    strings: int = 0
    new: int = 0
    changed: int = 0
    obsoleted: int = 0
    written: list[Path] = field(default_factory=list)


def catalog_paths(root: Path, language: str, name: str) -> tuple[Path, Path]:
    """The PO and XLIFF paths of a catalog: translations/<lang>/<name>.po and .xlf."""
    folder = Path(root) / TRANSLATIONS / language
    return folder / f"{name}.po", folder / f"{name}.xlf"


def check_language(course: Course, language: str) -> None:
    """Refuse a language tag that is not BCP 47-like, or the course's own language."""
    import re

    if not re.match(LANGUAGE_TAG, language):
        raise UsageError(f"'{language}' is not a language tag; use a BCP 47 tag such as "
                         "fr, ar, zh or fr-CA")
    if language == course.info.language:
        raise UsageError(f"'{language}' is the course's own language (course.yaml "
                         "'language'); give the language to translate into, e.g. --lang fr")


def grouped_strings(course: Course) -> dict[str, list[SourceString]]:
    """The course's strings by catalog: "course" first, then each module in course order."""
    groups: dict[str, list[SourceString]] = {COURSE_CATALOG: []}
    for module in course.modules:
        if module.id == COURSE_CATALOG:
            raise UsageError("a module may not be called 'course' when the course is "
                             "translated: its catalog would be the course.yaml catalog")
        groups[module.id] = []
    for string in source_strings(course):
        groups[string.catalog].append(string)
    return groups


def extract(course: Course, language: str,
            locations: dict[str, dict] | None = None) -> list[CatalogUpdate]:
    """Write or update every catalog of `language` under translations/; returns what changed.

    `locations` are the files' value locations the loader read (`load_course_located`);
    without them each file is read again for its lines.
    """
    check_language(course, language)
    lines = _Lines(course.root, locations)
    updates = []
    for name, strings in grouped_strings(course).items():
        po_path, xlf_path = catalog_paths(course.root, language, name)
        old = read_po(po_path) if po_path.is_file() else Catalog(po_path)
        update = CatalogUpdate(name, po_path, xlf_path, strings=len(strings))
        merged = merge(old, lines.in_file_order(strings), lines, update)
        recorded = _refuse_unimported(xlf_path, merged)
        header = catalog_header(course, language, old)
        comment = old.comment or default_comment(course, language, name)
        if (recorded == xliff_digest(merged) and header == old.header
                and comment == old.comment and same_entries(merged.entries, old.entries)
                and same_entries(merged.obsolete, old.obsolete)):
            updates.append(update)
            continue  # nothing to say that the files do not say already
        for path, data in ((po_path, po_bytes(merged, header, comment)),
                           (xlf_path, xliff_bytes(merged, _original(course, name), language))):
            if not path.is_file() or path.read_bytes() != data:
                write_bytes(path, data)
                update.written.append(path)
        updates.append(update)
    return updates


def merge(old: Catalog, strings: list[SourceString], lines: _Lines,
          update: CatalogUpdate) -> Catalog:
    """The catalog for `strings`, keeping every translation `old` holds.

    Each string takes, in this order: the entry at its key made for the same
    English; an entry made for the same English at another key (the string moved:
    a slide was inserted or deleted), needing review if it moved to another file;
    the entry at its key when that English is gone from the course (the text was
    edited: needs review, `#| msgid` shows the English it was made for). Entries
    with a translation that no string took become obsolete.
    """
    merged = Catalog(old.path, old.header)
    earlier = [*old.entries.values(), *old.obsolete.values()]
    by_source: dict[str, list[Entry]] = {}
    for entry in earlier:
        by_source.setdefault(entry.source, []).append(entry)
    texts = {string.text for string in strings}
    used: set[int] = set()
    for string in strings:
        key = string.key
        before = old.entries.get(key) or old.obsolete.get(key)
        entry = Entry(key, string.text, notes=(string.context, *_hints(string.text)),
                      locations=(f"{string.file}:{lines.line(string)}",))
        if before is not None and before.source == string.text:
            taken, state, previous = before, before.state, before.previous
        elif moved := _moved(by_source.get(string.text, []), used):
            same_file = moved.key.split(":", 1)[0] == string.file
            taken, previous = moved, moved.previous
            state = moved.state if same_file else "review"
        elif before is not None and before.target and before.source not in texts:
            taken, state, previous = before, "review", before.previous or before.source
        else:
            taken, state, previous = None, "missing", None
        if taken is not None and taken.target:
            used.add(id(taken))
            entry.target, entry.state, entry.previous = taken.target, state, previous
            entry.comment = taken.comment
            update.changed += state == "review" and taken.state != "review"
        else:
            entry.comment = before.comment if before is not None else ""
            update.new += before is None
        merged.entries[key] = entry
    for entry in earlier:
        if entry.target and id(entry) not in used:
            merged.obsolete[entry.key] = Entry(entry.key, entry.source, entry.target,
                                               entry.state, entry.previous, obsolete=True,
                                               notes=entry.notes, comment=entry.comment)
            update.obsoleted += not entry.obsolete
    return merged


def _moved(candidates: list[Entry], used: set[int]) -> Entry | None:
    """An entry made for the same English that no string has taken, translated ones first."""
    free = [entry for entry in candidates if id(entry) not in used]
    return next((e for e in free if e.target), free[0] if free else None)


def _hints(text: str) -> tuple[str, ...]:
    """Notes on what to keep as written: Markdown marks."""
    if any(mark in text for mark in ("**", "](", "`")):
        return ("Keep the Markdown marks: **bold**, _italic_, `code`, [text](link).",)
    return ()


def catalog_header(course: Course, language: str, old: Catalog) -> dict[str, str]:
    """The header of a catalog: fixed fields, then what a translator's tool added (kept)."""
    header = {
        "Project-Id-Version": f"{course.info.id} {course.info.version}",
        "PO-Revision-Date": "",  # a translator's editor fills these in; they are kept
        "Last-Translator": "",
        "Language-Team": "",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        STATUS_FIELD: old.header.get(STATUS_FIELD, "draft"),
    }
    for name, value in old.header.items():
        if not header.get(name):
            header[name] = value
    return header


def default_comment(course: Course, language: str, name: str) -> str:
    """The comment at the top of a new catalog: what it is and how to state its status."""
    what = "course.yaml" if name == COURSE_CATALOG else f"module {name}"
    return (f"{language_name(language)} translation of {what} of the course "
            f"'{course.info.id}'.\n"
            f"{STATUS_FIELD}: draft (not yet reviewed) or reviewed; outputs state it.")


def language_name(language: str) -> str:
    """The English name of a language tag ("French" for fr), or the tag itself."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language, sep="-").get_display_name("en") or language
    except (ValueError, UnknownLocaleError):
        return language


def _original(course: Course, name: str) -> str:
    return "course.yaml" if name == COURSE_CATALOG else course.module(name).folder


def _refuse_unimported(xlf_path: Path, merged: Catalog) -> str | None:
    """Stop before overwriting an XLIFF whose translations the PO does not hold.

    Returns the digest extract recorded in the file when no tool changed it since."""
    if not xlf_path.is_file():
        return None
    if recorded := xliff_untouched(xlf_path):
        return recorded  # as extract wrote it
    xlf = read_xliff(xlf_path)
    for key, entry in xlf.entries.items():
        mine = merged.entries.get(key)
        if entry.target and (mine is None or mine.target != entry.target):
            raise XliffNotImported(
                f"{shown(xlf_path)}:{entry.line}: the XLIFF file holds a translation the PO "
                f"has not ({key}); bring it in first with 'coursegen translate import "
                f"{shown(xlf_path)}', "
                "then extract again")
    return None


class _Lines:
    """Line numbers of YAML paths, read once per file (the model keeps no line per list item)."""

    def __init__(self, root: Path, locations: dict[str, dict] | None) -> None:
        self.root = root
        self.files: dict[str, dict] = dict(locations or {})

    def _locations(self, file: str) -> dict:
        if file not in self.files:
            try:
                self.files[file] = read_yaml(self.root / file, file).locations
            except (OSError, YamlProblem):
                self.files[file] = {}
        return self.files[file]

    def line(self, string: SourceString) -> int:
        """The line where the string's text is written."""
        locations = self._locations(string.file)
        for path in ((*string.path, "text"), (*string.path, "label")):
            if path in locations:
                return locations[path].line
        path = string.path
        while path and path not in locations:  # a default value: where its node is written
            path = path[:-1]
        return locations[path].line if path in locations else 0

    def in_file_order(self, strings: list[SourceString]) -> list[SourceString]:
        """The strings file by file (in course order), each file's in the order written."""
        files = {string.file: index for index, string in enumerate(reversed(strings))}
        return sorted(strings, key=lambda s: (-files[s.file], self.line(s)))
