"""The shipped course keeps the shape a trainer was promised: per module, enough to teach."""

from __future__ import annotations

from collections import Counter

import pytest

from coursegen.load import load_course
from coursegen.model.slides import ReferencesSlide, SectionSlide
from tests.conftest import REPO

COURSE = load_course(REPO)


@pytest.mark.parametrize("module", COURSE.modules, ids=[m.id for m in COURSE.modules])
def test_module_has_lessons_slides_and_kinds_to_teach(module) -> None:
    slides = [s for lesson in module.lessons for s in lesson.slides]
    kinds = Counter(s.kind for s in slides)
    assert 3 <= len(module.lessons) <= 5
    assert len(slides) >= 25
    assert len(kinds) >= 5
    assert {"stat", "compare", "case", "summary"} <= set(kinds)
    assert 4 <= len(module.objectives) <= 6
    assert module.glossary
    assert all(lesson.review_by or module.review_by for lesson in module.lessons)
    for slide in slides:
        if not isinstance(slide, SectionSlide | ReferencesSlide):
            assert slide.notes and slide.ask and slide.minutes, f"{slide.location}: notes"


@pytest.mark.parametrize("module", COURSE.modules, ids=[m.id for m in COURSE.modules])
def test_module_tells_the_trainer_what_to_check_before_delivery(module) -> None:
    updates = [u for lesson in module.lessons for s in lesson.slides for u in s.updates]
    assert len(updates) >= 3, "sources date from 2020-2024: say what may have moved since"
    for lesson in module.lessons:
        due = lesson.review_by or module.review_by
        for slide in lesson.slides:
            assert all(u.review_by <= due for u in slide.updates), slide.location


@pytest.mark.parametrize("module", COURSE.modules, ids=[m.id for m in COURSE.modules])
def test_question_bank_covers_every_objective_three_times(module) -> None:
    bank = module.bank
    assert bank is not None and len(bank.questions) >= 20
    assert len({q.type for q in bank.questions}) >= 4
    per_objective = Counter(q.objective for q in bank.questions)
    assert all(per_objective[o.id] >= 3 for o in module.objectives), per_objective
    assert sum(1 for q in bank.questions if q.scenario) >= 2
    # parallel forms: the pre-test has items of its own (it used to repeat post-test items)
    assert bank.forms.pre and not set(bank.forms.pre) & set(bank.forms.post)
    assert all(q.level == module.objective(q.objective).level for q in bank.questions)
    assert all(q.explanation and q.cite for q in bank.questions)
