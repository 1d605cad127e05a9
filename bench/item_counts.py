"""Count the item-writing and test-design measures of a course's question banks.

Prints one row per bank and a total: items, items with a level (and matching their
objective's), scenario items, stems that ask what a named source says, exact numeric
items, single-choice items whose key is the longest option, multiple-response count and
order patterns, false true/false statements with absolute words, matching items without a
spare, pre/post overlap, knowledge checks inside the post-test, and the share of each
post-test that asks for a decision in a case.

Run: PYTHONPATH=src .venv/bin/python bench/item_counts.py [COURSE_DIR]
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from coursegen.checks_forms import is_application
from coursegen.checks_items import ABSOLUTE, key_is_longest
from coursegen.load import load_course
from coursegen.model.quiz import Matching, MultipleResponse, Numeric, SingleChoice, TrueFalse
from coursegen.model.slides import KnowledgeCheckSlide

SOURCE_STEM = re.compile(
    r"according to|(paper|report|statement|note|recommendation|toolkit)\b.*\b(say|describe|"
    r"name|list|identif|recommend|report|treat|give|find|warn|call)", re.IGNORECASE)
COLUMNS = ("items", "level", "level=obj", "scenario", "source-stem", "exact-num",
           "single", "key-longest", "multiple", "mr-3of5", "mr-first", "tf-false",
           "tf-false-abs", "matching", "no-spare", "pre&post", "kc-in-post", "post", "post-app")


def measure(module) -> dict[str, object]:
    """The measures of one module's bank."""
    bank = module.bank
    qs = bank.questions
    singles = [q for q in qs if isinstance(q, SingleChoice)]
    multiples = [q for q in qs if isinstance(q, MultipleResponse)]
    false_tf = [q for q in qs if isinstance(q, TrueFalse) and not q.answer]
    matching = [q for q in qs if isinstance(q, Matching)]
    checks = {s.question for lesson in module.lessons for s in lesson.slides
              if isinstance(s, KnowledgeCheckSlide)}
    post = [bank.question(i) for i in bank.forms.post]
    applied = sum(is_application(module, q) for q in post)
    return {
        "items": len(qs),
        "level": sum(q.level is not None for q in qs),
        "level=obj": sum(q.level == module.objective(q.objective).level for q in qs),
        "scenario": sum(bool(q.scenario) for q in qs),
        "source-stem": sum(bool(SOURCE_STEM.search(q.stem)) for q in qs),
        "exact-num": sum(isinstance(q, Numeric) and q.tolerance == 0 for q in qs),
        "single": len(singles),
        "key-longest": sum(key_is_longest(q) for q in singles),
        "multiple": len(multiples),
        "mr-3of5": sum(sum(o.correct for o in q.options) == 3 and len(q.options) == 5
                       for q in multiples),
        "mr-first": sum([o.correct for o in q.options]
                        == sorted((o.correct for o in q.options), reverse=True)
                        for q in multiples),
        "tf-false": len(false_tf),
        "tf-false-abs": sum(bool(ABSOLUTE.search(q.stem)) for q in false_tf),
        "matching": len(matching),
        "no-spare": sum(not q.distractors for q in matching),
        "pre&post": len(set(bank.forms.pre) & set(bank.forms.post)),
        "kc-in-post": len(checks & set(bank.forms.post)),
        "post": len(post),
        "post-app": f"{applied}/{len(post)}",
        "levels": Counter(module.objective(q.objective).level for q in qs),
    }


def main() -> None:
    """Print the table for the course in the given folder (default: this repository)."""
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[1]
    course = load_course(folder)
    rows = [(m.id, measure(m)) for m in course.modules if m.bank]
    print("module".ljust(30) + " ".join(c.rjust(len(c)) for c in COLUMNS))
    for name, row in rows:
        print(name.ljust(30) + " ".join(str(row[c]).rjust(len(c)) for c in COLUMNS))
    totals = {c: sum(r[c] for _, r in rows) for c in COLUMNS if c != "post-app"}
    applied = sum(int(str(r["post-app"]).split("/")[0]) for _, r in rows)
    totals["post-app"] = f"{applied}/{totals['post']}"
    print("total".ljust(30) + " ".join(str(totals[c]).rjust(len(c)) for c in COLUMNS))
    levels = sum((r["levels"] for _, r in rows), Counter())
    print("items by objective level:", dict(levels))


if __name__ == "__main__":
    main()
