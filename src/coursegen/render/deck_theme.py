"""The deck theme (`templates/theme.yml`) and the deck template file a course uses."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from importlib.resources import files
from pathlib import Path

import yaml

from coursegen.errors import CoursegenError, Diagnostic, Location

BUILT_IN_TEMPLATES = Path(str(files("coursegen") / "templates"))
"""The built-in theme folder shipped with the package."""


@dataclass(frozen=True)
class DeckTheme:
    """Colours (hex), font families and text sizes (points) for decks."""

    colours: dict[str, str] = field(default_factory=dict)
    fonts: dict[str, str] = field(default_factory=dict)
    sizes: dict[str, float] = field(default_factory=dict)
    course_sizes: frozenset[str] = frozenset()
    """The sizes the course's own theme.yml sets (they win over an organisation template's)."""

    def size(self, name: str) -> float:
        """A text size in points."""
        return float(self.sizes[name])

    def colour(self, name: str) -> str:
        """A colour as RRGGBB (no '#')."""
        return self.colours[name].lstrip("#").upper()


def fit_to_template(theme: DeckTheme, template_sizes: dict[str, float]) -> DeckTheme:
    """The theme with an organisation template's own title and body sizes.

    Sizes the course sets in its own `templates/theme.yml` still win; the minimum sizes
    keep the built-in theme's proportions (a 30 pt title may shrink to 22 pt, so a 44 pt
    one to 32 pt).
    """
    own = theme.course_sizes
    sizes = dict(theme.sizes)
    for key, minimum in (("title", "title_min"), ("body", "body_min")):
        if key in template_sizes and key not in own:
            sizes[key] = template_sizes[key]
            if minimum not in own:
                sizes[minimum] = round(template_sizes[key] * theme.sizes[minimum]
                                       / theme.sizes[key])
    if "body" in template_sizes and "body_grow" not in own:
        sizes["body_grow"] = 0.0  # the organisation chose its body size: keep to it
    level2 = template_sizes.get("body_level2")
    if level2 and "body" in template_sizes and "level_step" not in own:
        sizes["level_step"] = max(0.0, template_sizes["body"] - level2)
    return replace(theme, sizes=sizes)


def template_file(course_root: Path, name: str) -> Path:
    """A theme file: the course's own `templates/NAME` if present, else the built-in one."""
    own = Path(course_root) / "templates" / name
    return own if own.is_file() else BUILT_IN_TEMPLATES / name


def load_theme(course_root: Path) -> DeckTheme:
    """Read theme.yml, the course's own values over the built-in ones."""
    merged: dict[str, dict] = {"colours": {}, "fonts": {}, "sizes": {}}
    own = Path(course_root) / "templates" / "theme.yml"
    course_sizes: frozenset[str] = frozenset()
    for path in (BUILT_IN_TEMPLATES / "theme.yml", own):
        if not path.is_file():
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as error:
            raise CoursegenError(f"{path}: not valid YAML ({error})") from None
        for section, values in merged.items():
            values.update((data.get(section) or {}) if isinstance(data, dict) else {})
        if path == own and isinstance(data, dict):
            course_sizes = frozenset(data.get("sizes") or {})
    return DeckTheme(merged["colours"], merged["fonts"], merged["sizes"], course_sizes)


def deck_template(course_root: Path, configured: str | None) -> tuple[Path, Location | None]:
    """The .pptx the decks are built on, and where the course asked for it (None: built-in).

    Order: `branding.deck_template` in course.yaml, then `templates/deck.pptx` in the
    course folder, then the built-in template. A configured file that does not exist
    is an error naming course.yaml.
    """
    root = Path(course_root)
    if configured:
        path = root / configured
        if not path.is_file():
            raise CoursegenError(
                f"course.yaml: branding.deck_template: '{configured}' not found "
                "(paths are relative to the course folder)"
            )
        return path, Location(configured)
    own = root / "templates" / "deck.pptx"
    if own.is_file():
        return own, Location("templates/deck.pptx")
    return BUILT_IN_TEMPLATES / "deck.pptx", None


def missing_layout(template: Location | None, layout: str, used: str) -> Diagnostic:
    """The warning for a template without a layout of the built-in name."""
    return Diagnostic(
        template,
        f"deck template has no layout named '{layout}'; using '{used}' instead "
        "(see docs/deck-templates.md)",
        severity="warning",
        code="deck-layout-missing",
    )
