"""The shipped course's draft French and Arabic translation of crypto-investigation: complete,
in step with the English, and built right to left in Arabic."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pypdf import PdfReader

from coursegen.i18n.ui import gettext
from tests.conftest import REPO
from tests.i18n.content_course import copy_shipped

pytestmark = pytest.mark.slow

MODULE = "crypto-investigation"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def coursegen(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coursegen", *args], capture_output=True,
                          text=True, timeout=600, cwd=cwd)


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped course with its catalogs."""
    target = copy_shipped(tmp_path_factory.mktemp("shipped") / "course")
    shutil.copytree(REPO / "translations", target / "translations")
    return target


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_module_is_translated_in_full_and_says_it_is_a_draft(course: Path, lang: str):
    done = coursegen("translate", "status", str(course), "--lang", lang, "--format", "json")
    assert done.returncode == 0, done.stderr
    rows = {row["catalog"]: row for row in json.loads(done.stdout)}
    for name in (MODULE, "course"):
        assert rows[name]["translated"] == rows[name]["strings"] > 0
        assert rows[name]["review"] == rows[name]["missing"] == 0
        assert rows[name]["status"] == "draft"


def test_extracting_again_changes_no_catalog(course: Path, tmp_path: Path):
    """The catalogs are in step with today's English: nothing to review, nothing new."""
    for lang in ("fr", "ar"):
        before = {p.name: p.read_bytes() for p in (course / "translations" / lang).iterdir()}
        done = coursegen("translate", "extract", str(course), "--lang", lang)
        assert done.returncode == 0, done.stderr
        assert "0 to review" in done.stdout and "0 now obsolete" in done.stdout
        after = {name: (course / "translations" / lang / name).read_bytes() for name in before}
        assert after == before
        for path in (course / "translations" / lang).iterdir():  # modules not yet translated
            if path.name not in before:
                path.unlink()


def test_the_arabic_module_builds_right_to_left(course: Path):
    done = coursegen("build", str(course), "--lang", "ar", "--module", MODULE,
                     "--only", "decks,handouts")
    assert done.returncode == 0, done.stdout + done.stderr
    deck = Presentation(str(course / "build/ar/decks" / f"{MODULE}.pptx"))
    title = deck.slides[0].shapes.title.text_frame.paragraphs[0]
    assert "الجرائم" in title.text  # the module's title, in Arabic
    assert title._p.find(f"{A}pPr").get("rtl") == "1"
    assert etree.tostring(title._p).decode().count('lang="ar-') >= 1
    handout = PdfReader(str(course / "build/ar/handouts" / f"{MODULE}.pdf"))
    assert str(handout.trailer["/Root"]["/Lang"]) == "ar"
    cover = handout.pages[0].extract_text()
    assert gettext("ar", "Draft translation, not yet reviewed") in cover
