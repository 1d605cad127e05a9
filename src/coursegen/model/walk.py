"""Walks over a module's content: every citation, and every piece of text with its citations."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from coursegen.model.base import Node
from coursegen.model.slides import (
    BulletsSlide,
    CaseSlide,
    ChartSlide,
    CompareSlide,
    DiagramSlide,
    Point,
    QuoteSlide,
    SectionSlide,
    SlideBase,
    StatSlide,
    SummarySlide,
    TableSlide,
)
from coursegen.model.source import CitationRef, parse_citation


@dataclass(frozen=True)
class CitedText:
    """Text a learner reads, the node it belongs to, and the citations that back it."""

    node: Node
    field: str
    text: str
    cites: tuple[str, ...]


def _point_texts(points: tuple[Point, ...], inherited: tuple[str, ...]) -> Iterator[CitedText]:
    for point in points:
        cites = point.cite or inherited
        yield CitedText(point, "text", point.text, cites)
        yield from _point_texts(point.points, cites)


def slide_texts(slide: SlideBase) -> Iterator[CitedText]:
    """The learner-facing text of a slide (not its speaker notes), with its citations."""
    cites = slide.cite
    if isinstance(slide, BulletsSlide | SummarySlide):
        yield CitedText(slide, "title", slide.title, cites)
        yield from _point_texts(slide.points, cites)
    elif isinstance(slide, SectionSlide):
        yield CitedText(slide, "title", slide.title, cites)
    elif isinstance(slide, StatSlide):
        for name in ("title", "value", "label", "context"):
            if getattr(slide, name):
                yield CitedText(slide, name, getattr(slide, name), cites)
    elif isinstance(slide, CompareSlide):
        yield CitedText(slide, "title", slide.title, cites)
        for column in (slide.left, slide.right):
            yield CitedText(column, "heading", column.heading, cites)
            yield from _point_texts(column.points, cites)
    elif isinstance(slide, QuoteSlide):
        yield CitedText(slide, "text", slide.text, cites)
    elif isinstance(slide, TableSlide):
        cells = [*slide.columns, *(c for row in slide.rows for c in row)]
        yield CitedText(slide, "rows", " | ".join(cells), cites)
    elif isinstance(slide, ChartSlide):
        yield from _chart_texts(slide)
    elif isinstance(slide, DiagramSlide) and not slide.fictional:
        yield CitedText(slide, "title", slide.title, cites)
        for node in slide.nodes:
            yield CitedText(node, "label", " | ".join(filter(None, (node.label, node.text))),
                            cites)
        for edge in slide.edges:
            if edge.label:
                yield CitedText(edge, "label", edge.label, cites)
        if slide.caption:
            yield CitedText(slide, "caption", slide.caption, cites)
    elif isinstance(slide, CaseSlide) and not slide.fictional:
        yield CitedText(slide, "scenario", slide.scenario, cites)
        for exhibit in slide.exhibits:
            parts = [exhibit.text or "", *exhibit.items, *(c for r in exhibit.rows for c in r)]
            yield CitedText(exhibit, "text", " | ".join(p for p in parts if p), cites)


def _chart_texts(slide: ChartSlide) -> Iterator[CitedText]:
    """A chart's words and figures: every figure plotted must be in the cited source."""
    cites = slide.cite
    for name in ("title", "unit", "caption"):
        if getattr(slide, name):
            yield CitedText(slide, name, getattr(slide, name), cites)
    yield CitedText(slide, "labels", " | ".join(slide.labels), cites)
    if slide.values:
        yield CitedText(slide, "values", " | ".join(slide.values), cites)
    for series in slide.series:
        yield CitedText(series, "values", " | ".join((series.name, *series.values)), cites)


def citations_in_module(module: object) -> Iterator[tuple[Node, CitationRef]]:
    """Every citation in a module's lessons, glossary and question bank, with its node."""
    for lesson in module.lessons:
        for text in lesson.cite:
            yield lesson, parse_citation(text)
        for slide in lesson.slides:
            for node in _nodes_with_cite(slide):
                for text in node.cite:
                    yield node, parse_citation(text)
    for term in module.glossary:
        for text in term.cite:
            yield term, parse_citation(text)
    if module.bank:
        for question in module.bank.questions:
            for text in question.cite:
                yield question, parse_citation(text)


def _nodes_with_cite(node: Node) -> Iterator[Node]:
    if hasattr(node, "cite"):
        yield node
    for name in type(node).model_fields:
        value = getattr(node, name)
        children = value if isinstance(value, tuple) else (value,)
        for child in children:
            if isinstance(child, Node):
                yield from _nodes_with_cite(child)
