"""Content catalogs on disk: gettext PO (the catalog of record) and XLIFF 1.2 (for CAT tools).

Both are read and written with translate-toolkit. An entry's key is the PO
`msgctxt` and the XLIFF `trans-unit` id (and resname). The PO keeps what XLIFF
cannot: entries whose English is gone (obsolete, `#~`) and the English a
translation was made for when it has changed since (`#| msgid`).

Entry states: "translated"; "review" (a translation exists but needs review:
PO fuzzy, XLIFF `needs-review-*` or not yet translated/approved); "missing".
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from translate.storage import pypo, xliff

from coursegen.errors import CoursegenError

State = Literal["translated", "review", "missing"]

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
DIGEST_ATTRIBUTE = "{urn:coursegen:xliff}digest"
"""On the XLIFF <file>: a digest of its units as extract wrote them (an edit changes it)."""

STATUS_FIELD = "X-Translation-Status"
STATUSES = {
    "draft": "draft translation, not yet reviewed",
    "reviewed": "reviewed translation",
}
"""The translation status a catalog header states, and how outputs say it."""

_KEPT_HEADER = ("Last-Translator", "Language-Team", "PO-Revision-Date", "Plural-Forms")


class CatalogUnreadable(CoursegenError):
    """A catalog file cannot be parsed; names the file and how to fix it."""


@dataclass
class Entry:
    """One catalog entry: key, English source, translation and its state."""

    key: str
    source: str
    target: str = ""
    state: State = "missing"
    previous: str | None = None
    """The English the translation was made for, when it has changed since (needs review)."""
    line: int = 0
    """Line of the entry's translation (msgstr / <target>, else the entry) in its file."""
    obsolete: bool = False
    locations: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    """What the string is, for the translator (PO `#.`; written by extract)."""
    comment: str = ""
    """The translator's own comment on the entry (PO `# `): kept as written."""


def same_entries(one: dict[str, Entry], other: dict[str, Entry]) -> bool:
    """Whether two sets of entries say the same (their line numbers aside)."""
    def said(entries: dict[str, Entry]) -> list[tuple]:
        return [(e.key, e.source, e.target, e.state, e.previous, e.obsolete, e.locations,
                 e.notes, e.comment) for e in entries.values()]
    return said(one) == said(other)


@dataclass
class Catalog:
    """One catalog file: its header fields and its entries by key (obsolete ones apart)."""

    path: Path
    header: dict[str, str] = field(default_factory=dict)
    entries: dict[str, Entry] = field(default_factory=dict)
    obsolete: dict[str, Entry] = field(default_factory=dict)
    comment: str = ""

    @property
    def status(self) -> str:
        """The translation status the header states ("draft" when it states none)."""
        return self.header.get(STATUS_FIELD, "draft").strip() or "draft"


def shown(path: Path) -> str:
    """A path as a user can type it: relative to the current folder when it is inside it."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return str(path)


def state_of(target: str, review: bool) -> State:
    """An entry's state from its translation and whether it is marked for review."""
    if not target.strip():
        return "missing"
    return "review" if review else "translated"


# --- PO -----------------------------------------------------------------------------------


def read_po(path: Path) -> Catalog:
    """Read a PO catalog; raises CatalogUnreadable naming the file."""
    try:
        store = pypo.pofile.parsefile(str(path))
    except Exception as error:  # translate-toolkit raises ValueError and its own errors
        raise CatalogUnreadable(f"{shown(path)}: not a readable PO file ({error}); fix it or "
                                "restore it from version control") from None
    lines = path.read_text(encoding="utf-8").splitlines()
    catalog = Catalog(path)
    for unit in store.units:
        if unit.isheader():
            catalog.header = _header_fields(unit.target)
            catalog.comment = unit.getnotes("translator")
            continue
        key = unit.getcontext()
        if not key:
            continue
        target = unit.target or ""
        entry = Entry(
            key=key,
            source=unit.source or "",
            target=target,
            state=state_of(target, unit.isfuzzy()),
            previous=(unit.prev_source or None) if unit.isfuzzy() else None,
            line=_msgstr_line(lines, unit.line_number or 1),
            obsolete=unit.isobsolete(),
            locations=tuple(unit.getlocations()),
            notes=tuple(n for n in unit.getnotes("developer").splitlines() if n),
            comment=unit.getnotes("translator"),
        )
        into = catalog.obsolete if entry.obsolete else catalog.entries
        if key in into and not entry.obsolete:
            raise CatalogUnreadable(
                f"{shown(path)}:{entry.line}: a second entry for {key} (the first is at line "
                f"{into[key].line}); keep one translation and delete the other entry")
        into[key] = entry
    return catalog


def _msgstr_line(lines: list[str], start: int) -> int:
    """The line of an entry's msgstr, looking down from where the entry starts."""
    for number in range(start, min(start + 400, len(lines)) + 1):
        text = lines[number - 1].lstrip("#~ ")
        if text.startswith("msgstr"):
            return number
    return start


def _header_fields(text: str) -> dict[str, str]:
    fields = {}
    for line in (text or "").splitlines():
        name, colon, value = line.partition(":")
        if colon:
            fields[name.strip()] = value.strip()
    return fields


