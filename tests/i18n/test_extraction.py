"""The committed POT holds exactly the strings the code and templates wrap (a fresh
extraction, as `make messages` runs it), and the English catalog follows the POT."""

from __future__ import annotations

from pathlib import Path

from babel.messages.frontend import CommandLineInterface

from coursegen.i18n.ui import LOCALE_DIR, catalog_path
from tests.i18n.catalogs import POT, message_keys, read_catalog

PACKAGE = LOCALE_DIR.parents[1]
MAPPING = PACKAGE / "i18n" / "babel.cfg"


def _fresh_pot(target: Path) -> Path:
    CommandLineInterface().run(["pybabel", "-q", "extract", "-F", str(MAPPING), "-k", "N_",
                                "-c", "Translators:", "-o", str(target), str(PACKAGE)])
    return target


def test_the_pot_holds_every_wrapped_string_and_nothing_else(tmp_path: Path) -> None:
    fresh = message_keys(read_catalog(_fresh_pot(tmp_path / "fresh.pot")))
    committed = message_keys(read_catalog(POT))
    missing, stale = sorted(fresh - committed, key=str), sorted(committed - fresh, key=str)
    assert not missing and not stale, (
        f"run `make messages`: {len(missing)} wrapped strings are not in the POT "
        f"(e.g. {missing[:3]}), {len(stale)} POT strings are no longer used (e.g. {stale[:3]})")
    assert len(committed) > 500  # every front-end is wrapped, not a handful of words


def test_the_english_catalog_has_every_message_of_the_pot() -> None:
    english = read_catalog(catalog_path("en"), "en")
    assert message_keys(english) == message_keys(read_catalog(POT))
    assert english.num_plurals == 2


def test_translator_comments_reach_the_pot() -> None:
    pot = read_catalog(POT)
    message = pot.get("Page {page} of {pages}")
    assert message is not None and any("footer" in c for c in message.auto_comments)
