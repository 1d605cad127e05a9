"""A module's finished attempts read from the store in bulk, as arrays for item statistics."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from sqlalchemy import JSON, String, case, cast, func, literal, select, true

from coursegen.attempts.store import FINISHED, AttemptStore, as_utc, normal_code
from coursegen.attempts.tables import attempts, responses


def response_matrix(store: AttemptStore, module: str, question_ids: list[str],
                    since: dt.datetime | None = None, session: str | None = None,
                    first_only: bool = True, text_ids: list[str] = ()) -> dict[str, Any]:
    """A module's finished scored attempts as numpy arrays for the statistics, in two queries.

    Rows are attempts in start order (with `first_only`, each learner's first attempt
    at each form; with `session`, only attempts started in that session code); columns
    follow `question_ids`. ``scores`` holds points earned, 0 for a question on the paper
    left unanswered, NaN for one not on the paper; ``responses`` holds the stored JSON
    text of answers to the `text_ids` questions; ``sessions`` each attempt's session code.
    """
    where = [attempts.c.module == module, attempts.c.status == FINISHED,
             attempts.c.practice.is_(False)]
    if since:
        where.append(attempts.c.started_at >= as_utc(since))
    if session:
        where.append(attempts.c.session == normal_code(session))
    kept = select(attempts.c.id).where(*where)
    if first_only:  # ranked on ids only, so the papers never go through the sort
        rank = func.row_number().over(partition_by=(attempts.c.learner, attempts.c.form),
                                      order_by=(attempts.c.started_at, attempts.c.id))
        ranked = select(attempts.c.id, rank.label("rank")).where(*where).subquery()
        kept = select(ranked.c.id).where(ranked.c.rank == 1)
    # Which questions each paper asked is expanded in the database and summed into 62-bit
    # masks, so no paper is parsed in Python and one row comes back per attempt.
    if store.engine.dialect.name == "sqlite":
        paper = func.json_each(attempts.c.paper, "$.questions").table_valued("value")
        asked_id = func.json_extract(paper.c.value, "$.id")
    else:
        paper = func.json_array_elements(cast(attempts.c.paper, JSON)["questions"]) \
            .table_valued("value")
        asked_id = paper.c.value.op("->>")(literal("id"))
    index = {qid: j for j, qid in enumerate(question_ids)}
    masks = [func.sum(case({q: 1 << (j % 62) for q, j in index.items() if j // 62 == k},
                           value=asked_id, else_=0)) for k in range((len(index) + 61) // 62)]
    asked = (select(attempts.c.id, attempts.c.uid, attempts.c.learner, attempts.c.form,
                    attempts.c.session, *masks).select_from(attempts).join(paper, true())
             .where(attempts.c.id.in_(kept)).group_by(attempts.c.id)
             .order_by(attempts.c.started_at, attempts.c.id))
    # Responses come back grouped by (question, points earned, answer text) with the ids of
    # the attempts that gave them: a few rows per question instead of one per response.
    earned = responses.c.points * responses.c.fraction
    text = case((responses.c.question_id.in_(list(text_ids) or [""]), responses.c.response),
                else_=None)
    cells = (select(responses.c.question_id, earned, text,
                    func.aggregate_strings(cast(responses.c.attempt_id, String), ","))
             .where(responses.c.attempt_id.in_(kept))
             .group_by(responses.c.question_id, earned, text))
    with store._read() as conn:
        heads = conn.execute(asked).cursor.fetchall()
        groups = conn.execute(cells).cursor.fetchall()
    ids, uids, learners, forms, codes = ([h[k] for h in heads] for k in range(5))
    order = np.argsort(np.asarray(ids, dtype=np.int64))
    sorted_ids = np.asarray(ids, dtype=np.int64)[order]
    scores = np.full((len(ids), len(question_ids)), np.nan)
    texts = np.full(scores.shape, None, dtype=object)
    for k in range(len(masks)):
        values = np.array([int(h[5 + k] or 0) for h in heads], dtype=np.int64)
        width = min(62, len(question_ids) - 62 * k)
        on = (values[:, None] >> np.arange(width)) & 1 == 1
        scores[:, 62 * k:62 * k + width][on] = 0.0
    for question_id, points, response, attempt_list in groups:
        col = index.get(question_id)
        if col is None or not len(ids):
            continue
        attempt_id = np.array(attempt_list.split(","), dtype=np.int64)
        place = np.minimum(np.searchsorted(sorted_ids, attempt_id), len(ids) - 1)
        row = order[place][sorted_ids[place] == attempt_id]
        row = row[~np.isnan(scores[row, col])]  # only questions on the attempt's paper
        scores[row, col] = float(points)
        texts[row, col] = response
    return {"attempt_ids": np.asarray(ids, dtype=np.int64), "uids": np.array(uids, dtype=object),
            "learners": np.array(learners, dtype=object), "forms": np.array(forms, dtype=object),
            "sessions": np.array(codes, dtype=object),
            "scores": scores, "responses": texts}
