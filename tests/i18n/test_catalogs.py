"""Each shipped language's interface catalog is complete and usable: every message of the
POT translated (none empty, none fuzzy), as many plural forms as gettext gives the language
(ar 6, ru 3, zh 1, es and fr 2), and every placeholder of the English kept and none added.

These fail until the catalogs of the five languages are committed."""

from __future__ import annotations

import pytest

from coursegen.i18n.ui import catalog_path
from tests.i18n.catalogs import (
    COUNTS,
    POT,
    SHIPPED,
    message_keys,
    placeholders,
    plural_count,
    read_catalog,
)


def _catalog(lang: str):
    path = catalog_path(lang)
    assert path.is_file(), f"no interface catalog for {lang}: {path} is missing"
    return read_catalog(path, lang)


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_message_is_translated(lang: str) -> None:
    catalog = _catalog(lang)
    assert message_keys(catalog) == message_keys(read_catalog(POT)), \
        "the catalog is not up to date with the POT: run `make messages`"
    untranslated = [m.id for m in catalog if m.id and (
        m.fuzzy or not all(m.string if isinstance(m.string, tuple) else (m.string,)))]
    assert not untranslated, f"{len(untranslated)} untranslated or fuzzy: {untranslated[:5]}"


@pytest.mark.parametrize("lang", SHIPPED)
def test_plural_forms_follow_the_language(lang: str) -> None:
    catalog = _catalog(lang)
    assert catalog.num_plurals == plural_count(lang)
    for message in catalog:
        if message.id and isinstance(message.id, tuple):
            assert len(message.string) == plural_count(lang), message.id


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_placeholder_is_kept(lang: str) -> None:
    wrong = []
    for message in _catalog(lang):
        if not message.id:
            continue
        plural = isinstance(message.id, tuple)
        ids = message.id if plural else (message.id,)
        forms = message.string if plural else (message.string,)
        needed = set().union(*map(placeholders, ids))
        for form in forms:
            found = placeholders(form)
            if found - needed or needed - found - (COUNTS if plural else set()):
                wrong.append((ids[0], form))
            values = dict.fromkeys(needed, "1")
            try:  # the translation must format as the code formats it
                form % values if "%(" in ids[0] or "%%" in ids[0] else form.format(**values)
            except (KeyError, ValueError, IndexError, TypeError) as error:
                wrong.append((ids[0], f"{form} ({error})"))
    assert not wrong, f"{len(wrong)} translations lose or break placeholders: {wrong[:5]}"
