"""The `lms` build target: SCORM 1.2 packages and quiz exports for every selected module."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from coursegen.errors import Diagnostic
from coursegen.model import Course, Module
from coursegen.output import RenderedFiles, write_bytes, write_text
from coursegen.render.options import RenderOptions

FORMATS = ("scorm12", "gift", "moodle-xml", "qti21")
"""What `coursegen export FORMAT MODULE` accepts."""


def file_name(fmt: str, module: Module) -> str:
    """The file a format writes for a module under `lms/`."""
    return {
        "scorm12": f"{module.id}-scorm12.zip",
        "gift": f"{module.id}.gift",
        "moodle-xml": f"{module.id}.moodle.xml",
        "qti21": f"{module.id}-qti21.zip",
    }[fmt]


def export_module(course: Course, module: Module, fmt: str,
                  folder: Path) -> tuple[Path | None, list[Diagnostic]]:
    """Write one format for one module into `folder`; returns the file (None if the module has
    no questions to export) and the warnings for what the format could not express."""
    if fmt == "scorm12":
        from coursegen.export.scorm import module_package

        return write_bytes(folder / file_name(fmt, module), module_package(course, module)), []
    if module.bank is None:
        return None, []
    exporter: Callable[[Course, Module], tuple[str | bytes, list[Diagnostic]]]
    if fmt == "gift":
        from coursegen.export.gift import export_gift as exporter
    elif fmt == "moodle-xml":
        from coursegen.export.moodle_xml import export_moodle_xml as exporter
    else:
        from coursegen.export.qti import export_qti as exporter
    content, warnings = exporter(course, module)
    target = folder / file_name(fmt, module)
    if isinstance(content, str):
        return write_text(target, content), warnings
    return write_bytes(target, content), warnings


def lms_exports(course: Course, out_dir: Path,
                options: RenderOptions) -> tuple[list[Path], list[Diagnostic]]:
    """Write every LMS file into `out_dir/lms/`; returns the files and the export warnings."""
    from coursegen.export.scorm import course_package

    folder = Path(out_dir) / "lms"
    modules = [m for m in course.modules if options.selects(m.id)]
    written: list[Path] = []
    warnings: list[Diagnostic] = []
    for module in modules:
        for fmt in FORMATS:
            path, found = export_module(course, module, fmt, folder)
            written += [path] if path else []
            warnings += found
    if options.course_outputs:  # the course package always holds every module
        package = course_package(course, list(course.modules))
        written.append(write_bytes(folder / f"{course.info.id}-scorm12.zip", package))
    return written, warnings


def render_lms(course: Course, out_dir: Path, options: RenderOptions) -> RenderedFiles:
    """The `lms` build target: the files, with what each format could not express."""
    written, warnings = lms_exports(course, out_dir, options)
    return RenderedFiles(written, warnings)
