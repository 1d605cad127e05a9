"""Load on `coursegen serve`: 200 learners at once, each answer saved by its own request.

Starts `coursegen serve` on loopback with a fresh SQLite database and a 10-question
quiz, then runs 200 simulated learners concurrently with aiohttp (join, start, answer
10 questions one request each, submit). aiohttp because the load generator shares the
machine's two cores with the server: it spends about 1 ms of CPU a request, httpx about 5.

1. as in a training room: each learner thinks ~1 s between answers; prints the
   answer-save latency p50/p95/p99 (target: p95 under 50 ms);
2. flat out (no thinking): answer-save throughput, against a bare Starlette "hello"
   endpoint on uvicorn, the ceiling, measured in the same run with the same clients.

After each run it checks that every answer (2,000 per run) is in the database.
Loopback only; bounded by a deadline per phase.

    .venv/bin/python bench/serve_load.py [--learners 200] [--think 1.0]

With --interval, a cohort on PostgreSQL and several workers instead (bench/serve_cohort.py):

    .venv/bin/python bench/serve_load.py --learners 5000 --interval 10 --duration 120 \
        --workers 2 --db postgresql+psycopg://USER:PASSWORD@127.0.0.1/DATABASE
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
from serve_common import (
    CSRF,
    QUESTIONS,
    TIMEOUT,
    bench_course,
    free_port,
    latency_ms,
    wait_for,
)

PHASE_DEADLINE = 240.0
HELLO_APP = '''
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route


async def hello(request):
    return PlainTextResponse("hello")

app = Starlette(routes=[Route("/hello", hello, methods=["GET", "POST"])])
'''










async def learner(base: str, index: int, think: float, saves: list[float]) -> str:
    """One learner's whole attempt, in a browser-like session of its own; returns its uid."""
    jar = aiohttp.CookieJar(unsafe=True)  # loopback is an IP address: keep its cookies
    async with aiohttp.ClientSession(base, cookie_jar=jar, timeout=TIMEOUT) as client:
        token = CSRF.search(await _text(client.get("/"))).group(1)
        await _text(client.post("/join", data={"name": f"Learner {index:03d}", "csrf": token},
                                allow_redirects=False))
        token = CSRF.search(await _text(client.get("/"))).group(1)
        async with client.post("/start", data={"module": "getting-started", "form": "exam",
                                               "csrf": token}, allow_redirects=False) as started:
            uid = started.headers["location"].split("/")[2]
        headers = {"x-autosave": "1", "x-csrf-token": token}
        for number in range(1, QUESTIONS + 1):
            if think:
                await asyncio.sleep(random.uniform(0.5 * think, 1.5 * think))
            began = time.perf_counter()
            async with client.post(f"/a/{uid}/{number}", data={f"q{number}": "0"},
                                   headers=headers) as reply:
                body = await reply.json()
            saves.append(time.perf_counter() - began)
            if reply.status != 200 or not body.get("saved"):
                raise RuntimeError(f"answer not saved: {reply.status} {body}")
        async with client.post(f"/a/{uid}/submit", data={"csrf": token},
                               allow_redirects=False) as done:
            if done.status != 303:
                raise RuntimeError(f"submit failed: {done.status}")
        return uid


async def _text(request) -> str:
    async with request as response:
        return await response.text()


async def run_learners(base: str, count: int, think: float) -> tuple[list[str], list[float], float]:
    """All learners at once; returns their uids, the save latencies and the wall time."""
    saves: list[float] = []
    began = time.perf_counter()
    uids = await asyncio.wait_for(
        asyncio.gather(*(learner(base, i, think, saves) for i in range(count))), PHASE_DEADLINE)
    return uids, saves, time.perf_counter() - began


