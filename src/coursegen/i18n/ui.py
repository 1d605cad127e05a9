"""Interface strings: the gettext catalogs of every word the outputs and runners show.

The catalogs are the `.po` files under `i18n/locale/<ll>/LC_MESSAGES/coursegen.po`, compiled
in memory on first use (so a fresh clone works without a compile step) and cached per
language. A language without a catalog, or a message without a translation, reads in English.

`COURSEGEN_LOCALE_DIR` names a folder searched before the shipped catalogs (same layout),
for trying a translation before it is shipped.
"""

from __future__ import annotations

import os
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel.support import NullTranslations, Translations
    from jinja2 import Environment

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
"""The shipped catalogs: `coursegen.pot` and one `<ll>/LC_MESSAGES/coursegen.po` per language."""

DOMAIN = "coursegen"
SOURCE_LANGUAGE = "en"
LOCALE_DIR_VARIABLE = "COURSEGEN_LOCALE_DIR"


def catalog_path(lang: str, locale_dir: Path = LOCALE_DIR) -> Path:
    """Where the `.po` catalog of `lang` (a locale folder name such as 'fr' or 'fr_CA') lives."""
    return locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def locale_names(lang: str) -> list[str]:
    """Catalog folder names to try for a BCP 47 tag, most specific first: 'fr-CA' → fr_CA, fr."""
    parts = [p for p in (lang or SOURCE_LANGUAGE).replace("_", "-").split("-") if p]
    names = []
    if len(parts) > 1:
        region = parts[-1].upper() if len(parts[-1]) == 2 else parts[-1]
        names.append(f"{parts[0].lower()}_{region}")
    names.append(parts[0].lower() if parts else SOURCE_LANGUAGE)
    return names


def locale_dirs() -> tuple[Path, ...]:
    """The folders catalogs are looked up in: `COURSEGEN_LOCALE_DIR` first, when set, then
    the shipped ones (part of every cache key that holds translated text)."""
    extra = os.environ.get(LOCALE_DIR_VARIABLE)
    return (Path(extra), LOCALE_DIR) if extra else (LOCALE_DIR,)


def translations(lang: str) -> NullTranslations:
    """The interface translations for `lang` (a BCP 47 tag), cached: a
    :class:`babel.support.Translations` built from the language's catalog, or
    :class:`babel.support.NullTranslations` (English) when there is none."""
    return _translations(lang or SOURCE_LANGUAGE, locale_dirs())


@lru_cache(maxsize=32)
def _translations(lang: str, dirs: tuple[Path, ...]) -> NullTranslations:
    from babel.support import NullTranslations

    for name in locale_names(lang):
        for folder in dirs:
            path = catalog_path(name, folder)
            if path.is_file():
                return _compile(path, name)
    return NullTranslations()


def _compile(path: Path, locale_name: str) -> Translations:
    """A `.po` file compiled to MO bytes in memory (fuzzy entries left out, as msgfmt does)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    with path.open("rb") as po:
        catalog = read_po(po, locale=locale_name, domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def gettext(lang: str, message: str) -> str:
    """`message` in `lang`, or `message` itself when it has no translation."""
    return translations(lang).gettext(message)


def ngettext(lang: str, singular: str, plural: str, n: int) -> str:
    """The form of a counted message that `lang`'s plural rule chooses for `n`."""
    return translations(lang).ngettext(singular, plural, n)


def pgettext(lang: str, context: str, message: str) -> str:
    """`message` in `lang`, told apart from the same English word elsewhere by `context`."""
    return translations(lang).pgettext(context, message)


def npgettext(lang: str, context: str, singular: str, plural: str, n: int) -> str:
    """:func:`ngettext` with a translator context."""
    return translations(lang).npgettext(context, singular, plural, n)


class Interface:
    """The interface strings of one language, for code that shows many of them:
    ``ui = Interface(course.language); ui._("Answer")``. Extraction sees ``_``, ``ngettext``,
    ``pgettext`` and ``npgettext`` calls on it like the module-level functions."""

    def __init__(self, lang: str) -> None:
        self.lang = lang or SOURCE_LANGUAGE
        self._t = translations(self.lang)

    def _(self, message: str, **values: object) -> str:
        """`message` translated, its `{name}` placeholders filled from `values`."""
        text = self._t.gettext(message)
        return text.format(**values) if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> str:
        """The form chosen for `n`, its placeholders (`{n}` and `values`) filled."""
        return self._t.ngettext(singular, plural, n).format(n=n, **values)

    def pgettext(self, context: str, message: str, **values: object) -> str:
        """`message` in `context`, its placeholders filled."""
        text = self._t.pgettext(context, message)
        return text.format(**values) if values else text

    def npgettext(self, context: str, singular: str, plural: str, n: int,
                  **values: object) -> str:
        """A counted message in `context`, its placeholders filled."""
        return self._t.npgettext(context, singular, plural, n).format(n=n, **values)


def plural_count(value: object) -> int:
    """The whole number a plural rule chooses a form by: a whole count as it is (3.0 → 3),
    a fraction of a point as 'many' (2), as English writes '0.5 points'."""
    number = float(str(value))
    return int(number) if number.is_integer() else 2


def install_gettext(env: Environment, lang: str) -> None:
    """Give a Jinja environment (with `jinja2.ext.i18n`) the interface strings of `lang`,
    new-style: `{{ _("Lesson %(n)s", n=3) }}` formats and escapes its values; and
    `plural_count` for counts that may be fractions."""
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.globals["plural_count"] = plural_count


def course_language(course: object) -> str:
    """The language a course is rendered in: `course.language` where the model has it (a
    translated build sets it), else the `language:` of course.yaml."""
    lang = getattr(course, "language", None)
    if not lang:
        info = getattr(course, "info", None)
        lang = getattr(info, "language", None)
    return str(lang or SOURCE_LANGUAGE)


def css_page_counter(lang: str) -> str:
    """The CSS `content` value of a page footer, 'Page 3 of 12' in `lang`: the translated
    words as CSS strings around `counter(page)` and `counter(pages)`."""
    import re

    # Translators: the page footer of handouts and reports; keep {page} and {pages}.
    text = Interface(lang)._("Page {page} of {pages}")
    parts = []
    for piece in re.split(r"(\{page\}|\{pages\})", text):
        if piece == "{page}":
            parts.append("counter(page)")
        elif piece == "{pages}":
            parts.append("counter(pages)")
        elif piece:
            parts.append('"' + piece.replace("\\", "\\\\").replace('"', '\\"') + '"')
    return " ".join(parts)


def N_(message: str) -> str:
    """Mark `message` for the catalogs without translating it here (gettext_noop): for a
    message built in one place and shown, translated, in another."""
    return message
