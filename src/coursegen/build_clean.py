"""`coursegen build --clean`: remove what earlier builds wrote, and nothing else.

Only files the manifest lists are removed, and only those of the targets (and
modules) asked for. An output folder that is, or holds, the course, or that
holds any file coursegen did not write, is refused before anything is removed.
"""

from __future__ import annotations

import os
from pathlib import Path

from coursegen.build_jobs import Job
from coursegen.build_manifest import MANIFEST, Manifest
from coursegen.errors import UsageError
from coursegen.output import TEMPORARY, remove_temporaries, unwritable


def clean_outputs(out_dir: Path, manifest: Manifest, targets: list[str],
                  planned: list[Job], every_module: bool) -> list[Path]:
    """Remove the recorded outputs of these targets; returns the files removed.

    With `every_module`, entries of the targets for modules the course no longer
    has are removed too; otherwise only the planned jobs' entries.
    """
    if not out_dir.exists():
        return []
    refuse_foreign_files(out_dir, manifest)
    planned_keys = {job.key for job in planned}
    keys = [key for key in manifest.entries
            if key in planned_keys or (every_module and key.split(":", 1)[0] in targets)]
    removed = remove_temporaries(out_dir)
    for key in keys:
        for name in manifest.files_of(key):
            path = out_dir / name
            if not path.resolve().is_relative_to(out_dir.resolve()):
                continue  # a manifest edited by hand: never reach outside the folder
            try:
                path.unlink()
            except FileNotFoundError:
                continue
            except OSError as error:
                raise unwritable(path, error, "remove") from None
            removed.append(path)
            _remove_empty_parents(path.parent, out_dir)
    manifest.forget(keys)
    return removed


def refuse_course_folder(out_dir: Path, root: Path) -> None:
    """Refuse to clean an output folder that is the course folder or one of its parents."""
    if root == out_dir or root.is_relative_to(out_dir):
        raise UsageError(f"--out {out_dir} holds the course itself; --clean would put it at "
                         "risk. Build into a folder of its own (the default is build/)")


def refuse_foreign_files(out_dir: Path, manifest: Manifest) -> None:
    """Refuse to clean a folder holding any file that no recorded build wrote."""
    written = manifest.written()
    foreign = []
    for parent, folders, names in os.walk(out_dir):
        # a build in another language (build/fr/) keeps its own manifest: not ours to judge
        folders[:] = [f for f in folders if not (Path(parent, f) / MANIFEST).is_file()]
        for name in names:
            relative = Path(parent, name).relative_to(out_dir).as_posix()
            if relative != MANIFEST and relative not in written and not TEMPORARY.match(name):
                foreign.append(relative)
    if foreign:
        shown = ", ".join(sorted(foreign)[:3]) + (", …" if len(foreign) > 3 else "")
        raise UsageError(
            f"--out {out_dir} holds {len(foreign)} file{'s' * (len(foreign) != 1)} coursegen "
            f"did not write ({shown}); --clean removes nothing there. Move them away, or build "
            "into a folder of its own"
        )


def _remove_empty_parents(folder: Path, out_dir: Path) -> None:
    """Remove folders emptied by cleaning, up to (not including) the output folder."""
    while folder != out_dir and folder.is_relative_to(out_dir):
        try:
            folder.rmdir()
        except OSError:  # not empty (or not ours to remove): stop here
            return
        folder = folder.parent
