"""Generates the built-in deck template, `templates/deck.pptx`, from python-pptx's default.

Run it after changing `templates/theme.yml` or `deck_geometry.py`:

    .venv/bin/python -m coursegen.render.deck_template

It makes the default template 16:9, sets the theme's colours and fonts, restyles the
master (titles, bullets, footer row, an accent rule under the title) and rebuilds the
layouts under the names the deck renderer looks for (`deck_geometry.LAYOUT_ROLES`),
placing each placeholder where `deck_geometry.BUILT_IN` says. Only this script and
`deck.py` import python-pptx.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.oxml import parse_xml

from coursegen.render.deck_geometry import (
    BUILT_IN,
    BULLET_INDENT,
    FOOTER_BOXES,
    LAYOUT_ROLES,
    SLIDE_HEIGHT,
    SLIDE_WIDTH,
    Box,
)
from coursegen.render.deck_theme import DeckTheme, load_theme
from coursegen.theme import BUILTIN_TEMPLATES

NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"

LAYOUT_TYPES = {"Title": "title", "Section": "secHead", "Content": "obj",
                "Two Content": "twoTxTwoObj", "Picture": "picTx", "Case": "twoObj"}
"""PowerPoint's layout type for each built-in layout (the others are custom)."""
DARK_LAYOUTS = {"Title"}
"""Layouts on the primary colour: the cover only, so it stands apart from the section slides."""
OPENING_LAYOUTS = {"Title", "Section"}
"""Layouts with the accent bar beside a large title, and without the master's title rule."""


def emu(points: float) -> int:
    """Points → EMU."""
    return round(points * 12700)


def _xfrm(box: Box) -> str:
    return (f'<a:xfrm><a:off x="{emu(box.x)}" y="{emu(box.y)}"/>'
            f'<a:ext cx="{emu(box.width)}" cy="{emu(box.height)}"/></a:xfrm>')


def _fill(colour: str) -> str:
    if colour.startswith("scheme:"):
        return f'<a:solidFill><a:schemeClr val="{colour[7:]}"/></a:solidFill>'
    return f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'


def _run_props(size: float | None, bold: bool, italic: bool, colour: str | None,
               extra: str = "", tag: str = "a:defRPr") -> str:
    attrs = (f' sz="{int(size * 100)}"' if size else "") + (' b="1"' if bold else "") + \
        (' i="1"' if italic else "")
    return f'<{tag}{attrs}>{_fill(colour) if colour else ""}{extra}</{tag}>'


def _placeholder(shape_id: int, name: str, ph: str, box: Box, *, size: float | None = None,
                 bold: bool = False, italic: bool = False, colour: str | None = None,
                 align: str | None = None, anchor: str = "t", bullets: bool = False,
                 fill: str | None = None, prompt: str = "Click to add text") -> str:
    """A layout placeholder `<p:sp>` (ph is the `<p:ph>` attributes)."""
    level = "" if bullets else '<a:buNone/>'
    margin = "" if bullets else ' marL="0" indent="0"'
    algn = f' algn="{align}"' if align else ""
    face = _font("+mj-lt" if 'itle"' in ph else "+mn-lt")  # footers too, or they fall back to serif
    lst = (f'<a:lstStyle><a:lvl1pPr{margin}{algn}>{level}'
           f'{_run_props(size, bold, italic, colour, extra=face)}</a:lvl1pPr></a:lstStyle>')
    sp_fill = _fill(fill) if fill else ""
    inset = ' lIns="144000" rIns="144000" tIns="108000" bIns="108000"' if fill else ""
    return (f'<p:sp {NS}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr>'
            f'<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph {ph}/></p:nvPr></p:nvSpPr>'
            f'<p:spPr>{_xfrm(box)}{sp_fill}</p:spPr><p:txBody><a:bodyPr anchor="{anchor}"{inset}>'
            f'<a:noAutofit/></a:bodyPr>{lst}<a:p>{_prompt_run(ph, prompt)}</a:p></p:txBody></p:sp>')


def _prompt_run(ph: str, prompt: str) -> str:
    """The placeholder's sample text; a slide-number placeholder holds the number field."""
    if 'type="sldNum"' in ph:
        return ('<a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum">'
                '<a:rPr lang="en-GB"/><a:t>‹#›</a:t></a:fld>')
    return f'<a:r><a:rPr lang="en-GB"/><a:t>{prompt}</a:t></a:r>'


def _rectangle(shape_id: int, name: str, box: Box, colour: str) -> str:
    return (f'<p:sp {NS}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr/><p:nvPr/>'
            f'</p:nvSpPr><p:spPr>{_xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
            f'{_fill(colour)}<a:ln><a:noFill/></a:ln></p:spPr></p:sp>')


