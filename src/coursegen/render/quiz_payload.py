"""Questions as the JSON the browser scorer reads (the site's practice quizzes and SCORM packages).

The payload keeps the model's own field names, so the browser scorer takes the
same question objects as the shared test vectors, and adds the rendered HTML a
page shows as feedback.
"""

from __future__ import annotations

from typing import Any

from coursegen.i18n.ui import course_language
from coursegen.model import Course, Module
from coursegen.quiz.exposure import exam_pool, knowledge_check_ids
from coursegen.quiz.paper import bank_version
from coursegen.quiz.presentation import bank_order
from coursegen.quiz.review import what_to_show
from coursegen.quiz.scoring import answer_key
from coursegen.text import inline_html

_TEXTS = ("stem", "scenario", "explanation")


def question_payload(question: Any, bank_scoring: str = "partial",
                     order: tuple[int, ...] = (), lang: str = "en") -> dict[str, Any]:
    """One question as a JSON-ready dict: model fields plus `html` renderings of its texts,
    and `order`, the presentation order its options or choices are shown in."""
    data = question.model_dump(mode="json", exclude={"cite", "tags"})
    data["order"] = list(order)
    if data.get("type") == "multiple" and data.get("scoring") is None:
        data["scoring"] = bank_scoring
    html: dict[str, Any] = {key: str(inline_html(data[key])) for key in _TEXTS if data.get(key)}
    html["key"] = str(inline_html(answer_key(question, lang)))
    # The scorer returns the author's feedback as written; the page shows it rendered.
    written = [data.get("feedback_true"), data.get("feedback_false")]
    written += [item.get("feedback") for item in data.get("options", []) + data.get("answers", [])]
    html["feedback"] = {text: str(inline_html(text)) for text in written if text}
    data["html"] = html
    return data


def module_quiz(course: Course, module: Module) -> dict[str, Any]:
    """The module's exam as the payload a quiz page embeds: the questions it may draw (never
    a pre-test question or a knowledge check), the draw rules, time limit and pass mark.

    The page draws each attempt's paper from these with `paper.js`, by the bank's rules:
    `draw` questions (one per objective first), shuffled, options shuffled, timed. Each
    question's `review` is what the page shows after scoring, as for an exam in every runner
    (:func:`~coursegen.quiz.review.what_to_show`): `score`, `answers` (the verdict) or `key`.
    """
    bank = module.bank
    if bank is None:
        return {"module": module.id, "pass_mark": course.pass_mark(module), "questions": []}
    settings = bank.settings
    review = what_to_show(bank, "exam")
    questions = []
    for question in exam_pool(bank, knowledge_check_ids(module)):
        data = question_payload(question, settings.scoring, bank_order(bank, question, module.id),
                                course_language(course))
        data["review"] = review.item(question.id) if review.lists_answers else "score"
        if data["review"] != "key":
            withhold_explanations(data)
        questions.append(data)
    return {
        "module": module.id,
        "pass_mark": course.pass_mark(module),
        "bank_version": bank_version(bank),
        "settings": {"draw": settings.draw, "cover_objectives": settings.cover_objectives,
                     "shuffle": settings.shuffle, "shuffle_options": settings.shuffle_options,
                     "time_limit": settings.time_limit},
        "questions": questions,
    }


def withhold_explanations(data: dict[str, Any]) -> None:
    """Drop from a question payload what a page may not show: the explanation and every
    feedback text (the scorer needs only the key, which stays)."""
    for key in ("explanation", "feedback_true", "feedback_false"):
        data.pop(key, None)
    for item in data.get("options", []) + data.get("answers", []):
        if isinstance(item, dict):
            item["feedback"] = None
    data["html"].pop("explanation", None)
    data["html"]["feedback"] = {}


def check_payload(module: Module, question: Any, lang: str = "en") -> dict[str, Any]:
    """A knowledge check as a one-question practice payload: the page says whether the
    answer is correct and why, never a score against a pass mark."""
    bank = module.bank
    assert bank is not None
    return {"module": module.id, "practice": True, "pass_mark": 100,
            "questions": [question_payload(question, bank.settings.scoring,
                                           bank_order(bank, question, module.id), lang)]}
