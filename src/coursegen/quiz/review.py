"""What a learner may see of a scored paper afterwards: the one rule both runners follow.

A bank's ``review`` setting picks the level: ``score`` (the score and the breakdown by
objective only), ``answers`` (also each of the learner's own answers marked right or wrong,
with sources, but no key, no option feedback and no explanation) or ``key`` (everything).
Without the setting the form decides: the pre-test shows the score, the post-test and the
exam the learner's answers, practice the key. Whatever the setting, the key of a question
the post-test uses is never shown on the forms that come before it (the pre-test and
practice), so they cannot teach the post-test's answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from coursegen.model.quiz import QuestionBank, ReviewLevel

ItemLevel = Literal["answers", "key"]

BEFORE_POST_TEST = ("pre", "practice")
"""The kinds of attempt a learner takes before the post-test."""

DEFAULT_REVIEW: dict[str, ReviewLevel] = {
    "practice": "key", "pre": "score", "post": "answers", "exam": "answers"}
"""The level of each form when the bank does not set `review`."""


@dataclass(frozen=True)
class Review:
    """How much of a scored paper to show: the level and the questions whose key stays hidden."""

    level: ReviewLevel
    withheld: frozenset[str] = frozenset()

    @property
    def lists_answers(self) -> bool:
        """True when the results list each question with the learner's answer."""
        return self.level != "score"

    def item(self, question_id: str) -> ItemLevel:
        """What to show of one scored answer ('answers': the verdict only, or the 'key')."""
        if self.level == "key" and question_id not in self.withheld:
            return "key"
        return "answers"


FULL_REVIEW = Review("key")
"""What a trainer sees of any attempt."""


def what_to_show(bank: QuestionBank, form: str, practice: bool = False) -> Review:
    """The review a learner gets after (or, with immediate feedback, during) this form."""
    kind = "practice" if practice else form
    level = bank.settings.review or DEFAULT_REVIEW.get(kind, "score")
    later = frozenset(bank.forms.post) if kind in BEFORE_POST_TEST else frozenset()
    return Review(level, later)
