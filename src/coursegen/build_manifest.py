"""The build manifest: what earlier builds wrote, from which inputs, with which warnings.

`<out>/.coursegen-build.json` maps each job to the fingerprint of its inputs,
the files it wrote (relative to the output folder), how long it took and the
warnings it raised. An up-to-date job is skipped, yet its warnings are shown
again; `--clean` removes only the files listed here.
"""

from __future__ import annotations

import json
from pathlib import Path

from coursegen.build_jobs import TARGETS, Job
from coursegen.errors import Diagnostic, Location
from coursegen.model.course import Translation
from coursegen.output import unwritable, write_text

MANIFEST = ".coursegen-build.json"
CHECK_KEY = "(check)"
"""The entry holding the course check's warnings, under the fingerprint of every input."""
TRANSLATION_KEY = "(translation)"
"""In a build in another language: how much was translated, under the check's fingerprint."""


class Manifest:
    """What the last builds produced: per job, its fingerprint, output files and warnings."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.path = out_dir / MANIFEST
        try:
            entries = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            entries = {}
        self.entries: dict[str, dict] = entries if isinstance(entries, dict) else {}

    def is_current(self, job: Job, fingerprint: str) -> bool:
        """Whether the job's outputs exist and were made from these exact inputs."""
        entry = self.entries.get(job.key)
        return (
            bool(entry)
            and entry.get("fingerprint") == fingerprint
            and all((self.out_dir / name).is_file() for name in entry.get("outputs", ()))
        )

    def record(self, job: Job, fingerprint: str, outputs: list[str], seconds: float,
               warnings: list[Diagnostic]) -> None:
        """Remember a finished job and save the manifest at once (atomically)."""
        self.entries[job.key] = {"fingerprint": fingerprint, "outputs": outputs,
                                 "seconds": round(seconds, 3),
                                 "warnings": [d.as_dict() for d in warnings],
                                 "earlier": self._earlier(job, outputs)}
        self.save()

    def record_failure(self, job: Job, written: list[str]) -> None:
        """Remember the files a failed job wrote (the job stays stale), for `--clean`."""
        entry = self.entries.setdefault(job.key, {"fingerprint": None, "outputs": []})
        entry["earlier"] = self._earlier(job, entry.get("outputs", []), written)
        self.save()

    def _earlier(self, job: Job, outputs: list[str], written: list[str] = ()) -> list[str]:
        """Files the job wrote once but does not list now (a course renamed, a failed run)."""
        entry = self.entries.get(job.key, {})
        before = {*entry.get("outputs", ()), *entry.get("earlier", ()), *written}
        return sorted(before - set(outputs))

    def record_check(self, fingerprint: str, warnings: list[Diagnostic], seconds: float) -> None:
        """Remember the course check's warnings for these inputs, to show them on later builds."""
        self.entries[CHECK_KEY] = {"fingerprint": fingerprint, "outputs": [],
                                   "seconds": round(seconds, 3),
                                   "warnings": [d.as_dict() for d in warnings]}
        self.save()

    def check_warnings(self, fingerprint: str) -> list[Diagnostic] | None:
        """The course check's warnings recorded for these inputs; None if not checked yet."""
        entry = self.entries.get(CHECK_KEY)
        if not entry or entry.get("fingerprint") != fingerprint:
            return None
        return _diagnostics(entry)

    def record_translation(self, fingerprint: str, translation: Translation) -> None:
        """Remember how much of the course these inputs translate, for up-to-date builds."""
        self.entries[TRANSLATION_KEY] = {"fingerprint": fingerprint, "outputs": [],
                                         "translation": translation.model_dump()}
        self.save()

    def translation(self, fingerprint: str) -> Translation | None:
        """The translation recorded for these inputs; None if not recorded."""
        entry = self.entries.get(TRANSLATION_KEY)
        if not entry or entry.get("fingerprint") != fingerprint:
            return None
        try:
            return Translation.model_validate(entry.get("translation"))
        except ValueError:
            return None

    def warnings(self, jobs: list[Job]) -> list[Diagnostic]:
        """The warnings these jobs raised when they were last built."""
        return [d for job in jobs for d in _diagnostics(self.entries.get(job.key, {}))]

    def written(self) -> set[str]:
        """Every file (relative to the output folder, '/'-separated) a recorded job wrote."""
        return {Path(name).as_posix() for key in self.entries for name in self.files_of(key)}

    def files_of(self, key: str) -> list[str]:
        """The files a job wrote: its current outputs and those of earlier runs."""
        entry = self.entries.get(key, {})
        return [*entry.get("outputs", ()), *entry.get("earlier", ())]

    def forget(self, keys: list[str]) -> None:
        """Drop these jobs' entries and save the manifest."""
        for key in keys:
            self.entries.pop(key, None)
        self.save()

    def save(self) -> None:
        """Write the manifest atomically."""
        try:
            write_text(self.path, json.dumps(self.entries, indent=1, sort_keys=True))
        except OSError as error:
            raise unwritable(self.path, error, "write") from None

    def longest_first(self, jobs: list[Job], module_count: int) -> list[Job]:
        """The jobs ordered by how long they last took (else by a rough estimate), longest first.

        Starting the longest jobs first keeps one worker from being left with a
        long job at the end while the others are idle.
        """

        def expected(job: Job) -> float:
            last = self.entries.get(job.key, {}).get("seconds")
            if isinstance(last, (int, float)):
                return float(last)
            target = TARGETS[job.target]
            return target.seconds * (1 if job.module else max(module_count, 1))

        return sorted(jobs, key=expected, reverse=True)


def _diagnostics(entry: dict) -> list[Diagnostic]:
    """The warnings stored in a manifest entry, as they were reported."""
    found = []
    for item in entry.get("warnings", ()):
        file = item.get("file")
        location = Location(file, item.get("line") or 0, item.get("column") or 0) if file else None
        found.append(Diagnostic(location, item.get("message", ""), item.get("path", ""),
                                item.get("severity", "warning"), item.get("code", "invalid")))
    return found
