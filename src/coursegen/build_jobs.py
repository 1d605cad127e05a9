"""Build jobs, their outcomes and their input fingerprints: what must be rebuilt after an edit.

A job is one target for one module, or one target's course-wide files. Its
fingerprint hashes every input that can change its output: the module's YAML
(or all modules' for a course-wide job), course.yaml, sources.yaml, the
built-in and course templates, the coursegen version and the render options.
Fingerprints are computed from file bytes alone, so a build with nothing to do
never loads the course or imports a renderer.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from coursegen import __version__
from coursegen.errors import Diagnostic
from coursegen.i18n.ui import locale_dirs
from coursegen.model.course import Translation
from coursegen.theme import BUILTIN_TEMPLATES, course_templates

MANIFEST = ".coursegen-build.json"


@dataclass(frozen=True)
class Target:
    """An output family: which renderer makes it, and whether it has per-module files."""

    name: str
    renderer: str
    per_module: bool = True
    course_wide: bool = False
    seconds: float = 1.0
    """A rough cost per module, to start long jobs first until a build has timed them."""
    parts: tuple[str, ...] = ()
    """A module's files that are built as separate jobs (a handout's two editions), so
    that workers share the long ones; empty: one job per module."""
    on_demand: bool = False
    """Built only when asked for by name (`--only papers`), not by a plain build."""


TARGETS: dict[str, Target] = {
    "decks": Target("decks", "coursegen.render.deck:render_decks", seconds=0.5),
    "handouts": Target("handouts", "coursegen.render.handout:render_handouts", course_wide=True,
                       seconds=4.0, parts=("participant", "trainer")),
    "site": Target("site", "coursegen.render.site:render_site", per_module=False, course_wide=True,
                   seconds=0.1),
    "lms": Target("lms", "coursegen.export.lms:render_lms", course_wide=True, seconds=0.05),
    "papers": Target("papers", "coursegen.render.paper:render_papers", seconds=2.0,
                     on_demand=True),
}


@dataclass(frozen=True)
class Job:
    """One unit of work: a target for one module (or for the course-wide files, module=None),
    or one part of a module's files."""

    target: str
    module: str | None
    part: str | None = None

    @property
    def key(self) -> str:
        """A stable name, used in the manifest and in progress lines."""
        key = f"{self.target}:{self.module or '(course)'}"
        return f"{key}:{self.part}" if self.part else key


@dataclass
class JobOutcome:
    """What one job did."""

    job: Job
    outputs: list[Path] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """Warnings the renderer found (e.g. text too long for a slide), from `outputs.diagnostics`."""
    written: list[Path] = field(default_factory=list)
    """Every file the job wrote, also when it failed half way."""


@dataclass
class BuildResult:
    """What a build did: jobs built, skipped as up to date, failed; diagnostics; time."""

    built: list[JobOutcome] = field(default_factory=list)
    skipped: list[Job] = field(default_factory=list)
    failed: list[JobOutcome] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """The course check's warnings, then every job's (an up-to-date job's from the manifest)."""
    seconds: float = 0.0
    translation: Translation | None = None
    """For a build in another language: how much of the course was translated."""

    @property
    def outputs(self) -> dict[str, list[Path]]:
        """Files written, per target."""
        found: dict[str, list[Path]] = {}
        for outcome in self.built:
            found.setdefault(outcome.job.target, []).extend(outcome.outputs)
        return found


def plan_jobs(
    targets: list[str], module_ids: list[str], selected: tuple[str, ...] | None
) -> list[Job]:
    """The jobs for these targets: per selected module, plus course-wide ones for a full build."""
    jobs = []
    for name in targets:
        target = TARGETS[name]
        if target.per_module:
            for module in module_ids:
                if selected is None or module in selected:
                    jobs += [Job(name, module, part) for part in target.parts or (None,)]
        if target.course_wide and selected is None:
            jobs.append(Job(name, None))
    return jobs


def _hash_files(digest: hashlib._Hash, paths: list[Path], root: Path) -> None:
    for path in sorted(paths):
        if path.is_file() and not path.name.startswith("."):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())


def _tree(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.is_dir() else []


class Fingerprints:
    """Computes job fingerprints for a course folder, reading each file once."""

    def __init__(self, root: Path, module_ids: list[str], options_fingerprint: str,
                 language: str | None = None) -> None:
        self.root = root
        self.language = language
        """A build in another language: its catalogs (translations/<lang>/*.po) are inputs."""
        common = hashlib.sha256(f"{__version__};{options_fingerprint};{language}".encode())
        _hash_files(common, _tree(BUILTIN_TEMPLATES), BUILTIN_TEMPLATES)
        for folder in locale_dirs():  # the interface catalogs: a new translation rebuilds
            _hash_files(common, [p for p in _tree(folder) if p.suffix == ".po"], folder)
        own = course_templates(root)
        if own is not None:
            _hash_files(common, _tree(own), root)
        course_files = hashlib.sha256()
        _hash_files(course_files, [root / "course.yaml", root / "sources.yaml",
                                   *self._catalogs("course")], root)
        self.course_files = course_files.hexdigest()
        common.update(self.course_files.encode())
        self.common = common.hexdigest()
        self.modules = {m: self._module_hash(m) for m in module_ids}

    def _module_hash(self, module_id: str) -> str:
        digest = hashlib.sha256()
        paths = [
            *_tree(self.root / "modules" / module_id),
            self.root / "quizzes" / f"{module_id}.yaml",
            *self._catalogs(module_id),
        ]
        _hash_files(digest, paths, self.root)
        return digest.hexdigest()

    def _catalogs(self, name: str) -> list[Path]:
        """The catalog a translated build reads for course.yaml ("course") or a module."""
        if self.language is None:
            return []
        return [self.root / "translations" / self.language / f"{name}.po"]

    def of_check(self) -> str:
        """The fingerprint of the course check: the course's own files, version and today's date
        (a review date passes without any file changing)."""
        parts = [__version__, self.course_files, *sorted(self.modules.values()),
                 date.today().isoformat()]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def of(self, job: Job) -> str:
        """The fingerprint of one job."""
        parts = [self.common, job.key]
        parts += [self.modules[job.module]] if job.module else sorted(self.modules.values())
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()
