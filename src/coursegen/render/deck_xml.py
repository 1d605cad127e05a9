"""The few slide edits python-pptx has no API for, kept in one place.

Alt text on pictures, paragraphs without bullets, the slide-number field, the
template's theme fonts, brand colours, removing a template's sample slides, and
adding slides and notes slides faster than python-pptx does one by one.
"""

from __future__ import annotations

from copy import deepcopy
from xml.sax.saxutils import escape

from lxml import etree
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn

_THEME = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_BULLETS = ("a:buNone", "a:buAutoNum", "a:buChar", "a:buBlip")


def set_alt_text(shape, text: str) -> None:
    """Write the description a screen reader speaks for a picture (`cNvPr/@descr`)."""
    shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", text)


def set_no_bullet(paragraph, hanging: float = 0.0) -> None:
    """Turn off the bullet; with `hanging` (EMU), indent wrapped lines under a '1.' prefix."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("marL", str(int(hanging)))
    ppr.set("indent", str(-int(hanging)))
    for tag in _BULLETS:
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)
    ppr.insert_element_before(etree.SubElement(ppr, qn("a:buNone")),
                              "a:tabLst", "a:defRPr", "a:extLst")


def set_slide_number(text_frame, number: int) -> None:
    """Make the text frame show the slide's number as a live field (`number` until updated)."""
    paragraph = text_frame.paragraphs[0]._p
    for child in list(paragraph):
        if child.tag != qn("a:pPr"):
            paragraph.remove(child)
    paragraph.append(parse_xml(
        f'<a:fld xmlns:a="{_A}" id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" type="slidenum">'
        f'<a:rPr lang="en-GB"/><a:t>{number}</a:t></a:fld>'))


def add_footer_placeholder(slide, ph_type: str, idx: int, text: str | None, bold: bool = False,
                           number: int | None = None) -> None:
    """Add the slide's own copy of a layout's date/footer/slide-number placeholder.

    Written directly (rather than with `clone_placeholder`) because python-pptx's shape
    naming walks the whole tree for every shape, which dominated deck build time.
    """
    tree = slide.shapes._spTree
    shape_id = max((int(i) for i in tree.xpath("//p:cNvPr/@id")), default=1) + 1
    if number is not None:
        body = (f'<a:fld id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" type="slidenum">'
                f'<a:rPr lang="en-GB"/><a:t>{number}</a:t></a:fld>')
    else:
        weight = ' b="1"' if bold else ""
        # The theme's body font named on the run: LibreOffice otherwise sets a footer in serif.
        body = (f'<a:r><a:rPr lang="en-GB"{weight}><a:latin typeface="+mn-lt"/></a:rPr>'
                f'<a:t>{escape(text or "")}</a:t></a:r>')
    tree.append(parse_xml(
        f'<p:sp xmlns:a="{_A}" xmlns:p="{_P}"><p:nvSpPr><p:cNvPr id="{shape_id}" '
        f'name="{ph_type} {shape_id}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>'
        f'<p:ph type="{ph_type}" idx="{idx}"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody>'
        f'<a:bodyPr/><a:lstStyle/><a:p>{body}</a:p></p:txBody></p:sp>'))


def remove_shape(shape) -> None:
    """Take a shape off its slide (an empty placeholder, or one replaced by a table)."""
    element = shape._element
    element.getparent().remove(element)


def remove_all_slides(prs) -> None:
    """Drop the sample slides a template file may carry, keeping its master and layouts."""
    id_list = prs.slides._sldIdLst
    for slide_id in list(id_list):
        prs.part.drop_rel(slide_id.rId)
        id_list.remove(slide_id)


def _theme_root(prs):
    part = prs.slide_master.part.part_related_by(_THEME)
    return part, etree.fromstring(part.blob)


def theme_fonts(prs) -> tuple[str | None, str | None]:
    """The template's heading and body font families (major and minor Latin typefaces)."""
    _part, root = _theme_root(prs)
    found = []
    for which in ("majorFont", "minorFont"):
        latin = root.find(f".//{{{_A}}}{which}/{{{_A}}}latin")
        found.append(latin.get("typeface") if latin is not None else None)
    return found[0], found[1]


def master_text_sizes(prs) -> dict[str, float]:
    """The template master's own text sizes in points: title, body (level 1) and level 2.

    Read from the master's text styles (``p:txStyles``); a size the template leaves
    unset is left out.
    """
    styles = prs.slide_master.element.find(qn("p:txStyles"))
    found: dict[str, float] = {}
    if styles is None:
        return found
    for name, style, level in (("title", "p:titleStyle", "a:lvl1pPr"),
                               ("body", "p:bodyStyle", "a:lvl1pPr"),
                               ("body_level2", "p:bodyStyle", "a:lvl2pPr")):
        props = styles.find(f"{qn(style)}/{qn(level)}/{qn('a:defRPr')}")
        if props is not None and props.get("sz"):
            found[name] = int(props.get("sz")) / 100
    return found


