"""The deck theme (`templates/theme.yml`) and the deck template file a course uses."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from coursegen.errors import CoursegenError, Diagnostic, Location
from coursegen.model import Theme
from coursegen.theme import BUILTIN_TEMPLATES, THEME_FILE, find_template_file
from coursegen.yamlio import read_yaml


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
    return find_template_file(course_root, name)


def load_theme(own: Theme | None = None) -> DeckTheme:
    """The deck theme: the built-in theme.yml with the course's own values (`Course.theme`,
    read and validated by the loader) laid over it."""
    merged = {section: dict(values) for section, values in builtin_theme().values().items()}
    course_sizes: frozenset[str] = frozenset()
    if own is not None:
        for section, values in own.values().items():
            merged[section].update(values)
        course_sizes = frozenset(own.values()["sizes"])
    return DeckTheme(merged["colours"], merged["fonts"], merged["sizes"], course_sizes)


@lru_cache(maxsize=1)
def builtin_theme() -> Theme:
    """The built-in `templates/theme.yml`, validated by the same model as a course's copy."""
    path = BUILTIN_TEMPLATES / THEME_FILE
    document = read_yaml(path, f"built-in theme templates/{THEME_FILE}")
    return Theme.model_validate(document.data)


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
    return BUILTIN_TEMPLATES / "deck.pptx", None


def missing_layout(template: Location | None, layout: str, used: str) -> Diagnostic:
    """The warning for a template without a layout of the built-in name."""
    return Diagnostic(
        template,
        f"deck template has no layout named '{layout}'; using '{used}' instead "
        "(see docs/deck-templates.md)",
        severity="warning",
        code="deck-layout-missing",
    )
