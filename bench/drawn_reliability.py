"""Reliability of each shipped module's drawn exam, by the method `coursegen stats` uses, against
the truth of a simulated cohort.

For every module of the course: 2,000 simulated learners (a 2PL model; the real questions,
scored by the real scorer, so partial credit counts as it does for learners) answer *every*
question the exam may draw. The truth is the mean fixed-form Cronbach's alpha of 200 papers
drawn by the real draw (`quiz.assemble`, the module's draw and objective cover) on those
complete answers. The estimate is what `coursegen stats` reports from what the attempts
database would hold: each learner's own drawn paper only (alpha from the pairwise item
covariance matrix, for a paper of the drawn length). Also printed: the figure of the old way
(all question variances summed against a total of the drawn length), which the floor rules out.

    .venv/bin/python bench/drawn_reliability.py [COURSE] [--learners 2000]

Floor: |estimate − truth| ≤ 0.05 for every module (the tolerance of
tests/stats/test_reliability.py).
"""

from __future__ import annotations

import argparse
import math
import random
from pathlib import Path

import numpy as np

TOLERANCE = 0.05


def full_marks(module, pool, learners: int, seed: int) -> np.ndarray:
    """Points of every learner on every pool question: the key if they know it, else a
    plausible wrong answer, both scored by the engine."""
    from coursegen.quiz.engine import keyed_response, score

    rng = random.Random(seed)
    scoring = module.bank.settings.scoring
    difficulty = [rng.uniform(-1.0, 1.0) for _ in pool]
    marks = np.zeros((learners, len(pool)))
    for row in range(learners):
        ability = rng.gauss(0, 1) + 0.9
        for col, question in enumerate(pool):
            knows = rng.random() < 1 / (1 + math.exp(-1.7 * (ability - difficulty[col])))
            response = keyed_response(question) if knows else _wrong(question, rng)
            marks[row, col] = score(question, response, scoring).earned
    return marks


def _wrong(question, rng: random.Random):
    from coursegen.quiz.engine import keyed_response

    key = keyed_response(question)
    kind = question.type
    if kind == "single":
        return rng.choice([i for i in range(len(question.options)) if i != key])
    if kind == "multiple":
        wrong = [i for i in range(len(question.options)) if i not in key]
        return sorted({*key[:1], rng.choice(wrong)}) if wrong else key[:1]
    if kind == "true-false":
        return not key
    if kind == "short-answer":
        return "no idea"
    if kind == "numeric":
        return question.answer + 100
    return list(reversed(key))


def papers(module, checks, count: int, seed: int) -> list[list[str]]:
    """`count` papers drawn by the real draw."""
    from coursegen.quiz.assemble import assemble

    return [[p.question_id for p in assemble(module.bank, module.id, seed + n,
                                             checks=checks).questions] for n in range(count)]


def measure(module, learners: int) -> dict[str, float]:
    """Truth, the stats estimate and the old way's figure for one module."""
    from coursegen.quiz.exposure import exam_pool, knowledge_check_ids
    from coursegen.stats.moodle import cronbach_alpha, overall_statistics
    from coursegen.stats.responses import QuestionInfo, ResponseMatrix

    checks = knowledge_check_ids(module)
    pool = exam_pool(module.bank, checks)
    column = {q.id: n for n, q in enumerate(pool)}
    full = full_marks(module, pool, learners, seed=11)
    truth = float(np.mean([cronbach_alpha(full[:, [column[i] for i in paper]])
                           for paper in papers(module, checks, 200, seed=1000)]))
    drawn = np.full_like(full, np.nan)
    for row, paper in enumerate(papers(module, checks, learners, seed=5000)):
        cols = [column[i] for i in paper]
        drawn[row, cols] = full[row, cols]
    matrix = ResponseMatrix(tuple(QuestionInfo(q.id, float(q.points)) for q in pool), drawn)
    overall = overall_statistics(matrix)
    p = module.bank.settings.draw or len(pool)
    total = np.nansum(drawn, axis=1)
    old = p / (p - 1) * (1 - np.nansum(np.nanvar(drawn, axis=0, ddof=1)) / np.var(total, ddof=1))
    return {"pool": len(pool), "draw": p, "truth": truth, "estimate": overall.alpha,
            "error": overall.alpha - truth, "standard_error": overall.standard_error,
            "old": float(old)}


def main() -> None:
    """Print one line per module and the floor."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("course", nargs="?", default=str(Path(__file__).resolve().parents[1]))
    parser.add_argument("--learners", type=int, default=2000)
    args = parser.parse_args()
    from coursegen.load import load_course

    course = load_course(Path(args.course))
    print(f"{'module':32} {'draw':>9} {'truth':>6} {'stats':>6} {'error':>7} {'SE':>6} "
          f"{'old way':>8}   (SE: standard error, percentage points)")
    worst = 0.0
    for module in course.modules:
        if module.bank is None:
            continue
        m = measure(module, args.learners)
        worst = max(worst, abs(m["error"]))
        se = f"{m['standard_error']:.1f}" if m["standard_error"] is not None else "n/d"
        print(f"{module.id:32} {m['draw']:>3} of {m['pool']:<3} {m['truth']:6.3f} "
              f"{m['estimate']:6.3f} {m['error']:+7.3f} {se:>6} {m['old']:8.3f}")
    verdict = "within" if worst <= TOLERANCE else "OUTSIDE"
    print(f"largest recovery error {worst:.3f}: {verdict} the floor of {TOLERANCE}")


if __name__ == "__main__":
    main()
