"""SCORM 1.2 packages: one zip per module and one for the course, each module a SCO page."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from coursegen.export.xml_text import xml_document
from coursegen.export.zip_entries import stamp
from coursegen.i18n.ui import course_language
from coursegen.model import Course, Module
from coursegen.render.quiz_payload import module_quiz
from coursegen.render.site import (
    SITE_ASSETS,
    LessonContext,
    citation_links,
    module_references,
    quiz_view,
)
from coursegen.render.visual_filters import visual_filters
from coursegen.text import plain_text
from coursegen.theme import BUILTIN_TEMPLATES, find_template_file, render_template
from coursegen.translation.default_words import with_default_words

CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = (f"{CP} imscp_rootv1p1p2.xsd "
                   "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
                   f"{ADLCP} adlcp_rootv1p2.xsd")
SCHEMAS = BUILTIN_TEMPLATES / "scorm" / "schemas"
"""ADL's control files, which the manifest's schemaLocation names and a package must carry at
its root (the ADL conformance test suite checks them); not themeable."""
ASSETS = (*SITE_ASSETS[:4], "scorm/scorm12.js")
"""Theme files every package carries in `assets/`: stylesheet, scorer, paper drawing, quiz form,
SCORM runtime."""

ET.register_namespace("adlcp", ADLCP)
ET.register_namespace("xsi", XSI)


def sco_page(course: Course, module: Module) -> tuple[str, dict[str, str]]:
    """The module's launch page (lessons, quiz, glossary, references) and the images it uses."""
    course = with_default_words(course)
    module = course.module(module.id)
    references = module_references(course, module)
    contexts = {lesson.id: LessonContext(course, module, references, prefix=f"{lesson.id}-")
                for lesson in module.lessons}
    quiz = quiz_view(f"quiz-{module.id}", module.id, module_quiz(course, module),
                     course_language(course)) \
        if module.bank else None
    html = render_template(
        course.root, "scorm/module.html", jinja_filters=visual_filters(course_language(course)),
        language=course_language(course), course=course,
        module=module, references=references, contexts=contexts, quiz=quiz,
        citations=citation_links(course, references, ""))
    images = {name: src for ctx in contexts.values() for name, src in ctx.images.items()}
    return html, images


TIME_LIMIT_ACTION = "exit,message"
"""At the time limit the page says so, submits the answers and ends the attempt."""


def max_time_allowed(minutes: int) -> str:
    """A time limit in minutes as SCORM 1.2's CMITimespan (HHHH:MM:SS)."""
    return f"{minutes // 60:04d}:{minutes % 60:02d}:00"


def _mastery(course: Course, module: Module) -> str | None:
    if not module.bank:
        return None
    mark = course.pass_mark(module)
    return f"{mark:g}"


def manifest(course: Course, modules: list[Module], title: str, ident: str,
             files: dict[str, list[str]]) -> str:
    """The imsmanifest.xml: one organization, an item and a SCO resource per module."""
    cp = lambda tag: f"{{{CP}}}{tag}"  # noqa: E731 - a local shorthand for namespaced names
    root = ET.Element(cp("manifest"), {"identifier": ident, "version": course.info.version,
                                       f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION})
    metadata = ET.SubElement(root, cp("metadata"))
    ET.SubElement(metadata, cp("schema")).text = "ADL SCORM"
    ET.SubElement(metadata, cp("schemaversion")).text = "1.2"
    organizations = ET.SubElement(root, cp("organizations"), {"default": "ORG-1"})
    organization = ET.SubElement(organizations, cp("organization"), {"identifier": "ORG-1"})
    ET.SubElement(organization, cp("title")).text = plain_text(title)
    resources = ET.SubElement(root, cp("resources"))
    for module in modules:
        item = ET.SubElement(organization, cp("item"), {
            "identifier": f"ITEM-{module.id}", "identifierref": f"SCO-{module.id}",
            "isvisible": "true"})
        ET.SubElement(item, cp("title")).text = plain_text(module.title)
        limit = module.bank.settings.time_limit if module.bank else None
        if limit:
            # SCORM 1.2 names: the LMS hands them to the page as cmi.student_data.*; the page
            # also keeps the bank's limit itself, for an LMS that does not.
            ET.SubElement(item, f"{{{ADLCP}}}maxtimeallowed").text = max_time_allowed(limit)
            ET.SubElement(item, f"{{{ADLCP}}}timelimitaction").text = TIME_LIMIT_ACTION
        mastery = _mastery(course, module)
        if mastery is not None:
            ET.SubElement(item, f"{{{ADLCP}}}masteryscore").text = mastery
        resource = ET.SubElement(resources, cp("resource"), {
            "identifier": f"SCO-{module.id}", "type": "webcontent",
            f"{{{ADLCP}}}scormtype": "sco", "href": f"{module.id}/index.html"})
        for href in [f"{module.id}/index.html", *files[module.id]]:
            ET.SubElement(resource, cp("file"), {"href": href})
        ET.SubElement(resource, cp("dependency"), {"identifierref": "ASSETS"})
    assets = ET.SubElement(resources, cp("resource"), {
        "identifier": "ASSETS", "type": "webcontent", f"{{{ADLCP}}}scormtype": "asset"})
    for name in ASSETS:
        ET.SubElement(assets, cp("file"), {"href": f"assets/{Path(name).name}"})
    return xml_document(root, CP)


def scorm_package(course: Course, modules: list[Module], title: str, ident: str) -> bytes:
    """A SCORM 1.2 zip holding the given modules, each as one SCO."""
    entries: dict[str, bytes] = {}
    files: dict[str, list[str]] = {}
    for module in modules:
        html, images = sco_page(course, module)
        entries[f"{module.id}/index.html"] = html.encode("utf-8")
        files[module.id] = []
        for name, src in images.items():
            entries[f"{module.id}/{name}"] = (course.root / src).read_bytes()
            files[module.id].append(f"{module.id}/{name}")
    for name in ASSETS:
        entries[f"assets/{Path(name).name}"] = find_template_file(course.root, name).read_bytes()
    for schema in sorted(SCHEMAS.glob("*.xsd")):
        entries[schema.name] = schema.read_bytes()
    entries["imsmanifest.xml"] = manifest(course, modules, title, ident, files).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name in ["imsmanifest.xml", *sorted(k for k in entries if k != "imsmanifest.xml")]:
            package.writestr(stamp(name), entries[name])
    return buffer.getvalue()


def module_package(course: Course, module: Module) -> bytes:
    """The SCORM 1.2 package of one module."""
    return scorm_package(course, [module], module.title, f"MANIFEST-{course.info.id}-{module.id}")


def course_package(course: Course, modules: list[Module]) -> bytes:
    """The SCORM 1.2 package of the whole course: one SCO per module, in teaching order."""
    return scorm_package(course, modules, course.title, f"MANIFEST-{course.info.id}")
