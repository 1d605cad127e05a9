"""Options every renderer receives."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class RenderOptions:
    """What to build and how: the modules selected and the switches of `coursegen build`.

    A renderer writes each selected module's own files (a module's deck, its
    handouts, its SCORM zip) and, when `course_outputs` is true, the files that
    span the course (the handbook, the site, the course SCORM package). The
    build runs one job per module and one for the course-wide files, so each
    can be rebuilt alone.
    """

    modules: tuple[str, ...] | None = None
    """Module ids whose own files to build; None builds every module."""
    course_outputs: bool = True
    """Build the course-wide files too."""
    part: str | None = None
    """Only this part of each module's files (a handout edition: "participant" or
    "trainer"); None builds every part."""
    notes: bool = True
    """Put speaker notes in decks (`--no-notes` makes a participant copy)."""
    paper: Literal["A4", "Letter"] | None = None
    """Handout paper size; None uses the course's setting."""

    def selects(self, module_id: str) -> bool:
        """Whether the module's own files are to be built."""
        return self.modules is None or module_id in self.modules

    def includes(self, part: str) -> bool:
        """Whether this part of a module's files is to be built."""
        return self.part is None or self.part == part

    def fingerprint(self) -> str:
        """The options that change what an output contains (not which outputs are built)."""
        return f"notes={self.notes};paper={self.paper}"
