"""Re-extracting never loses a translation, whatever happened to the English (property test)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from coursegen.translation.catalog_files import Catalog, Entry
from coursegen.translation.content_extract import CatalogUpdate, merge
from coursegen.translation.content_strings import SourceString

TEXTS = st.sampled_from(["Alpha", "Beta", "Gamma", "Delta", "Epsilon"])
FILES = st.sampled_from(["modules/m/01.yaml", "modules/m/02.yaml"])


class _NoLines:
    """Line numbers do not matter here."""

    def line(self, _string: SourceString) -> int:
        return 0


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    catalog = Catalog(Path("m.po"))
    for index in range(draw(st.integers(0, 6))):
        key = f"{draw(FILES)}:slides[{index}].title"
        target = draw(st.sampled_from(["", "Traduction A", "Traduction B", "Traduction C"]))
        state = draw(st.sampled_from(["translated", "review"])) if target else "missing"
        catalog.entries[key] = Entry(key, draw(TEXTS), target, state)
    return catalog


@st.composite
def courses(draw: st.DrawFn) -> list[SourceString]:
    found = {}
    for index in range(draw(st.integers(0, 6))):
        file = draw(FILES)
        found[(file, index)] = SourceString("m", file, ("slides", index, "title"), draw(TEXTS),
                                            "title")
    return list(found.values())


@given(old=catalogs(), strings=courses())
def test_every_translation_is_kept_somewhere(old: Catalog, strings: list[SourceString]) -> None:
    update = CatalogUpdate("m", Path("m.po"), Path("m.xlf"))
    merged = merge(old, strings, _NoLines(), update)
    # each translation is kept with the English it was made for: as the entry's English,
    # as the English it was made for (#| msgid), or in an obsolete entry
    kept = {(e.source, e.target) for e in merged.entries.values() if e.target}
    kept |= {(e.previous, e.target) for e in merged.entries.values() if e.previous}
    kept |= {(e.source, e.target) for e in merged.obsolete.values()}
    for entry in old.entries.values():
        if entry.target:
            assert (entry.previous or entry.source, entry.target) in kept or (
                entry.source, entry.target) in kept, entry
    assert [e.key for e in merged.entries.values()] == [s.key for s in strings]
    for string in strings:  # a translation shown as done is one made for today's English
        entry = merged.entries[string.key]
        if entry.state == "translated":
            assert any(e.source == string.text and e.target == entry.target
                       for e in old.entries.values())


@given(old=catalogs(), strings=courses())
def test_merging_twice_changes_nothing(old: Catalog, strings: list[SourceString]) -> None:
    first = merge(old, strings, _NoLines(), CatalogUpdate("m", Path("m.po"), Path("m.xlf")))
    second = merge(first, strings, _NoLines(), CatalogUpdate("m", Path("m.po"), Path("m.xlf")))
    assert second.entries == first.entries
    assert second.obsolete == first.obsolete
