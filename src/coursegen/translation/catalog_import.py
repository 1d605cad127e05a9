"""`coursegen translate import FILE.xlf`: a CAT tool's XLIFF back into its PO catalog.

The PO is the catalog of record (builds read it); the XLIFF is what a CAT tool
exchanges. Importing copies each unit's translation and state into the PO entry
with the same key, then rewrites both files so they agree again. A unit whose
English differs from the PO's (the course changed while the file was out) is
imported as needing review; a unit with a key the PO does not have is reported,
not guessed at.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coursegen.errors import UsageError
from coursegen.model import Course
from coursegen.output import write_bytes
from coursegen.translation.catalog_files import po_bytes, read_po, read_xliff, shown, xliff_bytes
from coursegen.translation.content_extract import TRANSLATIONS, catalog_header, default_comment
from coursegen.translation.content_strings import COURSE_CATALOG


@dataclass
class ImportResult:
    """What an import changed in the PO, and what it could not place."""

    po: Path
    updated: int = 0
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)


def import_xliff(course: Course, xliff_path: Path) -> ImportResult:
    """Copy the translations of `xliff_path` into translations/<lang>/<name>.po beside it."""
    xliff_path = Path(xliff_path).resolve()
    po_path = xliff_path.with_suffix(".po")
    language = xliff_path.parent.name
    if xliff_path.parent.parent != (course.root / TRANSLATIONS).resolve():
        raise UsageError(f"{shown(xliff_path)}: import a file from the course's "
                         "translations/<lang>/ folder (copy the returned file over the one "
                         "extract wrote)")
    if not po_path.is_file():
        raise UsageError(f"{shown(po_path)} does not exist; run 'coursegen translate extract "
                         f"--lang {language}' first")
    po = read_po(po_path)
    xlf = read_xliff(xliff_path)
    result = ImportResult(po_path)
    for key, unit in xlf.entries.items():
        entry = po.entries.get(key)
        if entry is None:
            result.warnings.append(f"{shown(xliff_path)}:{unit.line}: warning: no string "
                                   f"'{key}' in "
                                   f"{po_path.name} (gone from the course?); not imported")
            continue
        if not unit.target or (unit.target, unit.state) == (entry.target, entry.state):
            result.unchanged += 1
            continue
        entry.target = unit.target
        if unit.source != entry.source:
            entry.state, entry.previous = "review", unit.source
        else:
            entry.state = unit.state
            entry.previous = entry.previous if unit.state == "review" else None
        result.updated += 1
    name = po_path.stem
    if name != COURSE_CATALOG and name not in {m.id for m in course.modules}:
        raise UsageError(f"{shown(po_path)}: no module '{name}' in this course; import the "
                         "catalog of a module the course lists")
    header = catalog_header(course, language, po)
    comment = po.comment or default_comment(course, language, name)
    write_bytes(po_path, po_bytes(po, header, comment))
    original = "course.yaml" if name == COURSE_CATALOG else course.module(name).folder
    write_bytes(xliff_path, xliff_bytes(po, original, language))
    return result
