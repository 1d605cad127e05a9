"""Build workers: started the platform's way, stopped by Ctrl-C, gone when the build dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from pptx import Presentation

pytestmark = pytest.mark.slow  # each test runs handouts in a pool of workers


def coursegen(*args: str) -> list[str]:
    return [sys.executable, "-m", "coursegen", *args]


def workers_of(pid: int, count: int = 2, timeout: float = 120) -> list[psutil.Process]:
    """The build's worker processes, once `count` of them run."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [p for p in psutil.Process(pid).children() if _is_worker(p)]
        if len(found) >= count:
            return found
        time.sleep(0.05)
    raise AssertionError(f"the build did not start {count} workers in {timeout}s")


def _is_worker(process: psutil.Process) -> bool:
    """A running child that is not multiprocessing's resource tracker (exited ones are not)."""
    try:
        return "resource_tracker" not in " ".join(process.cmdline())
    except (psutil.ZombieProcess, psutil.NoSuchProcess):
        return False


def alive(process: psutil.Process) -> bool:
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def survivors(processes: list[psutil.Process], within: float) -> list[psutil.Process]:
    """The processes still running after `within` seconds (killed afterwards, to tidy up)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline and any(alive(p) for p in processes):
        time.sleep(0.1)
    left = [p for p in processes if alive(p)]
    for process in left:
        process.kill()
    return left


def test_spawned_workers_build_the_course(starter_course: Path) -> None:
    environment = {**os.environ, "COURSEGEN_START_METHOD": "spawn"}
    process = subprocess.Popen(coursegen("build", "-j", "2", "--only", "handouts,decks,lms",
                                         str(starter_course)),
                               env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    started = [" ".join(p.cmdline()) for p in workers_of(process.pid)]
    stdout, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr
    assert all("spawn_main" in command for command in started), started
    assert stdout.splitlines()[-1].startswith("6 built")
    deck = Presentation(str(starter_course / "build/decks/getting-started.pptx"))
    assert len(deck.slides) > 3
    assert (starter_course / "build/handouts/getting-started-trainer.pdf").read_bytes()[:4] \
        == b"%PDF"


def test_an_unknown_start_method_is_a_clear_error(starter_course: Path) -> None:
    result = subprocess.run(coursegen("build", "-j", "2", "--only", "decks,lms",
                                      str(starter_course)),
                            env={**os.environ, "COURSEGEN_START_METHOD": "thread"},
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 2
    assert "COURSEGEN_START_METHOD=thread is not a way to start processes here; use one of: " \
        "fork, spawn, forkserver" in result.stderr


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_workers_exit_when_the_build_process_is_killed(starter_course: Path,
                                                       method: str) -> None:
    process = subprocess.Popen(coursegen("build", "-j", "2", "--only", "handouts",
                                         str(starter_course)),
                               env={**os.environ, "COURSEGEN_START_METHOD": method},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers = workers_of(process.pid)
    os.kill(process.pid, signal.SIGKILL)  # the build only, not its workers
    process.wait()
    assert survivors(workers, within=15) == []


def test_ctrl_c_stops_watch_while_its_workers_build(starter_course: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(sys.executable, ["-m", "coursegen", "watch", "-j", "2", "--only",
                                           "handouts,lms", str(starter_course)], timeout=120)
    workers = workers_of(child.pid)
    child.sendintr()  # once
    child.expect("coursegen: interrupted", timeout=20)
    shown = child.before.decode()
    child.expect(pexpect.EOF, timeout=20)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in shown + child.before.decode()
    assert survivors(workers, within=5) == []


def test_stopping_the_workers_waits_for_the_pool_s_manager_thread() -> None:
    """Interrupted, the pool's manager thread has closed its pipes before the build exits, so
    Python's exit hook cannot race it into a traceback ("Bad file descriptor")."""
    import multiprocessing
    import time as clock
    from concurrent.futures import ProcessPoolExecutor

    from coursegen.build_pool import _stop_workers

    pool = ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn"))
    futures = [pool.submit(clock.sleep, 30) for _ in range(4)]
    while not any(f.running() for f in futures):
        clock.sleep(0.05)
    manager = pool._executor_manager_thread
    assert manager is not None and manager.is_alive()
    _stop_workers(pool)
    assert not manager.is_alive()
