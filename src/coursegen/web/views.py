"""Page contexts for the learner's pages: the module list, question lists, feedback and results."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.exceptions import HTTPException
from starlette.responses import Response

from coursegen.attempts.certificate import certificate_code, certifies
from coursegen.attempts.lifecycle import Progress, attempts_left, result_of
from coursegen.attempts.store import FINISHED, OPEN, AttemptRecord
from coursegen.i18n.ui import Interface, course_language
from coursegen.model import Course
from coursegen.quiz.engine import score
from coursegen.quiz.paper import FORMS
from coursegen.quiz.review import what_to_show
from coursegen.theme import find_template_file
from coursegen.web.attempts import feedback_locked, question_at, quiz_modules
from coursegen.web.feedback import (
    FeedbackView,
    feedback_view,
    number,
    objective_views,
)
from coursegen.web.forms import QuestionView, form_values, parse_response, question_view
from coursegen.web.pages import Learner, WebState

STATIC_FILES = {"web.css": "text/css", "web.js": "text/javascript"}


@dataclass(frozen=True)
class JumpItem:
    """A question's entry in the question list: its number, stem and whether it has an answer."""

    number: int
    stem: str
    answered: bool


@dataclass(frozen=True)
class AllPageItem:
    """A question on the all-on-one-page form, with its values and any feedback."""

    q: QuestionView
    values: dict[str, Any]
    locked: bool
    feedback: FeedbackView | None


def static_file(web: WebState, name: str) -> Response:
    """The theme's CSS or script (course override first), or the branding colours as CSS."""
    if name == "theme.css":
        brand = web.course.info.branding
        css = f":root {{ --primary: {brand.primary_colour}; --accent: {brand.accent_colour}; }}\n"
        if brand.font:
            font = "".join(c for c in brand.font if c.isalnum() or c in " -_")
            css += f':root {{ --font: "{font}", system-ui, sans-serif; }}\n'
        return Response(css, media_type="text/css",
                        headers={"cache-control": "public, max-age=300"})
    if name not in STATIC_FILES:
        raise HTTPException(404)
    path = find_template_file(web.course.root, f"web/{name}")
    return Response(path.read_bytes(), media_type=STATIC_FILES[name],
                    headers={"cache-control": "public, max-age=300"})


def learner_home(web: WebState, learner: Learner) -> dict[str, Any]:
    """The modules a learner can take, with open attempts to resume and past results."""
    owned = [r for r in web.store.list_attempts(learner=learner.name)
             if learner.attempts.get(r.uid) == r.id]
    modules = []
    for module in quiz_modules(web.course):
        bank = module.bank
        assert bank is not None
        open_uid = next((r.uid for r in reversed(owned)
                         if r.module == module.id and r.status == OPEN), None)
        left = attempts_left(web.store, module, learner.name)
        modules.append({
            "id": module.id, "title": module.title, "summary": module.summary,
            "questions": min(bank.settings.draw or len(bank.questions), len(bank.questions)),
            "time_limit": bank.settings.time_limit,
            "pass_mark": number(web.course.pass_mark(module), course_language(web.course)),
            "attempts_left": left, "open_uid": open_uid,
            "forms": [f for f in FORMS if f != "exam" and getattr(bank.forms, f)],
        })
    attempts = []
    ui = Interface(course_language(web.course))
    for record in reversed(owned):
        finished = record.status == FINISHED
        attempts.append({
            "module_title": record.module_title, "form": record.form,
            "started": record.started_at.strftime("%Y-%m-%d %H:%M UTC"),
            "score": f"{number(record.percent or 0, ui.lang)} %" if finished else "–",
            "result": (ui._("Passed") if record.passed else ui._("Not passed")) if finished
            else (ui._("In progress") if record.status == OPEN else ui._("Closed")),
            "link": f"/a/{record.uid}/result" if finished
            else (f"/a/{record.uid}" if record.status == OPEN else None),
        })
    return {"modules": modules, "attempts": attempts, "notice": None}


def jump_list(course: Course, state: Progress) -> list[JumpItem]:
    """Every question of the attempt with whether it has a saved answer."""
    items = []
    for n, presented in enumerate(state.paper.questions, 1):
        question, _ = question_at(course, state, n)
        items.append(JumpItem(n, question.stem,
                              state.responses.get(presented.question_id) is not None))
    return items


def single_feedback(course: Course, record: AttemptRecord, question: Any,
                    response: Any) -> FeedbackView:
    """Feedback on one saved answer (immediate-feedback banks only), as the review rule allows."""
    bank = course.module(record.module).bank
    assert bank is not None
    review = what_to_show(bank, record.form, record.practice)
    return feedback_view(course, score(question, response, bank.settings.scoring),
                         review.item(question.id))


def all_page_items(course: Course, state: Progress, form: Any,
                   errors: dict[str, str]) -> list[AllPageItem]:
    """Every question for the one-page form; fields with errors keep what was typed."""
    module = course.module(state.record.module)
    items = []
    for n, presented in enumerate(state.paper.questions, 1):
        question, _ = question_at(course, state, n)
        view = question_view(question, presented, n, course_language(course))
        saved = state.responses.get(presented.question_id)
        values = form_values(question, saved)
        if form is not None and view.field in errors:
            values = _typed_values(question, form, view.field, values)
        locked = feedback_locked(module, state, presented.question_id)
        feedback = single_feedback(course, state.record, question, saved) if locked else None
        items.append(AllPageItem(view, values, locked, feedback))
    return items


def _typed_values(question: Any, form: Any, field: str, fallback: dict[str, Any]) -> dict[str, Any]:
    text = form.get(field)
    if question.type in ("short-answer", "numeric"):
        return {"": str(text or "")}
    try:
        return form_values(question, parse_response(question, form, field))
    except Exception:  # what was typed is unusable: show the saved answer instead
        return fallback


def result_page(web: WebState, record: AttemptRecord) -> dict[str, Any]:
    """The result page's context for a finished attempt."""
    module = web.course.module(record.module)
    result = result_of(web.store, web.course, record)
    bank = module.bank
    assert bank is not None
    review = what_to_show(bank, record.form, record.practice)
    items = [{"stem": bank.question(s.question_id).stem,
              "feedback": feedback_view(web.course, s, review.item(s.question_id))}
             for s in result.scores] if review.lists_answers else []
    certified = certifies(record)
    lang = course_language(web.course)
    return {
        "title": Interface(course_language(web.course))._("Result: {title}", title=module.title),
        "module": module, "uid": record.uid,
        "percent": number(result.percent, lang), "earned": number(result.earned, lang),
        "possible": number(result.possible, lang), "passed": result.passed,
        "pass_mark": number(record.pass_mark, lang), "timed_out": record.timed_out,
        "objectives": objective_views(module, result, lang), "items": items,
        "explained": review.level == "key",
        "verification": certificate_code(record) if certified else None,
        "certificate_url": f"/a/{record.uid}/certificate.pdf" if certified else None,
    }
