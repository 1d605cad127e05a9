"""A national cohort on `coursegen serve --workers N` over PostgreSQL (run by serve_load.py).

Every learner joins and starts an attempt, then answers one question every `interval`
seconds for `duration` seconds (start times spread over the first interval). The same
learners then post the same answers to a bare Starlette endpoint on uvicorn, with as many
workers, that upserts the same row into an equivalent table through the same driver
(SQLAlchemy + psycopg). For each: answer-save p50/p95/p99, CPU per save (the server
processes' CPU time over the answering phase, divided by the saves) and the rows in the
database against the saves acknowledged. Everything lives in a schema of its own,
dropped at the end; loopback only; every phase has a deadline.
"""

from __future__ import annotations

import asyncio
import os
import random
import secrets
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import psutil
from serve_common import CSRF, TIMEOUT, bench_course, free_port, latency_ms, wait_for
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

JOIN_CONCURRENCY = 100
"""Learners joining at once before the exam starts (a queue at the door, not the test)."""
JOIN_DEADLINE = 420.0
KEEPALIVE = 3.0
"""Seconds a learner's idle connection is kept (uvicorn's own limit is 5)."""
TARGET_P95 = 0.250
TARGET_CPU_RATIO = 3.0
BARE_APP = '''
import datetime as dt
import os

from sqlalchemy import create_engine, text
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse
from starlette.routing import Route

engine = create_engine(os.environ["BENCH_DB"], pool_pre_ping=True)
UPSERT = text(
    "INSERT INTO bare_responses (attempt_id, question_id, position, response, points, "
    "fraction, answered_at) VALUES (:attempt_id, :question_id, :position, :response, "
    ":points, :fraction, :answered_at) ON CONFLICT (attempt_id, question_id) DO UPDATE SET "
    "position = excluded.position, response = excluded.response, points = excluded.points, "
    "fraction = excluded.fraction, answered_at = excluded.answered_at")


def write(row):
    with engine.begin() as conn:
        conn.execute(UPSERT, row)


async def save(request):
    form = await request.form()
    number = request.path_params["number"]
    await run_in_threadpool(write, {
        "attempt_id": request.path_params["learner"], "question_id": f"q{number}",
        "position": number, "response": form[f"q{number}"], "points": 1.0, "fraction": 1.0,
        "answered_at": dt.datetime.now(dt.UTC)})
    return JSONResponse({"saved": True})

app = Starlette(routes=[Route("/save/{learner:int}/{number:int}", save, methods=["POST"])])
'''
BARE_TABLE = """CREATE TABLE bare_responses (
    attempt_id INTEGER NOT NULL, question_id VARCHAR(200) NOT NULL, position INTEGER NOT NULL,
    response TEXT NOT NULL, points FLOAT NOT NULL, fraction FLOAT NOT NULL,
    answered_at TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY (attempt_id, question_id))"""


@dataclass
class Outcome:
    """One server's answering phase: latencies of acknowledged saves, failures, CPU, rows."""

    saves: list[float] = field(default_factory=list)
    failures: Counter[str] = field(default_factory=Counter)
    cpu: float = 0.0
    wall: float = 0.0
    acknowledged: set[tuple[str, int]] = field(default_factory=set)
    stored: set[tuple[str, int]] = field(default_factory=set)

    @property
    def lost(self) -> int:
        """Acknowledged saves whose row is not in the database."""
        return len(self.acknowledged - self.stored)

    @property
    def cpu_per_save(self) -> float:
        """Server CPU seconds per acknowledged save."""
        return self.cpu / max(1, len(self.saves))


@dataclass
class Learner:
    """A signed-in learner's browser: its session, attempt and CSRF token."""

    client: aiohttp.ClientSession
    key: str
    path: str
    headers: dict[str, str]


def server_cpu(process: subprocess.Popen) -> float:
    """User + system CPU seconds of a server process and all its workers so far."""
    parent = psutil.Process(process.pid)
    total = 0.0
    for proc in [parent, *parent.children(recursive=True)]:
        try:
            times = proc.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def browser(base: str, jar: aiohttp.abc.AbstractCookieJar) -> aiohttp.ClientSession:
    """A client that, like a browser, drops an idle connection before the server does.

    uvicorn closes a connection idle for 5 s; aiohttp would keep it 15 s and send the next
    answer down a socket the server is closing (a reset that no browser shows its user).
    """
    connector = aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE)
    return aiohttp.ClientSession(base, cookie_jar=jar, connector=connector, timeout=TIMEOUT)


async def join(base: str, index: int, gate: asyncio.Semaphore) -> Learner | None:
    """Join as a new learner and start the exam; None if the server refused."""
    client = browser(base, aiohttp.CookieJar(unsafe=True))
    try:
        async with gate:
            async with client.get("/") as page:
                token = CSRF.search(await page.text()).group(1)
            async with client.post("/join", data={"name": f"Learner {index:05d}", "csrf": token},
                                   allow_redirects=False):
                pass
            async with client.get("/") as page:
                token = CSRF.search(await page.text()).group(1)
            async with client.post("/start", data={"module": "getting-started", "form": "exam",
                                                   "csrf": token},
                                   allow_redirects=False) as started:
                uid = started.headers["location"].split("/")[2]
    except (TimeoutError, aiohttp.ClientError, AttributeError, KeyError):
        await client.close()
        return None
    return Learner(client, uid, f"/a/{uid}", {"x-autosave": "1", "x-csrf-token": token})


