"""`coursegen new DIR`: a small working course to start from."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from coursegen.errors import UsageError


def create_course(directory: Path) -> list[Path]:
    """Copy the starter course into `directory` (which must be empty or absent)."""
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{directory} is a file, not a folder; choose a new folder name")
    if directory.exists() and any(directory.iterdir()):
        raise UsageError(f"{directory} is not empty; choose a new folder")
    written = []
    root = files("coursegen") / "scaffold"
    try:
        for source, relative in _walk(root, Path()):
            target = directory / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
            written.append(target)
        (directory / "templates").mkdir(exist_ok=True)
    except OSError as error:
        raise UsageError(
            f"cannot create the course in {directory}: {error.strerror or error}"
        ) from None
    return written


def _walk(node, relative: Path):
    for child in node.iterdir():
        if child.is_dir():
            yield from _walk(child, relative / child.name)
        elif not child.name.startswith((".", "__")):
            yield child, relative / child.name
