"""Jinja filters that draw chart and diagram slides as SVG in handouts and the site."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from markupsafe import Markup

from coursegen.i18n.scripts import is_rtl
from coursegen.model.slides import ChartSlide, DiagramSlide
from coursegen.render.chart_data import ChartData, chart_data


@lru_cache(maxsize=16)
def visual_filters(lang: str = "en", pdf: bool = False) -> dict[str, Callable]:
    """The filters: `chart_data` (labels, figures as typed, alt), `chart_svg`, `diagram_svg`,
    their words (chart and diagram descriptions) and layout in the course language `lang`;
    `pdf` for WeasyPrint's letter-by-letter SVG text. One set per language, so the theme's
    environment for it is built once."""

    def figures(slide: ChartSlide) -> ChartData:
        return chart_data(slide, lang)

    def chart_svg(slide: ChartSlide, ident: str) -> Markup:
        from coursegen.render.svg_charts import chart_svg as draw

        return Markup(draw(chart_data(slide, lang), ident, is_rtl(lang), pdf))

    def diagram_svg(slide: DiagramSlide, ident: str) -> Markup:
        from coursegen.render.svg_diagrams import diagram_svg as draw

        return Markup(draw(slide, ident, lang, pdf))

    return {"chart_data": figures, "chart_svg": chart_svg, "diagram_svg": diagram_svg}
