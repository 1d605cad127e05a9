"""Running build jobs: in this process, or in a pool of worker processes.

Each worker receives the checked course once and imports each renderer once,
then builds many jobs. Workers use `fork` where the platform has it (they
start with the course and any preloaded renderer already in memory) and
`spawn` elsewhere (Windows); `COURSEGEN_START_METHOD=spawn` forces the latter,
so it is tested on Linux too. Workers ignore Ctrl-C (the build stops them) and
exit on their own if the build process dies.
"""

from __future__ import annotations

import importlib
import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from coursegen.build_jobs import TARGETS, Job, JobOutcome
from coursegen.build_progress import BuildProgress
from coursegen.errors import CoursegenError, UsageError
from coursegen.model import Course
from coursegen.output import recording_writes
from coursegen.render.options import RenderOptions

START_METHOD_VARIABLE = "COURSEGEN_START_METHOD"


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
    with recording_writes() as written:
        try:
            render = getattr(importlib.import_module(module_name), function)
            outputs = render(course, out_dir, job_options)
            return JobOutcome(job, list(outputs), None, time.perf_counter() - started,
                              list(getattr(outputs, "diagnostics", ())), list(written))
        except CoursegenError as error:
            message = str(error)
        except Exception as error:  # a renderer bug fails its job, not the whole build
            message = f"{type(error).__name__}: {error}"
        return JobOutcome(job, [], message, time.perf_counter() - started, [], list(written))


def run_jobs(course: Course, jobs: list[Job], out_dir: Path, options: RenderOptions,
             workers: int, progress: BuildProgress) -> Iterator[JobOutcome]:
    """Run the jobs, in this process or in up to `workers` processes; yields each outcome."""
    workers = min(workers, len(jobs))
    if workers <= 1:
        for job in jobs:
            progress.begin(job)
            outcome = run_job(course, job, out_dir, options)
            progress.finish_job(outcome)
            yield outcome
        return
    import multiprocessing  # only a build of several jobs needs a pool
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context(start_method())
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                               initargs=(course, os.getpid()))
    try:
        with _ctrl_c_held():  # the workers and the pool's threads start with Ctrl-C held back
            futures = {pool.submit(_run_in_worker, job, out_dir, options): job for job in jobs}
        for job in jobs[:workers]:
            progress.begin(job)
        for future in as_completed(futures):
            try:
                outcome = future.result()
            except BrokenProcessPool:  # a worker was killed (out of memory?) during a job
                outcome = JobOutcome(futures[future], [], "the process building it was killed "
                                     "before it finished; run the build again")
            progress.finish_job(outcome)
            yield outcome
    except BaseException:  # Ctrl-C, or the caller stopped: end the workers now, not after
        _stop_workers(pool)
        raise
    pool.shutdown()


def start_method() -> str:
    """How to start workers: `fork` where the platform has it, else `spawn`; or as forced."""
    import multiprocessing

    available = multiprocessing.get_all_start_methods()
    forced = os.environ.get(START_METHOD_VARIABLE)
    if forced:
        if forced not in available:
            raise UsageError(f"{START_METHOD_VARIABLE}={forced} is not a way to start processes "
                             f"here; use one of: {', '.join(available)}")
        return forced
    return "fork" if "fork" in available else "spawn"


@contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Hold Ctrl-C back while the pool starts; it is handled (by this thread) just after.

    Threads and processes started meanwhile inherit the held signal: the pool's
    threads never take a Ctrl-C meant for the build, and a worker ignores it
    before it can interrupt the worker's start.
    """
    if not hasattr(signal, "pthread_sigmask"):  # Windows: Ctrl-C reaches the main thread
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _stop_workers(pool) -> None:
    """Terminate the pool's workers without waiting for their jobs."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    # Taken before shutdown, which forgets it: the manager thread must have closed its pipes
    # before the interpreter exits, or Python 3.11's exit hook races it ("Bad file descriptor").
    manager = getattr(pool, "_executor_manager_thread", None)
    for process in processes:
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(timeout=5)
    if manager is not None:
        manager.join(timeout=10)


# Set in each worker process by its initializer; workers keep the course and renderers.
_WORKER_COURSE: Course | None = None


def _init_worker(course: Course, build_pid: int) -> None:
    global _WORKER_COURSE
    _WORKER_COURSE = course
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the build, which stops us
    if hasattr(signal, "pthread_sigmask"):  # started with Ctrl-C held back (see _ctrl_c_held)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    threading.Thread(target=_exit_with_build, args=(build_pid,), daemon=True).start()


def _exit_with_build(build_pid: int) -> None:
    """End this worker as soon as the build process is gone (e.g. killed)."""
    import multiprocessing
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    while True:
        if parent is not None:
            if wait([parent.sentinel], timeout=0.5):
                os._exit(1)
        else:
            time.sleep(0.5)
        if os.name == "posix" and os.getppid() != build_pid:  # orphaned: adopted by another
            os._exit(1)


def _run_in_worker(job: Job, out_dir: Path, options: RenderOptions) -> JobOutcome:
    assert _WORKER_COURSE is not None
    return run_job(_WORKER_COURSE, job, out_dir, options)
