"""A course in another language: its catalogs applied, English where a translation is missing.

`translated_course` is pure: the loaded course and its catalogs in, the
translated course and what fell back to English out. Ids are untouched, so a
question answered in French and in English is one item in the statistics.
A translation is shown only when it is complete and made for today's English
(`content_status.judge`); anything else shows the English source and is counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from coursegen.errors import Diagnostic
from coursegen.model import Course
from coursegen.model.course import Translation
from coursegen.translation.catalog_files import Catalog, Entry
from coursegen.translation.content_status import judge, load_catalogs
from coursegen.translation.content_strings import PathKey, SourceString, path_text, replace_strings


@dataclass
class Fallbacks:
    """The strings shown in English, by why: no translation, or one needing review."""

    missing: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.missing) + len(self.review)


def translated_course(course: Course, catalogs: dict[str, Catalog], language: str,
                      refused: frozenset[str] = frozenset()) -> tuple[Course, Fallbacks]:
    """The course with every usable translation of `catalogs` in place, in `language`.

    Entries whose key is in `refused` (`check` found an error: a changed figure) are
    shown in English, counted with those needing review.
    """
    entries: dict[str, Entry] = {}
    for catalog in catalogs.values():
        entries.update(catalog.entries)
    fallbacks = Fallbacks()
    total = 0

    def replace(file: str, path: PathKey, text: str) -> str | None:
        nonlocal total
        total += 1
        key = f"{file}:{path_text(path)}"
        entry = entries.get(key)
        state = judge(entry, SourceString("", file, path, text, ""))
        if state == "translated" and key not in refused:
            return entry.target
        (fallbacks.missing if state == "missing" else fallbacks.review).append(key)
        return None

    translated = replace_strings(course, replace)
    reviewed = bool(catalogs) and all(c.status == "reviewed" for c in catalogs.values())
    info = translated.info.model_copy(update={"language": language})
    status = Translation(language=language, status="reviewed" if reviewed else "draft",
                         translated=total - len(fallbacks), total=total)
    return translated.model_copy(update={"info": info, "translation": status}), fallbacks


def course_in(course: Course, language: str) -> tuple[Course, Fallbacks, list[Diagnostic]]:
    """The course in `language` from its catalogs under translations/<language>/, and the
    catalogs' problems (as warnings: an entry with an error is shown in English)."""
    from coursegen.translation.catalog_checks import check_catalogs, refused_keys

    problems = check_catalogs(course, [language])
    refused = frozenset(refused_keys(problems))
    translated, fallbacks = translated_course(course, load_catalogs(course, language),
                                              language, refused)
    return translated, fallbacks, [replace(d, severity="warning") for d in problems]


def coverage_line(translation: Translation, fallbacks: int | None = None) -> str:
    """The build summary's line: "fr: 812 of 1,034 strings translated; 222 shown in English"."""
    shown = translation.total - translation.translated if fallbacks is None else fallbacks
    line = (f"{translation.language}: {translation.translated:,} of {translation.total:,} "
            f"strings translated")
    if shown:
        line += f"; {shown:,} shown in English"
    return f"{line} ({translation.label})"


def in_language(course: Course, language: str | None) -> Course:
    """The course to run in `language` (the quiz runners' `--lang`): itself for its own
    language or None, else translated, English where a translation is missing."""
    if language is None or language == course.info.language:
        return course
    from coursegen.translation.content_extract import check_language

    check_language(course, language)
    return course_in(course, language)[0]