def po_bytes(catalog: Catalog, header: dict[str, str], comment: str) -> bytes:
    """The PO text of a catalog: header, then its entries in order, then obsolete entries."""
    store = pypo.pofile(width=-1)
    head = store.header() or store.init_headers()
    head.target = "".join(f"{name}: {value}\n" for name, value in header.items())
    head.markfuzzy(False)
    head.removenotes()
    if comment:
        head.addnote(comment, origin="translator")
    for entry in [*catalog.entries.values(), *catalog.obsolete.values()]:
        unit = store.UnitClass(entry.source, wrapper=store.wrapper)
        unit.setcontext(entry.key)
        if entry.comment:
            unit.addnote(entry.comment, origin="translator")
        for note in entry.notes:
            unit.addnote(note, origin="developer")
        for location in entry.locations:
            unit.addlocation(location)
        unit.target = entry.target
        if entry.state == "review":
            unit.markfuzzy(True)
            if entry.previous is not None and entry.previous != entry.source:
                unit.prev_source = entry.previous
        store.addunit(unit)
        if entry.obsolete:
            unit.makeobsolete()
    return bytes(store)


# --- XLIFF ----------------------------------------------------------------------------------


class _Unit12(xliff.xliffunit):
    namespace = XLIFF_NS


class _File12(xliff.xlifffile):
    """XLIFF 1.2 (translate-toolkit writes 1.1 by default; it reads both)."""

    UnitClass = _Unit12
    namespace = XLIFF_NS
    XMLskeleton = f"""<?xml version="1.0" ?>
<xliff version='1.2' xmlns='{XLIFF_NS}' xmlns:cg='urn:coursegen:xliff'>
<file original='NoName' source-language='en' datatype='plaintext'>
<body>
</body>
</file>
</xliff>"""


_REVIEW_STATES = {"needs-review-translation", "needs-review-adaptation", "needs-review-l10n",
                  "new", "needs-translation", "needs-adaptation", "needs-l10n"}


def read_xliff(path: Path) -> Catalog:
    """Read an XLIFF 1.1/1.2 catalog (units by their id); raises CatalogUnreadable."""
    try:
        store = xliff.xlifffile.parsefile(str(path))
    except Exception as error:
        raise CatalogUnreadable(f"{shown(path)}: not a readable XLIFF file ({error}); fix it or "
                                "restore it from version control") from None
    catalog = Catalog(path)
    for unit in store.unit_iter():
        element = unit.xmlelement
        key = element.get("resname") or element.get("id") or ""
        target_node = unit.getlanguageNode(lang=None, index=1)
        target = unit.target or ""
        state_name = target_node.get("state", "") if target_node is not None else ""
        done = state_name in ("translated", "signed-off", "final")
        review = state_name in _REVIEW_STATES or (element.get("approved") == "no" and not done)
        line = target_node.sourceline if target_node is not None else element.sourceline
        catalog.entries[key] = Entry(key, unit.source or "", target, state_of(target, review),
                                     line=line or 0)
    return catalog


def _state_attribute(entry: Entry) -> str:
    """The XLIFF `state` written for an entry ("" when untranslated: no <target>)."""
    if not entry.target:
        return ""
    return "needs-review-translation" if entry.state == "review" else "translated"


def _digest(units: list[tuple[str, str, str, str]]) -> str:
    digest = hashlib.sha256()
    for unit in units:
        for part in unit:
            digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()[:16]


def xliff_digest(catalog: Catalog) -> str:
    """A digest of the units an XLIFF file of this catalog holds: key, source, target, state."""
    return _digest([(e.key, e.source, e.target, _state_attribute(e))
                    for e in catalog.entries.values()])


def xliff_untouched(path: Path) -> str | None:
    """The digest extract recorded in an XLIFF file if the file still holds exactly those
    units (no CAT tool changed them), else None."""
    from lxml import etree

    try:
        root = etree.parse(str(path)).getroot()
    except (OSError, etree.XMLSyntaxError):
        return None
    files = [n for n in root if isinstance(n.tag, str) and etree.QName(n).localname == "file"]
    if len(files) != 1 or files[0].get(DIGEST_ATTRIBUTE) is None:
        return None
    units = []
    for unit in files[0].iter(f"{{{XLIFF_NS}}}trans-unit"):
        source = unit.find(f"{{{XLIFF_NS}}}source")
        target = unit.find(f"{{{XLIFF_NS}}}target")
        units.append((unit.get("resname") or unit.get("id") or "",
                      "".join(source.itertext()) if source is not None else "",
                      "".join(target.itertext()) if target is not None else "",
                      target.get("state", "") if target is not None else ""))
    recorded = files[0].get(DIGEST_ATTRIBUTE)
    return recorded if _digest(units) == recorded else None


def xliff_bytes(catalog: Catalog, original: str, language: str) -> bytes:
    """The XLIFF 1.2 text of a catalog's current entries (obsolete ones stay in the PO)."""
    store = _File12(sourcelanguage="en", targetlanguage=language)
    node = store.getfilenode("NoName")
    store.setfilename(node, original)
    node.set("target-language", language)
    node.set(DIGEST_ATTRIBUTE, xliff_digest(catalog))
    for entry in catalog.entries.values():
        unit = _Unit12(entry.source)
        unit.xmlelement.set("id", entry.key)  # setid() re-indexes the store each time: slow
        unit.xmlelement.set("resname", entry.key)
        for note in entry.notes:
            unit.addnote(note, origin="developer")
        if entry.previous:
            unit.addnote(f"The English was: {entry.previous}", origin="coursegen")
        for location in entry.locations:
            unit.addlocation(location)
        store.addunit(unit, new=True)
        if entry.target:
            unit.target = entry.target
            if entry.state == "review":
                unit.markreviewneeded()
            else:
                unit.set_state_n(unit.S_TRANSLATED)
    return bytes(store)
