"""Shared by the interface-catalog tests: reading the POT, placeholders, and a pseudo-French
catalog written into a temporary locale folder (every word reversed, placeholders kept), so
that a test can tell a translated interface word from an English one."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po, write_po

from coursegen.i18n.ui import LOCALE_DIR, catalog_path

POT = LOCALE_DIR / "coursegen.pot"
SHIPPED = ("ar", "es", "fr", "ru", "zh")
"""The languages whose catalogs must be complete (English is the source language)."""

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")
COUNTS = {"num", "n"}
"""The count placeholder of a plural message, which a form may leave out ('un point')."""


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    """A .po or .pot file as a Babel catalog."""
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def placeholders(text: str) -> set[str]:
    """The named placeholders of a message: `%(name)s` (templates) and `{name}` (code)."""
    return {a or b for a, b in PLACEHOLDER.findall(text or "")}


def message_keys(catalog: Catalog) -> set[tuple]:
    """What identifies each message: its context, id and plural id."""
    return {(m.context, m.id if isinstance(m.id, str) else tuple(m.id))
            for m in catalog if m.id}


def plural_count(lang: str) -> int:
    """How many plural forms gettext gives `lang` (Babel's table: ar 6, ru 3, zh 1)."""
    return get_plural(lang).num_plurals


def pseudo_text(text: str) -> str:
    """Every word reversed, placeholders and markup kept: 'Contents' → 'stnetnoC'."""
    pieces = re.split(r"(%\(\w+\)[sd]|\{\w+\}|%%|<[^>]*>)", text)
    return "".join(p if i % 2 else re.sub(r"[A-Za-z]+", lambda m: m.group(0)[::-1], p)
                   for i, p in enumerate(pieces))


def write_pseudo_catalog(folder: Path, lang: str = "fr") -> Path:
    """A complete catalog of `lang` in `folder` (a locale dir) made from the POT with
    :func:`pseudo_text`, each plural form marked with its index ('[1]') so a test can see
    which form was chosen."""
    template = read_catalog(POT)
    catalog = Catalog(locale=lang, domain="coursegen")
    forms = plural_count(lang)
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, tuple | list):
            singular, plural = message.id
            strings = tuple(pseudo_text(singular if i == 0 else plural) + f" [{i}]"
                            for i in range(forms))
        else:
            strings = pseudo_text(message.id)
        catalog.add(message.id, strings, context=message.context)
    target = catalog_path(lang, folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        write_po(handle, catalog)
    return target


def english_fragments(min_words: int = 3) -> set[str]:
    """The English text of the interface: each msgid's literal runs between placeholders
    and markup, of at least `min_words` words (short ones such as 'Date' or 'Score' could be
    the course's own words)."""
    fragments = set()
    for message in read_catalog(POT):
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        for text in ids:
            for piece in re.split(r"%\(\w+\)[sd]|\{\w+\}|%%|<[^>]*>", text or ""):
                piece = " ".join(piece.split()).strip(" .,:;()·—–")
                if len(re.findall(r"[A-Za-z]+", piece)) >= min_words:
                    fragments.add(piece)
    return fragments


def french_starter(folder: Path, catalogs: str) -> tuple[Path, Path]:
    """The starter course with `language: fr` in `folder/course`, and the locale folder its
    interface words come from: the shipped catalogs, or (`catalogs="pseudo"`) a pseudo-French
    one written into `folder/locale`. Returns (course, locale)."""
    from coursegen.scaffold import create_course

    if catalogs == "pseudo":
        locale = folder / "locale"
        write_pseudo_catalog(locale, "fr")
    else:
        locale = LOCALE_DIR
        assert catalog_path("fr").is_file(), "no shipped French catalog: commit locale/fr first"
    course = folder / "course"
    create_course(course)
    settings = course / "course.yaml"
    settings.write_text(settings.read_text().replace("language: en", "language: fr"))
    return course, locale
