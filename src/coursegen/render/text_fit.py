"""Measuring text with real font metrics, so decks can fit text instead of letting it overflow.

Widths come from the TrueType files a slide will be shown with, as fontconfig resolves
them (Arial → Liberation Sans, which has Arial's advance widths), read with Pillow's
FreeType binding. Without fontconfig, a table of metric-compatible files is searched
and DejaVu Sans stands in (wider than most UI fonts, so the fit errs on the safe side);
without any font file, Pillow's built-in font is used.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

from coursegen.text import Run

_REFERENCE_SIZE = 100
"""Fonts are loaded once at this pixel size; widths scale linearly to any point size."""

LINE_HEIGHT = 1.2
"""Height of one line as a multiple of the font size (single spacing, with leading): the
least used; a font whose ascent and descent are taller (Noto Sans: 1.36) uses its own."""

_FONT_DIRS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
    "/Library/Fonts",
    "/System/Library/Fonts",
    "C:/Windows/Fonts",
)

# Family → file stems for (regular, bold, italic, bold italic); metric-compatible files first.
_FAMILY_FILES: dict[str, tuple[tuple[str, str, str, str], ...]] = {
    "arial": (
        ("LiberationSans-Regular", "LiberationSans-Bold", "LiberationSans-Italic",
         "LiberationSans-BoldItalic"),
        ("Arimo-Regular", "Arimo-Bold", "Arimo-Italic", "Arimo-BoldItalic"),
        ("arial", "arialbd", "ariali", "arialbi"),
    ),
    "times new roman": (
        ("LiberationSerif-Regular", "LiberationSerif-Bold", "LiberationSerif-Italic",
         "LiberationSerif-BoldItalic"),
        ("times", "timesbd", "timesi", "timesbi"),
    ),
    "courier new": (
        ("LiberationMono-Regular", "LiberationMono-Bold", "LiberationMono-Italic",
         "LiberationMono-BoldItalic"),
        ("cour", "courbd", "couri", "courbi"),
    ),
    "calibri": (
        ("Carlito-Regular", "Carlito-Bold", "Carlito-Italic", "Carlito-BoldItalic"),
        ("calibri", "calibrib", "calibrii", "calibriz"),
    ),
    "noto sans": (
        ("NotoSans-Regular", "NotoSans-Bold", "NotoSans-Italic", "NotoSans-BoldItalic"),
    ),
    "dejavu sans": (
        ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"),
    ),
}
_ALIASES = {"helvetica": "arial", "liberation sans": "arial", "arimo": "arial",
            "liberation serif": "times new roman", "times": "times new roman",
            "liberation mono": "courier new", "courier": "courier new", "carlito": "calibri"}
_FALLBACK = "dejavu sans"


@lru_cache(maxsize=1)
def _installed_fonts() -> dict[str, Path]:
    """Every .ttf/.otf file under the usual font folders, by lower-case file stem."""
    found: dict[str, Path] = {}
    for folder in _FONT_DIRS:
        for base, _dirs, names in os.walk(os.path.expanduser(folder)):
            for name in names:
                stem, ext = os.path.splitext(name)
                if ext.lower() in {".ttf", ".otf"}:
                    found.setdefault(stem.lower(), Path(base) / name)
    return found


_STYLES = ("", ":bold", ":italic", ":bold:italic")
"""fontconfig pattern suffixes for regular, bold, italic and bold italic."""


@lru_cache(maxsize=64)
def _fontconfig_file(pattern: str) -> Path | None:
    """The file fontconfig picks for a pattern (what LibreOffice renders with), or None."""
    try:
        found = subprocess.run(["fc-match", "-f", "%{file}", pattern], capture_output=True,
                               text=True, timeout=10, check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    path = Path(found) if found else None
    return path if path and path.suffix.lower() in {".ttf", ".otf"} and path.is_file() else None


def font_files(family: str) -> tuple[Path | None, Path | None, Path | None, Path | None]:
    """The regular, bold, italic and bold-italic files used to measure `family`.

    The faces are resolved through fontconfig (`fc-match 'DejaVu Serif:bold'`), so a
    slide is measured with the font actually installed, in its real weight; without
    fontconfig, a table of metric-compatible files is searched.
    """
    name = family.strip()
    resolved = tuple(_fontconfig_file(f"{name}{style}") for style in _STYLES)
    if resolved[0] is not None:
        return tuple(p or resolved[0] for p in resolved)  # type: ignore[return-value]
    installed = _installed_fonts()
    key = _ALIASES.get(name.lower(), name.lower())
    for candidate in (key, _FALLBACK):
        for stems in _FAMILY_FILES.get(candidate, ()):
            paths = tuple(installed.get(stem.lower()) for stem in stems)
            if paths[0] is not None:
                regular = paths[0]
                return tuple(p or regular for p in paths)  # type: ignore[return-value]
    return (None, None, None, None)


@lru_cache(maxsize=64)
def _font(path: Path | None) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if path is None:
        return ImageFont.load_default(_REFERENCE_SIZE)
    return ImageFont.truetype(str(path), _REFERENCE_SIZE)


@dataclass(frozen=True)
class Word:
    """A stretch of text between spaces, as (text, bold, italic, code) pieces."""

    pieces: tuple[tuple[str, bool, bool, bool], ...]


_SPACES = re.compile(r"(\s+)")


@lru_cache(maxsize=16384)
def words(runs: tuple[Run, ...]) -> tuple[Word, ...]:
    """Split formatted runs into words; a word may change format half-way (e.g. '**UN**ODC')."""
    result: list[list[tuple[str, bool, bool, bool]]] = [[]]
    for run in runs:
        for piece in _SPACES.split(run.text):
            if not piece:
                continue
            if piece.isspace():
                if result[-1]:
                    result.append([])
            else:
                result[-1].append((piece, run.bold, run.italic, run.code))
    return tuple(Word(tuple(w)) for w in result if w)


class FontMetrics:
    """Widths and line counts of formatted text in one font family, in points."""

    def __init__(self, family: str = "Arial", code_family: str = "Courier New") -> None:
        self.family = family
        self._files = font_files(family)
        self._code_files = font_files(code_family)
        self.measured_with = self._files[0]
        """The font file actually used (None: Pillow's built-in font)."""
        self.line_height = LINE_HEIGHT
        """Height of a single-spaced line as a multiple of the size, as renderers set it."""
        font = _font(self._files[0])
        if isinstance(font, ImageFont.FreeTypeFont):
            ascent, descent = font.getmetrics()
            self.line_height = max(LINE_HEIGHT, (ascent + descent) / _REFERENCE_SIZE)

    @lru_cache(maxsize=65536)  # noqa: B019 - instances live for a build; the cache is the point
    def _unit_width(self, text: str, bold: bool, italic: bool, code: bool) -> float:
        files = self._code_files if code else self._files
        font = _font(files[bold + 2 * italic])
        return font.getlength(text) / _REFERENCE_SIZE

    def width(self, word: Word, size: float) -> float:
        """Width of a word at `size` points."""
        return sum(self._unit_width(*piece) for piece in word.pieces) * size

    @lru_cache(maxsize=65536)  # noqa: B019 - the fitter asks the same question many times
    def line_count(self, runs: tuple[Run, ...], size: float, width: float) -> int:
        """Lines the runs take when wrapped at `width` points, breaking over-long words."""
        space = self._unit_width(" ", False, False, False) * size
        lines, used = 1, 0.0
        for word in words(runs):
            wide = self.width(word, size)
            if used and used + space + wide <= width:
                used += space + wide
                continue
            if used:
                lines += 1
            if wide <= width:
                used = wide
                continue
            # A word wider than the line (a URL, a hash) breaks between characters.
            used = 0.0
            for text, bold, italic, code in word.pieces:
                for char in text:
                    step = self._unit_width(char, bold, italic, code) * size
                    if used and used + step > width:
                        lines += 1
                        used = 0.0
                    used += step
        return lines

    def longest_word(self, runs: tuple[Run, ...], size: float) -> float:
        """Width of the widest word, in points (0 for empty text)."""
        return max((self.width(w, size) for w in words(runs)), default=0.0)
