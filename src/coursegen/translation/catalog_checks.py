"""`coursegen check` on the content catalogs under translations/<lang>/.

Each translated entry is held to its English (today's, from the course):
- every figure is in the translation, in any locale's writing (`figures.py`): an error;
- every document symbol (A/CONF.234/11) is written exactly: an error;
- where the catalog translates a module's glossary term, a string using the term
  uses its translation: a warning. Inflection (a plural, a case, Arabic's broken plurals)
  can hide the term, so a translator lists its other forms in a comment on the glossary
  term's entry, `# also: الأصول الافتراضية; أصول افتراضية`, and each form counts;
- an entry needing review (marked so, or made for English that has changed since):
  a warning.
Untranslated entries are not reported: a partial translation is normal, and
`translate status` counts it. Every finding names the catalog file and line, and
the entry's key.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from coursegen.errors import Diagnostic, Location
from coursegen.model import Course
from coursegen.translation.catalog_files import (
    STATUS_FIELD,
    STATUSES,
    Catalog,
    CatalogUnreadable,
    Entry,
    read_xliff,
    xliff_untouched,
)
from coursegen.translation.content_extract import TRANSLATIONS, grouped_strings
from coursegen.translation.content_status import judge, load_catalogs
from coursegen.translation.content_strings import SourceString
from coursegen.translation.figures import missing_figures, missing_symbols


def catalog_languages(course: Course) -> list[str]:
    """The languages with a catalog folder under translations/."""
    folder = course.root / TRANSLATIONS
    return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def check_catalogs(course: Course, languages: list[str] | None = None) -> list[Diagnostic]:
    """Every problem of the catalogs of these languages (default: every catalog folder)."""
    found: list[Diagnostic] = []
    groups = grouped_strings(course)
    for language in catalog_languages(course) if languages is None else languages:
        try:
            catalogs = load_catalogs(course, language)
        except CatalogUnreadable as error:
            found.append(Diagnostic(None, str(error), code="translation-unreadable"))
            continue
        found += _strays(course, language, set(groups))
        for name, catalog in catalogs.items():
            found += _check_header(course, catalog)
            found += _unimported(course, catalog)
            terms = _glossary(course, name, catalog)
            for string in groups.get(name, []):
                entry = catalog.entries.get(string.key)
                if entry is not None:
                    found += check_entry(course, catalog, entry, string, terms)
    return found


def refused_keys(diagnostics: list[Diagnostic]) -> set[str]:
    """The keys of entries with an error: a build shows their English instead."""
    return {d.path for d in diagnostics if d.severity == "error" and d.path}


def check_entry(course: Course, catalog: Catalog, entry: Entry, string: SourceString,
                terms: dict[str, tuple[str, ...]]) -> list[Diagnostic]:
    """The problems of one entry against today's English."""
    where = Location(_display(catalog.path, course.root), entry.line, 1)
    state = judge(entry, string)
    if state == "missing":
        return []
    if state == "review":
        why = ("the English changed since it was translated; run 'coursegen translate "
               "extract', then review it" if entry.source != string.text
               else "marked as needing review (fuzzy); review it, then remove the mark")
        return [Diagnostic(where, f"translation needs review: {why}; until then the English "
                           "is shown", path=entry.key, severity="warning",
                           code="translation-review")]
    found = []
    figures = missing_figures(string.text, entry.target)
    if figures:
        found.append(Diagnostic(
            where, f"the translation does not keep the figure{'s' * (len(figures) > 1)} "
            f"{', '.join(figures)} of the English; correct the figure (any locale's digits "
            "and separators are fine); until then the English is shown",
            path=entry.key, code="translation-figure"))
    symbols = missing_symbols(string.text, entry.target)
    if symbols:
        found.append(Diagnostic(
            where, f"the translation does not keep the document symbol"
            f"{'s' * (len(symbols) > 1)} {', '.join(symbols)}; symbols are written the same "
            "in every language", path=entry.key, code="translation-symbol"))
    for term, forms in terms.items():
        if _uses(string.text, term) and not any(_uses_loosely(entry.target, form)
                                                for form in forms):
            found.append(Diagnostic(
                where, f"the English uses the glossary term '{term}', translated "
                f"'{forms[0]}' in this catalog, but the translation does not use it; use the "
                "term, or list the form used here in a comment on the term's own entry "
                "('# also: form; other form')",
                path=entry.key, severity="warning", code="translation-glossary"))
    return found


