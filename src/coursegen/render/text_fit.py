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

from coursegen.i18n.scripts import is_cjk, script_fonts
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


_FONT_SUFFIXES = {".ttf", ".otf", ".ttc", ".otc"}


@lru_cache(maxsize=64)
def _fontconfig_face(pattern: str) -> tuple[Path, int] | None:
    """The file and face index fontconfig picks for a pattern (what LibreOffice renders
    with), or None."""
    try:
        found = subprocess.run(["fc-match", "-f", "%{file}\t%{index}", pattern],
                               capture_output=True, text=True, timeout=10,
                               check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    file, _, index = found.partition("\t")
    path = Path(file) if file else None
    if path and path.suffix.lower() in _FONT_SUFFIXES and path.is_file():
        return path, int(index or 0)
    return None


def _fontconfig_file(pattern: str) -> Path | None:
    """The file fontconfig picks for a pattern, or None."""
    face = _fontconfig_face(pattern)
    return face[0] if face else None


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
def _font(path: Path | None, index: int = 0) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if path is None:
        return ImageFont.load_default(_REFERENCE_SIZE)
    return ImageFont.truetype(str(path), _REFERENCE_SIZE, index=index)


def _script_faces(family: str, lang: str) -> tuple[tuple[Path, int] | None, ...]:
    """Regular, bold, italic and bold-italic faces of a script font, as fontconfig gives them."""
    language = lang.split("-")[0]
    faces = tuple(_fontconfig_face(f"{family}:lang={language}{style}") for style in _STYLES)
    return tuple(face or faces[0] for face in faces)


_ARABIC = "\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_HEBREW = "\u0590-\u05ff\ufb1d-\ufb4f"
_CJK = ("\u1100-\u11ff\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u31ff"
        "\u3200-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f"
        "\uff00-\uffef\U00020000-\U0003ffff")
_SCRIPT_CHARS = {"Arab": _ARABIC, "Hebr": _HEBREW}
_CLOSING = "，。、；：！？）」』》〉】〕”’・…—·％"
"""Characters a Chinese or Japanese line may not start with (they stay with the one before)."""
_OPENING = "（「『《〈【〔“‘"
"""Characters a Chinese or Japanese line may not end with (they stay with the one after)."""
_CJK_TOKEN = re.compile(f"[{_OPENING}]*[{_CJK}][{_CLOSING}]*|[{_OPENING}]*[^{_CJK}]+")


@dataclass(frozen=True)
class Word:
    """A stretch of text a line may not break inside, as (text, bold, italic, code) pieces.

    Words are separated by spaces, except a `joined` word (a Chinese character, say),
    which follows the one before it without a space and may start a new line.
    """

    pieces: tuple[tuple[str, bool, bool, bool], ...]
    joined: bool = False


_SPACES = re.compile(r"(\s+)")


@lru_cache(maxsize=16384)
def words(runs: tuple[Run, ...]) -> tuple[Word, ...]:
    """Split formatted runs into words; a word may change format half-way (e.g. '**UN**ODC').

    Chinese, Japanese and Korean characters are words of their own, joined to their
    neighbours without a space (closing punctuation stays with the character before it).
    """
    result: list[list[tuple[str, bool, bool, bool]]] = [[]]
    joined = [False]
    for run in runs:
        for piece in _SPACES.split(run.text):
            if not piece:
                continue
            if piece.isspace():
                if result[-1]:
                    result.append([])
                    joined.append(False)
                continue
            tokens = _CJK_TOKEN.findall(piece) if _HAS_CJK.search(piece) else [piece]
            for token in tokens:
                starts_cjk = bool(_HAS_CJK.match(token.lstrip(_OPENING)))
                ends_cjk = bool(_HAS_CJK.match(result[-1][-1][0][-1])) if result[-1] else False
                closing = token[0] in _CLOSING
                if result[-1] and (starts_cjk or ends_cjk) and not closing:
                    result.append([])
                    joined.append(True)
                result[-1].append((token, run.bold, run.italic, run.code))
    return tuple(Word(tuple(w), j) for w, j in zip(result, joined, strict=True) if w)


_HAS_CJK = re.compile(f"[{_CJK}]")


class FontMetrics:
    """Widths and line counts of formatted text in one font family, in points."""

    def __init__(self, family: str = "Arial", code_family: str = "Courier New",
                 lang: str = "en", script_family: str | None = None) -> None:
        self.family = family
        self.lang = lang
        self._files = font_files(family)
        self._code_files = font_files(code_family)
        self.measured_with = self._files[0]
        """The font file actually used (None: Pillow's built-in font)."""
        fonts = script_fonts(lang, script_family)
        self.script_family = fonts.deck.family if fonts else None
        """The family measuring text in the language's own script (Arabic, Chinese…), if any."""
        self._script_faces = _script_faces(fonts.deck.wanted, lang) if fonts else ()
        self._script_chars = None
        if fonts is not None:
            chars = _CJK if is_cjk(lang) else _SCRIPT_CHARS.get(fonts.script, _ARABIC)
            self._script_chars = re.compile(f"([{chars}]+)")
        self._direction = "rtl" if fonts and not is_cjk(lang) else None
        self.line_height = _line_height(_font(self._files[0]))
        """Height of a single-spaced line as a multiple of the size, as renderers set it."""
        self.script_line_height = self.line_height
        """The same for a line holding text in the script font (Arabic, Chinese…)."""
        if self._script_faces and self._script_faces[0]:
            self.script_line_height = max(self.line_height,
                                          _line_height(_font(*self._script_faces[0])))

    def line_height_of(self, runs: tuple[Run, ...]) -> float:
        """Line height (a multiple of the size) of a paragraph: taller when it holds text in
        the script font, whose ascent and descent set the line as office programs lay it out."""
        if self._script_chars is not None and any(self._script_chars.search(r.text)
                                                  for r in runs):
            return self.script_line_height
        return self.line_height

    @lru_cache(maxsize=65536)  # noqa: B019 - instances live for a build; the cache is the point
    def _unit_width(self, text: str, bold: bool, italic: bool, code: bool) -> float:
        files = self._code_files if code else self._files
        style = bold + 2 * italic
        if self._script_chars is None or not self._script_chars.search(text):
            return _font(files[style]).getlength(text) / _REFERENCE_SIZE
        total = 0.0
        for index, part in enumerate(self._script_chars.split(text)):
            if not part:
                continue
            face = self._script_faces[style] if index % 2 else None
            if face is None:
                total += _font(files[style]).getlength(part)
                continue
            font = _font(*face)
            total += _shaped_length(font, part, self._direction, self.lang.split("-")[0])
        return total / _REFERENCE_SIZE

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
            gap = 0.0 if word.joined else space
            if used and used + gap + wide <= width:
                used += gap + wide
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


def _line_height(font) -> float:
    """A face's single-spaced line height as a multiple of its size (at least LINE_HEIGHT)."""
    if isinstance(font, ImageFont.FreeTypeFont):
        ascent, descent = font.getmetrics()
        return max(LINE_HEIGHT, (ascent + descent) / _REFERENCE_SIZE)
    return LINE_HEIGHT


def _shaped_length(font, text: str, direction: str | None, language: str) -> float:
    """Advance width of `text` shaped as it is shown (Arabic letters joined, marks placed)."""
    if ImageFont.core.HAVE_RAQM and isinstance(font, ImageFont.FreeTypeFont):
        return font.getlength(text, direction=direction, language=language)
    return font.getlength(text)
