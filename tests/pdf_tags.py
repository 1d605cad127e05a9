"""What makes a PDF tagged for assistive technology, read with pypdf as a reader would."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader


def tagging_problems(pdf: Path) -> list[str]:
    """Why `pdf` is not a tagged PDF/UA document ([] when it is)."""
    reader = PdfReader(pdf)
    root = reader.trailer["/Root"]
    problems = []
    if "/StructTreeRoot" not in root:
        problems.append("no structure tree")
    if root.get("/MarkInfo", {}).get("/Marked") not in (True, "true"):
        problems.append("no /MarkInfo /Marked true")
    if not root.get("/Lang"):
        problems.append("no document language")
    if not reader.metadata or not reader.metadata.title:
        problems.append("no title")
    xmp = reader.xmp_metadata
    if xmp is None or "pdfuaid" not in xmp.rdf_root.toxml():
        problems.append("no PDF/UA identifier")
    return problems