def _check_header(course: Course, catalog: Catalog) -> list[Diagnostic]:
    status = catalog.header.get(STATUS_FIELD)
    if status is None or status in STATUSES:
        return []
    return [Diagnostic(Location(_display(catalog.path, course.root), 1, 1),
                       f"{STATUS_FIELD} is '{status}'; write one of {', '.join(STATUSES)}",
                       code="translation-status")]


def _strays(course: Course, language: str, names: set[str]) -> list[Diagnostic]:
    """Catalogs of modules the course no longer lists: their translations are not used."""
    folder = course.root / TRANSLATIONS / language
    return [Diagnostic(Location(_display(path, course.root)),
                       f"no module '{path.stem}' in this course, so no build uses this "
                       "catalog; rename it to the module's new id, or remove it",
                       severity="warning", code="translation-stray")
            for path in sorted(folder.glob("*.po")) if path.stem not in names]


def _unimported(course: Course, catalog: Catalog) -> list[Diagnostic]:
    """An XLIFF beside the PO that holds translations the PO has not: import it first."""
    xlf_path = catalog.path.with_suffix(".xlf")
    if not xlf_path.is_file() or xliff_untouched(xlf_path):
        return []
    try:
        xlf = read_xliff(xlf_path)
    except CatalogUnreadable as error:
        return [Diagnostic(None, str(error), code="translation-unreadable")]
    newer = [unit for key, unit in xlf.entries.items() if unit.target and (
        key not in catalog.entries or catalog.entries[key].target != unit.target)]
    if not newer:
        return []
    many = len(newer) != 1
    shown_path = _display(xlf_path, course.root)
    return [Diagnostic(Location(shown_path, newer[0].line, 1),
                       f"{len(newer)} translation{'s are' if many else ' is'} here but not in "
                       f"{catalog.path.name}, which builds read; bring "
                       f"{'them' if many else 'it'} in with 'coursegen translate import "
                       f"{shown_path}'", severity="warning", code="translation-not-imported")]


def _glossary(course: Course, name: str, catalog: Catalog) -> dict[str, tuple[str, ...]]:
    """The module's glossary terms this catalog translates: English term → its translation,
    then the other forms its translator listed (`# also: form; form`)."""
    if name not in {m.id for m in course.modules}:
        return {}
    module = course.module(name)
    found = {}
    for index, term in enumerate(module.glossary):
        key = f"{module.folder}/module.yaml:glossary[{index}].term"
        entry = catalog.entries.get(key)
        if entry and entry.state == "translated" and entry.source == term.term:
            found[term.term] = (entry.target, *_other_forms(entry.comment))
    return found


def _other_forms(comment: str) -> tuple[str, ...]:
    """The forms a translator's `also:` lines list, separated by semicolons."""
    forms: list[str] = []
    for line in comment.splitlines():
        label, colon, listed = line.strip().partition(":")
        if colon and label.strip().casefold() == "also":
            forms += [form.strip() for form in listed.split(";") if form.strip()]
    return tuple(forms)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


def _uses(text: str, term: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(_fold(term))}", _fold(text)) is not None


def _uses_loosely(text: str, term: str) -> bool:
    """Whether each longer word of `term` appears, allowing an inflected ending."""
    folded = _fold(text)
    words = [w for w in re.findall(r"\w+", _fold(term)) if len(w) > 3] or [_fold(term)]
    return all(word[: max(3, len(word) - 2)] in folded for word in words)


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
