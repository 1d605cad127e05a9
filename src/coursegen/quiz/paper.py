"""A paper: the questions of one attempt in the order a learner meets them, each with the
order of its options — what an attempt stores, and what every runner shows."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, Literal

from coursegen.model.quiz import QuestionBank

Form = Literal["exam", "pre", "post"]
FORMS: tuple[Form, ...] = ("exam", "pre", "post")


@dataclass(frozen=True)
class Presented:
    """One question as shown: its id and the display order of its options, choices or items.

    ``order[k]`` is the bank index shown in position k (options of single and
    multiple questions, right-hand choices of matching, items of ordering); it is
    empty for kinds that have nothing to order.
    """

    question_id: str
    order: tuple[int, ...] = ()


@dataclass(frozen=True)
class Paper:
    """The questions of one attempt, in the order a learner meets them."""

    module: str
    form: Form
    seed: int
    bank_version: str
    questions: tuple[Presented, ...]

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view, stored with the attempt."""
        return {
            "module": self.module, "form": self.form, "seed": self.seed,
            "bank_version": self.bank_version,
            "questions": [{"id": p.question_id, "order": list(p.order)} for p in self.questions],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Paper:
        """Rebuild a paper from :meth:`as_dict` output."""
        questions = tuple(Presented(q["id"], tuple(q["order"])) for q in data["questions"])
        return cls(data["module"], data["form"], int(data["seed"]), data["bank_version"],
                   questions)


def bank_version(bank: QuestionBank) -> str:
    """A content hash of the bank: attempts record it, so a changed bank is noticed."""
    data = bank.model_dump(mode="json", exclude={"file"})
    digest = hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()[:16]
