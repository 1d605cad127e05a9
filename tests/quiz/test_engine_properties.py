"""Engine properties over real banks: keyed responses earn full marks, scores stay in range."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coursegen.load import load_course
from coursegen.model.quiz import (
    Matching,
    MultipleResponse,
    Numeric,
    Option,
    Ordering,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)
from coursegen.quiz.engine import keyed_response, score
from coursegen.quiz.scoring import match_choices

REPO = Path(__file__).resolve().parents[2]
SCAFFOLD = REPO / "src" / "coursegen" / "scaffold"


def _bank_questions(root: Path) -> list:
    course = load_course(root)
    return [(f"{m.id}/{q.id}", q, m.bank.settings.scoring)
            for m in course.modules if m.bank for q in m.bank.questions]


SCAFFOLD_QUESTIONS = _bank_questions(SCAFFOLD)
SHIPPED_QUESTIONS = _bank_questions(REPO)
ALL = SCAFFOLD_QUESTIONS + SHIPPED_QUESTIONS


def test_every_shipped_bank_file_is_loaded():
    loaded = {name.split("/")[0] for name, _q, _r in SHIPPED_QUESTIONS}
    assert loaded == {path.stem for path in (REPO / "quizzes").glob("*.yaml")}


@pytest.mark.parametrize("name, question, rule", ALL, ids=[n for n, _q, _r in ALL])
def test_keyed_response_earns_full_marks(name, question, rule):
    key = keyed_response(question)
    if key is None:  # a short answer keyed only by regular expressions
        pytest.skip(f"{name}: accepted answers are all regular expressions")
    result = score(question, key, rule)
    assert result.correct and result.earned == pytest.approx(question.points), name


def responses_for(question) -> st.SearchStrategy:
    """Any well-formed response to `question`, including empty ones."""
    if isinstance(question, SingleChoice):
        chosen = st.integers(0, len(question.options) - 1)
    elif isinstance(question, MultipleResponse):
        chosen = st.lists(st.integers(0, len(question.options) - 1))
    elif isinstance(question, TrueFalse):
        chosen = st.booleans()
    elif isinstance(question, ShortAnswer):
        chosen = st.one_of(st.text(), st.sampled_from([a.text for a in question.answers]))
    elif isinstance(question, Numeric):
        chosen = st.one_of(st.integers(-10**6, 10**6),
                           st.floats(allow_nan=False, allow_infinity=False))
    elif isinstance(question, Matching):
        size = len(match_choices(question))
        chosen = st.lists(st.one_of(st.none(), st.integers(0, size - 1)),
                          min_size=len(question.pairs), max_size=len(question.pairs))
    else:
        assert isinstance(question, Ordering)
        chosen = st.permutations(list(range(len(question.items))))
    return st.one_of(st.none(), chosen)


@st.composite
def question_and_response(draw):
    _name, question, rule = draw(st.sampled_from(ALL))
    rule = draw(st.sampled_from([rule, "partial", "all-or-nothing"]))
    return question, draw(responses_for(question)), rule


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(question_and_response())
def test_any_response_to_a_bank_question_scores_within_its_points(case):
    question, response, rule = case
    result = score(question, response, rule)
    assert 0 <= result.fraction <= 1
    assert 0 <= result.earned <= question.points + 1e-9


@st.composite
def multiple_response_question(draw):
    size = draw(st.integers(2, 7))
    options = []
    for index in range(size):
        fraction = draw(st.one_of(st.none(), st.floats(-100, 100, allow_nan=False)))
        options.append(Option(text=f"option {index}", correct=draw(st.booleans()),
                              fraction=fraction))
    if not any(o.correct or (o.fraction or 0) > 0 for o in options):
        options[0] = Option(text="option 0", correct=True)
    points = draw(st.floats(0.5, 10))
    return MultipleResponse(type="multiple", id="m", objective="o", stem="?", explanation=".",
                            options=tuple(options), points=points)


@given(multiple_response_question(), st.data())
def test_any_multiple_response_fractions_keep_scores_within_points(question, data):
    response = data.draw(st.lists(st.integers(0, len(question.options) - 1)))
    for rule in ("partial", "all-or-nothing"):
        result = score(question, response, rule)
        assert 0 <= result.earned <= question.points + 1e-9
