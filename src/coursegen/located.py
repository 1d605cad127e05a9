"""The one way a content rule reports a finding at a node, or at one of its fields."""

from __future__ import annotations

from coursegen.errors import Diagnostic, Location, Severity
from coursegen.model.base import Node
from coursegen.model.course import CourseInfo


def diagnostic_at(
    node: Node, field: str | None, message: str, code: str, severity: Severity = "error"
) -> Diagnostic:
    """A diagnostic located at `node.field` (or at `node` itself when `field` is None)."""
    location = node.location_of(field) if field else node.location
    path = node.path_of(field) if field else node.path
    return Diagnostic(location, message, path=path, severity=severity, code=code)


def warning_at(node: Node, field: str | None, message: str, code: str) -> Diagnostic:
    """A warning at a node (or one of its fields), with the rule's code."""
    return diagnostic_at(node, field, message, code, "warning")


def module_item_location(info: CourseInfo, index: int) -> Location | None:
    """Where item `index` of course.yaml's `modules` list is written (one item a line)."""
    location = info.location_of("modules")
    return (
        Location(location.file, location.line + index + 1, location.column + 2)
        if location and location.line
        else location
    )
