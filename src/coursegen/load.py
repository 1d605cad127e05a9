"""Course folder → validated :class:`Course`, collecting every problem on the way.

Nothing after this module reads YAML. Each file is read and validated on its
own, so one broken lesson does not hide the problems of the others.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from coursegen.errors import CourseInvalid, Diagnostic, Location
from coursegen.model import Course, CourseInfo, Lesson, Module, QuestionBank, SourceList
from coursegen.model.base import Node
from coursegen.model_errors import diagnostics_from
from coursegen.yamlio import YamlDocument, YamlProblem, read_yaml

NodeT = TypeVar("NodeT", bound=Node)

COURSE_FILE = "course.yaml"
SOURCES_FILE = "sources.yaml"
MODULE_FILE = "module.yaml"


class _Reader:
    """Reads files relative to a course root and keeps every diagnostic."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.diagnostics: list[Diagnostic] = []

    def display(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def document(self, path: Path) -> YamlDocument | None:
        display = self.display(path)
        if not path.is_file():
            self.diagnostics.append(
                Diagnostic(Location(display), "file not found", code="missing-file")
            )
            return None
        try:
            document = read_yaml(path, display)
        except YamlProblem as problem:
            self.diagnostics.append(problem.diagnostic)
            return None
        self.diagnostics.extend(document.warnings)
        return document

    def validate(
        self, model: type[NodeT], document: YamlDocument, extra: dict[str, Any] | None = None
    ) -> NodeT | None:
        data = document.data
        if not isinstance(data, dict):
            kind = "a list" if isinstance(data, list) else "a single value"
            self.diagnostics.append(
                Diagnostic(
                    document.locations.get((), Location(document.file)),
                    f"expected a mapping of keys (like 'title: ...') at the top of the file, "
                    f"got {kind}",
                    code="dict_type",
                )
            )
            return None
        if extra:
            data = {**data, **extra}
        try:
            return model.model_validate(data, context={"diagnostics": self.diagnostics})
        except ValidationError as error:
            self.diagnostics.extend(diagnostics_from(error, document))
            return None

    def read(self, model: type[NodeT], path: Path, **extra: Any) -> NodeT | None:
        document = self.document(path)
        return self.validate(model, document, extra) if document else None


def read_course(root: Path) -> tuple[Course | None, list[Diagnostic]]:
    """Load the course at `root`; returns the course (None if any error) and all diagnostics."""
    root = Path(root).resolve()
    reader = _Reader(root)
    if not (root / COURSE_FILE).is_file():
        message = (
            f"no {COURSE_FILE} here; run coursegen in a course folder, "
            "or create one with 'coursegen new DIR'"
        )
        return None, [Diagnostic(Location(reader.display(root / COURSE_FILE)), message)]
    info = reader.read(CourseInfo, root / COURSE_FILE)
    source_list = reader.read(SourceList, root / SOURCES_FILE)
    modules = (
        [_read_module(reader, root, info, index) for index in range(len(info.modules))]
        if info
        else []
    )
    _report_unlisted_modules(reader, root, info)
    errors = [d for d in reader.diagnostics if d.severity == "error"]
    if errors or info is None or source_list is None or None in modules:
        return None, reader.diagnostics
    course = Course(root=root, info=info, sources=source_list.sources, modules=tuple(modules))
    return course, reader.diagnostics


def load_course(root: Path) -> Course:
    """Load the course at `root`, or raise CourseInvalid carrying every diagnostic."""
    course, diagnostics = read_course(root)
    if course is None:
        raise CourseInvalid(diagnostics)
    return course


def _read_module(reader: _Reader, root: Path, info: CourseInfo, index: int) -> Module | None:
    module_id = info.modules[index]
    folder = root / "modules" / module_id
    if not folder.is_dir():
        reader.diagnostics.append(
            Diagnostic(
                info.location_of("modules") and _item_location(info, index),
                f"module '{module_id}' has no folder modules/{module_id}/; "
                "create it or remove the id",
                path=f"modules[{index}]",
                code="missing-module",
            )
        )
        return None
    lessons = []
    for path in sorted(folder.glob("*.yaml")):
        if path.name == MODULE_FILE:
            continue
        lessons.append(reader.read(Lesson, path, file=reader.display(path)))
    if not lessons:
        reader.diagnostics.append(
            Diagnostic(
                Location(reader.display(folder)),
                "module has no lesson files; add one, e.g. 01-introduction.yaml",
                code="no-lessons",
            )
        )
    bank_path = root / "quizzes" / f"{module_id}.yaml"
    bank = (
        reader.read(QuestionBank, bank_path, file=reader.display(bank_path))
        if bank_path.is_file()
        else None
    )
    document = reader.document(folder / MODULE_FILE)
    if document is None or None in lessons or (bank_path.is_file() and bank is None):
        if document is not None:
            reader.validate(Module, document)
        return None
    return reader.validate(
        Module,
        document,
        {"lessons": tuple(lessons), "bank": bank, "folder": reader.display(folder)},
    )


def _item_location(info: CourseInfo, index: int) -> Location | None:
    location = info.location_of("modules")
    return (
        Location(location.file, location.line + index + 1, location.column + 2)
        if location and location.line
        else location
    )


def _report_unlisted_modules(reader: _Reader, root: Path, info: CourseInfo | None) -> None:
    if info is None or not (root / "modules").is_dir():
        return
    for folder in sorted((root / "modules").iterdir()):
        if folder.is_dir() and folder.name not in info.modules:
            reader.diagnostics.append(
                Diagnostic(
                    Location(reader.display(folder)),
                    f"module folder '{folder.name}' is not listed in course.yaml 'modules'; "
                    "add it there or remove the folder",
                    severity="warning",
                    code="unlisted-module",
                )
            )
