"""The few slide edits python-pptx has no API for, kept in one place.

Alt text on pictures, paragraphs without bullets, the slide-number field, the
template's theme fonts, brand colours, removing a template's sample slides, the
language, direction and script fonts of text, and adding slides and notes slides
faster than python-pptx does one by one.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass
from xml.sax.saxutils import escape

from lxml import etree
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement

_THEME = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_BULLETS = ("a:buNone", "a:buAutoNum", "a:buChar", "a:buBlip")
_AFTER_FONTS = ("a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst")
"""What follows the `a:ea` and `a:cs` typefaces inside a run's properties (schema order)."""


@dataclass(frozen=True)
class TextLanguage:
    """How a deck's text is marked: its language tag, direction and script typefaces.

    `complex_font` goes in each run's `a:cs` slot (Arabic, Hebrew), `east_asian_font` in
    `a:ea` (Chinese, Japanese, Korean): office programs set the script's characters in
    that face and the rest in the Latin one.
    """

    tag: str = "en-GB"
    rtl: bool = False
    complex_font: str | None = None
    east_asian_font: str | None = None
    alt_tag: str = "en-GB"

    def run_attributes(self) -> str:
        """`lang` (and `altLang` when it differs) as XML attributes of a run's properties."""
        alt = f' altLang="{self.alt_tag}"' if self.alt_tag != self.tag else ""
        return f'lang="{self.tag}"{alt}'

    def fonts_xml(self) -> str:
        """The script typeface elements a run's properties carry (may be empty)."""
        ea = f'<a:ea typeface="{escape(self.east_asian_font)}"/>' if self.east_asian_font else ""
        cs = f'<a:cs typeface="{escape(self.complex_font)}"/>' if self.complex_font else ""
        return ea + cs


def set_run_language(run_properties, language: TextLanguage) -> None:
    """Mark a run (its `a:rPr`) with the language, and its East Asian or complex-script font."""
    run_properties.set("lang", language.tag)
    if language.alt_tag != language.tag:
        run_properties.set("altLang", language.alt_tag)
    for tag, family in (("a:ea", language.east_asian_font), ("a:cs", language.complex_font)):
        for old in run_properties.findall(qn(tag)):
            run_properties.remove(old)
        if family:
            element = OxmlElement(tag)
            element.set("typeface", family)
            run_properties.insert_element_before(element, *_AFTER_FONTS)


def set_paragraph_direction(paragraph, language: TextLanguage, align: str | None = None,
                            rtl: bool = True) -> None:
    """In a right-to-left deck, a paragraph aligned right (`align` keeps e.g. a centred
    quote centred) and, unless `rtl` is False (its text starts in a left-to-right script,
    such as an English reference), laid out right to left. Left-to-right decks are left as
    the master sets them."""
    if not language.rtl:
        return
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("rtl", "1" if rtl else "0")
    ppr.set("algn", align or "r")


def set_table_direction(table, language: TextLanguage) -> None:
    """A right-to-left table: its first column on the right (`a:tblPr rtl="1"`)."""
    if language.rtl:
        table._tbl.tblPr.set("rtl", "1")


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


def set_slide_number(text_frame, number: int, language: TextLanguage = TextLanguage()) -> None:
    """Make the text frame show the slide's number as a live field (`number` until updated)."""
    paragraph = text_frame.paragraphs[0]._p
    for child in list(paragraph):
        if child.tag != qn("a:pPr"):
            paragraph.remove(child)
    paragraph.append(parse_xml(
        f'<a:fld xmlns:a="{_A}" id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" type="slidenum">'
        f'<a:rPr {language.run_attributes()}/><a:t>{number}</a:t></a:fld>'))


@dataclass(frozen=True)
class FooterPlace:
    """Where a footer placeholder is moved to (points) and how its text is aligned, when
    the layout's own place does not suit (a right-to-left deck mirrors the footer row)."""

    x: float
    y: float
    width: float
    height: float
    align: str


def add_footer_placeholder(slide, ph_type: str, idx: int, text: str | None, bold: bool = False,
                           number: int | None = None,
                           language: TextLanguage = TextLanguage(),
                           place: FooterPlace | None = None) -> None:
    """Add the slide's own copy of a layout's date/footer/slide-number placeholder.

    Written directly (rather than with `clone_placeholder`) because python-pptx's shape
    naming walks the whole tree for every shape, which dominated deck build time.
    """
    tree = slide.shapes._spTree
    shape_id = max((int(i) for i in tree.xpath("//p:cNvPr/@id")), default=1) + 1
    if number is not None:
        body = (f'<a:fld id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" type="slidenum">'
                f'<a:rPr {language.run_attributes()}/><a:t>{number}</a:t></a:fld>')
    else:
        weight = ' b="1"' if bold else ""
        # The theme's body font named on the run: LibreOffice otherwise sets a footer in serif.
        body = (f'<a:r><a:rPr {language.run_attributes()}{weight}><a:latin typeface="+mn-lt"/>'
                f'{language.fonts_xml()}</a:rPr><a:t>{escape(text or "")}</a:t></a:r>')
    sp_pr, p_pr = "<p:spPr/>", ""
    if place is not None:
        emu = [round(v * 12700) for v in (place.x, place.y, place.width, place.height)]
        sp_pr = (f'<p:spPr><a:xfrm><a:off x="{emu[0]}" y="{emu[1]}"/>'
                 f'<a:ext cx="{emu[2]}" cy="{emu[3]}"/></a:xfrm></p:spPr>')
        rtl = ' rtl="1"' if language.rtl else ""
        p_pr = f'<a:pPr algn="{place.align}"{rtl}/>'
    tree.append(parse_xml(
        f'<p:sp xmlns:a="{_A}" xmlns:p="{_P}"><p:nvSpPr><p:cNvPr id="{shape_id}" '
        f'name="{ph_type} {shape_id}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>'
        f'<p:ph type="{ph_type}" idx="{idx}"/></p:nvPr></p:nvSpPr>{sp_pr}<p:txBody>'
        f'<a:bodyPr/><a:lstStyle/><a:p>{p_pr}{body}</a:p></p:txBody></p:sp>'))


def mirror_decorations(prs) -> None:
    """Reflect the master's and layouts' own shapes (rules, bars, logos; not placeholders)
    left to right, so a right-to-left deck's title rule starts under the title's first word."""
    width = prs.slide_width
    for holder in (prs.slide_master, *prs.slide_layouts):
        for shape in holder.shapes:
            if not shape.is_placeholder and shape.width is not None:
                shape.left = width - shape.left - shape.width


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
