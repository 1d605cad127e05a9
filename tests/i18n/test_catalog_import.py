"""`coursegen translate import`: an XLIFF file from a CAT tool back into its PO catalog."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from translate.storage import pypo

from coursegen.cli import cli
from coursegen.scaffold import create_course

NS = "urn:oasis:names:tc:xliff:document:1.2"
LESSON = "modules/getting-started/01-double-edged.yaml"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    directory = tmp_path / "course"
    create_course(directory)
    result = CliRunner().invoke(cli, ["translate", "extract", str(directory), "--lang", "fr"])
    assert result.exit_code == 0, result.output
    return directory


def set_target(xlf: Path, key: str, text: str, state: str, source: str | None = None) -> None:
    """What a CAT tool does to a unit: a <target> with a state (and, here, a source edit)."""
    tree = etree.parse(str(xlf))
    [unit] = tree.xpath(f'//x:trans-unit[@resname="{key}"]', namespaces={"x": NS})
    if source is not None:
        unit.find(f"{{{NS}}}source").text = source
    target = etree.Element(f"{{{NS}}}target", state=state)
    target.text = text
    unit.find(f"{{{NS}}}source").addnext(target)
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")


def po_unit(po: Path, key: str) -> pypo.pounit:
    return next(u for u in pypo.pofile.parsefile(str(po)).units if u.getcontext() == key)


def test_states_come_back_as_translated_or_needing_review(course: Path) -> None:
    xlf = course / "translations/fr/getting-started.xlf"
    set_target(xlf, f"{LESSON}:slides[1].title", "Pourquoi c'est important", "translated")
    set_target(xlf, f"{LESSON}:slides[2].title", "Outil du crime", "needs-review-translation")
    set_target(xlf, f"{LESSON}:title", "Une arme à double tranchant", "final",
               source="A sword with two edges")  # the English has changed since export
    result = CliRunner().invoke(cli, ["translate", "import", str(xlf), str(course)])
    assert result.exit_code == 0, result.output
    assert "3 translations imported" in result.output
    po = xlf.with_suffix(".po")
    done = po_unit(po, f"{LESSON}:slides[1].title")
    assert (done.target, done.isfuzzy()) == ("Pourquoi c'est important", False)
    assert po_unit(po, f"{LESSON}:slides[2].title").isfuzzy()
    changed = po_unit(po, f"{LESSON}:title")
    assert changed.isfuzzy() and changed.prev_source == "A sword with two edges"
    assert changed.source == "A double-edged sword"
    # both files agree again: extract now runs without complaint and changes nothing
    again = CliRunner().invoke(cli, ["translate", "extract", str(course), "--lang", "fr"])
    assert again.exit_code == 0 and again.output.endswith("0 files written\n")


def test_a_unit_the_course_no_longer_has_is_reported_not_imported(course: Path) -> None:
    xlf = course / "translations/fr/getting-started.xlf"
    tree = etree.parse(str(xlf))
    body = tree.find(f".//{{{NS}}}body")
    unit = etree.SubElement(body, f"{{{NS}}}trans-unit", id="gone", resname=f"{LESSON}:gone")
    etree.SubElement(unit, f"{{{NS}}}source").text = "Gone"
    etree.SubElement(unit, f"{{{NS}}}target", state="translated").text = "Parti"
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    result = CliRunner().invoke(cli, ["translate", "import", str(xlf), str(course)])
    assert result.exit_code == 0
    assert f"warning: no string '{LESSON}:gone' in getting-started.po" in result.output
    assert "0 translations imported" in result.output


def test_a_broken_xliff_is_named_without_a_traceback(course: Path) -> None:
    xlf = course / "translations/fr/getting-started.xlf"
    xlf.write_text("<xliff><file>")
    result = CliRunner().invoke(cli, ["translate", "import", str(xlf), str(course)])
    assert result.exit_code != 0
    assert "getting-started.xlf: not a readable XLIFF file" in result.output
    assert "Traceback" not in result.output


def test_check_says_when_an_xliff_was_not_imported(course: Path) -> None:
    xlf = course / "translations/fr/getting-started.xlf"
    set_target(xlf, f"{LESSON}:slides[1].title", "Pourquoi c'est important", "translated")
    result = CliRunner().invoke(cli, ["check", str(course)])
    assert result.exit_code == 0
    line = next(n for n, text in enumerate(xlf.read_text().splitlines(), start=1)
                if "Pourquoi c'est important" in text)
    assert (f"translations/fr/getting-started.xlf:{line}:1: warning: 1 translation is here but "
            "not in getting-started.po, which builds read; bring it in with 'coursegen "
            "translate import translations/fr/getting-started.xlf'") in result.output
    CliRunner().invoke(cli, ["translate", "import", str(xlf), str(course)])
    assert "ok: 0 errors, 0 warnings" in CliRunner().invoke(cli, ["check", str(course)]).output


def test_check_names_a_catalog_of_a_module_the_course_no_longer_has(course: Path) -> None:
    po = course / "translations/fr/getting-started.po"
    po.rename(po.with_name("old-module.po"))
    result = CliRunner().invoke(cli, ["check", str(course)])
    assert ("translations/fr/old-module.po: warning: no module 'old-module' in this course, "
            "so no build uses this catalog") in result.output


def test_a_catalog_with_an_entry_twice_is_refused_not_half_kept(course: Path) -> None:
    po = course / "translations/fr/getting-started.po"
    key = f"{LESSON}:slides[1].title"
    po.write_text(po.read_text() + f'\nmsgctxt "{key}"\nmsgid "Why it matters"\n'
                  'msgstr "Pourquoi"\n')
    before = po.read_bytes()
    result = CliRunner().invoke(cli, ["translate", "extract", str(course), "--lang", "fr"])
    assert result.exit_code != 0
    assert f"a second entry for {key} (the first is at line" in result.output
    assert po.read_bytes() == before