async def answer_all(learners: list[Learner], answers: int, interval: float,
                     deadline: float) -> Outcome:
    """Each learner answers questions 1..`answers`, one every `interval` s from its own offset."""
    outcome = Outcome()
    chance = random.Random(7)  # the same spread of start times for both servers
    loop = asyncio.get_running_loop()
    begin = loop.time() + 1.0

    async def one(learner: Learner, offset: float) -> None:
        for number in range(1, answers + 1):
            await asyncio.sleep(max(0.0, begin + offset + (number - 1) * interval - loop.time()))
            began = time.perf_counter()
            try:
                async with learner.client.post(f"{learner.path}/{number}",
                                               data={f"q{number}": "0"},
                                               headers=learner.headers) as reply:
                    body = await reply.json(content_type=None)
                    failure = None if reply.status == 200 and body.get("saved") is True \
                        else f"HTTP {reply.status}"
            except (TimeoutError, aiohttp.ClientError, ValueError) as error:
                failure = type(error).__name__
            if failure is None:
                outcome.saves.append(time.perf_counter() - began)
                outcome.acknowledged.add((learner.key, number))
            else:
                outcome.failures[failure] += 1

    began = time.perf_counter()
    tasks = [asyncio.create_task(one(learner, chance.uniform(0, interval)))
             for learner in learners]
    _, late = await asyncio.wait(tasks, timeout=deadline)
    outcome.wall = time.perf_counter() - began
    for task in late:  # a server that cannot keep up is reported, not waited for
        task.cancel()
    await asyncio.gather(*late, return_exceptions=True)
    unanswered = len(learners) * answers - len(outcome.saves) - outcome.failures.total()
    if unanswered:
        outcome.failures["not answered by the deadline"] += unanswered
    return outcome


async def run_coursegen(base: str, server: subprocess.Popen, count: int, answers: int,
                        interval: float, duration: float) -> tuple[Outcome, float]:
    """Join everyone, then the answering phase, timing CPU over that phase alone."""
    gate = asyncio.Semaphore(JOIN_CONCURRENCY)
    began = time.perf_counter()
    joined = await asyncio.wait_for(
        asyncio.gather(*(join(base, i, gate) for i in range(count))), JOIN_DEADLINE)
    join_time = time.perf_counter() - began
    learners = [learner for learner in joined if learner is not None]
    if len(learners) != count:
        print(f"WARNING: {count - len(learners)} learners could not join")
    try:
        cpu = server_cpu(server)
        outcome = await answer_all(learners, answers, interval, duration + 60.0)
        outcome.cpu = server_cpu(server) - cpu
    finally:
        await asyncio.gather(*(learner.client.close() for learner in learners))
    return outcome, join_time


async def run_bare(base: str, server: subprocess.Popen, count: int, answers: int,
                   interval: float, duration: float) -> Outcome:
    """The same learners and answers against the bare endpoint."""
    learners = [Learner(browser(base, aiohttp.DummyCookieJar()), str(i + 1), f"/save/{i + 1}", {})
                for i in range(count)]
    try:
        cpu = server_cpu(server)
        outcome = await answer_all(learners, answers, interval, duration + 60.0)
        outcome.cpu = server_cpu(server) - cpu
    finally:
        await asyncio.gather(*(learner.client.close() for learner in learners))
    return outcome


def with_schema(url: str, schema: str) -> str:
    """The URL with every connection's search_path set to `schema`."""
    return make_url(url).update_query_dict({"options": f"-csearch_path={schema}"}) \
        .render_as_string(hide_password=False)


def uvicorn_workers(workers: int) -> list[str]:
    """uvicorn's --workers flag for more than one process (one runs in the parent itself)."""
    return ["--workers", str(workers)] if workers > 1 else []


