"""Writing direction, script and fonts of a course language.

Every output asks this module, with the course's BCP 47 tag, which way its text runs
(`direction`), whether it needs a complex-script or an East Asian font (`is_rtl`,
`is_cjk`), the region-qualified tag office files expect (`office_tag`), and which font
shows its script (`script_fonts`). Fonts are resolved through fontconfig, as LibreOffice,
WeasyPrint and the deck fitter see them; when the wanted family is missing, the face
fontconfig gives instead is named, and `font_warnings` turns that into a build warning.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel.core import Locale, UnknownLocaleError, get_global

from coursegen.errors import Diagnostic, Location

RTL = "rtl"
LTR = "ltr"

CJK_SCRIPTS = frozenset({"Hans", "Hant", "Jpan", "Kore", "Hani"})
"""ISO 15924 scripts set with East Asian fonts (the `a:ea` slot of a deck run)."""

HOUSE_REGIONS = {"en": "GB"}
"""Regions used when a tag names none and the house has a preference (British English)."""


@dataclass(frozen=True)
class ScriptFaces:
    """The font families wanted for one script: a serif for handout prose, a sans for
    headings and screens, the face slides use, and the Debian package installing them."""

    serif: str
    sans: str
    deck: str
    package: str


SCRIPT_FACES: dict[str, ScriptFaces] = {
    # Naskh on slides: its line is 1.7 em high where Noto Sans Arabic's is 2.1 em.
    "Arab": ScriptFaces("Noto Naskh Arabic", "Noto Sans Arabic", "Noto Naskh Arabic",
                        "fonts-noto-core"),
    "Hebr": ScriptFaces("Noto Serif Hebrew", "Noto Sans Hebrew", "Noto Sans Hebrew",
                        "fonts-noto-core"),
    "Hans": ScriptFaces("Noto Serif CJK SC", "Noto Sans CJK SC", "Noto Sans CJK SC",
                        "fonts-noto-cjk"),
    "Hant": ScriptFaces("Noto Serif CJK TC", "Noto Sans CJK TC", "Noto Sans CJK TC",
                        "fonts-noto-cjk"),
    "Jpan": ScriptFaces("Noto Serif CJK JP", "Noto Sans CJK JP", "Noto Sans CJK JP",
                        "fonts-noto-cjk"),
    "Kore": ScriptFaces("Noto Serif CJK KR", "Noto Sans CJK KR", "Noto Sans CJK KR",
                        "fonts-noto-cjk"),
}
"""Scripts the Latin faces of the themes do not cover, and the faces that do."""


def _parts(lang: str) -> tuple[str, str | None, str | None]:
    """Language, script and region of a tag ('zh-Hant-TW' → zh, Hant, TW; missing: None)."""
    pieces = [p for p in lang.replace("_", "-").split("-") if p]
    language = pieces[0].lower() if pieces else "en"
    script = region = None
    for piece in pieces[1:]:
        if len(piece) == 4 and piece.isalpha() and script is None:
            script = piece.title()
        elif (len(piece) == 2 and piece.isalpha()) or (len(piece) == 3 and piece.isdigit()):
            region = region or piece.upper()
    return language, script, region


@lru_cache(maxsize=64)
def _likely(lang: str) -> tuple[str, str | None, str | None]:
    """Language, script and region with CLDR's likely subtags filled in ('zh-TW' → Hant)."""
    language, script, region = _parts(lang)
    likely = get_global("likely_subtags")
    keys = (f"{language}_{region}" if region else None,
            f"{language}_{script}" if script else None, language)
    for key in keys:
        found = likely.get(key) if key else None
        if found:
            _lang, found_script, found_region = _parts(found)
            return language, script or found_script, region or found_region
    return language, script, region


def script(lang: str) -> str | None:
    """The ISO 15924 script a language is written in ('Arab', 'Hans', 'Latn'), or None."""
    return _likely(lang)[1]


@lru_cache(maxsize=64)
def direction(lang: str) -> str:
    """'rtl' for languages written right to left (Arabic, Hebrew, Persian, Urdu…), else 'ltr'."""
    if script(lang) in {"Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm"}:
        return RTL
    language, _script, _region = _parts(lang)
    try:
        order = Locale.parse(language).character_order
    except (ValueError, UnknownLocaleError):
        return LTR
    return RTL if order == "right-to-left" else LTR


def first_strong_direction(text: str) -> str:
    """'rtl' or 'ltr' after the first strong character of `text` (Unicode bidi rules P2–P3),
    '' when it has none (digits and punctuation only). Templates write it as `dir=` on text
    of its own direction, such as an English reference in an Arabic handout, since
    WeasyPrint does not read dir="auto"."""
    for char in str(text):
        kind = unicodedata.bidirectional(char)
        if kind in {"R", "AL"}:
            return RTL
        if kind == "L":
            return LTR
    return ""


def text_direction(text: str, lang: str) -> str:
    """The direction of one paragraph in a `lang` output: the language's, unless the text
    holds letters of the other direction only (an English reference in an Arabic deck stays
    left to right; "A. ..." before Arabic text, or "Why: ...", does not turn it round)."""
    own = direction(lang)
    kinds = {unicodedata.bidirectional(char) for char in str(text)}
    has_rtl, has_ltr = bool(kinds & {"R", "AL"}), "L" in kinds
    if own == RTL:
        return LTR if has_ltr and not has_rtl else RTL
    return RTL if has_rtl and not has_ltr else LTR


