"""Jinja filters that draw chart and diagram slides as SVG in handouts and the site."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from coursegen.model.slides import ChartSlide, DiagramSlide
from coursegen.render.chart_data import ChartData, chart_data


def _chart_svg(slide: ChartSlide, ident: str) -> Markup:
    from coursegen.render.svg_charts import chart_svg

    return Markup(chart_svg(chart_data(slide), ident))


def _diagram_svg(slide: DiagramSlide, ident: str) -> Markup:
    from coursegen.render.svg_diagrams import diagram_svg

    return Markup(diagram_svg(slide, ident))


def visual_filters() -> dict[str, Callable]:
    """The filters: `chart_data` (labels, figures as typed, alt), `chart_svg`, `diagram_svg`."""
    figures: Callable[[ChartSlide], ChartData] = chart_data
    return {"chart_data": figures, "chart_svg": _chart_svg, "diagram_svg": _diagram_svg}
