"""DrawingML for diagram shapes written in one go: fill, outline and centred lines of text.

python-pptx's property calls (fill.solid(), font.size, margins …) each walk the XML
again; a diagram sets dozens of them per box. Writing the few elements directly keeps
a deck with diagrams close to the cost of the bare shapes (see bench/decks.py).
"""

from __future__ import annotations

from lxml import etree
from pptx.oxml.ns import qn

EMU_PER_POINT = 12700


def _solid(parent, colour: str) -> None:
    fill = etree.SubElement(parent, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=colour)


def fill_box(shape, colour: str) -> None:
    """A solid fill in `colour` (RRGGBB) and no outline."""
    sp_pr = shape._element.spPr
    for tag in ("a:noFill", "a:solidFill", "a:ln"):
        for old in sp_pr.findall(qn(tag)):
            sp_pr.remove(old)
    _solid(sp_pr, colour)
    line = etree.SubElement(sp_pr, qn("a:ln"))
    etree.SubElement(line, qn("a:noFill"))


def stroke_line(connector, colour: str, width: float, arrow: bool) -> None:
    """The connector's line: `width` points in `colour`, with a triangle at its end if `arrow`."""
    sp_pr = connector._element.spPr
    for old in sp_pr.findall(qn("a:ln")):
        sp_pr.remove(old)
    line = etree.SubElement(sp_pr, qn("a:ln"), w=str(round(width * EMU_PER_POINT)))
    _solid(line, colour)
    if arrow:
        etree.SubElement(line, qn("a:tailEnd"), type="triangle", w="med", len="med")


def centred_text(shape, lines: list[tuple[str, float, bool, str]], margin: float,
                 language=None) -> None:
    """Replace the shape's text with centred paragraphs of (text, size pt, bold, colour),
    wrapped, not auto-fitted, centred vertically, `margin` points from each edge; marked
    with `language` (a `deck_xml.TextLanguage`: tag, direction, script faces) when given."""
    body = shape._element.txBody
    inset = str(round(margin * EMU_PER_POINT))
    body_pr = body.find(qn("a:bodyPr"))
    for name in ("lIns", "tIns", "rIns", "bIns"):
        body_pr.set(name, inset)
    body_pr.set("wrap", "square")
    body_pr.set("anchor", "ctr")
    for child in list(body_pr):
        body_pr.remove(child)
    etree.SubElement(body_pr, qn("a:noAutofit"))
    for old in body.findall(qn("a:p")):
        body.remove(old)
    for text, size, bold, colour in lines:
        paragraph = etree.SubElement(body, qn("a:p"))
        p_pr = etree.SubElement(paragraph, qn("a:pPr"), algn="ctr")
        run = etree.SubElement(paragraph, qn("a:r"))
        props = etree.SubElement(run, qn("a:rPr"), sz=str(round(size * 100)),
                                 b="1" if bold else "0")
        _solid(props, colour)
        if language is not None:
            props.set("lang", language.tag)
            if language.alt_tag != language.tag:
                props.set("altLang", language.alt_tag)
            if language.rtl:
                p_pr.set("rtl", "1")
            for tag, family in (("a:ea", language.east_asian_font),
                                ("a:cs", language.complex_font)):
                if family:
                    etree.SubElement(props, qn(tag), typeface=family)
        etree.SubElement(run, qn("a:t")).text = text
