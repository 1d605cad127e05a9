"""Benchmark `coursegen stats` on 100,000 attempts of a 20-question quiz in a real SQLite file.

Prints: the time to fill the database (setup), `coursegen stats` end to end (a
subprocess, table output), the bulk query alone, the statistics computation
alone (target: under 2 s), and Cronbach's alpha by coursegen and by pingouin
(the reference) on the same score matrix, with the time ratio and the values.

    .venv/bin/python bench/stats.py [--attempts 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

QUESTIONS = 20
MODULE = "getting-started"


def write_course(root: Path) -> None:
    """The starter course with its bank replaced by 20 four-option single-choice questions."""
    from coursegen.scaffold import create_course

    create_course(root)
    lines = [f"module: {MODULE}", "settings:", "  pass_mark: 70", "questions:"]
    for j in range(QUESTIONS):
        objective = "explain-dual-use" if j % 2 else "apply-safeguards"
        lines += [f"  - id: q{j:02d}", "    type: single", f"    objective: {objective}",
                  f"    stem: Question {j + 1}?", "    explanation: Because.", "    options:",
                  "      - {text: Right, correct: true}", "      - {text: Near miss}",
                  "      - {text: Far off}", "      - {text: Absurd}"]
    (root / "quizzes" / f"{MODULE}.yaml").write_text("\n".join(lines) + "\n")


def fill_database(db: Path, course_root: Path, attempts: int, seed: int = 1) -> None:
    """Write `attempts` finished exam attempts (one per learner) and their 20 responses each."""
    from coursegen.attempts.store import AttemptStore
    from coursegen.load import load_course
    from coursegen.quiz.engine import bank_version

    course = load_course(course_root)
    bank = course.module(MODULE).bank
    version = bank_version(bank)
    store = AttemptStore(f"sqlite:///{db}")
    rng = np.random.default_rng(seed)
    ability = rng.normal(size=attempts)
    difficulty = rng.uniform(-1.5, 1.5, size=QUESTIONS)
    knows = rng.random((attempts, QUESTIONS)) < 1 / (1 + np.exp(-1.7 * (ability[:, None]
                                                                         - difficulty)))
    chosen = np.where(knows, 0, rng.integers(1, 4, size=(attempts, QUESTIONS)))
    fraction = (chosen == 0).astype(float)
    percent = 100 * fraction.mean(axis=1)
    ids = [f"q{j:02d}" for j in range(QUESTIONS)]
    paper = json.dumps({"module": MODULE, "form": "exam", "seed": 0, "bank_version": version,
                        "questions": [{"id": q, "order": [0, 1, 2, 3]} for q in ids]})
    when = "2026-01-05 09:00:00.000000"
    raw = store.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.executemany(
            "INSERT INTO attempts (id, uid, learner, course_id, course_title, organisation, "
            "module, module_title, bank_version, seed, form, practice, paper, pass_mark, "
            "started_at, updated_at, finished_at, status, timed_out, earned, possible, percent, "
            "passed) VALUES (?, ?, ?, 'c', 'C', 'O', ?, 'M', ?, 0, 'exam', 0, ?, 70, ?, ?, ?, "
            "'finished', 0, ?, ?, ?, ?)",
            ((i + 1, f"{i:032x}", f"learner-{i:06d}", MODULE, version, paper, when, when, when,
              float(percent[i] / 5), float(QUESTIONS), float(percent[i]), bool(percent[i] >= 70))
             for i in range(attempts)))
        cursor.executemany(
            "INSERT INTO responses (attempt_id, question_id, position, response, points, "
            "fraction, answered_at) VALUES (?, ?, ?, ?, 1.0, ?, ?)",
            ((i + 1, ids[j], j + 1, str(int(chosen[i, j])), float(fraction[i, j]), when)
             for i in range(attempts) for j in range(QUESTIONS)))
        raw.commit()
    finally:
        raw.close()
        store.close()


def timed(action):
    """Run `action` and return (seconds, result)."""
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def best_of(action, runs: int = 3):
    """The fastest of `runs` timed calls after one warm-up: (seconds, result)."""
    action()
    return min((timed(action) for _ in range(runs)), key=lambda pair: pair[0])


def cpu_timed(action):
    """Run `action` and return (wall seconds, CPU seconds of this process, result)."""
    cpu = time.process_time()
    wall, result = timed(action)
    return wall, time.process_time() - cpu, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=100_000)
    args = parser.parse_args()
    import pandas as pd
    import pingouin

    from coursegen.attempts.store import AttemptStore
    from coursegen.load import load_course
    from coursegen.stats.analysis import analyse
    from coursegen.stats.load import load_matrix
    from coursegen.stats.moodle import cronbach_alpha

    work = Path(tempfile.mkdtemp(prefix="coursegen-stats-bench-"))
    try:
        course_root, db = work / "course", work / "attempts.sqlite3"
        write_course(course_root)
        setup, _ = timed(lambda: fill_database(db, course_root, args.attempts))
        print(f"setup: {args.attempts:,} attempts × {QUESTIONS} questions written in {setup:.1f} s")

        coursegen = Path(sys.executable).with_name("coursegen")
        command = [str(coursegen), "stats", MODULE, str(course_root), "--db", str(db)]
        end_to_end, run = timed(lambda: subprocess.run(command, capture_output=True, text=True))
        if run.returncode:
            raise SystemExit(f"coursegen stats failed: {run.stderr}")
        print(f"coursegen stats (end to end, table): {end_to_end:.2f} s")

        bank = load_course(course_root).module(MODULE).bank
        store = AttemptStore(f"sqlite:///{db}")
        query, query_cpu, matrix = cpu_timed(lambda: load_matrix(store, MODULE, bank))
        store.close()
        print(f"bulk query into arrays: {query:.2f} s (CPU {query_cpu:.2f} s; "
              f"{matrix.scores.shape[0]:,} attempts)")
        compute, compute_cpu, stats = cpu_timed(lambda: analyse(matrix, 70))
        verdict = "ok" if compute < 2 else "OVER the 2 s target"
        print(f"statistics computation alone: {compute:.3f} s (CPU {compute_cpu:.3f} s; "
              f"target < 2 s: {verdict})")

        frame = pd.DataFrame(matrix.scores, columns=[q.id for q in matrix.questions])
        # Best of three runs each, after one warm-up, so import and first-call costs drop out.
        ours_time, ours = best_of(lambda: cronbach_alpha(matrix.scores))
        theirs_time, (theirs, _) = best_of(lambda: pingouin.cronbach_alpha(data=frame))
        print(f"alpha (best of 3): coursegen {ours:.12f} in {ours_time * 1000:.1f} ms; "
              f"pingouin {theirs:.12f} in {theirs_time * 1000:.1f} ms; "
              f"pingouin / coursegen time = {theirs_time / ours_time:.1f}×; "
              f"|difference| = {abs(ours - theirs):.1e}")
        assert abs(stats.forms[0].overall.alpha - theirs) < 1e-9
        print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
