"""Chart and diagram slides as specs: the figures or the placed shapes, and the box they fill."""

from __future__ import annotations

from dataclasses import dataclass

from coursegen.model.slides import ChartSlide, DiagramSlide
from coursegen.render.chart_data import ChartData, chart_data
from coursegen.render.deck_geometry import BUILT_IN, Box
from coursegen.render.diagram_layout import DiagramLayout, layout_diagram
from coursegen.render.text_fit import FontMetrics


@dataclass(frozen=True)
class VisualSpec:
    """A native chart or a diagram of autoshapes, drawn inside `box` (points)."""

    box: Box
    chart: ChartData | None = None
    diagram: DiagramLayout | None = None

    @property
    def alt(self) -> str:
        """The text a screen reader speaks for the chart or diagram."""
        return self.chart.alt if self.chart else self.diagram.alt if self.diagram else ""


def visual_spec(slide: ChartSlide | DiagramSlide, box: Box | None,
                metrics: FontMetrics, lang: str = "en") -> VisualSpec:
    """The chart's data or the diagram's layout, for the body box of the slide."""
    box = box or BUILT_IN["Content"].bodies[0]
    if isinstance(slide, ChartSlide):
        return VisualSpec(box, chart=chart_data(slide, lang))
    return VisualSpec(box, diagram=layout_diagram(slide, box, metrics, lang))
