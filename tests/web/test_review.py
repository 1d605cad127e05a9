"""What the web result page shows of a scored paper (the bank's `review` rule) and which
passes get a certificate, seen through the learner's pages."""

from __future__ import annotations

import html
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from coursegen.attempts.store import open_store
from coursegen.cli import cli
from coursegen.load import load_course
from coursegen.model.quiz import MultipleResponse, SingleChoice
from coursegen.scaffold import create_course
from coursegen.web.app import create_app
from tests.web.client import WebClient
from tests.web.setup import (
    MODULE,
    PASSWORD,
    WebRig,
    form_fields,
    join,
    paper_of,
    right_answers,
    start,
)


def take(rig, form: str, wrong: bool = False) -> tuple[str, list, WebClient, str]:
    """Answer the whole `form` (all right or, if `wrong`, the first question that can be
    answered wrongly here wrong), submit it; the result page, the questions, client, uid."""
    client = rig.client()
    join(client)
    uid = start(client, form=form)
    _, paper = paper_of(rig.store, uid)
    answers = right_answers(rig.course, paper)
    for number, (question, response) in enumerate(answers, 1):
        if wrong and wrong_response(question, response) is not None:
            response, wrong = wrong_response(question, response), False
        client.post(f"/a/{uid}/{number}", form_fields(question, number, response))
    result = client.follow(client.post(f"/a/{uid}/submit"))
    return html.unescape(result.text), [q for q, _ in answers], client, uid


def wrong_response(question, right):
    """A response that earns nothing (None for a kind this test does not answer wrongly)."""
    if isinstance(question, MultipleResponse):
        return [i for i, o in enumerate(question.options) if not o.correct]
    if isinstance(question, SingleChoice):
        return next(i for i, o in enumerate(question.options) if not o.correct)
    if isinstance(right, bool):
        return not right
    if isinstance(right, float):
        return right + 1000
    return None


def test_the_exam_result_marks_the_learners_answers_but_shows_no_key(rig):
    page, asked, _, _ = take(rig, "exam", wrong=True)
    assert "Not correct" in page and "Your answer:" in page
    assert "Correct answer:" not in page
    for question in asked:
        assert question.explanation not in page
        for option in getattr(question, "options", ()):
            assert not option.feedback or option.feedback not in page
    assert "Your answers</h2>" in page


def test_the_pre_test_result_shows_the_score_only_and_gives_no_certificate(rig):
    page, asked, client, uid = take(rig, "pre")
    assert "100 %" in page and "Passed" in page
    assert "Your answer:" not in page and "Your answers" not in page
    assert all(q.explanation not in page for q in asked)
    assert "certificate" not in page.lower() and "Certificate code" not in page
    assert client.get(f"/a/{uid}/certificate.pdf").status_code == 404


def test_key_review_still_hides_the_key_of_a_post_test_question(tmp_path):
    folder = tmp_path / "course"
    create_course(folder)
    bank = folder / "quizzes" / f"{MODULE}.yaml"
    text = bank.read_text().replace("settings:\n", "settings:\n  review: key\n", 1)
    bank.write_text(text.replace("pre: [dual-use, safeguard-order]", "pre: [dual-use, benefits]"))
    course = load_course(folder)
    store = open_store(str(tmp_path / "attempts.sqlite3"))
    rig = WebRig(course, store, create_app(course, store, PASSWORD, secret_key="s"),
                 tmp_path, [])
    try:
        page, asked, _, _ = take(rig, "pre")
    finally:
        rig.close()
    shown = {q.id: q.explanation in page for q in asked}
    assert shown == {"dual-use": True, "benefits": False}
    assert "Your answers, with explanations" in page


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) not installed")
def test_a_post_test_pass_gets_a_certificate_that_verifies_offline(rig, tmp_path):
    page, _, client, uid = take(rig, "post")
    assert "Passed" in page and "Download your certificate (PDF)" in page
    shown_code = page.split("Certificate code: <code>")[1].split("</code>")[0]
    pdf = client.get(f"/a/{uid}/certificate.pdf")
    assert pdf.status_code == 200
    (tmp_path / "c.pdf").write_bytes(pdf.content)
    text = subprocess.run(["pdftotext", str(tmp_path / "c.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "has passed the post-test of the module" in " ".join(text.split())
    printed = "".join(text.split("Certificate code")[1].split(":", 1)[1]
                      .split("Anyone can check")[0].split())
    assert printed.replace("-", "") == shown_code.replace("-", "")  # lines wrap at a dash
    key = next(line.split()[-1] for line in CliRunner().invoke(cli, ["certificate", "key"])
               .stdout.splitlines() if line.startswith("public key:"))
    checked = CliRunner().invoke(cli, ["certificate", "verify", printed, "--public-key", key])
    assert checked.exit_code == 0
    assert "  learner: Ana Investigator" in checked.stdout
    assert "  form:    post-test" in checked.stdout and "  score:   100 %" in checked.stdout
