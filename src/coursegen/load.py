"""Course folder → validated :class:`Course`, collecting every problem on the way.

Nothing after this module reads YAML. Each file is read and validated on its
own, so one broken lesson does not hide the problems of the others.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from coursegen.checks import Unread, check_course
from coursegen.errors import CourseInvalid, Diagnostic, Location
from coursegen.located import module_item_location
from coursegen.model import Course, CourseInfo, Lesson, Module, QuestionBank, SourceList, Theme
from coursegen.model.base import Node
from coursegen.model_errors import diagnostics_from
from coursegen.theme import THEME_FILE, course_templates
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
        self.locations: dict[str, dict] = {}
        """Per file read: the location of every value by YAML path (for catalogs' lines)."""

    def display(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def document(self, path: Path) -> YamlDocument | None:
        display = self.display(path)
        if not path.is_file() and path.with_suffix(".yml").is_file():
            return None  # reported once, as a .yml file to rename
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
        self.locations[display] = document.locations
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
        found: list[Diagnostic] = []
        try:
            return model.model_validate(data, context={"diagnostics": found})
        except ValidationError as error:
            found.extend(diagnostics_from(error, document))
            return None
        finally:  # in the order they are written, whichever stage found them
            self.diagnostics.extend(sorted(found, key=_written_order))

    def read(self, model: type[NodeT], path: Path, **extra: Any) -> NodeT | None:
        document = self.document(path)
        return self.validate(model, document, extra) if document else None


def read_course(root: Path) -> tuple[Course | None, list[Diagnostic]]:
    """Load the course at `root`; returns the course (None if any error) and all diagnostics.

    When a file fails, the content rules still run on every file that did load
    (skipping what depends on the failed ones), so one run reports every problem.
    """
    return _read_course(_Reader(Path(root).resolve()))


def load_course_located(root: Path) -> tuple[Course, dict[str, dict]]:
    """Load the course, also returning each file's value locations by YAML path
    (`translate extract` writes the line of every string); raises CourseInvalid."""
    reader = _Reader(Path(root).resolve())
    course, diagnostics = _read_course(reader)
    if course is None:
        raise CourseInvalid(diagnostics)
    return course, reader.locations


def _read_course(reader: _Reader) -> tuple[Course | None, list[Diagnostic]]:
    root = reader.root
    if not (root / COURSE_FILE).is_file():
        message = (
            f"no {COURSE_FILE} here; run coursegen in a course folder, "
            "or create one with 'coursegen new DIR'"
        )
        if (root / "course.yml").is_file():
            message = "coursegen reads course.yaml; rename course.yml to course.yaml"
        return None, [Diagnostic(Location(reader.display(root / COURSE_FILE)), message)]
    info = reader.read(CourseInfo, root / COURSE_FILE)
    source_list = reader.read(SourceList, root / SOURCES_FILE)
    module_ids = info.modules if info else _module_folders(root)
    unread = Unread(sources=source_list is None)
    modules = []
    for index, module_id in enumerate(module_ids):
        module, bank_failed = _read_module(reader, root, module_id, info, index)
        if module is not None:
            modules.append(module)
        if bank_failed:
            unread = replace(unread, banks=unread.banks | {module_id})
    theme = _read_theme(reader, root)
    _report_unlisted_modules(reader, root, info)
    _report_yml_files(reader, root)
    sources = source_list.sources if source_list else ()
    if any(d.severity == "error" for d in reader.diagnostics) or info is None or theme is None:
        partial = Course.model_construct(root=root, info=info, sources=sources, modules=modules)
        return None, reader.diagnostics + check_course(partial, unread=unread)
    course = Course(root=root, info=info, sources=sources, modules=tuple(modules), theme=theme)
    return course, reader.diagnostics


def load_course(root: Path) -> Course:
    """Load the course at `root`, or raise CourseInvalid carrying every diagnostic."""
    course, diagnostics = read_course(root)
    if course is None:
        raise CourseInvalid(diagnostics)
    return course


def load_checked(root: Path, strict: bool = False) -> tuple[Course, list[Diagnostic]]:
    """Load and check a course; raises CourseInvalid if it has errors (or warnings, if strict)."""
    course, diagnostics = read_course(root)
    if course is not None:
        diagnostics = diagnostics + check_course(course)
    bad = [d for d in diagnostics if d.severity == "error" or strict]
    if course is None or bad:
        raise CourseInvalid(diagnostics)
    return course, diagnostics


def listed_module_ids(root: Path) -> list[str] | None:
    """The module ids course.yaml lists, read without validating anything; None if unreadable.

    A build uses them to decide, from file bytes alone, whether anything is
    stale; a broken course.yaml is reported when the course is loaded.
    """
    try:
        data = read_yaml(Path(root) / COURSE_FILE, COURSE_FILE).data
    except (OSError, YamlProblem):
        return None
    modules = data.get("modules") if isinstance(data, dict) else None
    return [str(m) for m in modules] if isinstance(modules, list) else None


def course_language(root: Path) -> str | None:
    """The `language:` course.yaml gives (default en), read without validating; None if
    course.yaml is unreadable (the load reports why)."""
    try:
        data = read_yaml(Path(root) / COURSE_FILE, COURSE_FILE).data
    except (OSError, YamlProblem):
        return None
    return str(data.get("language") or "en") if isinstance(data, dict) else None


def course_languages(root: Path) -> list[str]:
    """The course's own language, then the others course.yaml lists under `languages:`."""
    try:
        data = read_yaml(Path(root) / COURSE_FILE, COURSE_FILE).data
    except (OSError, YamlProblem):
        return []
    if not isinstance(data, dict):
        return []
    own = str(data.get("language") or "en")
    others = data.get("languages") if isinstance(data.get("languages"), list) else []
    return list(dict.fromkeys([own, *(str(lang) for lang in others)]))


def _written_order(diagnostic: Diagnostic) -> tuple[int, int]:
    location = diagnostic.location
    return (location.line, location.column) if location else (0, 0)


def _module_folders(root: Path) -> tuple[str, ...]:
    """Module ids from the folders under modules/, when course.yaml could not say."""
    folder = root / "modules"
    return tuple(sorted(p.name for p in folder.iterdir() if p.is_dir())) if folder.is_dir() else ()


def _read_module(
    reader: _Reader, root: Path, module_id: str, info: CourseInfo | None, index: int
) -> tuple[Module | None, bool]:
    """The module with the lessons and bank that loaded, and whether its bank failed to load."""
    folder = root / "modules" / module_id
    if not folder.is_dir():
        reader.diagnostics.append(
            Diagnostic(
                info and info.location_of("modules") and module_item_location(info, index),
                f"module '{module_id}' has no folder modules/{module_id}/; "
                "create it or remove the id",
                path=f"modules[{index}]",
                code="missing-module",
            )
        )
        return None, False
    lessons = []
    for path in sorted(folder.glob("*.yaml")):
        if path.name == MODULE_FILE:
            continue
        lessons.append(reader.read(Lesson, path, file=reader.display(path)))
    if not lessons and not any(folder.glob("*.yml")):
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
    bank_failed = bank_path.is_file() and bank is None
    document = reader.document(folder / MODULE_FILE)
    if document is None:
        return None, bank_failed
    loaded = tuple(lesson for lesson in lessons if lesson is not None)
    module = reader.validate(
        Module, document, {"lessons": loaded, "bank": bank, "folder": reader.display(folder)}
    )
    return module, bank_failed


def _report_yml_files(reader: _Reader, root: Path) -> None:
    """A file saved as .yml would be skipped without a word: say so, and how to fix it."""
    found = [root / name for name in ("sources.yml",) if (root / name).is_file()]
    found += sorted((root / "modules").glob("*/*.yml")) + sorted((root / "quizzes").glob("*.yml"))
    for path in found:
        reader.diagnostics.append(
            Diagnostic(
                Location(reader.display(path)),
                f"coursegen reads only files ending in .yaml, so this file is skipped; "
                f"rename it to {path.stem}.yaml",
                code="yml-file",
            )
        )


def _read_theme(reader: _Reader, root: Path) -> Theme | None:
    """The course's own `templates/theme.yml`, validated (an empty Theme when it has none)."""
    folder = course_templates(root)
    if folder is None or not (folder / THEME_FILE).is_file():
        return Theme()
    return reader.read(Theme, folder / THEME_FILE)


def _report_unlisted_modules(reader: _Reader, root: Path, info: CourseInfo | None) -> None:
    """A module folder that course.yaml does not list is never built: warn."""
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
