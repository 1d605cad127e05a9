"""A diagram layout → PowerPoint autoshapes with text, joined by connectors glued to them.

Moving a box in PowerPoint drags its connectors along, and every label stays editable
text. Edge labels are small text boxes at the connector's middle.
"""

from __future__ import annotations

from pptx.enum.shapes import MSO_CONNECTOR_TYPE, MSO_SHAPE
from pptx.util import Emu

from coursegen.render.deck_shape_xml import centred_text, fill_box, stroke_line
from coursegen.render.deck_theme import DeckTheme
from coursegen.render.deck_xml import set_alt_text
from coursegen.render.diagram_layout import EDGE_LABEL_SIZE, DiagramLayout, side_point

NODE_SHAPES = {"process": MSO_SHAPE.ROUNDED_RECTANGLE, "cycle": MSO_SHAPE.ROUNDED_RECTANGLE,
               "timeline": MSO_SHAPE.RECTANGLE, "links": MSO_SHAPE.ROUNDED_RECTANGLE}


def _emu(points: float) -> Emu:
    return Emu(round(points * 12700))


def add_diagram(slide, layout: DiagramLayout, theme: DeckTheme, language=None) -> list:
    """Draw the diagram's nodes, connectors and edge labels, their text marked with
    `language` (a `deck_xml.TextLanguage`) when given; returns the node shapes."""
    primary, on_dark = theme.colour("primary"), theme.colour("on_dark")
    shapes = []
    for number, node in enumerate(layout.nodes, start=1):
        box = node.box
        shape = slide.shapes.add_shape(NODE_SHAPES[layout.diagram], _emu(box.x), _emu(box.y),
                                       _emu(box.width), _emu(box.height))
        shape.name = f"Node {number}"
        fill_box(shape, primary)
        lines = [(node.label, layout.label_size, True, on_dark)]
        if node.text:
            lines.append((node.text, layout.text_size, False, on_dark))
        centred_text(shape, lines, 8, language)
        shapes.append(shape)
    muted = theme.colour("muted")
    for edge in layout.edges:
        start, end = layout.nodes[edge.start].box, layout.nodes[edge.end].box
        (x1, y1), (x2, y2) = side_point(start, edge.start_side), side_point(end, edge.end_side)
        connector = slide.shapes.add_connector(MSO_CONNECTOR_TYPE.STRAIGHT, _emu(x1), _emu(y1),
                                               _emu(x2), _emu(y2))
        connector.begin_connect(shapes[edge.start], edge.start_side)
        connector.end_connect(shapes[edge.end], edge.end_side)
        stroke_line(connector, muted, 2.5, edge.arrow)
        connector.name = f"Link {edge.start + 1} to {edge.end + 1}"
    text = theme.colour("text")
    for edge in layout.edges:  # labels after every line, so that no line crosses a label
        if edge.label and edge.label_box:
            box = edge.label_box
            label = slide.shapes.add_textbox(_emu(box.x), _emu(box.y), _emu(box.width),
                                             _emu(box.height))
            label.name = "Link label"
            fill_box(label, "FFFFFF")
            centred_text(label, [(edge.label, EDGE_LABEL_SIZE, False, text)], 2, language)
    if shapes:  # the first shape carries the description of the whole diagram
        set_alt_text(shapes[0], layout.alt)
    return shapes
