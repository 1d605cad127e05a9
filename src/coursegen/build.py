"""`coursegen build`: load → check → plan → run, incremental, parallel and atomic.

First the inputs are fingerprinted from file bytes: when every planned job is
up to date the build stops there (no YAML validated, no renderer imported)
and reports the warnings recorded with those jobs. Otherwise the course is
loaded and checked once (any error: nothing is written or removed), the jobs
are planned, `--clean` removes the earlier outputs of the targets asked for,
and the stale jobs run (`build_pool`). Every output is written atomically and
the manifest is updated after each job, so a build killed at any moment is
repaired by the next one.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
import time
from pathlib import Path

from coursegen.build_clean import clean_outputs, refuse_course_folder
from coursegen.build_jobs import TARGETS, BuildResult, Fingerprints, Job, plan_jobs
from coursegen.build_manifest import Manifest
from coursegen.build_pool import run_jobs
from coursegen.build_progress import BuildProgress, PlainProgress
from coursegen.errors import CourseInvalid, UsageError
from coursegen.load import course_language, listed_module_ids, load_checked
from coursegen.model import Course
from coursegen.output import remove_temporaries
from coursegen.render.options import RenderOptions
from coursegen.translation.content_strings import LANGUAGE_TAG


def build(
    root: Path,
    out: Path | None = None,
    only: list[str] | None = None,
    options: RenderOptions | None = None,
    strict: bool = False,
    jobs: int | None = None,
    clean: bool = False,
    progress: BuildProgress | None = None,
    language: str | None = None,
) -> BuildResult:
    """Build the course at `root` into `out` (default `root/build`); nothing is written on error.

    With `language` other than the course's own, the course is built in that language
    from its catalogs (translations/<language>/*.po) into `<out>/<language>/`.
    """
    started = time.perf_counter()
    root = Path(root).resolve()
    out_dir = Path(out).resolve() if out else root / "build"
    if language == course_language(root):
        language = None
    if language is not None:
        if not re.match(LANGUAGE_TAG, language):
            raise UsageError(f"'{language}' is not a language tag; use a BCP 47 tag such as "
                             "fr, ar, zh or fr-CA")
        out_dir = out_dir / language
    options = options or RenderOptions()
    targets = resolve_targets(only)
    if clean:
        refuse_course_folder(out_dir, root)
    elif result := _up_to_date(root, out_dir, targets, options, strict, language):
        result.seconds = time.perf_counter() - started
        return result
    course, check_warnings = load_checked(root, strict)
    plan, fingerprints = _plan(course, targets, options, language)
    manifest = Manifest(out_dir)
    translation = None
    if language is not None:
        from coursegen.translation.content_apply import course_in

        course, _fallbacks, catalog_warnings = course_in(course, language)
        if strict and catalog_warnings:
            raise CourseInvalid(catalog_warnings)
        translation = course.translation
        check_warnings = check_warnings + catalog_warnings
    if clean:
        clean_outputs(out_dir, manifest, targets, plan, every_module=options.modules is None)
    manifest.record_check(fingerprints.of_check(), check_warnings,
                          time.perf_counter() - started)
    if translation is not None:
        manifest.record_translation(fingerprints.of_check(), translation)
    result = _run(course, plan, fingerprints, manifest, options, jobs or os.cpu_count() or 1,
                  progress or PlainProgress(quiet=True))
    result.diagnostics[:0] = check_warnings
    result.translation = translation
    result.seconds = time.perf_counter() - started
    return result


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


def _up_to_date(root: Path, out_dir: Path, targets: list[str], options: RenderOptions,
                strict: bool, language: str | None) -> BuildResult | None:
    """The result of a build with nothing to do, decided from file bytes; None if any is stale.

    The warnings the course check and the jobs raised last time are reported again,
    and for a build in another language how much was translated.
    """
    module_ids = listed_module_ids(root)
    if module_ids is None:
        return None
    plan = plan_jobs(targets, module_ids, options.modules)
    fingerprints = Fingerprints(root, module_ids, options.fingerprint(), language)
    manifest = Manifest(out_dir)
    check_warnings = manifest.check_warnings(fingerprints.of_check())
    translation = manifest.translation(fingerprints.of_check()) if language else None
    if not plan or check_warnings is None or (language and translation is None):
        return None
    if not all(manifest.is_current(job, fingerprints.of(job)) for job in plan):
        return None
    if strict and check_warnings:
        raise CourseInvalid(check_warnings)
    return BuildResult(skipped=plan, diagnostics=check_warnings + manifest.warnings(plan),
                       translation=translation)


def _plan(course: Course, targets: list[str], options: RenderOptions,
          language: str | None) -> tuple[list[Job], Fingerprints]:
    """The jobs for the targets and selected modules, and the fingerprints of their inputs."""
    module_ids = [m.id for m in course.modules]
    for module_id in options.modules or ():
        if module_id not in module_ids:
            raise UsageError(f"no module '{module_id}' in this course "
                             f"(modules: {', '.join(module_ids)})")
    fingerprints = Fingerprints(course.root, module_ids, options.fingerprint(), language)
    return plan_jobs(targets, module_ids, options.modules), fingerprints


def _run(course: Course, plan: list[Job], fingerprints: Fingerprints, manifest: Manifest,
         options: RenderOptions, workers: int, progress: BuildProgress) -> BuildResult:
    """Run the stale jobs, longest first, recording each finished one in the manifest."""
    out_dir = manifest.out_dir
    result = BuildResult()
    stale = [job for job in plan if not manifest.is_current(job, fingerprints.of(job))]
    result.skipped = [job for job in plan if job not in stale]
    result.diagnostics = manifest.warnings(result.skipped)
    if out_dir.is_dir():
        remove_temporaries(out_dir)  # left by a build that was killed
    stale = manifest.longest_first(stale, len(course.modules))
    progress.start(len(stale), len(result.skipped))
    for outcome in run_jobs(course, stale, out_dir, options, workers, progress):
        if outcome.error is None:
            outputs = [p.relative_to(out_dir).as_posix() for p in outcome.outputs]
            manifest.record(outcome.job, fingerprints.of(outcome.job), outputs, outcome.seconds,
                            outcome.diagnostics)
            result.built.append(outcome)
            result.diagnostics.extend(outcome.diagnostics)
        else:
            manifest.record_failure(outcome.job, [p.relative_to(out_dir).as_posix()
                                                  for p in outcome.written
                                                  if p.is_relative_to(out_dir)])
            result.failed.append(outcome)
    return result
