"""`coursegen watch`: rebuild whenever a course file changes.

Polls file sizes and modification times (a course is a few dozen files, so a
scan costs well under a millisecond) rather than depending on an OS watcher
library; the build itself decides what is stale from content hashes.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

WATCHED = ("course.yaml", "sources.yaml", "modules", "quizzes", "templates")


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
