"""The faster footnote-area update makes the same PDFs as WeasyPrint's own, byte for byte."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from coursegen.pdf import footnotes as weasy_footnotes

RENDER = """
import sys
from weasyprint import CSS, HTML
if sys.argv[1] == "patched":
    from coursegen.pdf import footnotes as weasy_footnotes
    assert weasy_footnotes.install()
html, css = (open(path, encoding="utf-8").read() for path in sys.argv[2:4])
out = sys.argv[4]
HTML(string=html).write_pdf(out, stylesheets=[CSS(string=css)])
"""

HANDOUT_CSS = """
@page { size: A5; margin: 15mm; @footnote { border-top: 0.5pt solid grey; margin-top: 4mm; } }
body { font: 10pt/1.4 "DejaVu Serif", serif; }
.fn { float: footnote; font-size: 7.5pt; margin-top: 1.2mm; footnote-policy: line; }
"""
VARIANTS = {
    "as in the handouts": HANDOUT_CSS,
    "notes with bottom margins": HANDOUT_CSS + ".fn { margin-bottom: 2mm; }",
    "an area without a top border": HANDOUT_CSS + "@page { @footnote { border-top: none; } }",
    "an area with a set height": HANDOUT_CSS + "@page { @footnote { height: 30mm; } }",
}


def many_footnotes() -> str:
    """Paragraphs with one to four footnotes each, some notes long enough to wrap."""
    paragraphs = []
    for number in range(24):
        notes = "".join(
            f'<span class="fn">Source {number}.{n}: '
            + "a report on the case, with its page and year; " * (1 + (number + n) % 4)
            + "</span>"
            for n in range(1 + number % 4)
        )
        paragraphs.append(f"<p>Point {number}: " + "evidence and its chain of custody. "
                          * (2 + number % 5) + notes + "</p>")
    return "<html lang='en'><body>" + "".join(paragraphs) + "</body></html>"


def render(mode: str, html: Path, css: Path, out: Path) -> bytes:
    subprocess.run([sys.executable, "-c", RENDER, mode, str(html), str(css), str(out)],
                   check=True, timeout=120)
    return out.read_bytes()


@pytest.mark.slow  # lays out every variant twice, patched and unpatched
@pytest.mark.parametrize("variant", VARIANTS)
def test_patched_footnotes_give_the_same_pdf(tmp_path: Path, variant: str) -> None:
    html, css = tmp_path / "doc.html", tmp_path / "doc.css"
    html.write_text(many_footnotes(), encoding="utf-8")
    css.write_text(VARIANTS[variant], encoding="utf-8")
    plain = render("plain", html, css, tmp_path / "plain.pdf")
    patched = render("patched", html, css, tmp_path / "patched.pdf")
    info = subprocess.run(["pdfinfo", str(tmp_path / "plain.pdf")], capture_output=True,
                          text=True, check=True).stdout
    assert int(info.split("Pages:")[1].split()[0]) > 5  # several pages of notes were laid out
    assert patched == plain


def test_the_installed_weasyprint_is_the_one_checked() -> None:
    # Fails after a WeasyPrint upgrade changes the method: compare PDFs again (above), then
    # add the new hash to CHECKED_SOURCES.
    assert weasy_footnotes.install()
