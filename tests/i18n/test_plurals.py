"""Plural forms are chosen at runtime by the language's own rule: '1 point' / '2 points' in
English; in Russian and Arabic the form each count gets is the catalog's msgstr[i] for the
index i its plural rule gives (three forms for 1, 2, 5; six for 0, 1, 2, 3, 11, 100).

Each check runs against a complete pseudo-translated catalog in a temporary locale folder
(so the mechanism is tested whatever the translators' progress), and against the shipped
catalog, which must exist."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest

from coursegen.i18n.script_strings import script_strings
from coursegen.i18n.ui import LOCALE_DIR_VARIABLE, catalog_path, translations
from coursegen.render.handout_quiz import points_label
from tests.i18n.catalogs import plural_count, read_catalog, write_pseudo_catalog

COUNTS = {"ru": (1, 2, 5, 21, 22, 25, 111), "ar": (0, 1, 2, 3, 11, 100, 102)}
DISTINCT = {"ru": (1, 2, 5), "ar": (0, 1, 2, 3, 11, 100)}


def test_english_points_are_singular_for_one_only() -> None:
    assert points_label(1, "en") == "(1\u00a0point)"
    assert points_label(2, "en") == "(2\u00a0points)"
    assert points_label(0.5, "en") == "(0.5\u00a0points)"


@pytest.fixture(params=["pseudo", "shipped"])
def catalogs(request, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The locale folder the checks read: a pseudo catalog per language, or the shipped ones."""
    if request.param == "pseudo":
        for lang in COUNTS:
            write_pseudo_catalog(tmp_path, lang)
        monkeypatch.setenv(LOCALE_DIR_VARIABLE, str(tmp_path))
        return tmp_path
    from coursegen.i18n.ui import LOCALE_DIR

    return LOCALE_DIR


@pytest.mark.parametrize("lang", sorted(COUNTS))
def test_printed_points_take_the_form_the_rule_chooses(catalogs: Path, lang: str) -> None:
    path = catalog_path(lang, catalogs)
    assert path.is_file(), f"no interface catalog for {lang}: {path} is missing"
    catalog = read_catalog(path, lang)
    rule = gettext.c2py(catalog.plural_expr)
    message = catalog.get("({points} point)")
    assert message is not None and len(message.string) == plural_count(lang)
    for n in COUNTS[lang]:
        expected = message.string[rule(n)].format(points=n).replace(" ", "\u00a0")
        assert points_label(n, lang) == expected, n
    assert {rule(n) for n in DISTINCT[lang]} == set(range(plural_count(lang)))  # every form used


@pytest.mark.parametrize("lang", sorted(COUNTS))
def test_page_scripts_get_the_same_rule_and_forms(catalogs: Path, lang: str) -> None:
    path = catalog_path(lang, catalogs)
    assert path.is_file(), f"no interface catalog for {lang}: {path} is missing"
    catalog = read_catalog(path, lang)
    rule = gettext.c2py(catalog.plural_expr)
    strings = script_strings(lang, "site")
    assert strings["plural"] == [rule(n) for n in range(200)]
    message = catalog.get("{earned} of {n} point")
    assert strings["of_points"] == list(message.string)
    assert translations(lang).ngettext("{n} answered", "{n} answered", 5) \
        == catalog.get("{n} answered").string[rule(5)]
