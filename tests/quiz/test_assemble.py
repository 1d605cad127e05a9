"""Assembling attempts: reproducible from a seed, drawing with objective cover, forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from coursegen.errors import UsageError
from coursegen.load import load_course
from coursegen.quiz.assemble import Paper, assemble, bank_version

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
