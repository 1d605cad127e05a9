"""Rules for chart and diagram slides: figures that can be plotted, edges that name real nodes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from coursegen.errors import Diagnostic, Severity
from coursegen.model.base import Node, suggest
from coursegen.model.slides import ChartSlide, DiagramSlide
from coursegen.render.chart_data import parse_figure

MOST_NODES = {"process": 10, "timeline": 10, "cycle": 8, "links": 12}
"""More boxes than this cannot be read from the back of a room."""


def _at(node: Node, field: str, message: str, code: str,
        severity: Severity = "error") -> Diagnostic:
    return Diagnostic(node.location_of(field), message, path=node.path_of(field),
                      severity=severity, code=code)


def visual_rules(slide: object) -> Iterator[Diagnostic]:
    """Problems with a chart's figures or a diagram's nodes and edges (nothing for other kinds)."""
    if isinstance(slide, ChartSlide):
        yield from _chart_rules(slide)
    elif isinstance(slide, DiagramSlide):
        yield from _diagram_rules(slide)


def _chart_rules(slide: ChartSlide) -> Iterator[Diagnostic]:
    if not slide.cite:
        yield _at(slide, "cite", "a chart must cite the source of its figures; add 'cite'",
                  "chart-uncited")
    if slide.values and slide.series:
        yield _at(slide, "series", "give either 'values' (one series) or 'series', not both",
                  "chart-data")
    elif not slide.values and not slide.series:
        yield _at(slide, "labels", "a chart needs its figures: add 'values' (one per label) "
                  "or 'series'", "chart-data")
    rows = [(slide, slide.values)] if slide.values else [(s, s.values) for s in slide.series]
    if slide.chart == "pie" and len(rows) > 1:
        yield _at(slide, "series", "a pie chart shows one series; use a column or bar chart "
                  "to compare several", "chart-data")
    for node, values in rows:
        if len(values) != len(slide.labels):
            yield _at(node, "values", f"{len(values)} values for {len(slide.labels)} labels; "
                      "give one figure per label (quote a figure with a comma in it, "
                      "e.g. \"68,092\", or YAML splits it in two)", "chart-data")
        for text in values:
            number = parse_figure(text)
            if number is None:
                yield _at(node, "values", f"value '{text}' is not one figure; write it with "
                          "digits, as printed, e.g. 42%, 68,092 or 36.2 million", "chart-data")
            elif slide.chart == "pie" and number < 0:
                yield _at(node, "values", f"a pie chart cannot show the negative value '{text}'; "
                          "use a bar or column chart", "chart-data")
        numbers = [parse_figure(t) or 0.0 for t in values]
        if slide.chart == "pie" and values and sum(n for n in numbers if n > 0) == 0:
            yield _at(node, "values", "a pie chart needs at least one value above zero",
                      "chart-data")
    for label, count in Counter(slide.labels).items():
        if count > 1:
            yield _at(slide, "labels", f"label '{label}' appears {count} times; each bar or "
                      "slice needs its own label", "chart-data", "warning")


def _diagram_rules(slide: DiagramSlide) -> Iterator[Diagnostic]:
    most = MOST_NODES[slide.diagram]
    if len(slide.nodes) > most:
        yield _at(slide, "nodes", f"{len(slide.nodes)} nodes are too many for a {slide.diagram} "
                  f"diagram read across a room (at most {most}); split it over two slides",
                  "diagram-size", "warning")
    if slide.diagram != "links":
        if slide.edges:
            yield _at(slide, "edges", f"a {slide.diagram} diagram joins its nodes in order; "
                      "'edges' belong to a links diagram (diagram: links)", "diagram-edges")
        return
    ids: dict[str, Node] = {}
    for node in slide.nodes:
        if not node.id:
            yield _at(node, "label", f"node '{node.label}' needs an 'id' so that edges can "
                      "name it", "diagram-edges")
        elif node.id in ids:
            yield _at(node, "id", f"node id '{node.id}' is used twice (first at line "
                      f"{ids[node.id].location.line if ids[node.id].location else '?'}); "
                      "give each node its own id", "duplicate-id")
        else:
            ids[node.id] = node
    if not slide.edges:
        yield _at(slide, "nodes", "a links diagram without 'edges' shows no links; add edges "
                  "(from, to, label)", "diagram-edges", "warning")
    for edge in slide.edges:
        for key, value in (("from", edge.start), ("to", edge.end)):
            if value not in ids:
                yield _at(edge, key, f"edge {key} '{value}' names no node of this diagram"
                          f"{suggest(value, sorted(ids))}", "diagram-edges")
        if edge.start == edge.end:
            yield _at(edge, "to", f"edge from '{edge.start}' to itself; an edge joins two "
                      "nodes", "diagram-edges")
