"""`coursegen translate extract`: stable keys, context, and no translation ever lost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from translate.storage import pypo, xliff

from coursegen.cli import cli
from tests.i18n.content_course import copy_shipped

pytestmark = pytest.mark.slow  # extracts and checks the whole shipped course

CRYPTO_LESSON = "modules/crypto-investigation/01-why-virtual-assets.yaml"
POINT_KEY = f"{CRYPTO_LESSON}:slides[1].points[1]"
POINT_TEXT = "Some users want **more anonymous** transactions"


@pytest.fixture
def course_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped course, without translations."""
    return copy_shipped(tmp_path / "course")


def extract(course: Path, *languages: str) -> str:
    """Run the command as a user does; returns its output."""
    args = ["translate", "extract", str(course)]
    for language in languages:
        args += ["--lang", language]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return result.output


def po_units(path: Path) -> dict[str, pypo.pounit]:
    """The units of a PO file by msgctxt, obsolete ones included."""
    return {u.getcontext(): u for u in pypo.pofile.parsefile(str(path)).units if not u.isheader()}


def translate_po(path: Path, translations: dict[str, str]) -> None:
    """Fill in msgstr entries as a translator's PO editor does."""
    store = pypo.pofile.parsefile(str(path))
    for unit in store.units:
        if unit.getcontext() in translations:
            unit.target = translations[unit.getcontext()]
    path.write_bytes(bytes(store))


def test_extract_writes_po_and_xliff_per_module_with_keys_and_context(course_copy: Path) -> None:
    output = extract(course_copy, "fr")
    folder = course_copy / "translations" / "fr"
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(f"{n}.{e}" for n in ("course", "crypto-investigation",
                                               "darknet-markets", "responsible-ai",
                                               "trafficking-digital-forensics")
                           for e in ("po", "xlf"))
    assert "fr: " in output and "10 files written" in output
    units = po_units(folder / "crypto-investigation.po")
    point = units[POINT_KEY]
    assert point.source == POINT_TEXT
    assert point.getnotes("developer").splitlines()[0] == (
        "point 2 of slide 2 'Why people use cryptocurrencies'")
    [location] = point.getlocations()
    file, line = location.split(":")
    assert POINT_TEXT in (course_copy / file).read_text().splitlines()[int(line) - 1]
    option = units["quizzes/crypto-investigation.yaml:questions[0].options[1].text"]
    assert option.getnotes("developer") == "option B of question appeal-cross-border"
    note = units[f"{CRYPTO_LESSON}:slides[1].notes"]
    assert note.getnotes("developer") == (
        "speaker note of slide 2 'Why people use cryptocurrencies'")
    course_units = po_units(folder / "course.po")
    assert course_units["course.yaml:title"].source == (
        "Technology as a tool for and against crime")
    xlf = xliff.xlifffile.parsefile(str(folder / "crypto-investigation.xlf"))
    assert b'version="1.2"' in (folder / "crypto-investigation.xlf").read_bytes()
    by_id = {u.xmlelement.get("resname"): u for u in xlf.unit_iter()}
    assert by_id[POINT_KEY].source == POINT_TEXT
    assert set(by_id) == set(units)


def test_ids_citations_and_figures_are_not_offered_for_translation(course_copy: Path) -> None:
    extract(course_copy, "fr")
    folder = course_copy / "translations" / "fr"
    keys = set()
    sources = set()
    for path in folder.glob("*.po"):
        for key, unit in po_units(path).items():
            keys.add(key)
            sources.add(unit.source)
    names = {re.sub(r"\[\d+\]", "", key.split(":", 1)[1]).split(".")[-1] for key in keys}
    assert names.isdisjoint({"id", "cite", "kind", "tags", "src", "review_by", "values",
                             "question", "objective", "from", "to", "language", "modules"})
    assert not any(k.startswith(f"{CRYPTO_LESSON}:objectives") for k in keys)
    assert not any(":forms." in k or ":settings." in k for k in keys)
    assert not any(re.fullmatch(r"[\d\s.,%$€£+\-–]*", s) for s in sources)
    assert not any(re.fullmatch(r"[A-Z]+(/[A-Z0-9.]+)+", s) for s in sources)


def test_re_extract_is_identical_and_keeps_translations(course_copy: Path) -> None:
    extract(course_copy, "fr")
    po = course_copy / "translations" / "fr" / "crypto-investigation.po"
    translate_po(po, {POINT_KEY: "Certains veulent des transactions **plus anonymes**"})
    before = {p.name: p.read_bytes() for p in po.parent.iterdir()}
    output = extract(course_copy, "fr")
    assert "0 new, 0 to review" in output
    after = {p.name: p.read_bytes() for p in po.parent.iterdir()}
    # the PO is as the translator left it apart from layout; the XLIFF now carries it too
    assert po_units(po)[POINT_KEY].target == "Certains veulent des transactions **plus anonymes**"
    assert b"plus anonymes" in after["crypto-investigation.xlf"]
    assert extract(course_copy, "fr").endswith("0 files written\n")
    assert {p.name: p.read_bytes() for p in po.parent.iterdir()} == after
    assert before.keys() == after.keys()


