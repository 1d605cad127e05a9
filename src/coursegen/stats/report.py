"""The results report for programme managers: HTML, and PDF through WeasyPrint.

The template is ``stats/report.html`` (course ``templates/`` first, then the
built-in theme), with the charts of :mod:`coursegen.stats.charts` embedded
as SVG data URIs, so the HTML file stands alone and the PDF needs nothing else.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path
from typing import Any

from coursegen.i18n.ui import Interface, course_language, css_page_counter
from coursegen.model import Course, Module
from coursegen.output import write_text
from coursegen.pdf import write_pdf
from coursegen.stats import charts as stats_charts
from coursegen.stats import wording as stats_format
from coursegen.stats.analysis import ModuleStats
from coursegen.theme import render_template

TEMPLATE = "stats/report.html"
SANS = '"Noto Sans", "DejaVu Sans", "Liberation Sans", sans-serif'


def report_html(course: Course, module: Module, stats: ModuleStats,
                filters: dict[str, Any]) -> str:
    """The report as one self-contained HTML page, in the course's language."""
    lang = course_language(course)
    formats = {"pct": partial(_in(stats_format.pct), lang=lang),
               "share": partial(_in(stats_format.share), lang=lang),
               "number": partial(_in(stats_format.number), lang=lang),
               "signed": partial(_in(stats_format.signed), lang=lang)}
    return render_template(course.root, TEMPLATE, jinja_filters=formats, language=lang,
                           **_context(course, module, stats, filters, lang))


def _in(fmt: Any) -> Any:
    """A figure filter taking its decimals positionally and the language by keyword."""
    def filter_(value: Any, *args: Any, lang: str = "en") -> str:
        return fmt(value, *args, lang=lang)
    return filter_


def write_report(course: Course, module: Module, stats: ModuleStats, filters: dict[str, Any],
                 target: Path, pdf: bool) -> Path:
    """Write the report to `target` as HTML or tagged PDF (atomically); returns the target."""
    html = report_html(course, module, stats, filters)
    if not pdf:
        return write_text(target, html)
    return write_pdf(html, target, f"{course.root.resolve().as_uri()}/")


def _context(course: Course, module: Module, stats: ModuleStats,
             filters: dict[str, Any], lang: str = "en") -> dict[str, Any]:
    pass_mark = course.pass_mark(module)
    forms = []
    for form in stats.forms:
        forms.append({
            "stats": form,
            "title": stats_format.form_title(form.form, lang),
            "flags": [(flag, flag.translated(lang)) for flag in form.flags],
            "histogram": stats_charts.score_histogram(form, pass_mark, lang),
            "scatter": stats_charts.facility_discrimination(
                form, stats.rules.weak_discrimination, stats.rules.too_easy,
                stats.rules.too_hard, lang),
            "reliability": stats_format.reliability_verdict(form.overall.alpha, lang),
            "choice_items": [i for i in form.items if i.question_id in form.options],
        })
    gain = stats.gain
    branding = course.info.branding
    return {
        "course": course,
        "info": course.info,
        "module": module,
        "stats": stats,
        "forms": forms,
        "gain": gain,
        "pairs_chart": stats_charts.pre_post_pairs(gain, lang) if gain else None,
        "gain_level": _gain_level(gain.overall.hake, lang) if gain else None,
        "headline": _headline(stats, lang),
        "pass_mark": pass_mark,
        "filters": filters,
        "generated": dt.date.today().isoformat(),
        "page_counter": css_page_counter(lang),
        "rules": stats.rules,
        "question_text": {q.id: q.stem for q in module.bank.questions} if module.bank else {},
        "verdict": partial(stats_format.discrimination_verdict, lang=lang),
        "primary": branding.primary_colour,
        "accent": branding.accent_colour,
        "font": (f'"{branding.font}", ' if branding.font else "") + SANS,
    }


def _headline(stats: ModuleStats, lang: str = "en") -> dict[str, Any]:
    """The key figures on the first page: the main form, its pass rate and the gain."""
    main = stats.form("exam") or stats.form("post") or (stats.forms[0] if stats.forms else None)
    learners = stats.gain.overall.matched if stats.gain else None
    reliability = stats_format.reliability_verdict(main.overall.alpha, lang) if main else ""
    return {"form": main, "title": stats_format.form_title(main.form, lang) if main else "",
            "learners": learners, "reliability": reliability.split(":")[0]}


def _gain_level(hake: float | None, lang: str = "en") -> str:
    """Hake's bands for normalised gain: high ≥ 0.7, medium ≥ 0.3, low below."""
    ui = Interface(lang)
    if hake is None:
        return ui._("not defined")
    if hake >= 0.7:
        return ui.pgettext("gain", "high")
    if hake >= 0.3:
        return ui.pgettext("gain", "medium")
    return ui.pgettext("gain", "low")
