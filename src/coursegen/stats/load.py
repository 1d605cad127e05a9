"""Reading a module's attempts from the store into the statistics' input, in bulk."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np

from coursegen.attempts.matrix import response_matrix
from coursegen.attempts.store import AttemptStore
from coursegen.model.quiz import QuestionBank
from coursegen.stats.responses import (
    CHOICE_KINDS,
    ResponseMatrix,
    questions_from_bank,
    selection_mask,
)


def load_matrix(store: AttemptStore, module: str, bank: QuestionBank,
                since: dt.datetime | None = None, session: str | None = None,
                first_only: bool = True) -> ResponseMatrix:
    """The module's finished attempts as a :class:`ResponseMatrix` over the bank's questions.

    With `session`, only the attempts started in that web session code.
    """
    questions = questions_from_bank(bank)
    data = response_matrix(store, module, [q.id for q in questions], since, session,
                           first_only, [q.id for q in questions if q.kind in CHOICE_KINDS])
    selections = np.zeros(data["scores"].shape, dtype=np.int64)
    texts = data["responses"]
    for j, question in enumerate(questions):
        if question.kind in CHOICE_KINDS:
            selections[:, j] = _masks(question.kind, texts[:, j])
    codes = data["sessions"]
    session_codes = codes if any(code is not None for code in codes.tolist()) else None
    return ResponseMatrix(
        questions, data["scores"], selections, data["learners"], session_codes, data["forms"],
        data["attempt_ids"], {"uids": data["uids"]})


def _masks(kind: str, texts: np.ndarray) -> np.ndarray:
    # Stored answers repeat a handful of JSON texts ("2", "true", "[0, 1]"): parse each once.
    masks = {text: selection_mask(kind, json.loads(text)) if text is not None else 0
             for text in set(texts.tolist())}
    return np.fromiter(map(masks.__getitem__, texts.tolist()), dtype=np.int64,
                       count=texts.size)