def test_changed_english_is_marked_for_review_with_the_previous_text(course_copy: Path) -> None:
    extract(course_copy, "fr")
    po = course_copy / "translations" / "fr" / "crypto-investigation.po"
    translate_po(po, {POINT_KEY: "Certains veulent des transactions **plus anonymes**"})
    store = pypo.pofile.parsefile(str(po))  # the translator leaves a comment of their own
    next(u for u in store.units if u.getcontext() == POINT_KEY).addnote(
        "« anonymes » plutôt que « discrètes » : terme du glossaire", origin="translator")
    po.write_bytes(bytes(store))
    lesson = course_copy / CRYPTO_LESSON
    lesson.write_text(lesson.read_text().replace(POINT_TEXT, "Some users want anonymity"))
    output = extract(course_copy, "fr")
    assert "1 to review" in output
    unit = po_units(po)[POINT_KEY]
    assert unit.isfuzzy()
    assert unit.source == "Some users want anonymity"
    assert unit.prev_source == POINT_TEXT
    assert unit.target == "Certains veulent des transactions **plus anonymes**"
    text = po.read_text()
    assert f'#| msgid "{POINT_TEXT}"' in text
    assert unit.getnotes("translator") == (
        "« anonymes » plutôt que « discrètes » : terme du glossaire")
    xlf = (po.with_suffix(".xlf")).read_text()
    assert 'state="needs-review-translation"' in xlf


def test_strings_gone_from_the_course_become_obsolete_not_lost(course_copy: Path) -> None:
    extract(course_copy, "fr")
    po = course_copy / "translations" / "fr" / "crypto-investigation.po"
    translate_po(po, {POINT_KEY: "Certains veulent des transactions **plus anonymes**"})
    lesson = course_copy / CRYPTO_LESSON
    lesson.write_text(lesson.read_text().replace(f"      - {POINT_TEXT}\n", ""))
    output = extract(course_copy, "fr")
    assert "1 now obsolete" in output
    units = [u for u in pypo.pofile.parsefile(str(po)).units if u.getcontext() == POINT_KEY]
    gone = next(u for u in units if u.isobsolete())
    assert (gone.source, gone.target) == (
        POINT_TEXT, "Certains veulent des transactions **plus anonymes**")
    assert '#~ msgstr "Certains veulent des transactions **plus anonymes**"' in po.read_text()
    # the next point moved up to the freed key: not taken for an edit of the deleted one
    [now] = [u for u in units if not u.isobsolete()]
    assert now.source == "Others wish to keep lawful payments away from banks or the State"
    assert not now.target and not now.isfuzzy()


def test_a_point_moved_within_its_file_keeps_its_translation(course_copy: Path) -> None:
    extract(course_copy, "fr")
    po = course_copy / "translations" / "fr" / "crypto-investigation.po"
    translate_po(po, {POINT_KEY: "Certains veulent des transactions **plus anonymes**"})
    lesson = course_copy / CRYPTO_LESSON
    text = lesson.read_text()
    first = "      - Held as **speculative investments** as well as used for payment\n"
    lesson.write_text(text.replace(first, first + "      - A new point\n"))
    extract(course_copy, "fr")
    moved = po_units(po)[POINT_KEY.replace("points[1]", "points[2]")]
    assert moved.source == POINT_TEXT
    assert moved.target == "Certains veulent des transactions **plus anonymes**"
    assert not moved.isfuzzy()  # same English, same lesson: still a good translation
    added = po_units(po)[POINT_KEY]
    assert (added.source, added.target) == ("A new point", "")


def test_every_extracted_string_is_the_one_a_build_replaces(course_copy: Path) -> None:
    """Extract and build walk the same strings: each key's text is what the build swaps."""
    from coursegen.load import load_course
    from coursegen.translation.content_strings import replace_strings, source_strings

    course = load_course(course_copy)
    before = source_strings(course)
    translated = replace_strings(course, lambda _file, _path, text: f"«{text}»")
    after = source_strings(translated)
    assert [s.key for s in after] == [s.key for s in before]
    assert [s.text for s in after] == [f"«{s.text}»" for s in before]
    question = translated.module("crypto-investigation").bank.questions[0]
    assert question.id == "appeal-cross-border"  # ids untouched
    assert question.options[0].text.startswith("«")


def test_a_default_title_is_offered_and_said_to_be_the_default(course_copy: Path) -> None:
    extract(course_copy, "fr")
    units = po_units(course_copy / "translations" / "fr" / "crypto-investigation.po")
    defaults = [u for u in units.values() if u.source == "Knowledge check"]
    assert defaults
    for unit in defaults:
        assert unit.getnotes("developer").endswith("(the default; not written in the file)")
        file, line = unit.getlocations()[0].split(":")
        assert "kind: knowledge-check" in (course_copy / file).read_text().splitlines()[
            int(line) - 1]
