"""Writing outputs safely: to a temporary file beside the target, then renamed into place."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from coursegen.errors import Diagnostic


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces `target` in one rename.

    If the body raises (or the process dies), `target` keeps its previous content
    and the temporary file is removed (or left with a `.tmp` suffix that later
    builds ignore and overwrite).
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are for sharing
    try:
        yield temporary
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


@cache
def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_bytes(target: Path, data: bytes) -> Path:
    """Write bytes atomically; returns the target."""
    with atomic_path(target) as temporary:
        temporary.write_bytes(data)
    return target


def write_text(target: Path, text: str) -> Path:
    """Write UTF-8 text atomically; returns the target."""
    return write_bytes(target, text.encode("utf-8"))


class RenderedFiles(list):
    """The files a renderer wrote, plus the warnings it found on the way (`.diagnostics`)."""

    def __init__(self, paths=(), diagnostics=()) -> None:
        super().__init__(paths)
        self.diagnostics: list[Diagnostic] = list(diagnostics)
