"""Direction, script, office tags and fonts per language, as every output asks for them."""

from __future__ import annotations

import shutil

import pytest

from coursegen.i18n.scripts import (
    direction,
    first_strong_direction,
    font_warnings,
    is_cjk,
    is_rtl,
    office_tag,
    resolve_font,
    script_fonts,
    text_direction,
)

needs_fontconfig = pytest.mark.skipif(shutil.which("fc-match") is None,
                                      reason="fontconfig (fc-match) is not installed")


@pytest.mark.parametrize(("lang", "rtl", "cjk", "tag"), [
    ("ar", True, False, "ar-EG"), ("ar-SA", True, False, "ar-SA"), ("zh", False, True, "zh-CN"),
    ("zh-TW", False, True, "zh-TW"), ("zh-Hant", False, True, "zh-TW"),
    ("en", False, False, "en-GB"),
    ("fr-CA", False, False, "fr-CA"), ("ru", False, False, "ru-RU"), ("es", False, False, "es-ES"),
    ("he", True, False, "he-IL"), ("fa", True, False, "fa-IR"),
])
def test_each_un_language_has_its_direction_script_and_office_tag(lang, rtl, cjk, tag):
    assert is_rtl(lang) is rtl
    assert direction(lang) == ("rtl" if rtl else "ltr")
    assert is_cjk(lang) is cjk
    assert office_tag(lang) == tag


def test_a_paragraph_takes_the_direction_of_its_first_strong_character():
    assert first_strong_direction("United Nations, A/CONF.234/11") == "ltr"
    assert first_strong_direction("2020: التكنولوجيا") == "rtl"
    assert first_strong_direction("16 %") == ""


def test_a_deck_paragraph_turns_left_to_right_only_without_a_letter_of_its_language():
    assert text_direction("A.  لأنها تساعد المجرمين", "ar") == "rtl"
    assert text_direction("Knowledge check – سيف ذو حدين", "ar") == "rtl"
    assert text_direction("United Nations, A/CONF.234/11, 2020.", "ar") == "ltr"
    assert text_direction("16", "ar") == "rtl"
    assert text_direction("Digital evidence", "en") == "ltr"


@needs_fontconfig
def test_arabic_and_chinese_are_set_in_the_noto_faces_the_ci_installs():
    arabic, chinese = script_fonts("ar"), script_fonts("zh")
    assert arabic.deck.family == "Noto Naskh Arabic" and not arabic.deck.fallback
    assert arabic.sans.family == "Noto Sans Arabic"
    assert chinese.sans.family == "Noto Sans CJK SC" and chinese.sans.file.suffix == ".ttc"
    assert script_fonts("en") is None and script_fonts("ru") is None
    assert font_warnings("ar", roles=("serif", "sans", "deck")) == []


@needs_fontconfig
def test_a_missing_face_is_reported_with_the_face_used_instead():
    choice = resolve_font("Nowhere Arabic Display", "ar")
    assert choice.fallback and choice.family and choice.file.is_file()
    [warning] = font_warnings("ar", deck="Nowhere Arabic Display")
    assert warning.severity == "warning" and warning.code == "font-fallback"
    assert "'Nowhere Arabic Display'" in warning.message
    assert f"using '{choice.family}' instead" in warning.message
    assert "fonts-noto-core" in warning.message
