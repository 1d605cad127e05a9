"""`coursegen build`: load, check, then run each requested target.

Targets are named here and imported only when they run, so the CLI starts
fast and a machine without a renderer's heavy dependencies can still check.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass, field
from pathlib import Path

from coursegen.checks import check_course
from coursegen.errors import CourseInvalid, Diagnostic, UsageError
from coursegen.load import read_course
from coursegen.model import Course
from coursegen.render.options import RenderOptions

TARGETS: dict[str, str] = {
    "decks": "coursegen.render.deck:render_decks",
    "handouts": "coursegen.render.handout:render_handouts",
    "site": "coursegen.render.site:render_site",
    "lms": "coursegen.export.lms:render_lms",
}
"""Target name → "module:function" of a renderer `(course, out_dir, options) -> list[Path]`."""


def available_targets() -> list[str]:
    """The targets whose renderer is installed, in build order."""
    return [
        name
        for name, spec in TARGETS.items()
        if importlib.util.find_spec(spec.split(":")[0]) is not None
    ]


@dataclass
class BuildResult:
    """What a build did: files written per target, and the diagnostics it reported."""

    outputs: dict[str, list[Path]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def load_checked(root: Path, strict: bool = False) -> tuple[Course, list[Diagnostic]]:
    """Load and check a course; raises CourseInvalid if it has errors (or warnings, if strict)."""
    course, diagnostics = read_course(root)
    if course is not None:
        diagnostics = diagnostics + check_course(course)
    bad = [d for d in diagnostics if d.severity == "error" or strict]
    if course is None or bad:
        raise CourseInvalid(diagnostics)
    return course, diagnostics


def resolve_targets(only: list[str] | None) -> list[str]:
    """The targets to run: those asked for (all available ones by default)."""
    available = available_targets()
    if not only:
        return available
    unknown = [t for t in only if t not in TARGETS]
    if unknown:
        raise UsageError(f"unknown target '{unknown[0]}'; targets: {', '.join(TARGETS)}")
    missing = [t for t in only if t not in available]
    if missing:
        raise UsageError(f"target '{missing[0]}' is not available in this version of coursegen")
    return only


def build(
    root: Path,
    out: Path | None = None,
    only: list[str] | None = None,
    options: RenderOptions | None = None,
    strict: bool = False,
) -> BuildResult:
    """Build the course at `root` into `out` (default `root/build`); nothing is written on error."""
    options = options or RenderOptions()
    targets = resolve_targets(only)
    course, diagnostics = load_checked(root, strict)
    for module_id in options.modules or ():
        if not any(m.id == module_id for m in course.modules):
            known = ", ".join(m.id for m in course.modules)
            raise UsageError(f"no module '{module_id}' in this course (modules: {known})")
    out = Path(out) if out else course.root / "build"
    result = BuildResult(diagnostics=diagnostics)
    for target in targets:
        module_name, function = TARGETS[target].split(":")
        render = getattr(importlib.import_module(module_name), function)
        result.outputs[target] = render(course, out, options)
    return result
