"""The page's paper drawing (paper.js, shared by the site and SCORM) follows the bank's rules,
the same as the Python draw: the questions an exam may ask, `draw` of them, one per objective,
every option once, and the same paper from the same seed."""

from __future__ import annotations

import json
import shutil
from collections import Counter

import pytest

from coursegen.load import load_checked
from coursegen.quiz.assemble import assemble
from coursegen.quiz.exposure import knowledge_check_ids
from coursegen.render.quiz_payload import module_quiz
from coursegen.theme import BUILTIN_TEMPLATES
from tests.conftest import REPO
from tests.js.tools import JS, node

PAPER_JS = BUILTIN_TEMPLATES / "site" / "paper.js"
COUNT = 200


@pytest.fixture(scope="module")
def shipped():
    """The shipped course."""
    return load_checked(REPO)[0]


def _draw(quiz: dict, folder, count: int = COUNT) -> list[dict]:
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    path = folder / "quiz.json"
    path.write_text(json.dumps(quiz))
    result = node(JS / "draw_papers.mjs", PAPER_JS, path, count)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_page_draws_as_the_bank_says_for_every_shipped_module(shipped, tmp_path) -> None:
    for module in shipped.modules:
        quiz = module_quiz(shipped, module)
        bank = module.bank
        pool = [q["id"] for q in quiz["questions"]]
        papers = _draw(quiz, tmp_path)
        objectives = {q["objective"] for q in quiz["questions"]}
        seen = Counter()
        for paper in papers:
            ids = [q["id"] for q in paper["questions"]]
            assert len(ids) == min(bank.settings.draw, len(pool)) == len(set(ids))
            assert set(ids) <= set(pool)
            assert {bank.question(i).objective for i in ids} == objectives, module.id
            for drawn in paper["questions"]:
                order = drawn["order"]
                assert sorted(order) == list(range(len(order)))
            seen.update(ids)
        # Every question an exam may ask is drawn some time, none from outside the pool.
        assert set(seen) == set(pool), module.id
        # The Python draw asks from the same questions and obeys the same rules.
        python = assemble(bank, module.id, 7, checks=knowledge_check_ids(module))
        assert {p.question_id for p in python.questions} <= set(pool)
        assert len(python.questions) == len(papers[0]["questions"])


def test_the_same_seed_draws_the_same_paper_and_shuffles_as_asked(shipped, tmp_path) -> None:
    module = shipped.modules[0]
    quiz = module_quiz(shipped, module)
    twice = _draw(quiz, tmp_path, 20)
    assert twice == _draw(quiz, tmp_path, 20)
    assert len({tuple(q["id"] for q in p["questions"]) for p in twice}) == 20
    assert len({tuple(p["questions"][0]["order"]) for p in twice}) > 1
    still = {**quiz, "settings": {**quiz["settings"], "shuffle": False,
                                  "shuffle_options": False}}
    for paper in _draw(still, tmp_path, 20):
        indices = [q["index"] for q in paper["questions"]]
        assert indices == sorted(indices)  # the bank's order
        for drawn in paper["questions"]:
            # The one presentation order slides and handouts use, not a shuffle of this attempt.
            assert drawn["order"] == quiz["questions"][drawn["index"]]["order"]
