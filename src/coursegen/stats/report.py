"""The results report for programme managers: HTML, and PDF through WeasyPrint.

The template is ``stats/report.html`` (course ``templates/`` first, then the
built-in theme), with the charts of :mod:`coursegen.stats.charts` embedded
as SVG data URIs, so the HTML file stands alone and the PDF needs nothing else.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

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
    """The report as one self-contained HTML page."""
    formats = {"pct": stats_format.pct, "share": stats_format.share,
               "number": stats_format.number, "signed": stats_format.signed}
    return render_template(course.root, TEMPLATE, jinja_filters=formats,
                           **_context(course, module, stats, filters))


def write_report(course: Course, module: Module, stats: ModuleStats, filters: dict[str, Any],
                 target: Path, pdf: bool) -> Path:
    """Write the report to `target` as HTML or tagged PDF (atomically); returns the target."""
    html = report_html(course, module, stats, filters)
    if not pdf:
        return write_text(target, html)
    return write_pdf(html, target, f"{course.root.resolve().as_uri()}/")


def _context(course: Course, module: Module, stats: ModuleStats,
             filters: dict[str, Any]) -> dict[str, Any]:
    pass_mark = course.pass_mark(module)
    forms = []
    for form in stats.forms:
        forms.append({
            "stats": form,
            "histogram": stats_charts.score_histogram(form, pass_mark),
            "scatter": stats_charts.facility_discrimination(
                form, stats.rules.weak_discrimination, stats.rules.too_easy,
                stats.rules.too_hard),
            "reliability": stats_format.reliability_verdict(form.overall.alpha),
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
        "pairs_chart": stats_charts.pre_post_pairs(gain) if gain else None,
        "gain_level": _gain_level(gain.overall.hake) if gain else None,
        "headline": _headline(stats),
        "pass_mark": pass_mark,
        "filters": filters,
        "generated": dt.date.today().isoformat(),
        "rules": stats.rules,
        "question_text": {q.id: q.stem for q in module.bank.questions} if module.bank else {},
        "verdict": stats_format.discrimination_verdict,
        "primary": branding.primary_colour,
        "accent": branding.accent_colour,
        "font": (f'"{branding.font}", ' if branding.font else "") + SANS,
    }


def _headline(stats: ModuleStats) -> dict[str, Any]:
    """The key figures on the first page: the main form, its pass rate and the gain."""
    main = stats.form("exam") or stats.form("post") or (stats.forms[0] if stats.forms else None)
    learners = stats.gain.overall.matched if stats.gain else None
    reliability = stats_format.reliability_verdict(main.overall.alpha) if main else ""
    return {"form": main, "learners": learners, "reliability": reliability.split(":")[0]}


def _gain_level(hake: float | None) -> str:
    """Hake's bands for normalised gain: high ≥ 0.7, medium ≥ 0.3, low below."""
    if hake is None:
        return "not defined"
    if hake >= 0.7:
        return "high"
    if hake >= 0.3:
        return "medium"
    return "low"
