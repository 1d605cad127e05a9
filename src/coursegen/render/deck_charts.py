"""A chart spec → a native PowerPoint chart, with its data in an embedded workbook.

The trainer can restyle the chart and edit its figures in PowerPoint (Edit Data opens
the workbook python-pptx embeds with XlsxWriter). Data labels print each figure as the
author typed it: through a number format when one reproduces the text (42% → 0"%"),
else as the label's own text.
"""

from __future__ import annotations

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.util import Emu, Pt

from coursegen.render.chart_data import ChartData
from coursegen.render.deck_geometry import Box
from coursegen.render.deck_theme import DeckTheme
from coursegen.render.deck_xml import set_alt_text

CHART_TYPES = {"bar": XL_CHART_TYPE.BAR_CLUSTERED, "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
               "line": XL_CHART_TYPE.LINE_MARKERS, "pie": XL_CHART_TYPE.PIE}
LABEL_SIZE = 18
"""Data labels and category names: read from the back of a room."""
AXIS_SIZE = 14
"""Axis numbers and the legend, the smallest chart text."""


def _emu(points: float) -> Emu:
    return Emu(round(points * 12700))


def add_chart(slide, data: ChartData, box: Box, theme: DeckTheme, rtl: bool = False):
    """Draw `data` as a native chart filling `box`; returns the chart's graphic frame.
    `rtl`: read from the right, as the slide's text is (first category on the right, bars
    growing leftwards, a pie's legend on the left)."""
    chart_data = CategoryChartData()
    chart_data.categories = data.labels
    for series in data.series:
        chart_data.add_series(series.name, series.numbers, series.number_format or "General")
    frame = slide.shapes.add_chart(CHART_TYPES[data.chart], _emu(box.x), _emu(box.y),
                                   _emu(box.width), _emu(box.height), chart_data)
    frame.name = "Chart"
    set_alt_text(frame, data.alt)
    chart = frame.chart
    _unsigned_axis_ids(chart)
    chart.has_title = False  # the slide title says what the chart shows
    chart.font.size = Pt(LABEL_SIZE)
    chart.font.color.rgb = RGBColor.from_string(theme.colour("text"))
    several = len(data.series) > 1
    chart.has_legend = several or data.chart == "pie"
    if chart.has_legend:
        side = XL_LEGEND_POSITION.LEFT if rtl else XL_LEGEND_POSITION.RIGHT
        chart.legend.position = side if data.chart == "pie" else XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(LABEL_SIZE if data.chart == "pie" else AXIS_SIZE)
    plot = chart.plots[0]
    if data.chart == "pie":
        plot.vary_by_categories = True
    else:
        _axes(chart, data, rtl)
        colours = [theme.colour("primary"), theme.colour("accent"), theme.colour("muted")]
        for index, series in enumerate(plot.series):
            colour = RGBColor.from_string(colours[index % len(colours)])
            if data.chart == "line":
                series.format.line.color.rgb = colour
                series.format.line.width = Pt(3)
                series.smooth = False
            else:
                series.format.fill.solid()
                series.format.fill.fore_color.rgb = colour
        if data.chart in ("bar", "column"):
            plot.gap_width = 60
    _labels(plot, data)
    return frame


def _unsigned_axis_ids(chart) -> None:
    """Axis ids as the schema types them (unsignedInt); python-pptx writes negative ones.

    The absolute value keeps each id below 2**31: LibreOffice reads ids as signed 32-bit
    numbers and loses the axes (labels, order) of larger ones.
    """
    for element in chart._chartSpace.xpath(".//c:axId | .//c:crossAx"):
        element.set("val", str(abs(int(element.get("val")))))


def _axes(chart, data: ChartData, rtl: bool = False) -> None:
    category, value = chart.category_axis, chart.value_axis
    category.tick_labels.font.size = Pt(LABEL_SIZE)
    category.has_major_gridlines = False
    if data.chart == "bar":
        # PowerPoint draws bars bottom-up: keep the author's order. The data labels carry
        # the figures, so the value axis (which the reversal moves to the top) is hidden.
        category.reverse_order = True
        value.visible = False
        value.reverse_order = rtl  # right to left: bars grow from the right
    elif rtl:  # the first category on the right; the value axis crosses there, on the right
        category.reverse_order = True
    value.tick_labels.font.size = Pt(AXIS_SIZE)
    value.has_major_gridlines = data.chart != "bar"
    if value.has_major_gridlines:
        value.major_gridlines.format.line.color.rgb = RGBColor(0xD9, 0xDE, 0xE4)
    value.minimum_scale = 0 if min(n for s in data.series for n in s.numbers) >= 0 else None
    formats = {s.number_format for s in data.series}
    value.tick_labels.number_format = formats.pop() if len(formats) == 1 and None not in formats \
        else "#,##0"
    value.tick_labels.number_format_is_linked = False
    if data.unit and data.chart == "bar":
        chart.has_title = True
        chart.chart_title.text_frame.text = data.unit
        chart.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(AXIS_SIZE + 2)
        chart.chart_title.text_frame.paragraphs[0].runs[0].font.bold = False
    elif data.unit:
        value.has_title = True
        value.axis_title.text_frame.text = data.unit
        value.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(AXIS_SIZE)
        value.axis_title.text_frame.paragraphs[0].runs[0].font.bold = False


def _labels(plot, data: ChartData) -> None:
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.font.size = Pt(LABEL_SIZE)
    labels.font.bold = True
    labels.show_value = True
    labels.position = {"pie": XL_LABEL_POSITION.OUTSIDE_END, "line": XL_LABEL_POSITION.ABOVE
                       }.get(data.chart, XL_LABEL_POSITION.OUTSIDE_END)
    for series, figures in zip(plot.series, data.series, strict=True):
        if figures.number_format:  # each series its own: 68,092 and 1.50 in one chart
            own = series.data_labels
            own.number_format = figures.number_format
            own.number_format_is_linked = False
            own.show_value = True
            own.font.size = Pt(LABEL_SIZE)
            own.font.bold = True
            own.position = labels.position
            continue
        # No number format prints these figures as typed ('36.2 million'): write the text.
        for index, text in enumerate(figures.texts):
            label = series.points[index].data_label
            frame = label.text_frame
            frame.text = text
            frame.paragraphs[0].runs[0].font.size = Pt(LABEL_SIZE)
            frame.paragraphs[0].runs[0].font.bold = True
            label.position = labels.position
