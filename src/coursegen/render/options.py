"""Options every renderer receives."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class RenderOptions:
    """What to build and how: the modules selected and the switches of `coursegen build`."""

    modules: tuple[str, ...] | None = None
    """Module ids to build; None builds every module (and the course-wide outputs)."""
    notes: bool = True
    """Put speaker notes in decks (`--no-notes` makes a participant copy)."""
    paper: Literal["A4", "Letter"] | None = None
    """Handout paper size; None uses the course's setting."""

    def selects(self, module_id: str) -> bool:
        """Whether the module is to be built."""
        return self.modules is None or module_id in self.modules
