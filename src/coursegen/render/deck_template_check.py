"""An organisation's deck template checked when it is loaded, before any deck is written.

Every slide master and layout part is parsed on its own (so a broken one is named
with its line and column), then held to the parts of the PresentationML schema a
deck depends on: the layout's type, the shapes allowed in a shape tree and their
order, placeholder attributes, and positions and sizes. A deck made from a
template that breaks these is "at risk" in PowerPoint's own checker (it may offer
to repair the file), so such a template is refused with every problem located.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from coursegen.errors import Diagnostic, Location

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"

LAYOUT_TYPES = frozenset({
    "blank", "chart", "chartAndTx", "clipArtAndTx", "clipArtAndVertTx", "cust", "dgm",
    "fourObj", "mediaAndTx", "obj", "objAndTwoObj", "objAndTx", "objOnly", "objOverTx",
    "objTx", "picTx", "secHead", "tbl", "title", "titleOnly", "twoColTx", "twoObj",
    "twoObjAndObj", "twoObjAndTx", "twoObjOverTx", "twoTxTwoObj", "tx", "txAndChart",
    "txAndClipArt", "txAndMedia", "txAndObj", "txAndTwoObj", "txOverObj", "vertTitleAndTx",
    "vertTitleAndTxOverChart", "vertTx",
})
"""ST_SlideLayoutType."""
PLACEHOLDER_TYPES = frozenset({
    "title", "body", "ctrTitle", "subTitle", "dt", "sldNum", "ftr", "hdr", "obj", "chart",
    "tbl", "clipArt", "dgm", "media", "sldImg", "pic",
})
"""ST_PlaceholderType."""
TREE_CHILDREN = frozenset(f"{{{P}}}{name}" for name in (
    "nvGrpSpPr", "grpSpPr", "sp", "grpSp", "graphicFrame", "cxnSp", "pic", "contentPart",
    "extLst")) | {f"{{{MC}}}AlternateContent"}
"""What a shape tree (p:spTree, p:grpSp) may hold."""
SHAPE_ORDER = tuple(f"{{{P}}}{name}" for name in ("nvSpPr", "spPr", "style", "txBody", "extLst"))
"""The children of a shape (p:sp), in the order the schema requires."""
_PART = re.compile(r"^ppt/(slideLayouts/slideLayout|slideMasters/slideMaster)\d+\.xml$")


def check_template(data: bytes, where: Location) -> list[Diagnostic]:
    """Schema problems in a template's masters and layouts, each naming part:line:column."""
    problems: list[Diagnostic] = []
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return [_problem(where, "", 0, 0, "is not a .pptx file (not a zip archive)")]
    for name in sorted(n for n in archive.namelist() if _PART.match(n)):
        try:
            root = etree.fromstring(archive.read(name))
        except etree.XMLSyntaxError as error:
            line, column = error.position
            problems.append(_problem(where, name, line, column, f"not well-formed XML: "
                                                                 f"{error.msg}"))
            continue
        problems += [_problem(where, name, el.sourceline or 0, 0, message)
                     for el, message in _part_problems(root)]
    return problems


def _problem(where: Location, part: str, line: int, column: int, message: str) -> Diagnostic:
    place = f"{part}:{line}:{column}: " if part else ""
    return Diagnostic(where, f"deck template {place}{message}; fix the template in PowerPoint "
                             "(or save it again) and build again", code="deck-template-invalid")


def _part_problems(root) -> list[tuple[object, str]]:
    found = []
    if root.tag == f"{{{P}}}sldLayout":
        kind = root.get("type")
        if kind is not None and kind not in LAYOUT_TYPES:
            found.append((root, f"layout type '{kind}' is not a PowerPoint layout type"))
    trees = root.findall(f"{{{P}}}cSld/{{{P}}}spTree")
    if len(trees) != 1:
        found.append((root, "a slide master or layout needs exactly one p:cSld/p:spTree"))
    for tree in root.iter(f"{{{P}}}spTree", f"{{{P}}}grpSp"):
        for child in tree:
            if isinstance(child.tag, str) and child.tag not in TREE_CHILDREN:
                found.append((child, f"'{etree.QName(child).localname}' is not allowed in "
                                     "a shape tree"))
    for shape in root.iter(f"{{{P}}}sp"):
        tags = [c.tag for c in shape if isinstance(c.tag, str)]
        unknown = [t for t in tags if t not in SHAPE_ORDER]
        if unknown:
            found.append((shape, f"'{etree.QName(unknown[0]).localname}' is not allowed in "
                                 "a shape (p:sp)"))
        elif tags != sorted(tags, key=SHAPE_ORDER.index) or tags[:2] != list(SHAPE_ORDER[:2]):
            found.append((shape, "a shape's parts must come in the order nvSpPr, spPr, "
                                 "style, txBody"))
    for ph in root.iter(f"{{{P}}}ph"):
        found += _placeholder_problems(ph)
    for element in root.iter(f"{{{A}}}off", f"{{{A}}}ext", f"{{{A}}}chOff", f"{{{A}}}chExt"):
        found += _geometry_problems(element)
    return found


def _placeholder_problems(ph) -> list[tuple[object, str]]:
    found = []
    kind, idx = ph.get("type"), ph.get("idx")
    if kind is not None and kind not in PLACEHOLDER_TYPES:
        found.append((ph, f"placeholder type '{kind}' is not a PowerPoint placeholder type"))
    if idx is not None and not idx.isdigit():
        found.append((ph, f"placeholder idx '{idx}' must be a whole number"))
    if ph.get("sz") not in (None, "full", "half", "quarter"):
        found.append((ph, f"placeholder sz '{ph.get('sz')}' must be full, half or quarter"))
    if ph.get("orient") not in (None, "horz", "vert"):
        found.append((ph, f"placeholder orient '{ph.get('orient')}' must be horz or vert"))
    return found


def _geometry_problems(element) -> list[tuple[object, str]]:
    local = etree.QName(element).localname
    names = ("x", "y") if local in {"off", "chOff"} else ("cx", "cy")
    found = []
    for name in names:
        value = element.get(name)
        if value is None or not re.fullmatch(r"-?\d+", value):
            found.append((element, f"a:{local} needs a whole-number {name} (got {value!r})"))
        elif names[0] == "cx" and int(value) < 0:
            found.append((element, f"a:{local} {name} may not be negative (got {value})"))
    return found
