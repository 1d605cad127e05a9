"""Fixtures for the export tests: the starter course built once into lms/ per module."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from coursegen.export.lms import lms_exports
from coursegen.load import load_checked
from coursegen.render.options import RenderOptions
from coursegen.scaffold import create_course


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory):
    """The starter course, loaded and checked."""
    root = tmp_path_factory.mktemp("course") / "c"
    create_course(root)
    return load_checked(root)[0]


@pytest.fixture(scope="module")
def lms(course, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:
    """The starter course's lms/ folder and the export warnings."""
    out = tmp_path_factory.mktemp("build")
    _written, warnings = lms_exports(course, out, RenderOptions())
    return out / "lms", warnings


SCHEMAS = Path(__file__).resolve().parents[3] / "shared" / "schemas"
"""The official XSDs, kept beside the repository (never fetched from the network)."""


class _LocalXmlNamespaceSchema(etree.Resolver):
    """ADL's ims_xml.xsd declares the xml namespace as its default, which libxml2 rejects;
    the W3C's own xml.xsd (shipped with the QTI schemas) defines the same xml:lang/xml:base."""

    def resolve(self, url, pubid, context):
        if url.endswith("ims_xml.xsd"):
            return self.resolve_filename(str(SCHEMAS / "qti21" / "w3" / "xml.xsd"), context)
        return None


@pytest.fixture(scope="module")
def scorm12_schema() -> etree.XMLSchema:
    """The IMS CP 1.1.2 + ADL CP 1.2 schemas (IMS metadata left out: our manifests have none and
    libxml2 rejects that schema's non-deterministic content models)."""
    folder = SCHEMAS / "scorm12"
    if not folder.is_dir():
        pytest.skip(f"the SCORM 1.2 schemas are not at {folder}")
    wrapper = f"""<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:x">
      <xsd:import namespace="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
                  schemaLocation="{(folder / 'imscp_rootv1p1p2.xsd').as_uri()}"/>
      <xsd:import namespace="http://www.adlnet.org/xsd/adlcp_rootv1p2"
                  schemaLocation="{(folder / 'adlcp_rootv1p2.xsd').as_uri()}"/>
    </xsd:schema>"""
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalXmlNamespaceSchema())
    return etree.XMLSchema(etree.fromstring(wrapper, parser, base_url=(folder / "w.xsd").as_uri()))


@pytest.fixture(scope="module")
def qti_schema() -> etree.XMLSchema:
    """The 1EdTech QTI 2.1 item schema, with the imports it names resolved to local files."""
    path = SCHEMAS / "qti21" / "qtiv2p1" / "imsqti_v2p1.xsd"
    if not path.is_file():
        pytest.skip(f"the QTI 2.1 schema is not at {path}")
    return etree.XMLSchema(etree.parse(str(path), etree.XMLParser(no_network=True)))


@pytest.fixture(scope="module")
def content_package_schema() -> etree.XMLSchema:
    """IMS Content Packaging 1.1 (the namespace of a QTI 2.1 package manifest)."""
    path = SCHEMAS / "scorm2004" / "imscp_v1p1.xsd"
    if not path.is_file():
        pytest.skip(f"the IMS CP 1.1 schema is not at {path}")
    return etree.XMLSchema(etree.parse(str(path), etree.XMLParser(no_network=True)))


def assert_valid(schema: etree.XMLSchema, xml: bytes, name: str) -> None:
    """Fail with every schema error, by line, if `xml` does not validate."""
    document = etree.fromstring(xml)
    assert schema.validate(document), f"{name}: " + "; ".join(
        f"line {e.line}: {e.message}" for e in schema.error_log)
