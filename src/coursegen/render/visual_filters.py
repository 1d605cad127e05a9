"""Jinja filters that draw chart and diagram slides as SVG in handouts and the site."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, partial

from markupsafe import Markup

from coursegen.model.slides import ChartSlide, DiagramSlide
from coursegen.render.chart_data import ChartData, chart_data


def _chart_svg(slide: ChartSlide, ident: str) -> Markup:
    from coursegen.render.svg_charts import chart_svg

    return Markup(chart_svg(chart_data(slide), ident))


def _diagram_svg(slide: DiagramSlide, ident: str, lang: str = "en", pdf: bool = False) -> Markup:
    from coursegen.render.svg_diagrams import diagram_svg

    return Markup(diagram_svg(slide, ident, lang, pdf))


@lru_cache(maxsize=16)
def visual_filters(lang: str = "en", pdf: bool = False) -> dict[str, Callable]:
    """The filters: `chart_data` (labels, figures as typed, alt), `chart_svg`, `diagram_svg`
    (laid out in the course language `lang`; `pdf` for WeasyPrint's letter-by-letter SVG
    text). One set per language, so the template environment built with them is cached."""
    figures: Callable[[ChartSlide], ChartData] = chart_data
    diagrams = _diagram_svg if (lang, pdf) == ("en", False) else \
        partial(_diagram_svg, lang=lang, pdf=pdf)
    return {"chart_data": figures, "chart_svg": _chart_svg, "diagram_svg": diagrams}
