"""How statistics read in tables and reports: percentages, indices and "n/d" for not defined.

English keeps the figures the reports have always printed ('72 %', '0.81', '+12.5'); another
`lang` gets its own decimal sign and percent form from Babel (CLDR), and its own words.
"""

from __future__ import annotations

from coursegen.i18n.ui import N_, Interface

NOT_DEFINED = N_("n/d")
"""Shown for a statistic that cannot be computed (too few attempts, no spread)."""


def _english(lang: str) -> bool:
    return (lang or "en").split("-")[0].split("_")[0].lower() == "en"


def not_defined(lang: str = "en") -> str:
    """'n/d' in `lang`."""
    # Translators: "not defined", for a statistic that cannot be computed.
    return Interface(lang)._(NOT_DEFINED)


def pct(value: float | None, digits: int = 0, lang: str = "en") -> str:
    """A percentage already in 0–100: '72 %'."""
    if value is None:
        return not_defined(lang)
    if _english(lang):
        return f"{value:.{digits}f} %"
    from coursegen.i18n.locale_format import format_percent

    return format_percent(round(value, digits) / 100, lang, digits)


def share(value: float | None, digits: int = 0, lang: str = "en") -> str:
    """A share in 0–1 shown as a percentage: 0.72 → '72 %'."""
    return pct(None if value is None else 100 * value, digits, lang)


def number(value: float | None, digits: int = 2, lang: str = "en") -> str:
    """A plain number with fixed decimals."""
    if value is None:
        return not_defined(lang)
    if _english(lang):
        return f"{value:.{digits}f}"
    from coursegen.i18n.locale_format import format_number

    return format_number(value, lang, digits)


def signed(value: float | None, digits: int = 1, lang: str = "en") -> str:
    """A signed number: '+12.5'."""
    if value is None or _english(lang):
        return not_defined(lang) if value is None else f"{value:+.{digits}f}"
    return ("+" if value >= 0 else "−") + number(abs(value), digits, lang)


def reliability_verdict(alpha: float | None, lang: str = "en") -> str:
    """A plain-words reading of Cronbach's alpha for a programme manager."""
    ui = Interface(lang)
    if alpha is None:
        return ui._("not defined (too few attempts or no spread in scores)")
    if alpha >= 0.9:
        return ui.pgettext("reliability", "excellent")
    if alpha >= 0.8:
        return ui.pgettext("reliability", "good")
    if alpha >= 0.7:
        return ui.pgettext("reliability", "acceptable")
    if alpha >= 0.6:
        return ui.pgettext("reliability", "questionable")
    return ui._("poor: the scores are not a consistent measure yet")


def discrimination_verdict(value: float | None, lang: str = "en") -> str:
    """Moodle's reading of a discrimination index."""
    ui = Interface(lang)
    if value is None:
        return not_defined(lang)
    if value >= 50:
        return ui.pgettext("discrimination", "very good")
    if value >= 30:
        return ui.pgettext("discrimination", "adequate")
    if value >= 20:
        return ui.pgettext("discrimination", "weak")
    if value >= 0:
        return ui.pgettext("discrimination", "very weak")
    return ui.pgettext("discrimination", "negative")


def form_title(form: str, lang: str = "en") -> str:
    """A test form as the reports name it: 'Final test', 'Pre-test', 'Post-test'."""
    ui = Interface(lang)
    titles = {"exam": ui._("Final test"), "pre": ui._("Pre-test"), "post": ui._("Post-test")}
    return titles.get(form, form)
