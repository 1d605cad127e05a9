"""The one presentation order, and paper answers read as printed."""

from __future__ import annotations

import pytest

from coursegen.errors import UsageError
from coursegen.load import load_course
from coursegen.quiz.answers import AnswerInvalid, keyed_entry, parse_paper_answer
from coursegen.quiz.engine import score
from coursegen.quiz.presentation import bank_order, presentation_order, printed_paper
from coursegen.scaffold import create_course

MODULE = "getting-started"


@pytest.fixture(scope="module")
def bank(tmp_path_factory):
    root = tmp_path_factory.mktemp("course") / "c"
    create_course(root)
    return load_course(root).module(MODULE).bank


def test_the_order_is_decided_once_per_question(bank) -> None:
    for question in bank.questions:
        order = bank_order(bank, question, MODULE)
        assert order == bank_order(bank, question, MODULE)
        if order:
            assert sorted(order) == list(range(len(order)))
    ordering = bank.question("safeguard-order")
    assert presentation_order(ordering, MODULE, False) != tuple(range(len(ordering.items)))
    single = bank.question("dual-use")
    assert presentation_order(single, MODULE, False) == (0, 1, 2)


def test_the_key_s_entries_score_full_marks_as_printed(bank) -> None:
    for question in bank.questions:
        entry = keyed_entry(question, bank_order(bank, question, MODULE))
        response = parse_paper_answer(question, entry, bank_order(bank, question, MODULE))
        assert score(question, response, bank.settings.scoring).fraction == 1.0, question.id


def test_ordering_ranks_are_read_in_printed_letter_order(bank) -> None:
    question = bank.question("safeguard-order")
    order = (3, 1, 0, 2)  # A shows item 4, B item 2, C item 1, D item 3
    assert parse_paper_answer(question, "4,2,1,3", order) == [0, 1, 2, 3]
    assert parse_paper_answer(question, "C,B,D,A", order) == [0, 1, 2, 3]
    with pytest.raises(AnswerInvalid, match="ranks 1 to 4, each once"):
        parse_paper_answer(question, "1,1,2,3", order)


def test_a_paper_is_a_pre_or_post_form(bank) -> None:
    paper = printed_paper(bank, MODULE, "post")
    assert [p.question_id for p in paper.questions] == list(bank.forms.post)
    with pytest.raises(UsageError, match="pre- or post-test"):
        printed_paper(bank, MODULE, "exam")
