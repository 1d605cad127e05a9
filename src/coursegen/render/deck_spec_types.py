"""Slide specs: what each slide shows and where, as plain data for the python-pptx adapter."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coursegen.errors import Diagnostic
from coursegen.render.deck_fit import Para
from coursegen.render.deck_geometry import Box
from coursegen.render.deck_visuals import VisualSpec
from coursegen.text import Run


@dataclass(frozen=True)
class Region:
    """The paragraphs of one body placeholder, sized to fit it."""

    roles: tuple[str, ...]
    paras: tuple[Para, ...]
    box: Box
    centred: bool = False
    """A short list: anchored in the middle of its box rather than at the top."""


@dataclass(frozen=True)
class TableSpec:
    """A native table: header cells, rows, column widths and text size, in a box."""

    header: tuple[tuple[Run, ...], ...]
    rows: tuple[tuple[tuple[Run, ...], ...], ...]
    widths: tuple[float, ...]
    size: float
    box: Box


@dataclass(frozen=True)
class PictureSpec:
    """A picture scaled into a box, with the text a screen reader speaks for it."""

    path: Path
    alt: str
    box: Box


@dataclass(frozen=True)
class SlideSpec:
    """Everything one slide shows, ready for the adapter to write."""

    kind: str
    layout: str
    title: tuple[Run, ...]
    title_size: float
    regions: tuple[Region, ...] = ()
    notes: str = ""
    source: tuple[Run, ...] = ()
    source_box: Box | None = None
    table: TableSpec | None = None
    picture: PictureSpec | None = None
    visual: VisualSpec | None = None

    @property
    def title_text(self) -> str:
        """The title as plain text."""
        return "".join(run.text for run in self.title)

    def texts(self) -> list[str]:
        """Every paragraph of body text, in reading order, as plain text."""
        return [para.text for region in self.regions for para in region.paras]


@dataclass(frozen=True)
class DeckSpec:
    """One module's deck: its slides, the handling marking, the footer, and any warnings."""

    module: str
    slides: tuple[SlideSpec, ...]
    marking: str | None = None
    footer: str | None = None
    diagnostics: tuple[Diagnostic, ...] = field(default_factory=tuple)
