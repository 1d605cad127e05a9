"""The theme: the one template lookup (course `templates/` → built-in), the one Jinja
environment, and template rendering whose every failure names the template file and line.

Every output that renders a template — handouts, site, SCORM page, web runner, certificates,
the statistics report — goes through :func:`render_template`, so a broken course override
reads the same everywhere: ``templates/site/home.html:3: template syntax error: …``.
`theme.yml` itself is course data: :mod:`coursegen.load` reads and validates it.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coursegen.errors import TemplateInvalid
from coursegen.i18n.ui import locale_dirs

if TYPE_CHECKING:
    from jinja2 import Environment

BUILTIN_TEMPLATES = Path(__file__).resolve().parent / "templates"
"""The built-in theme shipped inside the package (the one place that names it)."""

THEME_FILE = "theme.yml"
_TEMPLATE_SUFFIXES = (".html", ".css", ".xml", ".j2", ".js")
_HINT = "fix the template, or delete the course's copy to use the built-in one"


def course_templates(course_root: Path | None) -> Path | None:
    """The course's own `templates/` folder, or None when it has none (or it is the built-in)."""
    if course_root is None:
        return None
    own = Path(course_root) / "templates"
    return own if own.is_dir() and own.resolve() != BUILTIN_TEMPLATES else None


def template_dirs(course_root: Path | None) -> list[Path]:
    """Template folders in lookup order: the course's own `templates/`, then the built-in theme."""
    own = course_templates(course_root)
    return [own, BUILTIN_TEMPLATES] if own else [BUILTIN_TEMPLATES]


def find_template_file(course_root: Path | None, name: str) -> Path:
    """The first file called `name` (e.g. 'site/site.css') along the lookup order."""
    for folder in template_dirs(course_root):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    searched = ", ".join(map(str, template_dirs(course_root)))
    raise FileNotFoundError(f"no template file '{name}' in {searched}")


Filters = dict[str, Callable[..., Any]]


def environment(course_root: Path | None, jinja_filters: Filters | None = None,
                language: str = "en") -> Environment:
    """A Jinja environment with HTML autoescaping, the inline-Markdown filters, any
    `jinja_filters` an output adds (the site's and handouts' chart drawing, the report's
    number formats) and the interface strings of `language` (`{{ _("Contents") }}`).

    One environment per lookup order, filter set and process, so templates compile once
    however many documents are rendered; treat it as read-only (pass per-document values as
    context).
    """
    extra = tuple(sorted((jinja_filters or {}).items()))
    return _environment(tuple(template_dirs(course_root)), extra, language or "en",
                        locale_dirs())


@lru_cache(maxsize=32)
def _environment(dirs: tuple[Path, ...],
                 extra: tuple[tuple[str, Callable[..., Any]], ...] = (),
                 language: str = "en", catalogs: tuple[Path, ...] = ()) -> Environment:
    from jinja2 import (
        ChoiceLoader,
        Environment,
        FileSystemLoader,
        StrictUndefined,
        select_autoescape,
    )

    from coursegen.i18n.script_strings import script_strings_json
    from coursegen.i18n.scripts import direction, first_strong_direction
    from coursegen.i18n.ui import install_gettext
    from coursegen.text import block_html, inline_html, plain_text, quotation

    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in dirs]),
        extensions=["jinja2.ext.i18n"],
        autoescape=select_autoescape(["html", "xml"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["inline"] = inline_html
    env.filters["blocks"] = block_html
    env.filters["plain"] = plain_text
    env.filters["quotation"] = quotation
    env.filters["direction"] = direction
    env.filters["text_dir"] = first_strong_direction
    env.filters.update(extra)
    install_gettext(env, language)
    env.globals["ui_strings"] = partial(script_strings_json, language)  # what scripts show
    return env


def render_template(course_root: Path | None, name: str,
                    jinja_filters: Filters | None = None, *, language: str = "en",
                    **context: Any) -> str:
    """Render template `name` along the lookup order, its interface strings in `language`;
    any failure raises TemplateInvalid naming the template file and line, with how to fix it.
    `jinja_filters`: see :func:`environment`."""
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

    env = environment(course_root, jinja_filters, language)
    try:
        return env.get_template(name).render(**context)
    except TemplateNotFound as error:
        raise TemplateInvalid(
            f"template '{error.name}' not found (needed by '{name}'): "
            "add it to the course's templates/ folder or remove the reference to it"
        ) from None
    except TemplateSyntaxError as error:
        where = describe_template(error.filename or name, error.lineno, course_root)
        raise TemplateInvalid(f"{where}: template syntax error: {error.message}; {_HINT}") from None
    except (TemplateError, TypeError, ValueError, AttributeError, KeyError) as error:
        filename, line = _template_frame(error)
        where = describe_template(filename or name, line, course_root)
        raise TemplateInvalid(f"{where}: template error: {error}; {_HINT}") from None


def _template_frame(error: BaseException) -> tuple[str | None, int]:
    """The innermost traceback frame that belongs to a template file (Jinja maps its lines)."""
    found: tuple[str | None, int] = (None, 0)
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename.endswith(_TEMPLATE_SUFFIXES) and Path(frame.filename).exists():
            found = (frame.filename, frame.lineno or 0)
    return found


def describe_template(filename: str, line: int | None, course_root: Path | None) -> str:
    """`templates/handout/module.html:12` for a course template, or the built-in theme's path."""
    path = Path(filename)
    bases = [(BUILTIN_TEMPLATES, "built-in theme ")]
    if course_root is not None:
        bases.insert(0, (Path(course_root).resolve(), ""))
    for base, label in bases:
        try:
            relative = path.resolve().relative_to(base)
        except ValueError:
            continue
        shown = f"{label}{'templates/' if label else ''}{relative.as_posix()}"
        return f"{shown}:{line}" if line else shown
    return f"{filename}:{line}" if line else filename
