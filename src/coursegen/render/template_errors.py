"""Rendering a theme template so that any failure names the template file and line."""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

from jinja2 import Environment, TemplateError, TemplateNotFound, TemplateSyntaxError

from coursegen.errors import TemplateInvalid
from coursegen.render.templating import BUILTIN_TEMPLATES

_TEMPLATE_SUFFIXES = (".html", ".css", ".xml", ".j2")
_HINT = "fix the template, or delete the course's copy to use the built-in one"


def render_template(env: Environment, name: str, course_root: Path, **context: Any) -> str:
    """Render template `name`; a broken template raises TemplateInvalid naming file:line."""
    try:
        return env.get_template(name).render(**context)
    except TemplateNotFound as error:
        raise TemplateInvalid(
            f"template '{error.name}' not found (needed by '{name}'): "
            "add it to the course's templates/ folder or remove the reference to it"
        ) from None
    except TemplateSyntaxError as error:
        where = _describe(error.filename or name, error.lineno, course_root)
        raise TemplateInvalid(f"{where}: template syntax error: {error.message}; {_HINT}") from None
    except (TemplateError, TypeError, ValueError, AttributeError, KeyError) as error:
        filename, line = _template_frame(error)
        where = _describe(filename or name, line, course_root)
        raise TemplateInvalid(f"{where}: template error: {error}; {_HINT}") from None


def _template_frame(error: BaseException) -> tuple[str | None, int]:
    """The innermost traceback frame that belongs to a template file (Jinja maps its lines)."""
    found: tuple[str | None, int] = (None, 0)
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename.endswith(_TEMPLATE_SUFFIXES) and Path(frame.filename).exists():
            found = (frame.filename, frame.lineno or 0)
    return found


def _describe(filename: str, line: int | None, course_root: Path) -> str:
    """`templates/handout/module.html:12` for a course template, or the built-in theme's path."""
    path = Path(filename)
    for base, label in ((course_root.resolve(), ""), (BUILTIN_TEMPLATES, "built-in theme ")):
        try:
            relative = path.resolve().relative_to(base)
        except ValueError:
            continue
        shown = f"{label}{'templates/' if label else ''}{relative.as_posix()}"
        return f"{shown}:{line}" if line else shown
    return f"{filename}:{line}" if line else filename