_LATIN_RUN = re.compile(r"[^\W\d_](?:[^\u0590-\u08FF]*[^\W_\u0590-\u08FF])?")
_RTL_RUN = re.compile(r"[\u0590-\u08FF](?:[^A-Za-z\u00C0-\u024F]*[\u0590-\u08FF])?")


def isolate_foreign_runs(text: str, page_direction: str) -> str:
    """`text` with each run of the other direction's letters (an English source name in an
    Arabic note) wrapped in Unicode isolates (LRI/RLI … PDI), so the run reads as one block in
    the paragraph's direction instead of pulling its figures and punctuation with it."""
    if page_direction == RTL:
        return _LATIN_RUN.sub(lambda m: f"\u2066{m.group(0)}\u2069"
                              if _is_latin(m.group(0)) else m.group(0), text)
    return _RTL_RUN.sub(lambda m: f"\u2067{m.group(0)}\u2069", text)


def _is_latin(run: str) -> bool:
    return any(unicodedata.bidirectional(char) == "L" for char in run)


def is_rtl(lang: str) -> bool:
    """Whether text in `lang` runs right to left."""
    return direction(lang) == RTL


def is_cjk(lang: str) -> bool:
    """Whether `lang` is written in Chinese characters, kana or hangul (East Asian fonts,
    line breaks between characters rather than at spaces)."""
    return script(lang) in CJK_SCRIPTS


def office_tag(lang: str) -> str:
    """The tag office files carry on text runs: language and region ('ar' → 'ar-EG',
    'zh-Hant' → 'zh-TW', 'en' → 'en-GB'); a tag without a known region stays as it is."""
    language, _script, region = _parts(lang)
    if region is None:
        region = HOUSE_REGIONS.get(language) or _likely(lang)[2]
    return f"{language}-{region}" if region else language


@dataclass(frozen=True)
class FontChoice:
    """A font family asked for, and what fontconfig gives for it."""

    wanted: str
    family: str | None
    """The family actually used (None when fontconfig is not available)."""
    file: Path | None
    index: int = 0
    """The face's index inside a collection file (.ttc)."""

    @property
    def fallback(self) -> bool:
        """Whether the wanted family is missing and another stands in."""
        return self.family is None or self.family.lower() != self.wanted.lower()


@lru_cache(maxsize=64)
def resolve_font(family: str, lang: str = "", style: str = "") -> FontChoice:
    """The face fontconfig uses for `family` (in `lang`, `style` such as 'bold').

    When the family is missing, fontconfig picks the closest face covering the language;
    that face is what LibreOffice and WeasyPrint will show, so it is the one reported.
    """
    pattern = family
    if lang:
        pattern += f":lang={_parts(lang)[0]}"
    if style:
        pattern += f":{style}"
    try:
        found = subprocess.run(["fc-match", "-f", "%{family}\t%{file}\t%{index}", pattern],
                               capture_output=True, text=True, timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return FontChoice(family, None, None)
    names, _, rest = found.partition("\t")
    file, _, index = rest.partition("\t")
    if not file:
        return FontChoice(family, None, None)
    families = [n.strip() for n in names.split(",") if n.strip()]
    used = next((n for n in families if n.lower() == family.lower()), families[0] if families
                else None)
    return FontChoice(family, used, Path(file), int(index or 0))


@dataclass(frozen=True)
class ScriptFonts:
    """The resolved faces for a language's script: serif, sans and the slides' face."""

    script: str
    serif: FontChoice
    sans: FontChoice
    deck: FontChoice
    package: str


def script_fonts(lang: str, deck: str | None = None) -> ScriptFonts | None:
    """The faces that show `lang`'s script when the themes' Latin faces do not (None for
    Latin, Cyrillic and Greek); `deck` overrides the slides' family (a theme's choice)."""
    code = script(lang)
    faces = SCRIPT_FACES.get(code or "")
    if faces is None:
        return None
    return ScriptFonts(code, resolve_font(faces.serif, lang), resolve_font(faces.sans, lang),
                       resolve_font(deck or faces.deck, lang), faces.package)


def font_warnings(lang: str, where: Location | None = None, roles: tuple[str, ...] = ("deck",),
                  deck: str | None = None) -> list[Diagnostic]:
    """A build warning for each wanted face (of `roles`: 'serif', 'sans', 'deck') that is
    missing, naming the face used instead."""
    fonts = script_fonts(lang, deck)
    if fonts is None:
        return []
    found = []
    for choice in dict.fromkeys(getattr(fonts, role) for role in roles):
        if not choice.fallback:
            continue
        used = f"'{choice.family}'" if choice.family else "the renderer's default font"
        found.append(Diagnostic(
            where,
            f"font '{choice.wanted}' for {lang} text is not installed; using {used} instead "
            f"(install the Debian package {fonts.package}, or name an installed font)",
            severity="warning", code="font-fallback"))
    return found
