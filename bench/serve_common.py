"""What the serve benchmarks share: a bench course, free ports, waiting for a server, latencies."""

from __future__ import annotations

import re
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import httpx

QUESTIONS = 10
TIMEOUT = aiohttp.ClientTimeout(total=60.0)
def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_course(folder: Path, questions: int = QUESTIONS) -> None:
    """The starter course with a single-choice bank of `questions` (10), all drawn."""
    from coursegen.scaffold import create_course

    create_course(folder)
    lines = ["module: getting-started", "settings:", "  pass_mark: 70", "  time_limit: 30",
             "questions:"]
    ids = ["dual-use", "safeguard-order"] + [f"q{k}" for k in range(2, questions)]
    for k, question_id in enumerate(ids):  # the lessons' knowledge checks name the first two
        objective = "explain-dual-use" if k % 2 else "apply-safeguards"
        options = ["{text: Right, correct: true}", "{text: Wrong}"]
        lines += [f"  - id: {question_id}", "    type: single", f"    objective: {objective}",
                  f"    stem: Load question {k}?", "    options:",
                  *(f"      - {o}" for o in (options if k % 2 else options[::-1])),
                  "    explanation: Because.", "    cite: [unodc-ws4-2020]"]
    (folder / "quizzes" / "getting-started.yaml").write_text("\n".join(lines) + "\n")


def wait_for(url: str, process: subprocess.Popen, seconds: float = 30.0) -> None:
    """Poll `url` until it answers, or fail if the server died or took too long."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"server exited: {process.stderr.read().decode() if process.stderr else ''}")
        try:
            if httpx.get(url, timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    sys.exit(f"server at {url} did not start in {seconds:.0f} s")


CSRF = re.compile(r'name="csrf" value="([^"]+)"')
def latency_ms(values: list[float]) -> tuple[float, float, float]:
    """p50, p95 and p99 of latencies in seconds, in milliseconds."""
    cuts = statistics.quantiles(values, n=100)
    return cuts[49] * 1000, cuts[94] * 1000, cuts[98] * 1000
