"""A diagram as accessible SVG: the deck's layout (`diagram_layout`) drawn with boxes and lines."""

from __future__ import annotations

from functools import lru_cache
from html import escape

from coursegen.i18n.scripts import is_rtl
from coursegen.i18n.visual_text import visual_order
from coursegen.model.slides import DiagramSlide
from coursegen.render.deck_geometry import BUILT_IN, SOURCE_LINE_HEIGHT, Box
from coursegen.render.diagram_layout import (
    LINE,
    DiagramLayout,
    layout_diagram,
    mirror_diagram,
    side_point,
)
from coursegen.render.text_fit import FontMetrics

PRIMARY, MUTED, ON_DARK, TEXT = "#1F3A5F", "#5B6675", "#FFFFFF", "#1E2430"


@lru_cache(maxsize=8)
def _metrics(lang: str = "en") -> FontMetrics:
    return FontMetrics("Arial", lang=lang)


def diagram_area() -> Box:
    """The deck's body box above the source line, at the origin: the SVG's canvas."""
    body = BUILT_IN["Content"].bodies[0]
    return Box(0, 0, body.width, body.height - SOURCE_LINE_HEIGHT - 4)


def diagram_layout(slide: DiagramSlide, lang: str = "en") -> DiagramLayout:
    """The diagram laid out as on a slide of the built-in template, in `lang` (its alt text
    in that language, its text measured in its script's face; mirrored, as on the deck, for
    a right-to-left language)."""
    area = diagram_area()
    layout = layout_diagram(slide, area, _metrics(lang), lang)
    return mirror_diagram(layout, area.width) if is_rtl(lang) else layout


def _block(lines: list[tuple[str, float, bool]], x: float, middle: float, fill: str,
           letters: bool = False) -> str:
    """Lines of (text, size, bold) centred on x and, as a block, on `middle`; with `letters`,
    right-to-left text is shaped and in visual order, for a renderer drawing letter by letter."""
    height = sum(size * LINE for _t, size, _b in lines)
    y, parts = middle - height / 2, []
    for text, size, bold in lines:
        y += size * LINE
        weight = ' font-weight="bold"' if bold else ""
        parts.append(f'<text x="{x:.1f}" y="{y - size * 0.28:.1f}" text-anchor="middle" '
                     f'font-size="{size:g}"{weight} fill="{fill}">'
                     f'{escape(visual_order(text) if letters else text)}</text>')
    return "".join(parts)


def diagram_svg(slide: DiagramSlide, ident: str, lang: str = "en", pdf: bool = False) -> str:
    """The diagram as an SVG element named by its alt text (its <title>, the PDF's /Alt);
    `pdf`: for WeasyPrint, whose SVG text is drawn letter by letter (see `i18n.visual_text`)."""
    layout = diagram_layout(slide, lang)
    parts = [f'<defs><marker id="{ident}-arrow" viewBox="0 0 10 10" refX="9" refY="5" '
             'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
             f'<path d="M0,0 L10,5 L0,10 z" fill="{MUTED}"/></marker></defs>']
    for edge in layout.edges:
        start, end = layout.nodes[edge.start].box, layout.nodes[edge.end].box
        (x1, y1), (x2, y2) = side_point(start, edge.start_side), side_point(end, edge.end_side)
        marker = f' marker-end="url(#{ident}-arrow)"' if edge.arrow else ""
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                     f'stroke="{MUTED}" stroke-width="2.5"{marker}/>')
    for edge in layout.edges:
        box = edge.label_box
        if edge.label and box:
            parts.append(f'<rect x="{box.x:.1f}" y="{box.y:.1f}" width="{box.width:.1f}" '
                         f'height="{box.height:.1f}" fill="#FFFFFF"/>')
            parts.append(_block([(line, 14.0, False) for line in edge.label_lines],
                                box.x + box.width / 2, box.y + box.height / 2, TEXT, pdf))
    for node in layout.nodes:
        box = node.box
        radius = 0 if layout.diagram == "timeline" else 10
        parts.append(f'<rect x="{box.x:.1f}" y="{box.y:.1f}" width="{box.width:.1f}" '
                     f'height="{box.height:.1f}" rx="{radius}" fill="{PRIMARY}"/>')
        lines = [(line, layout.label_size, True) for line in node.label_lines]
        lines += [(line, layout.text_size, False) for line in node.text_lines]
        parts.append(_block(lines, box.x + box.width / 2, box.y + box.height / 2, ON_DARK, pdf))
    # The page shows what is drawn, not the slide's empty space above and below a row.
    boxes = [n.box for n in layout.nodes] + [e.label_box for e in layout.edges if e.label_box]
    left, top = min(b.x for b in boxes) - 6, min(b.y for b in boxes) - 6
    width = max(b.x + b.width for b in boxes) + 6 - left
    height = max(b.y + b.height for b in boxes) + 6 - top
    return (f'<svg xmlns="http://www.w3.org/2000/svg" '
            f'viewBox="{left:.0f} {top:.0f} {width:.0f} {height:.0f}" class="diagram '
            f'diagram-{layout.diagram}" role="img" aria-labelledby="{ident}-title" '
            'font-family="Arial, sans-serif">'
            f'<title id="{ident}-title">{escape(layout.alt)}</title>'
            f'<g aria-hidden="true">{"".join(parts)}</g></svg>')
