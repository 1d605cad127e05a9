"""What a learner types is shown exactly as typed on every served page, never as Markdown."""

from __future__ import annotations

import html

import pytest

from tests.web.setup import PASSWORD, form_fields, join, paper_of, right_answers, start

TYPED = ["[Call the trainer](https://evil.example/login)", "*KYC*", "<b>bold</b> & `code`"]


def _submit_typed(rig, typed: str):
    """A learner who types `typed` as the short answer, answers the rest and submits."""
    client = rig.client()
    join(client, "Ines Typist")
    uid = start(client, form="post")  # the post-test always asks the short answer
    record, paper = paper_of(rig.store, uid)
    for number, (question, response) in enumerate(right_answers(rig.course, paper), 1):
        if question.type == "short-answer":
            response = typed
        client.post(f"/a/{uid}/{number}", form_fields(question, number, response))
    client.post(f"/a/{uid}/submit")
    return client, uid, record


def _trainer(rig):
    client = rig.client()
    client.get("/trainer/login")
    client.post("/trainer/login", {"password": PASSWORD})
    return client


def _your_answers(page: str) -> list[str]:
    """The HTML after each "Your answer:" label on a page."""
    marker = '<span class="label">Your answer:</span> '
    return [chunk.split("</p>", 1)[0] for chunk in page.split(marker)[1:]]


@pytest.mark.parametrize("typed", TYPED)
def test_a_typed_answer_is_shown_as_typed_on_the_result_and_the_trainer_page(rig, typed):
    learner, uid, record = _submit_typed(rig, typed)
    result = learner.get(f"/a/{uid}/result").text
    detail = _trainer(rig).get(f"/trainer/attempts/{record.id}").text
    for page in (result, detail):
        assert html.escape(typed, quote=False) in _your_answers(page)
        assert "evil.example" not in page.replace(html.escape(typed, quote=False), "")
        assert "<em>KYC</em>" not in page
