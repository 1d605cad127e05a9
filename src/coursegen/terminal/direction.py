"""Right-to-left languages in a terminal: run only where the text will read right.

A terminal shows characters in the order they arrive, left to right, unless it applies the
Unicode bidirectional algorithm itself; most do not (xterm, the Linux console, Windows
Terminal, most VTE builds), and Arabic then reads backwards, its letters unjoined. Printing
pre-reordered, pre-shaped text instead would need every line wrapped before it is reversed,
through rich's panels and tables, and would be wrong again in the terminals that do apply the
algorithm. So the quiz runs in a right-to-left language only on a terminal known to reorder
text (mlterm, Konsole, or one the user vouches for with COURSEGEN_TERMINAL_BIDI=1), or when
its output is not a terminal (a transcript keeps the logical order, which is right in a
file); otherwise it says so in one line and points to the browser runner.
"""

from __future__ import annotations

import os

from coursegen.errors import UsageError
from coursegen.i18n.scripts import is_rtl

BIDI_VARIABLE = "COURSEGEN_TERMINAL_BIDI"
"""Set to 1 when the terminal applies the bidirectional algorithm (0: it does not)."""

_BIDI_TERMINALS = ("MLTERM", "KONSOLE_VERSION")
"""Environment variables set by terminals that reorder right-to-left text themselves."""


def terminal_does_bidi(environ: dict[str, str] | None = None) -> bool:
    """Whether the terminal is known to lay out right-to-left text itself."""
    env = os.environ if environ is None else environ
    declared = env.get(BIDI_VARIABLE, "").strip().lower()
    if declared in {"1", "yes", "true"}:
        return True
    if declared in {"0", "no", "false"}:
        return False
    return any(env.get(name) for name in _BIDI_TERMINALS)


def require_readable_direction(lang: str, course_dir: str, is_terminal: bool,
                               environ: dict[str, str] | None = None) -> None:
    """Stop with one line, before anything is asked, when a right-to-left course would be
    shown backwards on this terminal."""
    if not is_rtl(lang) or not is_terminal or terminal_does_bidi(environ):
        return
    raise UsageError(
        f"this course is in a right-to-left language ({lang}) and this terminal does not "
        f"lay out right-to-left text, so it would read backwards; take the quiz in the "
        f"browser runner instead (coursegen serve {course_dir}), or set "
        f"{BIDI_VARIABLE}=1 if your terminal applies the bidirectional algorithm "
        f"(mlterm, Konsole)")
