"""One error hierarchy: located diagnostics, collected and reported together."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file: path relative to the course, 1-based line and column."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file


@dataclass(frozen=True)
class Diagnostic:
    """One finding about the course: where, how bad, which rule, and what to do."""

    location: Location | None
    message: str
    path: str = ""
    severity: Severity = "error"
    code: str = "invalid"

    def __str__(self) -> str:
        parts = [str(self.location)] if self.location else []
        if self.path:
            parts.append(self.path)
        if self.severity == "warning":
            parts.append("warning")
        parts.append(self.message)
        return ": ".join(parts)

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready view, for `check --format json` and the web runner."""
        loc = self.location
        return {
            "file": loc.file if loc else None,
            "line": loc.line if loc else None,
            "column": loc.column if loc else None,
            "path": self.path,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


class CoursegenError(Exception):
    """Base of every error coursegen reports to a user (never shown as a traceback)."""

    exit_code = 1


@dataclass
class CourseInvalid(CoursegenError):
    """The course could not be loaded or failed its checks; carries every diagnostic."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(d) for d in self.diagnostics)


class UsageError(CoursegenError):
    """A command was asked for something that cannot be done (unknown module, bad option)."""

    exit_code = 2


class TemplateInvalid(CoursegenError):
    """A theme template (the course's own or built-in) failed to load or render; names file:line."""


class OutputUnwritable(CoursegenError):
    """An output file or folder cannot be written or removed (read-only, full disk); names it."""