def _apply_theme(prs, theme: DeckTheme) -> None:
    """Colours and fonts into theme1.xml's colour and font schemes."""
    master = prs.slide_master
    theme_part = master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme")
    root = etree.fromstring(theme_part.blob)
    scheme = {"dk1": "text", "lt1": "on_dark", "dk2": "primary", "lt2": "light",
              "accent1": "primary", "accent2": "accent", "accent3": "muted", "accent4": "link",
              "accent5": "primary", "accent6": "accent", "hlink": "link", "folHlink": "muted"}
    colours = root.find(f".//{A}clrScheme")
    colours.set("name", "coursegen")
    for slot, key in scheme.items():
        element = colours.find(f"{A}{slot}")
        for child in list(element):
            element.remove(child)
        etree.SubElement(element, f"{A}srgbClr", val=theme.colour(key))
    fonts = root.find(f".//{A}fontScheme")
    fonts.set("name", "coursegen")
    for which, key in (("majorFont", "heading"), ("minorFont", "body")):
        fonts.find(f"{A}{which}/{A}latin").set("typeface", theme.fonts[key])
    theme_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                      standalone=True)


def _style_master(prs, theme: DeckTheme) -> None:
    """Master placeholders where the geometry says, text styles, and the accent rule."""
    master = prs.slide_master
    boxes = {"title": BUILT_IN["Content"].title, "body": BUILT_IN["Content"].bodies[0],
             "dt": FOOTER_BOXES["marking"], "ftr": FOOTER_BOXES["footer"],
             "sldNum": FOOTER_BOXES["number"]}
    for shape in master.placeholders:
        kind = shape.element.ph_type
        key = {1: "title", 2: "body", 16: "dt", 15: "ftr", 13: "sldNum"}.get(int(kind))
        if key:
            shape.left, shape.top = emu(boxes[key].x), emu(boxes[key].y)
            shape.width, shape.height = emu(boxes[key].width), emu(boxes[key].height)
        if key in {"dt", "ftr", "sldNum"}:
            # LibreOffice styles slide footers from the master's placeholders, not the layout's.
            body = shape.text_frame._txBody
            align = {"dt": "l", "ftr": "ctr", "sldNum": "r"}[key]
            style = parse_xml(f'<a:lstStyle {NS}><a:lvl1pPr algn="{align}">'
                              f'{_run_props(10, False, False, "scheme:accent3", _font("+mn-lt"))}'
                              f'</a:lvl1pPr></a:lstStyle>')
            body.replace(body.find(f"{A}lstStyle"), style)
        if key == "title":
            shape.text_frame._bodyPr.set("anchor", "b")
    rule = _rectangle(90, "Title rule", Box(44 + 7.2, 105, 56, 4), "scheme:accent2")
    master.shapes._spTree.append(parse_xml(rule))
    styles = master.element.find(f"{P}txStyles")
    title = (f'<p:titleStyle {NS}><a:lvl1pPr algn="l" defTabSz="914400"><a:lnSpc>'
             f'<a:spcPct val="90000"/></a:lnSpc><a:spcBef><a:spcPct val="0"/></a:spcBef>'
             f'<a:buNone/>'
             f'{_run_props(theme.size("title"), True, False, "scheme:tx2", _font("+mj-lt"))}'
             f'</a:lvl1pPr></p:titleStyle>')
    levels = []
    for level in range(9):
        indent = BULLET_INDENT[min(level, 3)]
        size = max(theme.size("body") - level * theme.size("level_step"), 14)
        char, colour = ("•", "accent2") if level % 2 == 0 else ("–", "accent3")
        levels.append(
            f'<a:lvl{level + 1}pPr marL="{emu(indent)}" indent="{-emu(18)}" algn="l">'
            f'<a:spcBef><a:spcPts val="600"/></a:spcBef>'
            f'<a:buClr><a:schemeClr val="{colour}"/></a:buClr>'
            f'<a:buFont typeface="Arial"/><a:buChar char="{char}"/>'
            f'{_run_props(size, False, False, "scheme:tx1", _font("+mn-lt"))}'
            f'</a:lvl{level + 1}pPr>')
    body = f'<p:bodyStyle {NS}>{"".join(levels)}</p:bodyStyle>'
    styles.replace(styles.find(f"{P}titleStyle"), parse_xml(title))
    styles.replace(styles.find(f"{P}bodyStyle"), parse_xml(body))


def _font(typeface: str) -> str:
    return f'<a:latin typeface="{typeface}"/>'


