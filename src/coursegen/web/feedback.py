"""Scores as a page shows them: verdict, the learner's answer, feedback, key, explanation, sources.

Only ever built after an answer is saved in immediate-feedback mode, or after
the attempt is submitted: this is the one place the answer key meets HTML.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from coursegen.i18n.locale_format import format_number
from coursegen.i18n.ui import Interface, course_language
from coursegen.model import Course, Module
from coursegen.model.citing import full_citation
from coursegen.quiz.engine import AttemptResult, Score
from coursegen.quiz.review import ItemLevel
from coursegen.quiz.scoring import Feedback
from coursegen.text import inline_html


@dataclass(frozen=True)
class FeedbackView:
    """One scored answer, ready for the feedback template."""

    verdict: str
    verdict_text: str
    correct: bool
    earned: str
    points: str
    answer: Markup
    notes: tuple[str, ...]
    key: str
    explanation: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ObjectiveView:
    """An objective's line in the result breakdown."""

    text: str
    earned: str
    possible: str
    percent: int
    percent_text: str


def number(value: float, lang: str = "en") -> str:
    """A mark as people write it in `lang`: 2, 1.5, 0.33 (French 1,5)."""
    return format_number(round(value, 2), lang)


def feedback_view(course: Course, item: Score, level: ItemLevel = "key") -> FeedbackView:
    """What the learner sees about one scored answer: at level 'answers' no key, no option
    feedback and no explanation (see quiz.review)."""
    keyed = level == "key"
    lang = course_language(course)
    ui = Interface(lang)
    if not item.answered:
        verdict, text = "unanswered", ui._("Not answered")
    elif item.correct:
        verdict, text = "right", ui._("Correct")
    elif item.fraction > 0:
        verdict, text = "partial", ui._("Partly correct")
    else:
        verdict, text = "wrong", ui._("Not correct")
    return FeedbackView(
        verdict=verdict, verdict_text=text, correct=item.correct,
        earned=number(item.earned, lang), points=number(item.points, lang),
        answer=Markup("; ").join(_answer_html(f, ui) for f in item.feedback),
        notes=tuple(f.text for f in item.feedback if f.text and keyed),
        key=_engine_word(item.key, ui) if keyed else "",
        explanation=item.explanation if keyed else "",
        sources=tuple(full_citation(course, c) for c in item.cite),
    )


def _answer_html(feedback: Feedback, ui: Interface) -> Markup:
    # The author's options may use Markdown; what a learner typed is shown exactly as typed.
    if feedback.typed:
        return escape(feedback.choice)
    return inline_html(_engine_word(feedback.choice, ui))


def _engine_word(text: str, ui: Interface) -> str:
    """The scoring engine's own words for a true-false answer ('True', 'False') in the
    course's language; any other text is the author's and stays as written."""
    if text == "True":
        return ui._("True")
    if text == "False":
        return ui._("False")
    return text


def objective_views(module: Module, result: AttemptResult,
                    lang: str = "en") -> list[ObjectiveView]:
    """The per-objective breakdown, in the module's objective order, its figures in `lang`."""
    order = {o.id: i for i, o in enumerate(module.objectives)}
    views = []
    for item in sorted(result.objectives, key=lambda o: order.get(o.objective, len(order))):
        objective = module.objective(item.objective)
        views.append(ObjectiveView(
            text=objective.text if objective else item.objective,
            earned=number(item.earned, lang), possible=number(item.possible, lang),
            percent=int(max(0, min(100, item.percent))),
            percent_text=number(item.percent, lang)))
    return views
