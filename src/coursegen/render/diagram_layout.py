"""Where a diagram's boxes and arrows go, in points: one layout for the deck and the SVG.

`layout_diagram` places a process (steps left to right), a cycle (steps round an
ellipse), a timeline (dated events on a line) or a link chart (entities in columns by
how far they are from where the money or the contact starts), wraps each box's text,
and picks the side of each box a connector attaches to. The deck draws it with
autoshapes and connectors; the handout and the site draw the same numbers as SVG.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from coursegen.i18n.ui import N_, Interface
from coursegen.model.slides import DiagramSlide
from coursegen.render.deck_geometry import Box
from coursegen.render.text_fit import FontMetrics, Word
from coursegen.text import plain_text

TOP, LEFT, BOTTOM, RIGHT = 0, 1, 2, 3
"""Connection sites of a (rounded) rectangle, in the order PowerPoint numbers them."""
LABEL_SIZES = (24.0, 22.0, 20.0, 18.0, 16.0)
"""Node label sizes to try, largest first; the line under a label is 4 pt smaller."""
MIN_TEXT_SIZE = 14.0
"""No diagram text is smaller: it must be readable across a room."""
EDGE_LABEL_SIZE = 14.0
PADDING = 8.0
LINE = 1.25
DIAGRAM_NAMES = {"process": N_("Process diagram"), "cycle": N_("Cycle diagram"),
                 "timeline": N_("Timeline"), "links": N_("Link chart")}


@dataclass(frozen=True)
class PlacedNode:
    """A box: its text (wrapped into lines at the layout's sizes) and where it sits."""

    label: str
    text: str
    box: Box
    label_lines: tuple[str, ...]
    text_lines: tuple[str, ...]


@dataclass(frozen=True)
class PlacedEdge:
    """A connector from one node's side to another's, with an optional label box."""

    start: int
    end: int
    start_side: int
    end_side: int
    label: str
    arrow: bool
    label_box: Box | None = None
    label_lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class DiagramLayout:
    """A diagram ready to draw: nodes, edges, text sizes, canvas size and alt text."""

    diagram: str
    nodes: tuple[PlacedNode, ...]
    edges: tuple[PlacedEdge, ...]
    label_size: float
    width: float
    height: float
    alt: str

    def crowded(self, area: Box) -> bool:
        """True when boxes overlap each other or leave `area`: the text did not fit."""
        boxes = [n.box for n in self.nodes]
        outside = any(b.x < area.x - 1 or b.y < area.y - 1 or b.x + b.width > area.x
                      + area.width + 1 or b.y + b.height > area.y + area.height + 1
                      for b in boxes)
        return outside or any(
            a.x < b.x + b.width and b.x < a.x + a.width and a.y < b.y + b.height
            and b.y < a.y + a.height for i, a in enumerate(boxes) for b in boxes[i + 1:])

    @property
    def text_size(self) -> float:
        """The size of the line under each label."""
        return text_size(self.label_size)


def text_size(label_size: float) -> float:
    """The size of the line under a label of `label_size`."""
    return max(MIN_TEXT_SIZE, label_size - 4)


def side_point(box: Box, side: int) -> tuple[float, float]:
    """The middle of one side of a box."""
    return {TOP: (box.x + box.width / 2, box.y), LEFT: (box.x, box.y + box.height / 2),
            BOTTOM: (box.x + box.width / 2, box.y + box.height),
            RIGHT: (box.x + box.width, box.y + box.height / 2)}[side]


def diagram_alt(slide: DiagramSlide, lang: str = "en") -> str:
    """What the diagram shows, in words of `lang`, for screen readers (the author's `alt` if
    given)."""
    if slide.alt:
        return plain_text(slide.alt)
    ui = Interface(lang)
    name = f"{ui._(DIAGRAM_NAMES[slide.diagram])}, {plain_text(slide.title)}"

    def said(node) -> str:
        text = plain_text(node.label)
        return f"{text} ({plain_text(node.text)})" if node.text else text

    if slide.diagram == "links":
        labels = {n.id: plain_text(n.label) for n in slide.nodes if n.id}
        links = [ui._("{start} to {end}", start=labels.get(e.start, e.start),
                      end=labels.get(e.end, e.end))
                 + (f" ({plain_text(e.label)})" if e.label else "") for e in slide.edges]
        return ui.ngettext("{name}. {n} entity: {entities}. Links: {links}.",
                           "{name}. {n} entities: {entities}. Links: {links}.",
                           len(slide.nodes), name=name,
                           entities="; ".join(said(n) for n in slide.nodes),
                           links="; ".join(links))
    steps = "; ".join(f"{n}. {said(node)}" for n, node in enumerate(slide.nodes, start=1))
    tail = " " + ui._("Then back to step 1.") if slide.diagram == "cycle" else ""
    return ui.ngettext("{name}, {n} step: {steps}.", "{name}, {n} steps: {steps}.",
                       len(slide.nodes), name=name, steps=steps) + tail


def wrap(text: str, size: float, width: float, metrics: FontMetrics,
         bold: bool = False) -> tuple[str, ...]:
    """Text broken into lines no wider than `width` at `size` (a too-long word keeps its line)."""
    lines: list[str] = []
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and _width(trial, size, metrics, bold) <= width:
            lines[-1] = trial
        else:
            lines.append(word)
    return tuple(lines)


def _width(text: str, size: float, metrics: FontMetrics, bold: bool = False) -> float:
    return metrics.width(Word(((text, bold, False, False),)), size)


class _Placer:
    def __init__(self, slide: DiagramSlide, area: Box, metrics: FontMetrics) -> None:
        self.slide, self.area, self.metrics = slide, area, metrics
        self.labels = [plain_text(n.label) for n in slide.nodes]
        self.texts = [plain_text(n.text or "") for n in slide.nodes]

    def fit(self, width: float, height: float) -> tuple[float, float]:
        """The largest label size at which every node's text fits a box `width` wide, and
        the height that then needs (at most `height` unless nothing smaller fits)."""
        inner = width - 2 * PADDING
        for size in LABEL_SIZES:
            widest = max(_width(w, size, self.metrics, True) for label in self.labels
                         for w in label.split() or [""])
            need = self._height(size, inner)
            if widest <= inner and need <= height:
                return size, need
        return LABEL_SIZES[-1], self._height(LABEL_SIZES[-1], inner)

    def _height(self, size: float, inner: float) -> float:
        tallest = 0.0
        small = text_size(size)
        for label, text in zip(self.labels, self.texts, strict=True):
            lines = len(wrap(label, size, inner, self.metrics, True)) * size * LINE
            if text:
                lines += len(wrap(text, small, inner, self.metrics)) * small * LINE + 4
            tallest = max(tallest, lines)
        return tallest + 3 * PADDING  # room for renderers whose line spacing runs wider

    def node(self, index: int, box: Box, size: float) -> PlacedNode:
        inner = box.width - 2 * PADDING
        return PlacedNode(self.labels[index], self.texts[index], box,
                          wrap(self.labels[index], size, inner, self.metrics, True),
                          wrap(self.texts[index], text_size(size), inner, self.metrics)
                          if self.texts[index] else ())


def mirror_diagram(layout: DiagramLayout, width: float) -> DiagramLayout:
    """The diagram read from the right, reflected within `width` points: a process's first
    step on the right, a timeline running leftwards, connectors on the opposite sides."""
    sides = {LEFT: RIGHT, RIGHT: LEFT}
    nodes = tuple(replace(n, box=n.box.mirrored(width)) for n in layout.nodes)
    edges = tuple(replace(e, start_side=sides.get(e.start_side, e.start_side),
                          end_side=sides.get(e.end_side, e.end_side),
                          label_box=e.label_box.mirrored(width) if e.label_box else None)
                  for e in layout.edges)
    return replace(layout, nodes=nodes, edges=edges)


def layout_diagram(slide: DiagramSlide, area: Box, metrics: FontMetrics,
                   lang: str = "en") -> DiagramLayout:
    """The diagram's boxes and connectors placed inside `area` (points), its alt text in
    `lang`."""
    placer = _Placer(slide, area, metrics)
    if slide.diagram == "cycle":
        nodes, edges, size = _cycle(placer)
    elif slide.diagram == "links":
        nodes, edges, size = _links(placer)
    else:
        nodes, edges, size = _row(placer)
    return DiagramLayout(slide.diagram, tuple(nodes), tuple(edges), size, area.width,
                         area.height, diagram_alt(slide, lang))


def _facing(a: Box, b: Box) -> tuple[int, int]:
    """The sides of `a` and `b` that face each other."""
    dx = (b.x + b.width / 2) - (a.x + a.width / 2)
    dy = (b.y + b.height / 2) - (a.y + a.height / 2)
    if abs(dx) * a.height >= abs(dy) * a.width:
        return (RIGHT, LEFT) if dx >= 0 else (LEFT, RIGHT)
    return (BOTTOM, TOP) if dy >= 0 else (TOP, BOTTOM)


def _row(placer: _Placer) -> tuple[list[PlacedNode], list[PlacedEdge], float]:
    """Steps or dated events left to right; more than five snake back along a second row."""
    area, count = placer.area, len(placer.labels)
    rows = 1 if count <= 5 else 2
    per_row = math.ceil(count / rows)
    gap = 36.0
    width = (area.width - gap * (per_row - 1)) / per_row
    row_gap = 40.0
    size, height = placer.fit(width, (area.height - row_gap * (rows - 1)) / rows)
    total = height * rows + row_gap * (rows - 1)
    top = area.y + max(0.0, (area.height - total) / 2)
    nodes = []
    for index in range(count):
        row, column = divmod(index, per_row)
        if row % 2:  # the second row runs right to left, so each arrow stays short
            column = per_row - 1 - column
        box = Box(area.x + column * (width + gap), top + row * (height + row_gap), width, height)
        nodes.append(placer.node(index, box, size))
    arrow = placer.slide.diagram == "process"
    edges = [PlacedEdge(i, i + 1, *_facing(nodes[i].box, nodes[i + 1].box), "", arrow)
             for i in range(count - 1)]
    return nodes, edges, size


def _cycle(placer: _Placer) -> tuple[list[PlacedNode], list[PlacedEdge], float]:
    """Steps clockwise round an ellipse from the top, the last leading back to the first."""
    area, count = placer.area, len(placer.labels)
    width = min(240.0, area.width / (3.4 if count > 4 else 2.8))
    size, height = placer.fit(width, area.height / (2.6 if count > 4 else 2.2))
    centre_x, centre_y = area.x + area.width / 2, area.y + area.height / 2
    radius_x = (area.width - width) / 2 * (0.8 if count > 3 else 0.6)
    radius_y = (area.height - height) / 2
    nodes = []
    for index in range(count):
        angle = -math.pi / 2 + 2 * math.pi * index / count
        x = centre_x + radius_x * math.cos(angle) - width / 2
        y = centre_y + radius_y * math.sin(angle) - height / 2
        nodes.append(placer.node(index, Box(x, y, width, height), size))
    edges = [PlacedEdge(i, (i + 1) % count, *_facing(nodes[i].box, nodes[(i + 1) % count].box),
                        "", True) for i in range(count)]
    return nodes, edges, size


def _depths(slide: DiagramSlide) -> list[int]:
    """Each node's column: the longest chain of edges leading to it (cycles cut)."""
    index = {n.id: i for i, n in enumerate(slide.nodes) if n.id}
    links = [(index[e.start], index[e.end]) for e in slide.edges
             if e.start in index and e.end in index and e.start != e.end]
    depth = [0] * len(slide.nodes)
    for _ in range(len(slide.nodes)):  # Bellman-Ford style: at most n rounds
        changed = False
        for a, b in links:
            if depth[a] + 1 > depth[b] and depth[a] + 1 < len(slide.nodes):
                depth[b] = depth[a] + 1
                changed = True
        if not changed:
            break
    used = sorted(set(depth))  # close gaps left by cut cycles
    return [used.index(d) for d in depth]


def _links(placer: _Placer) -> tuple[list[PlacedNode], list[PlacedEdge], float]:
    """Entities in columns by depth, stacked in each column, joined by labelled arrows."""
    slide, area, metrics = placer.slide, placer.area, placer.metrics
    depths = _depths(slide)
    columns = max(depths) + 1
    stacks: list[list[int]] = [[] for _ in range(columns)]
    for node_index, depth in enumerate(depths):
        stacks[depth].append(node_index)
    tallest = max(len(s) for s in stacks)
    gap = 150.0 if columns > 1 else 0.0
    width = min(220.0, (area.width - gap * (columns - 1)) / columns)
    gap = (area.width - width * columns) / (columns - 1) if columns > 1 else 0.0
    row_gap = 28.0
    size, height = placer.fit(width, (area.height - row_gap * (tallest - 1)) / tallest)
    boxes: dict[int, Box] = {}
    for column, stack in enumerate(stacks):
        total = height * len(stack) + row_gap * (len(stack) - 1)
        top = area.y + (area.height - total) / 2
        for row, node_index in enumerate(stack):
            boxes[node_index] = Box(area.x + column * (width + gap),
                                    top + row * (height + row_gap), width, height)
    nodes = [placer.node(i, boxes[i], size) for i in range(len(slide.nodes))]
    index = {n.id: i for i, n in enumerate(slide.nodes) if n.id}
    edges = []
    for edge in slide.edges:
        if edge.start not in index or edge.end not in index:
            continue  # check reports it with the name it was probably meant to be
        a, b = index[edge.start], index[edge.end]
        sides = _facing(boxes[a], boxes[b])
        label = plain_text(edge.label or "")
        label_box, lines = None, ()
        if label:
            (x1, y1), (x2, y2) = side_point(boxes[a], sides[0]), side_point(boxes[b], sides[1])
            label_width = min(gap - 8 if gap > 40 else width,
                              _width(label, EDGE_LABEL_SIZE, metrics) + 2 * PADDING)
            lines = wrap(label, EDGE_LABEL_SIZE, label_width - 2 * PADDING, metrics)
            label_height = len(lines) * EDGE_LABEL_SIZE * LINE + 6
            label_box = Box((x1 + x2) / 2 - label_width / 2, (y1 + y2) / 2 - label_height / 2,
                            label_width, label_height)
        edges.append(PlacedEdge(a, b, *sides, label, edge.arrow, label_box, lines))
    return nodes, edges, size