def _layout_shapes(name: str, theme: DeckTheme) -> list[str]:
    """The placeholders (and decorations) of one built-in layout."""
    boxes = BUILT_IN[name]
    dark = name in DARK_LAYOUTS
    shapes = []
    if name in OPENING_LAYOUTS:
        bar = Box(44, boxes.title.y + 40, 6, boxes.title.height - 36)
        shapes.append(_rectangle(20, "Accent bar", bar, "scheme:accent2"))
        title_type = "ctrTitle" if name == "Title" else "title"
        size = theme.size("cover_title" if name == "Title" else "section_title")
        shapes.append(_placeholder(2, "Title", f'type="{title_type}"', boxes.title, size=size,
                                   bold=True, colour="scheme:bg1" if dark else "scheme:tx2",
                                   anchor="b", prompt="Click to add title"))
    else:
        shapes.append(_placeholder(2, "Title", 'type="title"', boxes.title, anchor="b",
                                   prompt="Click to add title"))
    for index, (role, box) in enumerate(zip(LAYOUT_ROLES[name], boxes.bodies, strict=True)):
        shape_id, label = 3 + index, role.replace("_", " ").capitalize()
        options: dict = {"prompt": f"{label} text"}
        ph = f'type="body" idx="{index + 1}"'
        if role in {"body", "left", "right", "options"}:
            ph = f'idx="{index + 1}"'
            options["bullets"] = True
        if role == "subtitle":
            ph = (f'type="subTitle" idx="{index + 1}"' if name == "Title"
                  else f'type="body" idx="{index + 1}"')
            options.update(size=theme.size("subtitle"),
                           colour=theme.colour("on_dark_muted") if dark else "scheme:accent3")
        elif role in {"left_heading", "right_heading"}:
            options.update(size=theme.size("body"), bold=True, colour="scheme:tx2", anchor="b")
        elif role == "figure":
            options.update(size=theme.size("figure"), bold=True, colour="scheme:accent2",
                           anchor="b")
        elif role == "label":
            options.update(size=theme.size("label"), colour="scheme:tx1")
        elif role in {"context", "caption"}:
            options.update(size=theme.size("small") + 4, colour="scheme:accent3")
        elif role == "quote":
            options.update(size=theme.size("quote"), italic=True, colour="scheme:tx2",
                           anchor="ctr")
        elif role == "attribution":
            options.update(size=theme.size("small") + 4, colour="scheme:accent3", align="r")
        elif role == "picture":
            ph = f'type="pic" idx="{index + 1}"'
            options["prompt"] = "Picture"
        elif role == "stem":
            options.update(size=theme.size("body"), bold=True, colour="scheme:tx2", anchor="b")
        elif role == "right" and name == "Case":
            options.update(fill=theme.colour("light"), bullets=True)
        shapes.append(_placeholder(shape_id, f"{label} Placeholder {shape_id}", ph, box,
                                   **options))
    footer_colour = theme.colour("on_dark_muted") if dark else None
    for shape_id, (key, ph) in enumerate((("marking", 'type="dt" sz="half" idx="10"'),
                                          ("footer", 'type="ftr" sz="quarter" idx="11"'),
                                          ("number", 'type="sldNum" sz="quarter" idx="12"')),
                                         start=10):
        align = {"marking": "l", "footer": "ctr", "number": "r"}[key]
        shapes.append(_placeholder(shape_id, f"{key.capitalize()} Placeholder", ph,
                                   FOOTER_BOXES[key], size=10, colour=footer_colour,
                                   align=align, anchor="ctr", prompt=""))
    return shapes


def _rebuild_layout(layout, name: str, theme: DeckTheme) -> None:
    element = layout.element
    element.cSld.set("name", name)
    layout_type = LAYOUT_TYPES.get(name, "cust")
    element.set("type", layout_type)
    element.set("preserve", "1")
    if layout_type == "cust":
        element.set("userDrawn", "1")
    if name in OPENING_LAYOUTS:
        element.set("showMasterSp", "0")
    if name in DARK_LAYOUTS:
        background = parse_xml(f'<p:bg {NS}><p:bgPr><a:solidFill><a:schemeClr val="tx2"/>'
                               f'</a:solidFill><a:effectLst/></p:bgPr></p:bg>')
        existing = element.cSld.find(f"{P}bg")
        if existing is not None:
            element.cSld.remove(existing)
        element.cSld.insert(0, background)
    elif name not in OPENING_LAYOUTS:
        element.attrib.pop("showMasterSp", None)
    tree = element.cSld.spTree
    for shape in list(tree)[2:]:  # keep nvGrpSpPr and grpSpPr
        tree.remove(shape)
    for xml in _layout_shapes(name, theme):
        tree.append(parse_xml(xml))


def build_template(theme: DeckTheme):
    """A Presentation holding the built-in master and its ten named layouts (no slides)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = emu(SLIDE_WIDTH), emu(SLIDE_HEIGHT)
    _apply_theme(prs, theme)
    _style_master(prs, theme)
    layouts = list(prs.slide_layouts)
    for layout, name in zip(layouts, LAYOUT_ROLES, strict=False):
        _rebuild_layout(layout, name, theme)
    for layout in layouts[len(LAYOUT_ROLES):]:
        prs.slide_layouts.remove(layout)
    prs.core_properties.title = "coursegen deck template"
    prs.core_properties.author = "coursegen"
    return prs


def main(target: Path = BUILTIN_TEMPLATES / "deck.pptx") -> None:
    """Write the built-in template (atomically) from the built-in theme."""
    from coursegen.output import atomic_path

    with atomic_path(target) as temporary:
        build_template(load_theme()).save(str(temporary))
        temporary.chmod(0o644)  # a package file: readable by everyone, like the others
    print(f"wrote {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else BUILTIN_TEMPLATES / "deck.pptx")