def report(ours: Outcome, bare: Outcome, workers: int) -> bool:
    """Print the table beside the targets; True if every target is met."""
    ratio = ours.cpu_per_save / bare.cpu_per_save if bare.saves else float("inf")
    p95 = latency_ms(ours.saves)[1] if ours.saves else float("inf")
    checks = [("p95 < 250 ms", p95 < TARGET_P95 * 1000),
              ("0 lost, 0 failed", ours.lost == 0 and not ours.failures),
              (f"CPU per save <= {TARGET_CPU_RATIO:g}x bare", ratio <= TARGET_CPU_RATIO)]
    rows = [("", f"coursegen serve ({workers} w)", f"bare Starlette ({workers} w)", "target")]
    for name, k, target in (("save p50", 0, ""), ("save p95", 1, "< 250 ms"),
                            ("save p99", 2, "")):
        rows.append((name, *(f"{latency_ms(o.saves)[k]:.1f} ms" if o.saves else "-"
                             for o in (ours, bare)), target))
    rows += [("CPU per save", *(f"{o.cpu_per_save * 1000:.2f} ms" for o in (ours, bare)),
              f"<= {TARGET_CPU_RATIO:g}x bare (now {ratio:.2f}x)"),
             ("saves/s", *(f"{len(o.saves) / o.wall:.0f}" for o in (ours, bare)), ""),
             ("acknowledged saves", *(str(len(o.saves)) for o in (ours, bare)), ""),
             ("failed requests", *(str(o.failures.total()) for o in (ours, bare)), "0"),
             ("rows stored", *(str(len(o.stored)) for o in (ours, bare)), "= acknowledged"),
             ("acknowledged, not stored", *(str(o.lost) for o in (ours, bare)), "0")]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        print("  ".join(cells).rstrip())
    for name, outcome in (("coursegen serve", ours), ("bare", bare)):
        if outcome.failures:
            print(f"{name} failures: " + ", ".join(f"{n} {why}" for why, n
                                                    in outcome.failures.most_common()))
    for name, met in checks:
        print(f"{'met' if met else 'NOT MET'}: {name}")
    return all(met for _, met in checks)


def run_cohort(args) -> None:
    """The cohort run: coursegen serve, then the bare endpoint, then the table."""
    if not args.db or make_url(args.db).get_backend_name() != "postgresql":
        sys.exit("--interval needs --db postgresql+psycopg://... (several workers share it)")
    answers = int(args.duration // args.interval)
    schema = f"bench_{secrets.token_hex(4)}"
    url = with_schema(args.db, schema)
    admin = create_engine(args.db)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    coursegen = Path(sys.executable).with_name("coursegen")
    env = {**os.environ, "COURSEGEN_TRAINER_PASSWORD": "", "BENCH_DB": url,
           "COURSEGEN_SECRET_KEY": secrets.token_urlsafe(32)}
    print(f"{args.learners} learners x {answers} answers (one every {args.interval:g} s for "
          f"{args.duration:g} s) = {args.learners * answers} saves, ~"
          f"{args.learners / args.interval:.0f}/s; {args.workers} workers on PostgreSQL; "
          f"loopback; load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} cores")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            # Server messages go to a file: a full pipe would stall the server mid-run.
            log = (folder / "servers.log").open("wb")
            bench_course(folder / "course", answers)
            (folder / "bare_save.py").write_text(BARE_APP)
            port = free_port()
            server = subprocess.Popen(
                [str(coursegen), "serve", str(folder / "course"), "--host", "127.0.0.1",
                 "--port", str(port), "--db", url, "--workers", str(args.workers)],
                env=env, stdout=subprocess.DEVNULL, stderr=log)
            try:
                base = f"http://127.0.0.1:{port}"
                wait_for(base + "/healthz", server)
                ours, join_time = asyncio.run(run_coursegen(
                    base, server, args.learners, answers, args.interval, args.duration))
            finally:
                server.terminate()
                server.wait(timeout=30)
                log.flush()
                errors = (folder / "servers.log").read_text(errors="replace").strip()
                if errors:
                    print("coursegen serve said (last lines):", *errors.splitlines()[-15:],
                          sep="\n  ")
            print(f"(joining and starting: {args.learners} learners in {join_time:.0f} s)")
            with admin.begin() as conn:
                conn.execute(text(f"SET LOCAL search_path TO {schema}"))
                ours.stored = set(conn.execute(text(
                    "SELECT a.uid, r.position FROM responses r JOIN attempts a "
                    "ON a.id = r.attempt_id")).tuples())
                conn.execute(text(BARE_TABLE))
            port = free_port()
            bare = subprocess.Popen(
                [sys.executable, "-m", "uvicorn", "--app-dir", str(folder), "bare_save:app",
                 "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
                 *uvicorn_workers(args.workers)],
                env=env, stdout=subprocess.DEVNULL, stderr=log)
            try:
                base = f"http://127.0.0.1:{port}"
                wait_for_post(base + "/save/0/1", bare)
                bare_outcome = asyncio.run(run_bare(base, bare, args.learners, answers,
                                                    args.interval, args.duration))
            finally:
                bare.terminate()
                bare.wait(timeout=30)
            with admin.begin() as conn:
                conn.execute(text(f"SET LOCAL search_path TO {schema}"))
                bare_outcome.stored = set(conn.execute(text(
                    "SELECT attempt_id::text, position FROM bare_responses "
                    "WHERE attempt_id > 0")).tuples())
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if not report(ours, bare_outcome, args.workers):
        sys.exit(1)


def wait_for_post(url: str, process: subprocess.Popen, seconds: float = 30.0) -> None:
    """Poll the bare endpoint with one save (learner 0, not counted) until it answers."""
    import httpx

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit("bare server exited")
        try:
            if httpx.post(url, data={"q1": "0"}, timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    sys.exit(f"bare server at {url} did not start in {seconds:.0f} s")
