"""Template rules: a course's own templates/ compile, name only what coursegen passes, and parse.

A course may override any built-in template file by file. A broken override used to pass
`check` and stop the build (or, for CSS, build silently unstyled) without naming the
file; here each one is compiled the way the build compiles it, and each name it reads
is looked up among the names the built-in templates of its folder read, since templates
render with StrictUndefined and an unknown name stops the build.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, TemplateSyntaxError, meta, nodes

from coursegen.checks_css import stylesheet_rules
from coursegen.checks_deck_template import deck_template_rules
from coursegen.errors import Diagnostic, Location
from coursegen.model import Course
from coursegen.model.base import suggest
from coursegen.theme import BUILTIN_TEMPLATES, environment, template_dirs

_JINJA_SUFFIXES = (".html", ".xml", ".j2", ".css")
_COMPILED_FOLDERS = {"handout", "site", "scorm", "web"}
"""Folders rendered by the course environment (its filters); others have their own."""
_BUILTIN_FOLDERS = {p.name for p in BUILTIN_TEMPLATES.iterdir() if p.is_dir()}
_HINT = "fix the template, or delete the course's copy to use the built-in one"


class _AnyName(dict):
    """Filters or tests of which any name exists: listing a template's names compiles it, and
    the filters some folders add (stats, certificates) are not the ones under test here."""

    def get(self, key, default=None):
        return super().get(key, _no_op)


def _no_op(value, *args, **kwargs):
    return value


_INTROSPECTION = Environment()
_INTROSPECTION.filters = _AnyName(_INTROSPECTION.filters)
_INTROSPECTION.tests = _AnyName(_INTROSPECTION.tests)


def template_rules(course: Course) -> list[Diagnostic]:
    """Every rule over the course's own template overrides and its deck template."""
    found = list(deck_template_rules(course))
    own = course.root / "templates"
    if not own.is_dir() or own.resolve() == BUILTIN_TEMPLATES:
        return found
    for path in sorted(own.rglob("*")):
        if path.is_file() and path.suffix in _JINJA_SUFFIXES:
            found += _template_file_rules(course, path, path.relative_to(own).as_posix())
    return found


def _template_file_rules(course: Course, path: Path, name: str) -> Iterator[Diagnostic]:
    shown = f"templates/{name}"
    try:
        source = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        yield Diagnostic(Location(shown), f"template is not UTF-8 text ({error.reason} at byte "
                         f"{error.start}); save it as UTF-8", code="template")
        return
    from coursegen.render.visual_filters import visual_filters

    env = environment(course.root, visual_filters())
    folder = name.split("/")[0] if "/" in name else ""
    try:
        tree = _INTROSPECTION.parse(source, name, str(path))
        if folder in _COMPILED_FOLDERS:
            env.compile(source, name, str(path))
    except TemplateSyntaxError as error:
        where = _place(shown, source, error.lineno, None)
        yield Diagnostic(where, f"template syntax error: {error.message.rstrip('.')}; {_HINT}",
                         code="template")
        return
    yield from _missing_templates(course, shown, source, tree)
    allowed = _names_read_by_builtin(folder) | set(env.globals)
    unknown = meta.find_undeclared_variables(tree) - allowed
    if folder not in _BUILTIN_FOLDERS:
        unknown = set()  # a file no built-in page renders: nothing to compare it with
    for variable in sorted(unknown):
        yield Diagnostic(
            _place(shown, source, _first_use(tree, variable), variable),
            f"'{variable}' is not a name coursegen passes to {folder} templates, so the build "
            f"would stop here; {_HINT}{suggest(variable, sorted(allowed))}",
            code="template",
        )
    if path.suffix == ".css":
        yield from stylesheet_rules(shown, source)


def _missing_templates(course: Course, shown: str, source: str,
                       tree: nodes.Template) -> Iterator[Diagnostic]:
    """Templates this one extends, includes or imports by name that exist nowhere."""
    folders = template_dirs(course.root)
    for node in tree.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
        target = node.template
        if not isinstance(target, nodes.Const) or getattr(node, "ignore_missing", False):
            continue
        if not any((folder / str(target.value)).is_file() for folder in folders):
            yield Diagnostic(
                _place(shown, source, node.lineno, str(target.value)),
                f"template '{target.value}' exists neither in the course's templates/ nor in "
                f"the built-in theme; {_HINT}", code="template")


@lru_cache(maxsize=32)
def _names_read_by_builtin(folder: str) -> frozenset[str]:
    """Names the built-in templates of `folder` read from their context.

    A folder's pages share most of their context, and an override or a new partial is
    rendered with one of them, so the union is what a course template may rely on.
    """
    names: set[str] = set()
    for path in (BUILTIN_TEMPLATES / folder).glob("*"):
        if path.suffix in _JINJA_SUFFIXES:
            tree = _INTROSPECTION.parse(path.read_text(encoding="utf-8"))
            names |= meta.find_undeclared_variables(tree)
    return frozenset(names)


def _first_use(tree: nodes.Template, variable: str) -> int:
    lines = [n.lineno for n in tree.find_all(nodes.Name) if n.name == variable and n.ctx == "load"]
    return min(lines, default=0)


def _place(shown: str, source: str, line: int | None, word: str | None) -> Location:
    """file:line:column, the column found by looking for `word` on the line (Jinja has none)."""
    if not line:
        return Location(shown)
    text = source.splitlines()[line - 1] if line <= len(source.splitlines()) else ""
    column = text.find(word) + 1 if word and word in text else 1
    return Location(shown, line, column)
