"""`coursegen build`: fingerprint → (load → check) → run the stale jobs → report.

A build with nothing changed stops after fingerprinting: no YAML is
validated and no renderer is imported. Otherwise the course is loaded and
checked once (any error: nothing is written), and the stale jobs run in a
process pool whose workers each import a renderer once and build many jobs.
Every output is written atomically and the manifest is updated after each
job, so a build killed at any moment is repaired by the next one.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from coursegen.build_jobs import MANIFEST, TARGETS, Fingerprints, Job, Manifest, plan_jobs
from coursegen.build_progress import BuildProgress, PlainProgress
from coursegen.checks import check_course
from coursegen.errors import CoursegenError, CourseInvalid, Diagnostic, UsageError
from coursegen.load import read_course
from coursegen.model import Course
from coursegen.render.options import RenderOptions


@dataclass
class JobOutcome:
    """What one job did."""

    job: Job
    outputs: list[Path] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """Warnings the renderer found (e.g. text too long for a slide), from `outputs.diagnostics`."""


@dataclass
class BuildResult:
    """What a build did: jobs built, skipped as up to date, failed; diagnostics; time."""

    built: list[JobOutcome] = field(default_factory=list)
    skipped: list[Job] = field(default_factory=list)
    failed: list[JobOutcome] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def outputs(self) -> dict[str, list[Path]]:
        """Files written, per target."""
        found: dict[str, list[Path]] = {}
        for outcome in self.built:
            found.setdefault(outcome.job.target, []).extend(outcome.outputs)
        return found


def load_checked(root: Path, strict: bool = False) -> tuple[Course, list[Diagnostic]]:
    """Load and check a course; raises CourseInvalid if it has errors (or warnings, if strict)."""
    course, diagnostics = read_course(root)
    if course is not None:
        diagnostics = diagnostics + check_course(course)
    bad = [d for d in diagnostics if d.severity == "error" or strict]
    if course is None or bad:
        raise CourseInvalid(diagnostics)
    return course, diagnostics


def resolve_targets(only: list[str] | None) -> list[str]:
    """The targets to run: those asked for, else every target whose renderer is installed
    (except those printed on demand, such as the paper tests)."""
    if not only:
        return [n for n, t in TARGETS.items() if not t.on_demand and _installed(t.renderer)]
    unknown = [t for t in only if t not in TARGETS]
    if unknown:
        raise UsageError(f"unknown target '{unknown[0]}'; targets: {', '.join(TARGETS)}")
    return only


def preload_renderers(only: list[str] | None) -> None:
    """Import the renderers of these targets in this process, once.

    Later builds, and the workers they fork, then start with the renderers
    imported: `coursegen watch` does this so a save is rebuilt at once.
    """
    for name in resolve_targets(only):
        try:
            importlib.import_module(TARGETS[name].renderer.split(":")[0])
        except (ImportError, OSError):  # the build reports a renderer that cannot load
            continue


def _installed(renderer: str) -> bool:
    return importlib.util.find_spec(renderer.split(":")[0]) is not None


def _listed_modules(root: Path) -> list[str] | None:
    """Module ids from course.yaml, read leniently (a broken file is reported by the loader)."""
    try:
        data = yaml.safe_load((root / "course.yaml").read_text(encoding="utf-8"))
        modules = data.get("modules") if isinstance(data, dict) else None
        return [str(m) for m in modules] if isinstance(modules, list) else None
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None


# Set in each worker process (inherited on fork); workers import renderers once and keep them.
_WORKER_COURSE: Course | None = None


def _init_worker(course: Course) -> None:
    global _WORKER_COURSE
    _WORKER_COURSE = course


def run_job(course: Course, job: Job, out_dir: Path, options: RenderOptions) -> JobOutcome:
    """Run one job in this process; a failure is returned, not raised, so the others go on."""
    started = time.perf_counter()
    module_name, function = TARGETS[job.target].renderer.split(":")
    job_options = RenderOptions(
        modules=(job.module,) if job.module else (),
        course_outputs=job.module is None,
        part=job.part,
        notes=options.notes,
        paper=options.paper,
    )
    try:
        render = getattr(importlib.import_module(module_name), function)
        outputs = render(course, out_dir, job_options)
        return JobOutcome(job, list(outputs), None, time.perf_counter() - started,
                          list(getattr(outputs, "diagnostics", ())))
    except CoursegenError as error:
        message = str(error)
    except Exception as error:  # a renderer bug fails its job, not the whole build
        message = f"{type(error).__name__}: {error}"
    return JobOutcome(job, [], message, time.perf_counter() - started)


def _run_in_worker(job: Job, out_dir: Path, options: RenderOptions) -> JobOutcome:
    assert _WORKER_COURSE is not None
    return run_job(_WORKER_COURSE, job, out_dir, options)


def build(
    root: Path,
    out: Path | None = None,
    only: list[str] | None = None,
    options: RenderOptions | None = None,
    strict: bool = False,
    jobs: int | None = None,
    clean: bool = False,
    progress: BuildProgress | None = None,
) -> BuildResult:
    """Build the course at `root` into `out` (default `root/build`); nothing is written on error."""
    started = time.perf_counter()
    root = Path(root).resolve()
    options = options or RenderOptions()
    progress = progress or PlainProgress(quiet=True)
    targets = resolve_targets(only)
    out_dir = Path(out).resolve() if out else root / "build"
    if clean:
        _clean(out_dir)
    result = BuildResult()
    module_ids = _listed_modules(root)
    plan: list[Job] = []
    if module_ids is not None:
        plan = plan_jobs(targets, module_ids, options.modules)
        fingerprints = Fingerprints(root, module_ids, options.fingerprint())
        manifest = Manifest(out_dir)
        stale = [j for j in plan if not manifest.is_current(j, fingerprints.of(j), out_dir)]
        if plan and not stale:
            result.skipped = plan
            result.seconds = time.perf_counter() - started
            return result
    course, result.diagnostics = load_checked(root, strict)
    for module_id in options.modules or ():
        if not any(m.id == module_id for m in course.modules):
            known = ", ".join(m.id for m in course.modules)
            raise UsageError(f"no module '{module_id}' in this course (modules: {known})")
    module_ids = [m.id for m in course.modules]
    plan = plan_jobs(targets, module_ids, options.modules)
    fingerprints = Fingerprints(root, module_ids, options.fingerprint())
    manifest = Manifest(out_dir)
    stale = [j for j in plan if not manifest.is_current(j, fingerprints.of(j), out_dir)]
    result.skipped = [j for j in plan if j not in stale]
    stale = manifest.longest_first(stale, len(module_ids))
    progress.start(len(stale), len(result.skipped))
    for outcome in _execute(course, stale, out_dir, options, jobs or os.cpu_count() or 1, progress):
        if outcome.error is None:
            outputs = [str(p.relative_to(out_dir)) for p in outcome.outputs]
            manifest.record(outcome.job, fingerprints.of(outcome.job), outputs, outcome.seconds)
            result.built.append(outcome)
            result.diagnostics.extend(outcome.diagnostics)
        else:
            result.failed.append(outcome)
    result.seconds = time.perf_counter() - started
    return result


def _execute(
    course: Course,
    stale: list[Job],
    out_dir: Path,
    options: RenderOptions,
    workers: int,
    progress: BuildProgress,
):
    workers = min(workers, len(stale))
    if workers <= 1:
        for job in stale:
            progress.begin(job)
            outcome = run_job(course, job, out_dir, options)
            progress.finish_job(outcome)
            yield outcome
        return
    import multiprocessing  # only a build of several targets needs a pool
    from concurrent.futures import ProcessPoolExecutor, as_completed

    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=(course,)
    ) as pool:
        futures = {pool.submit(_run_in_worker, job, out_dir, options): job for job in stale}
        for job in stale[:workers]:
            progress.begin(job)
        for future in as_completed(futures):
            outcome = future.result()
            progress.finish_job(outcome)
            yield outcome


def _clean(out_dir: Path) -> None:
    """Remove a previous build's outputs; refuses a folder coursegen did not make."""
    if not out_dir.exists():
        return
    if not (out_dir / MANIFEST).is_file() and any(out_dir.iterdir()):
        raise UsageError(f"{out_dir} was not made by coursegen build; not removing it")
    shutil.rmtree(out_dir)
