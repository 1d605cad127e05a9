"""A chart as accessible SVG for handouts and the site: the same figures as the deck's chart.

The SVG's <title> is the chart's alt text: browsers name the image by it and WeasyPrint
writes it as the PDF figure's /Alt. The page puts the figures beside it as a table, for
screen readers and for print.
"""

from __future__ import annotations

import math
from html import escape
from xml.etree import ElementTree

from coursegen.i18n.visual_text import has_rtl, visual_order
from coursegen.render.chart_data import ChartData, ChartSeriesData

WIDTH, HEIGHT = 640.0, 360.0
FONT = 15.0
"""Text size in SVG units: about 11 pt when a handout scales the chart to its text width."""
PALETTE = ("#1F3A5F", "#C8102E", "#5B6675", "#3E7CB1", "#E0A526", "#6A994E", "#8D5A97")


def _text(x: float, y: float, text: str, anchor: str = "middle", size: float = FONT,
          bold: bool = False, fill: str = "#1E2430") -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size:g}"'
            f'{weight} fill="{fill}">{escape(text)}</text>')


def _lines(text: str, width: float, size: float = FONT) -> list[str]:
    """Text broken into lines of about `width` units (an average letter is 0.55 em)."""
    most = max(4, int(width / (size * 0.55)))
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= most:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _ticks(top: float) -> list[float]:
    """Round gridline values from 0 to at least `top`."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return [step * i for i in range(math.ceil(top / step) + 1)]


def _tick_text(value: float, data: ChartData) -> str:
    percent = all((s.number_format or "").endswith('"%"') for s in data.series)
    text = f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"
    return text + ("%" if percent else "")


def chart_svg(data: ChartData, ident: str, rtl: bool = False, pdf: bool = False) -> str:
    """The chart as an SVG element whose accessible name and description are its title and alt.

    `rtl`: read from the right, as a right-to-left page is (the first category on the right,
    bars growing leftwards; a pie is left as drawn). `pdf`: for WeasyPrint, whose SVG text is
    drawn letter by letter, right-to-left words are shaped and put in visual order."""
    body = {"bar": _bars, "column": _columns, "line": _line, "pie": _pie}[data.chart](data)
    if rtl and data.chart != "pie":
        body = [_mirrored(part) for part in body]
    if pdf:
        body = [_visual_text(part) for part in body]
    height = _bar_height(data) if data.chart == "bar" else HEIGHT
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:g} {height:g}" '
            f'class="chart chart-{data.chart}" role="img" '
            f'aria-labelledby="{ident}-title" font-family="Arial, sans-serif">'
            f'<title id="{ident}-title">{escape(data.alt)}</title>'
            f'<g aria-hidden="true">{"".join(body)}</g></svg>')


def _legend(data: ChartData, y: float) -> list[str]:
    if len(data.series) < 2:
        return []
    parts, x = [], 20.0
    for index, series in enumerate(data.series):
        parts.append(f'<rect x="{x:.1f}" y="{y - 11:.1f}" width="12" height="12" '
                     f'fill="{PALETTE[index % len(PALETTE)]}"/>')
        parts.append(_text(x + 18, y, series.name, "start", FONT - 1))
        x += 40 + len(series.name) * FONT * 0.55
    return parts


def _bar_height(data: ChartData) -> float:
    """A bar chart is as tall as its bars need: a short list makes a short chart."""
    legend = 34 if len(data.series) > 1 else 10
    return min(HEIGHT * 1.5, 16 + legend + len(data.labels) * (26 + 22 * len(data.series)))


def _bars(data: ChartData) -> list[str]:
    """Horizontal bars, labels on the left, each figure at the end of its bar."""
    label_width = min(240.0, max(len(label) for label in data.labels) * FONT * 0.55 + 10)
    left, right, top = label_width + 10, WIDTH - 90, 16.0
    height = _bar_height(data)
    bottom = height - (34 if len(data.series) > 1 else 10)
    band = (bottom - top) / len(data.labels)
    bar = band * 0.7 / len(data.series)
    scale = (right - left) / (data.top or 1)
    parts = [f'<line x1="{left:.1f}" y1="{top:.1f}" x2="{left:.1f}" y2="{bottom:.1f}" '
             'stroke="#5B6675"/>']
    for index, label in enumerate(data.labels):
        middle = top + band * (index + 0.5)
        lines = _lines(label, label_width - 10)[:3]
        for number, line in enumerate(lines):
            y = middle + 5 + (number - (len(lines) - 1) / 2) * FONT * 1.15
            parts.append(_text(left - 8, y, line, "end"))
        for s_index, series in enumerate(data.series):
            y = middle - bar * len(data.series) / 2 + bar * s_index
            width = max(0.0, series.numbers[index]) * scale
            parts.append(f'<rect x="{left:.1f}" y="{y:.1f}" width="{width:.1f}" '
                         f'height="{bar:.1f}" fill="{PALETTE[s_index % len(PALETTE)]}"/>')
            parts.append(_text(left + width + 6, y + bar / 2 + 5, series.texts[index], "start",
                               bold=True))
    return parts + _legend(data, height - 8)


def _value_axis(data: ChartData, left: float, top: float, bottom: float
                ) -> tuple[list[str], float]:
    ticks = _ticks(data.top)
    scale = (bottom - top) / ticks[-1]
    parts = []
    for tick in ticks:
        y = bottom - tick * scale
        parts.append(f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{WIDTH - 10:.1f}" y2="{y:.1f}" '
                     'stroke="#D9DEE4"/>')
        parts.append(_text(left - 6, y + 5, _tick_text(tick, data), "end", FONT - 2))
    return parts, scale


def _category_labels(data: ChartData, left: float, band: float, bottom: float) -> list[str]:
    parts = []
    for index, label in enumerate(data.labels):
        for number, line in enumerate(_lines(label, band - 6)[:2]):
            parts.append(_text(left + band * (index + 0.5), bottom + 20 + number * FONT * 1.15,
                               line))
    return parts


def _plot_box(data: ChartData) -> tuple[float, float, float, float]:
    widest = max(len(_tick_text(t, data)) for t in _ticks(data.top))
    left = 16 + widest * (FONT - 2) * 0.55
    bottom = HEIGHT - (64 if len(data.series) > 1 else 44)
    return left, 28.0, WIDTH - 10, bottom


def _columns(data: ChartData) -> list[str]:
    """Vertical columns on a value axis, each figure above its column."""
    left, top, right, bottom = _plot_box(data)
    parts, scale = _value_axis(data, left, top, bottom)
    band = (right - left) / len(data.labels)
    bar = band * 0.6 / len(data.series)
    for index in range(len(data.labels)):
        for s_index, series in enumerate(data.series):
            x = left + band * index + band * 0.2 + bar * s_index
            height = max(0.0, series.numbers[index]) * scale
            parts.append(f'<rect x="{x:.1f}" y="{bottom - height:.1f}" width="{bar:.1f}" '
                         f'height="{height:.1f}" fill="{PALETTE[s_index % len(PALETTE)]}"/>')
            parts.append(_text(x + bar / 2, bottom - height - 6, series.texts[index],
                               bold=True))
    parts += _category_labels(data, left, band, bottom)
    return parts + _legend(data, HEIGHT - 8)


def _line(data: ChartData) -> list[str]:
    """One line per series through its figures, each figure above its point."""
    left, top, right, bottom = _plot_box(data)
    parts, scale = _value_axis(data, left, top, bottom)
    band = (right - left) / len(data.labels)
    for s_index, series in enumerate(data.series):
        colour = PALETTE[s_index % len(PALETTE)]
        points = [(left + band * (i + 0.5), bottom - n * scale)
                  for i, n in enumerate(series.numbers)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                     'stroke-width="3"/>')
        for (x, y), text in zip(points, series.texts, strict=True):
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}"/>')
            parts.append(_text(x, y - 10, text, bold=True))
    parts += _category_labels(data, left, band, bottom)
    return parts + _legend(data, HEIGHT - 8)


def _pie(data: ChartData) -> list[str]:
    """Slices clockwise from the top; a legend on the right names each with its figure."""
    series: ChartSeriesData = data.series[0]
    total = sum(max(0.0, n) for n in series.numbers) or 1.0
    cx, cy, radius = 180.0, HEIGHT / 2, HEIGHT / 2 - 20
    parts, angle = [], -math.pi / 2
    for index, number in enumerate(series.numbers):
        share = max(0.0, number) / total
        colour = PALETTE[index % len(PALETTE)]
        if share >= 0.9999:
            parts.append(f'<circle cx="{cx}" cy="{cy}" r="{radius}" fill="{colour}"/>')
        elif share > 0:
            end = angle + share * 2 * math.pi
            x1, y1 = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
            x2, y2 = cx + radius * math.cos(end), cy + radius * math.sin(end)
            large = 1 if share > 0.5 else 0
            parts.append(f'<path d="M{cx},{cy} L{x1:.1f},{y1:.1f} A{radius},{radius} 0 {large} 1 '
                         f'{x2:.1f},{y2:.1f} Z" fill="{colour}" stroke="#FFFFFF"/>')
            angle = end
    y = cy - len(data.labels) * 28 / 2 + 14
    for index, label in enumerate(data.labels):
        parts.append(f'<rect x="{cx + radius + 30:.1f}" y="{y - 12:.1f}" width="14" height="14" '
                     f'fill="{PALETTE[index % len(PALETTE)]}"/>')
        parts.append(_text(cx + radius + 52, y, f"{label}: {series.texts[index]}", "start"))
        y += 28
    return parts


_SWAPPED_ANCHORS = {"start": "end", "end": "start"}


def _mirrored(part: str) -> str:
    """One drawn element reflected across the chart's width; text stays readable (only its
    position and anchor move)."""
    element = ElementTree.fromstring(part)
    for name in ("x", "x1", "x2", "cx"):
        if name in element.attrib:
            width = float(element.get("width", 0)) if name == "x" else 0.0
            element.set(name, f"{WIDTH - float(element.get(name)) - width:.1f}")
    if "points" in element.attrib:
        pairs = (point.split(",") for point in element.get("points").split())
        element.set("points", " ".join(f"{WIDTH - float(x):.1f},{y}" for x, y in pairs))
    anchor = element.get("text-anchor")
    if anchor in _SWAPPED_ANCHORS:
        element.set("text-anchor", _SWAPPED_ANCHORS[anchor])
    for child in element:
        _mirror_in_place(child)
    return ElementTree.tostring(element, encoding="unicode")


def _mirror_in_place(element: ElementTree.Element) -> None:
    mirrored = ElementTree.fromstring(_mirrored(ElementTree.tostring(element, encoding="unicode")))
    element.attrib.clear()
    element.attrib.update(mirrored.attrib)


def _visual_text(part: str) -> str:
    """A text element's right-to-left words shaped and in visual order (for WeasyPrint)."""
    if not part.startswith("<text") or not has_rtl(part):
        return part
    element = ElementTree.fromstring(part)
    element.text = visual_order(element.text or "")
    return ElementTree.tostring(element, encoding="unicode")
