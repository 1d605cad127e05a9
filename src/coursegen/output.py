"""Writing outputs safely: to a temporary file beside the target, then renamed into place."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from coursegen.errors import Diagnostic, OutputUnwritable

TEMPORARY = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
"""The name `atomic_path` gives a file being written: `.<target name>.<8 random characters>.tmp`."""


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces `target` in one rename.

    If the body raises (or the process dies), `target` keeps its previous content
    and the temporary file is removed (or, if the process was killed, left with
    a name matching `TEMPORARY`, which the next build removes).
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
        for record in _records:
            record.append(target)
    finally:
        temporary.unlink(missing_ok=True)


_records: list[list[Path]] = []


@contextmanager
def recording_writes() -> Iterator[list[Path]]:
    """Yield a list that collects every file written (by `atomic_path`) in this process meanwhile.

    The build records them, so a job that fails half way still has its files known
    to `--clean`.
    """
    record: list[Path] = []
    _records.append(record)
    try:
        yield record
    finally:
        _records.remove(record)


def remove_temporaries(folder: Path) -> list[Path]:
    """Remove the temporary files that killed writers left anywhere under `folder`."""
    removed = []
    for parent, _folders, names in os.walk(folder):
        for name in names:
            if TEMPORARY.match(name):
                path = Path(parent, name)
                try:
                    path.unlink()
                except FileNotFoundError:
                    continue
                except OSError as error:
                    raise unwritable(path, error, "remove") from None
                removed.append(path)
    return removed


def unwritable(path: Path, error: OSError, action: str) -> OutputUnwritable:
    """The error to report when `path` cannot be written or removed: what, where, and why."""
    reason = error.strerror or str(error)
    return OutputUnwritable(f"cannot {action} {path}: {reason}; make the folder writable "
                            "or choose another --out")


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