async def run_hello(base: str, clients: int, per_client: int) -> tuple[list[float], float]:
    """The ceiling: the same number of clients POSTing to a bare hello endpoint."""
    latencies: list[float] = []

    async def one_client() -> None:
        async with aiohttp.ClientSession(base, timeout=TIMEOUT) as client:
            for _ in range(per_client):
                began = time.perf_counter()
                await _text(client.post("/hello", data={"q1": "0"}))
                latencies.append(time.perf_counter() - began)

    began = time.perf_counter()
    await asyncio.wait_for(asyncio.gather(*(one_client() for _ in range(clients))),
                           PHASE_DEADLINE)
    return latencies, time.perf_counter() - began




def percentiles(values: list[float]) -> str:
    """p50/p95/p99 in milliseconds."""
    p50, p95, p99 = latency_ms(values)
    return f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms"


def check_database(db: Path, uids: list[str]) -> int:
    """How many of these attempts' answers are stored; exits if any is missing."""
    from coursegen.attempts.store import open_store

    store = open_store(str(db))
    try:
        records = {r.uid: r for r in store.list_attempts()}
        stored = sum(len(store.responses(records[uid].id)) for uid in uids)
        finished = sum(records[uid].status == "finished" for uid in uids)
    finally:
        store.close()
    expected = len(uids) * QUESTIONS
    if stored != expected or finished != len(uids):
        sys.exit(f"FAIL: {stored} of {expected} answers stored, {finished} attempts finished")
    return stored


def main() -> None:
    """Run both phases and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds between answers")
    parser.add_argument("--interval", type=float,
                        help="cohort run: each learner answers once every INTERVAL s (needs --db)")
    parser.add_argument("--duration", type=float, default=120.0,
                        help="cohort run: seconds of answering")
    parser.add_argument("--db", help="cohort run: postgresql+psycopg://... (a schema of its "
                                     "own is made and dropped)")
    parser.add_argument("--workers", type=int, default=2, help="cohort run: server processes")
    args = parser.parse_args()
    if args.interval:
        from serve_cohort import run_cohort

        run_cohort(args)
        return
    coursegen = Path(sys.executable).with_name("coursegen")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bench_course(folder / "course")
        (folder / "hello_app.py").write_text(HELLO_APP)
        port, hello_port = free_port(), free_port()
        env = {**os.environ, "COURSEGEN_TRAINER_PASSWORD": ""}
        server = subprocess.Popen(
            [str(coursegen), "serve", str(folder / "course"), "--host", "127.0.0.1",
             "--port", str(port), "--db", str(folder / "attempts.sqlite3")],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        hello = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--app-dir", str(folder), "hello_app:app",
             "--host", "127.0.0.1", "--port", str(hello_port), "--log-level", "warning"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            base, hello_base = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{hello_port}"
            wait_for(base + "/healthz", server)
            wait_for(hello_base + "/hello", hello)
            n = args.learners
            print(f"{n} learners x {QUESTIONS} answers, SQLite, one uvicorn worker, loopback")

            uids, saves, wall = asyncio.run(run_learners(base, n, args.think))
            stored = check_database(folder / "attempts.sqlite3", uids)
            print(f"room pace (think ~{args.think:g} s): answer-save {percentiles(saves)}; "
                  f"{len(saves) / wall:.0f} saves/s over {wall:.1f} s; "
                  f"{stored} of {n * QUESTIONS} answers in the database")

            uids, saves, wall = asyncio.run(run_learners(base, n, 0.0))
            stored = check_database(folder / "attempts.sqlite3", uids)
            ours = len(saves) / wall
            hello_latencies, hello_wall = asyncio.run(run_hello(hello_base, n, QUESTIONS))
            ceiling = len(hello_latencies) / hello_wall
            print(f"flat out: answer-save {percentiles(saves)}; {ours:.0f} saves/s "
                  f"(whole attempts included); {stored} of {n * QUESTIONS} answers in the database")
            print(f"ceiling: bare Starlette+uvicorn hello {percentiles(hello_latencies)}; "
                  f"{ceiling:.0f} req/s")
            print(f"ratio: answer-save throughput is {ours / ceiling:.2f} x the hello ceiling")
        finally:
            for process in (server, hello):
                process.terminate()
                process.wait(timeout=10)


if __name__ == "__main__":
    main()