def accent_slot(prs) -> str:
    """The theme slot holding the template's accent: 'accent1', unless it repeats the title
    colour (dk2) as the built-in theme's does, then 'accent2'."""
    _part, root = _theme_root(prs)
    scheme = root.find(f".//{{{_A}}}clrScheme")

    def colour(slot: str) -> str | None:
        element = scheme.find(f"{{{_A}}}{slot}") if scheme is not None else None
        value = element.find(f"{{{_A}}}srgbClr") if element is not None else None
        return value.get("val", "").upper() if value is not None else None

    same = colour("accent1") is not None and colour("accent1") == colour("dk2")
    return "accent2" if same else "accent1"


def master_title_bold(prs) -> bool:
    """Whether the template master sets its titles in bold (unset: regular, as PowerPoint does)."""
    props = prs.slide_master.element.find(
        f"{qn('p:txStyles')}/{qn('p:titleStyle')}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}")
    return props is not None and props.get("b") in {"1", "true"}


def set_brand_colours(prs, primary: str, accent: str) -> None:
    """Recolour the built-in theme: titles and panels in `primary`, highlights in `accent`."""
    part, root = _theme_root(prs)
    scheme = root.find(f".//{{{_A}}}clrScheme")
    for slot, colour in (("dk2", primary), ("accent1", primary), ("accent5", primary),
                         ("accent2", accent), ("accent6", accent)):
        element = scheme.find(f"{{{_A}}}{slot}")
        for child in list(element):
            element.remove(child)
        etree.SubElement(element, f"{{{_A}}}srgbClr", val=colour.lstrip("#").upper())
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


class SlideAdder:
    """New slides for one deck, without python-pptx's per-slide placeholder cloning.

    python-pptx rereads every placeholder of the layout through XPath for each
    new slide. The first slide on each layout is made by python-pptx; later
    slides on that layout copy its placeholders' XML (same shapes, same ids).
    """

    def __init__(self, prs) -> None:
        self.prs = prs
        self.placeholders: dict[str, list] = {}

    def add(self, layout):
        """A new slide on `layout`, with the layout's placeholders, at the end of the deck."""
        key = str(layout.part.partname)
        shapes = self.placeholders.get(key)
        if shapes is None:
            slide = self.prs.slides.add_slide(layout)
            tree = slide.element.cSld.spTree
            self.placeholders[key] = [deepcopy(e) for e in tree.iter_shape_elms()]
            return slide
        relationship, slide = self.prs.part.add_slide(layout)
        tree = slide.element.cSld.spTree
        for shape in shapes:
            tree.append(deepcopy(shape))
        self.prs.element.get_or_add_sldIdLst().add_sldId(relationship)
        return slide


class NotesWriter:
    """Speaker notes for many slides of one deck, written without python-pptx's per-slide cost.

    python-pptx clones the notes master's placeholders for every notes slide and looks
    for a free part name by walking the whole package, which made notes the costliest
    part of a deck. The first notes slide is made by python-pptx; the others copy its
    XML and take the next part name.
    """

    def __init__(self) -> None:
        self.template: bytes | None = None
        self.count = 0

    def write(self, slide, text: str) -> None:
        """Give `slide` a notes slide holding `text`."""
        from pptx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
        from pptx.opc.packuri import PackURI
        from pptx.parts.slide import NotesSlidePart

        if self.template is None:
            notes = slide.notes_slide
            self.template = etree.tostring(notes.part._element)
            self.count = int(notes.part.partname.idx)
        else:
            slide_part = slide.part
            package = slide_part.package
            self.count += 1
            part = NotesSlidePart(PackURI(f"/ppt/notesSlides/notesSlide{self.count}.xml"),
                                  CONTENT_TYPE.PML_NOTES_SLIDE, package,
                                  parse_xml(self.template))
            part.relate_to(package.presentation_part.notes_master_part,
                           RELATIONSHIP_TYPE.NOTES_MASTER)
            part.relate_to(slide_part, RELATIONSHIP_TYPE.SLIDE)
            slide_part.relate_to(part, RELATIONSHIP_TYPE.NOTES_SLIDE)
            notes = slide.notes_slide
        notes.notes_text_frame.text = text
