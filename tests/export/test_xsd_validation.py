"""Every SCORM manifest and QTI file validates against the official schemas (local copies only)."""

from __future__ import annotations

import zipfile

from lxml import etree

from tests.export.conftest import assert_valid


def test_every_scorm_manifest_validates(lms, scorm12_schema) -> None:
    folder, _ = lms
    packages = sorted(folder.glob("*-scorm12.zip"))
    assert [p.name for p in packages] == ["getting-started-scorm12.zip", "my-course-scorm12.zip"]
    for package in packages:
        with zipfile.ZipFile(package) as archive:
            assert_valid(scorm12_schema, archive.read("imsmanifest.xml"), package.name)


def test_every_file_a_scorm_manifest_lists_is_in_the_package(lms) -> None:
    folder, _ = lms
    for package in folder.glob("*-scorm12.zip"):
        with zipfile.ZipFile(package) as archive:
            manifest = etree.fromstring(archive.read("imsmanifest.xml"))
            listed = {f.get("href") for f in manifest.iter("{*}file")}
            assert listed <= set(archive.namelist())
            launch = [r.get("href") for r in manifest.iter("{*}resource") if r.get("href")]
            assert launch and all(href in archive.namelist() for href in launch)


def test_a_module_package_carries_the_bank_pass_mark_as_mastery_score(lms) -> None:
    folder, _ = lms
    with zipfile.ZipFile(folder / "getting-started-scorm12.zip") as archive:
        manifest = etree.fromstring(archive.read("imsmanifest.xml"))
    mastery = manifest.find(".//{http://www.adlnet.org/xsd/adlcp_rootv1p2}masteryscore")
    assert mastery.text == "70"


def test_every_qti_item_and_the_manifest_validate(lms, qti_schema, content_package_schema) -> None:
    folder, _ = lms
    with zipfile.ZipFile(folder / "getting-started-qti21.zip") as archive:
        names = archive.namelist()
        items = [n for n in names if n.startswith("items/")]
        assert len(items) == 7  # one item per question, every type included
        for name in items:
            assert_valid(qti_schema, archive.read(name), name)
        assert_valid(content_package_schema, archive.read("imsmanifest.xml"), "imsmanifest.xml")
        manifest = etree.fromstring(archive.read("imsmanifest.xml"))
        resources = {r.get("href"): r.get("type") for r in manifest.iter("{*}resource")}
        assert sorted(h for h, t in resources.items() if t == "imsqti_item_xmlv2p1") == \
            sorted(items)


def test_the_qti_package_ships_valid_assessment_tests_its_manifest_names(
        lms, qti_schema) -> None:
    folder, _ = lms
    with zipfile.ZipFile(folder / "getting-started-qti21.zip") as archive:
        manifest = etree.fromstring(archive.read("imsmanifest.xml"))
        tests = {r.get("href"): r for r in manifest.iter("{*}resource")
                 if r.get("type") == "imsqti_test_xmlv2p1"}
        assert sorted(tests) == ["assessment-test.xml", "post-test.xml", "pre-test.xml"]
        ids = {r.get("identifier"): r.get("href") for r in manifest.iter("{*}resource")}
        for href, resource in tests.items():
            xml = archive.read(href)
            assert_valid(qti_schema, xml, href)
            test = etree.fromstring(xml)
            referenced = [ref.get("href") for ref in test.iter("{*}assessmentItemRef")]
            assert all(name in archive.namelist() for name in referenced)
            # The manifest's dependencies are exactly the items the test references.
            assert [ids[d.get("identifierref")] for d in resource.iter("{*}dependency")] == \
                referenced
