"""LMS zips carry the control files their manifests name, readable by any web-server user."""

from __future__ import annotations

import stat
import zipfile

from lxml import etree

from tests.export.conftest import SCHEMAS

XSI = "{http://www.w3.org/2001/XMLSchema-instance}"


def test_every_scorm_package_carries_the_xsd_files_its_manifest_names(lms) -> None:
    folder, _ = lms
    for package in sorted(folder.glob("*-scorm12.zip")):
        with zipfile.ZipFile(package) as archive:
            manifest = etree.fromstring(archive.read("imsmanifest.xml"))
            named = manifest.get(f"{XSI}schemaLocation").split()[1::2]
            assert named == ["imscp_rootv1p1p2.xsd", "imsmd_rootv1p2p1.xsd", "adlcp_rootv1p2.xsd"]
            # ims_xml.xsd is imported by the IMS schemas, so it travels with them.
            for name in [*named, "ims_xml.xsd"]:
                assert archive.read(name) == (SCHEMAS / "scorm12" / name).read_bytes(), name


def test_every_entry_of_every_lms_zip_is_readable_by_all(lms) -> None:
    folder, _ = lms
    packages = sorted(folder.glob("*.zip"))
    assert len(packages) == 3  # module SCORM, course SCORM, module QTI
    for package in packages:
        with zipfile.ZipFile(package) as archive:
            for entry in archive.infolist():
                mode = entry.external_attr >> 16
                assert stat.S_ISREG(mode), f"{package.name}:{entry.filename} is not a file"
                assert stat.S_IMODE(mode) == 0o644, \
                    f"{package.name}:{entry.filename} has mode {stat.S_IMODE(mode):o}"
