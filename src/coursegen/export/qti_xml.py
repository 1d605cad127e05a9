"""The QTI 2.1 namespace and the one maker of its elements (items, tests, feedback)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

FORMAT = "QTI 2.1"
QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
SCHEMA_LOCATION = {f"{{{XSI}}}schemaLocation": f"{QTI} {QTI_XSD}"}
"""The attribute every QTI root element carries."""

ET.register_namespace("xsi", XSI)


def qti_element(parent: ET.Element | None, tag: str, attrs: dict[str, str] | None = None,
                text: str | None = None) -> ET.Element:
    """A QTI element `tag` (appended to `parent` unless None), with attributes and text."""
    name = f"{{{QTI}}}{tag}"
    element = ET.Element(name, attrs or {}) if parent is None else \
        ET.SubElement(parent, name, attrs or {})
    if text is not None:
        element.text = text
    return element


def qti_value(x: float) -> str:
    """A number as QTI writes it: the shortest round-trip form, so shares add back up exactly."""
    return repr(float(x)).removesuffix(".0")
