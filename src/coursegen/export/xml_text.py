"""Serialising ElementTree documents with one default namespace (QTI, IMS content packages)."""

from __future__ import annotations

import xml.etree.ElementTree as ET


def xml_document(root: ET.Element, default_namespace: str) -> str:
    """The element as an indented UTF-8 XML document whose unprefixed names are in the namespace."""
    # ElementTree's `default_namespace=` refuses unprefixed attributes, so bind the empty prefix
    # instead; it is global, hence bound again right before every serialisation.
    ET.register_namespace("", default_namespace)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
