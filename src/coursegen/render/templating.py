"""The Jinja environment every HTML output shares: course templates, then the built-in theme."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape

from coursegen.model import Course
from coursegen.text import block_html, inline_html, plain_text, quotation

BUILTIN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
"""The built-in theme shipped inside the package."""


def template_dirs(course: Course) -> list[Path]:
    """Template folders in lookup order: the course's own `templates/`, then the built-in theme."""
    own = course.root / "templates"
    dirs = [own] if own.is_dir() and own.resolve() != BUILTIN_TEMPLATES else []
    return [*dirs, BUILTIN_TEMPLATES]


def find_template_file(course: Course, name: str) -> Path:
    """The first file called `name` (e.g. 'site/site.css') along the lookup order."""
    for folder in template_dirs(course):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    searched = ", ".join(map(str, template_dirs(course)))
    raise FileNotFoundError(f"no template file '{name}' in {searched}")


def environment(course: Course) -> Environment:
    """A Jinja environment with HTML autoescaping and the inline-Markdown filters.

    One environment per lookup order and process, so templates compile once however many
    documents are rendered; treat it as read-only (pass per-document values as context).
    """
    return _environment(tuple(template_dirs(course)))


@lru_cache(maxsize=16)
def _environment(dirs: tuple[Path, ...]) -> Environment:
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in dirs]),
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
    return env
