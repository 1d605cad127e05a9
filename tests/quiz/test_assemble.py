"""Assembling attempts: reproducible from a seed, drawing with objective cover, forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from coursegen.errors import UsageError
from coursegen.load import load_course
from coursegen.quiz.assemble import assemble
from coursegen.quiz.exposure import exam_pool, knowledge_check_ids, practice_questions
from coursegen.quiz.paper import Paper, bank_version
from tests.conftest import REPO

SCAFFOLD = Path(__file__).resolve().parents[2] / "src" / "coursegen" / "scaffold"
MODULE = load_course(SCAFFOLD).module("getting-started")
BANK = MODULE.bank


def test_the_same_seed_gives_the_same_attempt_and_another_seed_another():
    first = assemble(BANK, MODULE.id, 42)
    assert assemble(BANK, MODULE.id, 42) == first
    others = {assemble(BANK, MODULE.id, seed).questions for seed in range(20)}
    assert len(others) > 10


def test_draw_takes_n_questions_and_covers_every_objective():
    objectives = {q.objective for q in BANK.questions}
    for seed in range(50):
        paper = assemble(BANK, MODULE.id, seed)
        ids = [p.question_id for p in paper.questions]
        assert len(ids) == BANK.settings.draw == len(set(ids))
        assert {BANK.question(i).objective for i in ids} == objectives


def test_options_are_shuffled_as_a_permutation_and_orderings_never_start_solved():
    seen_orders = set()
    for seed in range(30):
        for presented in assemble(BANK, MODULE.id, seed).questions:
            question = BANK.question(presented.question_id)
            if question.type in {"single", "multiple"}:
                assert sorted(presented.order) == list(range(len(question.options)))
                seen_orders.add(presented.order)
            if question.type == "ordering":
                assert presented.order != tuple(range(len(question.items)))
    assert len(seen_orders) > 3


def test_pre_and_post_forms_hold_exactly_their_questions():
    pre = assemble(BANK, MODULE.id, 1, "pre")
    post = assemble(BANK, MODULE.id, 1, "post")
    assert {p.question_id for p in pre.questions} == set(BANK.forms.pre)
    assert {p.question_id for p in post.questions} == set(BANK.forms.post)
    assert pre.form == "pre"


def test_a_missing_form_is_a_clear_error():
    bank = BANK.model_copy(update={"forms": BANK.forms.model_copy(update={"pre": ()})})
    with pytest.raises(UsageError, match=r"has no pre-test form; add forms\.pre"):
        assemble(bank, MODULE.id, 1, "pre")


def test_paper_round_trips_through_json_and_records_the_bank_version():
    paper = assemble(BANK, MODULE.id, 7)
    assert Paper.from_dict(paper.as_dict()) == paper
    assert paper.bank_version == bank_version(BANK)
    changed = BANK.model_copy(update={"questions": BANK.questions[:-1]})
    assert bank_version(changed) != bank_version(BANK)


def test_the_exam_never_draws_a_pre_test_question_or_a_knowledge_check():
    checks = knowledge_check_ids(MODULE)
    assert checks == {"dual-use", "safeguard-order"}  # asked on the starter's slides
    met = {*BANK.forms.pre, *checks}
    drawn = set()
    for seed in range(200):
        paper = assemble(BANK, MODULE.id, seed, checks=checks)
        drawn |= {p.question_id for p in paper.questions}
    assert drawn == set(BANK.forms.post) and not drawn & met


def test_no_shipped_exam_draws_a_question_met_before_the_test():
    course = load_course(REPO)
    for module in course.modules:
        bank, checks = module.bank, knowledge_check_ids(module)
        met = {*bank.forms.pre, *checks}
        assert checks, module.id  # the shipped modules ask knowledge checks
        for seed in range(100):
            paper = assemble(bank, module.id, seed, checks=checks)
            ids = {p.question_id for p in paper.questions}
            assert len(ids) == bank.settings.draw and not ids & met, module.id
            # nor a question the participant handout prints as practice
            assert not ids & {q.id for q in practice_questions(bank, checks)}, module.id


def test_without_a_post_test_the_exam_draws_every_question_not_met_before():
    bank = BANK.model_copy(update={"forms": BANK.forms.model_copy(update={"post": ()})})
    pool = exam_pool(bank, frozenset({"dual-use"}))
    assert [q.id for q in pool] == [q.id for q in BANK.questions
                                    if q.id not in {"dual-use", "safeguard-order"}]


def test_an_exam_with_every_question_met_before_is_refused_not_empty():
    bank = BANK.model_copy(update={"forms": BANK.forms.model_copy(update={"post": ()})})
    every = frozenset(q.id for q in BANK.questions)
    with pytest.raises(UsageError, match="has no question an exam may ask"):
        assemble(bank, MODULE.id, 1, checks=every)
    assert len(assemble(bank, MODULE.id, 1, checks=every, practice=True).questions) == 4


def test_matching_choices_never_start_in_the_keys_order():
    orders = set()
    for seed in range(300):
        for presented in assemble(BANK, MODULE.id, seed).questions:
            if presented.question_id == "record-match":
                assert presented.order != tuple(range(len(presented.order)))
                orders.add(presented.order)
    assert len(orders) > 10  # still shuffled per attempt
