"""A chart slide's figures: the text the author typed, the number plotted, and the alt text.

Every output (the native PowerPoint chart, the SVG in handouts and the site, the data
table beside it) reads a chart through `chart_data`, so all of them show the same
labels, the same figures and the same description.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coursegen.i18n.ui import N_, Interface
from coursegen.model.slides import ChartSlide
from coursegen.text import plain_text

_NUMBER = re.compile(r"[-−]?\d+(?:[.,]\d+)*")
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SIMPLE = re.compile(
    r"(?P<number>-?\d{1,3}(?:,\d{3})+|-?\d+)(?:\.(?P<decimals>\d+))?(?P<percent>%?)")
CHART_NAMES = {"bar": N_("Bar chart"), "column": N_("Column chart"), "line": N_("Line chart"),
               "pie": N_("Pie chart")}


def parse_figure(text: str) -> float | None:
    """The number a figure stands for ('42%' → 42, '68,092' → 68092, '36.2 million' → 3.62e7).

    None when the text holds no number, or more than one (a range is not one figure).
    """
    found = _NUMBER.findall(text)
    if len(found) != 1:
        return None
    digits = found[0].replace("−", "-")
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", digits):
        digits = digits.replace(",", "")
    elif "," in digits:  # a decimal comma (3,5) when it cannot be a thousands separator
        digits = digits.replace(",", ".")
    try:
        value = float(digits)
    except ValueError:
        return None
    after = text[text.index(found[0]) + len(found[0]):].strip().lower()
    for word, scale in _SCALES.items():
        if after.startswith(word):
            value *= scale
    return value


def number_format(text: str) -> str | None:
    """An Excel number format that prints the plotted number exactly as `text`, if one exists.

    '42%' → '0"%"', '68,092' → '#,##0', '3.50' → '0.00'; None for '36.2 million', whose
    label is then written as text.
    """
    match = _SIMPLE.fullmatch(text.strip())
    if not match:
        return None
    body = "#,##0" if "," in match["number"] else "0"
    if match["decimals"]:
        body += "." + "0" * len(match["decimals"])
    return body + ('"%"' if match["percent"] else "")


@dataclass(frozen=True)
class ChartSeriesData:
    """One series: its name, the figures as typed and the numbers plotted."""

    name: str
    texts: tuple[str, ...]
    numbers: tuple[float, ...]

    @property
    def number_format(self) -> str | None:
        """One number format that prints every figure of the series as typed, or None."""
        formats = {number_format(text) for text in self.texts}
        return formats.pop() if len(formats) == 1 else None


@dataclass(frozen=True)
class ChartData:
    """What a chart shows: type, labels, series, unit and the sentence a screen reader speaks."""

    chart: str
    labels: tuple[str, ...]
    series: tuple[ChartSeriesData, ...]
    unit: str
    alt: str

    @property
    def top(self) -> float:
        """The largest plotted number (0 if none is positive)."""
        return max((n for s in self.series for n in s.numbers), default=0.0) or 0.0


def chart_series(slide: ChartSlide) -> list[tuple[str, tuple[str, ...]]]:
    """The slide's series as (name, typed figures): `values` is one series named by the unit."""
    if slide.series:
        return [(s.name, s.values) for s in slide.series]
    return [(slide.unit or slide.title, slide.values)]


def chart_data(slide: ChartSlide, lang: str = "en") -> ChartData:
    """The chart's figures and description, its words in `lang` (unparsable figures plot as 0;
    check reports them)."""
    labels = tuple(plain_text(label) for label in slide.labels)
    series = []
    for name, texts in chart_series(slide):
        texts = tuple(texts[: len(labels)]) + ("",) * (len(labels) - len(texts))
        numbers = tuple(parse_figure(t) or 0.0 for t in texts)
        series.append(ChartSeriesData(plain_text(name), texts, numbers))
    unit = plain_text(slide.unit or "")
    alt = plain_text(slide.alt) if slide.alt else _describe(slide, labels, series, lang)
    return ChartData(slide.chart, labels, tuple(series), unit, alt)


def _describe(slide: ChartSlide, labels: tuple[str, ...], series: list[ChartSeriesData],
              lang: str = "en") -> str:
    parts = []
    for one in series:
        figures = "; ".join(f"{label}: {text}" for label, text in zip(labels, one.texts,
                                                                     strict=True))
        parts.append(f"{one.name}: {figures}" if len(series) > 1 else figures)
    unit = f" ({plain_text(slide.unit)})" if slide.unit else ""
    name = Interface(lang)._(CHART_NAMES[slide.chart])
    return f"{name}, {plain_text(slide.title)}{unit}. {'. '.join(parts)}."
