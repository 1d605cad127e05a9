"""`coursegen watch`: rebuild whenever a course file changes.

Polls file sizes and modification times (a course is a few dozen files, so a
scan costs well under a millisecond) rather than depending on an OS watcher
library; the build itself decides what is stale from content hashes.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

WATCHED = ("course.yaml", "sources.yaml", "modules", "quizzes", "templates")


def take_ctrl_c() -> None:
    """Let Ctrl-C stop watching whenever this process is the terminal's foreground job.

    A process started from a script's background job (`make test &`, some CI
    runners) inherits Ctrl-C as ignored, and Python then installs no handler:
    `watch` would run for ever although its terminal's Ctrl-C is meant for it.
    """
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        return
    try:
        terminal = sys.stdin.fileno()
        foreground = os.isatty(terminal) and os.tcgetpgrp(terminal) == os.getpgrp()
    except (AttributeError, OSError, ValueError):  # no terminal, or no job control (Windows)
        return
    if foreground:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Size and modification time of every watched file under the course root."""
    found: dict[str, tuple[int, int]] = {}
    for name in WATCHED:
        path = root / name
        paths = [path] if path.is_file() else (p for p in path.rglob("*") if p.is_file())
        for file in paths:
            if not file.name.startswith("."):
                stat = file.stat()
                found[str(file)] = (stat.st_size, stat.st_mtime_ns)
    return found


def changes(
    root: Path, before: dict[str, tuple[int, int]], interval: float = 0.2
) -> Iterator[list[str]]:
    """Yield the files (relative to root) that changed, each time the course changes."""
    while True:
        time.sleep(interval)
        after = snapshot(root)
        if after != before:
            changed = sorted(set(after.items()) ^ set(before.items()))
            names = sorted({str(Path(p).relative_to(root)) for p, _ in changed})
            before = after
            yield names
