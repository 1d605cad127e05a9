"""`templates/theme.yml`: the deck theme's colours, fonts and text sizes, typed like every
other course file, so a misspelt key or a size written `28pt` is a located error in `check`."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from coursegen.model.base import Node

HexColour = Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$",
                                 description="A colour as #RRGGBB, e.g. '#1F3A5F'")]
Points = Annotated[float, Field(gt=0, le=400, description="A text size in points, a bare number")]


class ThemeColours(Node):
    """Deck colours; each is optional in a course's theme.yml (the built-in value stays)."""

    primary: HexColour | None = Field(None, description="Titles, title and section backgrounds")
    accent: HexColour | None = Field(None, description="Bullets, key figures, rules")
    text: HexColour | None = Field(None, description="Body text")
    muted: HexColour | None = Field(None, description="Captions, source lines, footers")
    light: HexColour | None = Field(None, description="Panels and table bands")
    on_dark: HexColour | None = Field(None, description="Text on primary-coloured backgrounds")
    on_dark_muted: HexColour | None = Field(None, description="Muted text on dark backgrounds")
    link: HexColour | None = Field(None, description="Hyperlinks")


class ThemeFonts(Node):
    """Deck font families (names of installed fonts)."""

    heading: str | None = Field(None, description="Titles")
    body: str | None = Field(None, description="Body text")
    code: str | None = Field(None, description="Inline code")
    script: str | None = Field(
        None, description="Text in the course language's own script (Arabic, Chinese...), "
        "when the Latin faces lack it; default: Noto Sans Arabic, Noto Sans CJK SC...")


class ThemeSizes(Node):
    """Deck text sizes in points (bare numbers: `24`, not `24pt`)."""

    title: Points | None = Field(None, description="Slide titles")
    title_min: Points | None = Field(None, description="Smallest a title may shrink to")
    cover_title: Points | None = Field(None, description="The title slide's title")
    section_title: Points | None = Field(None, description="Section slides' titles")
    body: Points | None = Field(None, description="Bullets, level 1")
    body_min: Points | None = Field(None, description="Smallest body text before a list splits")
    level_step: float | None = Field(None, ge=0, le=20,
                                     description="How much smaller each deeper bullet level is")
    body_grow: float | None = Field(None, ge=0, le=20,
                                    description="How much a short list may grow above body")
    figure: Points | None = Field(None, description="The big number on a key-figure slide")
    label: Points | None = Field(None, description="The label under a key figure")
    quote: Points | None = Field(None, description="Quotations")
    subtitle: Points | None = Field(None, description="Subtitles")
    small: Points | None = Field(None, description="Captions, source lines, attributions")
    case: Points | None = Field(None, description="Case-study scenario and exhibits")
    case_min: Points | None = Field(None, description="Smallest case-study text")
    table: Points | None = Field(None, description="Table text")
    table_min: Points | None = Field(None, description="Smallest table text")
    notes: Points | None = Field(None, description="Speaker notes")


class Theme(Node):
    """The contents of `templates/theme.yml` (a course's copy overrides the built-in values)."""

    colours: ThemeColours = Field(default_factory=ThemeColours)
    fonts: ThemeFonts = Field(default_factory=ThemeFonts)
    sizes: ThemeSizes = Field(default_factory=ThemeSizes)

    def values(self) -> dict[str, dict[str, object]]:
        """The values this file sets, section by section (unset keys left out)."""
        return {section: getattr(self, section).model_dump(exclude_none=True)
                for section in ("colours", "fonts", "sizes")}
