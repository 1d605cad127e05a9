"""Question banks and the question kinds."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag

from coursegen.model.base import INTERNAL, Node
from coursegen.model.source import Citations

Scoring = Literal["partial", "all-or-nothing"]
ReviewLevel = Literal["score", "answers", "key"]
BloomLevel = Literal["remember", "understand", "apply", "analyse", "evaluate", "create"]


class Option(Node):
    """A choice in a single or multiple-response question."""

    text: str
    correct: bool = False
    fraction: float | None = Field(
        default=None,
        ge=-100,
        le=100,
        description="Percent of the points this option earns (Moodle style); "
        "default: correct options share 100, wrong ones 0 (single) or a penalty (multiple)",
    )
    feedback: str | None = Field(default=None, description="Why this option is right or wrong")


class QuestionBase(Node):
    """Fields every question kind shares."""

    id: str = Field(description="Unique id within the bank")
    objective: str = Field(description="Id of the module objective the question assesses")
    points: float = Field(default=1, gt=0, description="Weight of the question")
    stem: str = Field(description="The question, inline Markdown allowed")
    scenario: str | None = Field(
        default=None, description="Case text shown before the stem (scenario questions)"
    )
    level: BloomLevel | None = Field(
        default=None,
        description="Bloom level the question tests; `check` warns when it differs from "
        "its objective's level",
    )
    explanation: str = Field(description="Why the answer is right, shown after answering")
    cite: Citations = ()
    tags: tuple[str, ...] = ()

    def is_fictional(self) -> bool:
        """The scenario says it is invented for training, so its figures are not looked up."""
        return bool(self.scenario) and "fictional" in self.scenario.lower()


class SingleChoice(QuestionBase):
    """One correct option among several."""

    type: Literal["single"]
    options: tuple[Option, ...] = Field(min_length=2)


class MultipleResponse(QuestionBase):
    """Several correct options; partial credit per option by default."""

    type: Literal["multiple"]
    options: tuple[Option, ...] = Field(min_length=2)
    scoring: Scoring | None = Field(default=None, description="Override the bank's scoring rule")


class TrueFalse(QuestionBase):
    """A statement that is true or false."""

    type: Literal["true-false"]
    answer: bool
    feedback_true: str | None = Field(default=None, description="Feedback for answering 'true'")
    feedback_false: str | None = Field(default=None, description="Feedback for answering 'false'")


class AcceptedAnswer(Node):
    """An answer a short-answer question accepts."""

    text: str
    fraction: float = Field(default=100, ge=0, le=100)
    regex: bool = Field(
        default=False,
        description="Treat text as a regular expression (RE2 syntax, matched against the "
        "whole answer; no back-references or look-around)",
    )
    feedback: str | None = None

    @classmethod
    def from_scalar(cls, data: Any) -> Any:
        """A bare string is an answer worth full marks."""
        return {"text": data} if isinstance(data, str | int | float) else data


class ShortAnswer(QuestionBase):
    """A word or phrase typed by the learner."""

    type: Literal["short-answer"]
    answers: tuple[AcceptedAnswer, ...] = Field(min_length=1)
    case_sensitive: bool = False
    fold_accents: bool = Field(default=True, description="Treat 'é' as 'e' when comparing")


class Numeric(QuestionBase):
    """A number, right within a tolerance."""

    type: Literal["numeric"]
    answer: float
    tolerance: float = Field(default=0, ge=0)
    tolerance_mode: Literal["absolute", "relative"] = "absolute"
    unit: str | None = None


class Pair(Node):
    """A left item and the right item it matches."""

    left: str
    right: str


class Matching(QuestionBase):
    """Match each left item to its right item."""

    type: Literal["matching"]
    pairs: tuple[Pair, ...] = Field(min_length=2)
    distractors: tuple[str, ...] = Field(default=(), description="Extra right-hand choices")
    scoring: Scoring = "partial"


class Ordering(QuestionBase):
    """Put the items in the right order (written here in the correct order)."""

    type: Literal["ordering"]
    items: tuple[str, ...] = Field(min_length=2)
    scoring: Scoring = "partial"


QUESTION_TYPES: dict[str, type[QuestionBase]] = {
    "single": SingleChoice,
    "multiple": MultipleResponse,
    "true-false": TrueFalse,
    "short-answer": ShortAnswer,
    "numeric": Numeric,
    "matching": Matching,
    "ordering": Ordering,
}


def _question_type(data: Any) -> str | None:
    if isinstance(data, dict):
        return data.get("type")
    return getattr(data, "type", None)


Question = Annotated[
    Annotated[SingleChoice, Tag("single")]
    | Annotated[MultipleResponse, Tag("multiple")]
    | Annotated[TrueFalse, Tag("true-false")]
    | Annotated[ShortAnswer, Tag("short-answer")]
    | Annotated[Numeric, Tag("numeric")]
    | Annotated[Matching, Tag("matching")]
    | Annotated[Ordering, Tag("ordering")],
    Discriminator(_question_type),
]


class ItemLint(Node):
    """Thresholds of the item-writing rules of `coursegen check`, and rules switched off."""

    ignore: tuple[str, ...] = Field(
        default=(), description="Codes of item-writing rules not to run on this bank"
    )
    key_longest_share: float = Field(
        default=0.35, ge=0, le=1,
        description="Largest share of single-choice questions whose key is the longest option",
    )
    key_position_share: float = Field(
        default=0.45, ge=0, le=1,
        description="Largest share of single-choice keys in any one option position",
    )
    pattern_share: float = Field(
        default=0.6, ge=0, le=1,
        description="Largest share of multiple-response questions with one count or "
        "position pattern of correct options",
    )
    post_per_objective: int = Field(
        default=3, ge=1, description="Post-test questions each assessed objective needs"
    )
    post_application_share: float = Field(
        default=0.5, ge=0, le=1,
        description="Smallest share of post-test questions that are scenario questions "
        "at apply level or above",
    )


class BankSettings(Node):
    """How a quiz is drawn from the bank and scored."""

    pass_mark: float | None = Field(
        default=None, ge=0, le=100, description="Percent to pass; default: the course's"
    )
    draw: int | None = Field(default=None, gt=0, description="Questions per attempt; default all")
    cover_objectives: bool = Field(
        default=True, description="When drawing, include at least one question per objective"
    )
    shuffle: bool = Field(default=True, description="Shuffle question order")
    shuffle_options: bool = Field(default=True, description="Shuffle option order")
    time_limit: int | None = Field(default=None, gt=0, description="Minutes; none for untimed")
    attempts: int | None = Field(default=None, gt=0, description="Attempts allowed; none: any")
    scoring: Scoring = Field(default="partial", description="Rule for multiple-response questions")
    feedback: Literal["immediate", "deferred"] = Field(
        default="deferred", description="When feedback is shown in an exam attempt"
    )
    review: ReviewLevel | None = Field(
        default=None,
        description="What learners see of their answers after an attempt (and after each answer "
        "with immediate feedback): `score` (score and objectives only), "
        "`answers` (also their own answers marked right or wrong, no key) or `key` (the key and "
        "explanations too); default: `score` for the pre-test, `answers` for the post-test and "
        "the exam, `key` for practice. A question of the post-test never shows its key on "
        "the pre-test or in practice",
    )
    lint: ItemLint = Field(
        default_factory=ItemLint, description="Tune or switch off item-writing rules"
    )


class Forms(Node):
    """Fixed forms: the questions of a short pre-test and of the post-test."""

    pre: tuple[str, ...] = Field(default=(), description="Question ids of the pre-test")
    post: tuple[str, ...] = Field(default=(), description="Question ids of the post-test")
    exposed: tuple[str, ...] = Field(
        default=(),
        description="Post-test questions the course deliberately lets learners meet before "
        "the post-test (in the pre-test, or as a knowledge check on a slide and in the "
        "participant handout); `coursegen check` reports any other such question as an error, "
        "since a learner who has seen a question and its answer is no longer tested by it. "
        "Exams drawn in the browser, the LMS and `coursegen serve` never draw such a question",
    )


class QuestionBank(Node):
    """The contents of `quizzes/<module>.yaml`."""

    module: str | None = Field(default=None, description="Module id; default: the file name")
    settings: BankSettings = Field(default_factory=BankSettings)
    forms: Forms = Field(default_factory=Forms)
    questions: tuple[Question, ...] = Field(min_length=1)

    file: str = Field(default="", json_schema_extra=INTERNAL)

    def question(self, question_id: str) -> Any:
        """The question with this id, or None."""
        return next((q for q in self.questions if q.id == question_id), None)
