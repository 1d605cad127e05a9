"""Right-to-left decks: slide layouts mirrored, so a deck in Arabic reads from the right.

`mirror_deck` is pure: a `DeckSpec` in, the same deck with every box reflected about the
slide's vertical centre out. The compare slide's first side, a case's scenario, a picture beside its
caption and the source line all move to the right; boxes spanning the slide stay put.
`deck_language` decides once how a deck marks its text (language tag, direction, the
script's typeface); the adapter writes it with `deck_xml`.
"""

from __future__ import annotations

from dataclasses import replace

from coursegen.i18n.scripts import is_cjk, is_rtl, office_tag, script_fonts
from coursegen.render.deck_geometry import Box
from coursegen.render.deck_spec_types import DeckSpec, SlideSpec
from coursegen.render.deck_xml import FooterPlace, TextLanguage
from coursegen.render.diagram_layout import mirror_diagram


def mirror_box(box: Box, width: float) -> Box:
    """The box reflected left to right on a slide `width` points wide."""
    return box.mirrored(width)


def mirror_slide(slide: SlideSpec, width: float) -> SlideSpec:
    """A slide spec with its regions, table, picture, chart and source line mirrored."""
    regions = tuple(replace(r, box=mirror_box(r.box, width)) for r in slide.regions)
    changes: dict[str, object] = {"regions": regions}
    if slide.table is not None:
        changes["table"] = replace(slide.table, box=mirror_box(slide.table.box, width))
    if slide.picture is not None:
        changes["picture"] = replace(slide.picture, box=mirror_box(slide.picture.box, width))
    if slide.visual is not None and slide.visual.chart is not None:
        changes["visual"] = replace(slide.visual, box=mirror_box(slide.visual.box, width))
    if slide.visual is not None and slide.visual.diagram is not None:
        changes["visual"] = replace(slide.visual, box=mirror_box(slide.visual.box, width),
                                    diagram=mirror_diagram(slide.visual.diagram, width))
    if slide.source_box is not None:
        changes["source_box"] = mirror_box(slide.source_box, width)
    return replace(slide, **changes)


def mirrored_footer(box: Box | None, is_number: bool, width: float,
                    language: TextLanguage) -> FooterPlace | None:
    """Where a footer placeholder goes in a right-to-left deck: the footer row mirrored, the
    slide number on the left, marking and footer from the right; None keeps the layout's."""
    if not language.rtl or box is None:
        return None
    mirrored = mirror_box(box, width)
    return FooterPlace(mirrored.x, mirrored.y, mirrored.width, mirrored.height,
                       "l" if is_number else "r")


def mirror_deck(spec: DeckSpec, width: float) -> DeckSpec:
    """Every slide of a deck mirrored for a right-to-left language."""
    return replace(spec, slides=tuple(mirror_slide(s, width) for s in spec.slides))


def deck_language(lang: str, script_font: str | None = None) -> TextLanguage:
    """How a deck in `lang` marks its text: tag, direction and the script's typeface (the
    face fontconfig resolves, so the deck names the font it was measured in)."""
    fonts = script_fonts(lang, script_font)
    family = (fonts.deck.family or fonts.deck.wanted) if fonts else None
    return TextLanguage(tag=office_tag(lang), rtl=is_rtl(lang),
                        complex_font=family if fonts and not is_cjk(lang) else None,
                        east_asian_font=family if is_cjk(lang) else None)
