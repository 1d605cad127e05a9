"""Item-writing rules of `coursegen check`: cues that let a test-wise learner guess the key.

Each rule follows a guideline from Haladyna, Downing & Rodriguez (2002), "A review of
multiple-choice item-writing guidelines for classroom assessment"; docs/item-writing.md
gives the reason for each. All findings are warnings; a bank tunes or switches them off
under `settings.lint`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from coursegen.checks_exposure import EXPOSURE_RULES
from coursegen.checks_forms import FORM_RULES, form_rules
from coursegen.errors import Diagnostic
from coursegen.located import warning_at as warn
from coursegen.model import Module
from coursegen.model.quiz import (
    Matching,
    MultipleResponse,
    Numeric,
    QuestionBank,
    SingleChoice,
    TrueFalse,
)

# Specific determiners: a statement that says "always" or "never" is rarely true.
ABSOLUTE = re.compile(
    r"\b(always|never|entirely|completely|absolutely|totally|wholly|every|everyone|all|none|"
    r"nothing|no one|only|impossible|guarante\w*|widespread|whatever|of no (?:help|use|value)|"
    r"no (?:longer|further)|however (?:it|they) (?:is|are|was|were))\b",
    re.IGNORECASE,
)
_NEGATIVE = re.compile(r"\b(not|except|least|never|cannot|\w+n't)\b", re.IGNORECASE)
_EMPHASIS = re.compile(r"\*\*[^*]+\*\*|\*[^*]+\*|\b[A-Z]{3,}\b")
_TRUE_OR_FALSE = re.compile(r"^\s*true or false\s*:?", re.IGNORECASE)

RULES = {
    "key-longest": "the key is the longest option too often",
    "key-position": "single-choice keys crowd into one position",
    "response-pattern": "multiple-response keys follow one count or position pattern",
    "absolute-words": "absolute words appear only in wrong answers",
    "matching-spare": "a matching question has no spare right-hand choice",
    "negative-stem": "a negative stem without emphasis",
    "numeric-recall": "a scored numeric question asks for a figure from memory",
}


def item_writing_rules(module: Module, bank: QuestionBank) -> Iterator[Diagnostic]:
    """Every item-writing and test-form rule over one bank, minus the rules it switches off."""
    off = set(bank.settings.lint.ignore)
    for code in off - set(RULES) - set(FORM_RULES):
        known = ", ".join(sorted({*RULES, *FORM_RULES}))
        if code in EXPOSURE_RULES:
            yield warn(bank.settings.lint, "ignore",
                       f"'{code}' is an error, not an item-writing rule, and cannot be switched "
                       "off; list the questions under forms.exposed to accept them",
                       "lint-unknown-rule")
            continue
        yield warn(bank.settings.lint, "ignore", f"no item-writing rule '{code}' (rules: {known})",
                   "lint-unknown-rule")
    found = [*_bank_rules(bank), *form_rules(module, bank)]
    for question in bank.questions:
        found += _question_rules(question, bank)
    yield from (d for d in found if d.code not in off)


def _key_index(question: SingleChoice) -> int:
    return next((i for i, o in enumerate(question.options) if o.correct or o.fraction == 100), -1)


def key_is_longest(question: SingleChoice) -> bool:
    """The key is longer than every distractor (a cue test-wise learners use)."""
    index = _key_index(question)
    if index < 0:
        return False
    lengths = [len(o.text) for o in question.options]
    return all(lengths[index] > n for i, n in enumerate(lengths) if i != index)


def _bank_rules(bank: QuestionBank) -> Iterator[Diagnostic]:
    lint = bank.settings.lint
    singles = [q for q in bank.questions if isinstance(q, SingleChoice)]
    longest = [q for q in singles if key_is_longest(q)]
    if len(singles) >= 4 and len(longest) / len(singles) > lint.key_longest_share:
        ids = ", ".join(q.id for q in longest)
        yield warn(bank, "questions",
                   f"the key is the longest option in {len(longest)} of {len(singles)} "
                   f"single-choice questions ({ids}); make a distractor as long and as "
                   f"detailed, or shorten the key (allowed share: {lint.key_longest_share:g})",
                   "key-longest")
    positions = Counter(_key_index(q) for q in singles)
    if len(singles) >= 5 and len(positions) > 1:
        position, count = positions.most_common(1)[0]
        if count / len(singles) > lint.key_position_share:
            yield warn(bank, "questions",
                       f"the key is option {position + 1} in {count} of {len(singles)} "
                       "single-choice questions; move keys so that each position is used "
                       f"about equally (allowed share: {lint.key_position_share:g})",
                       "key-position")
    yield from _response_patterns(bank)
    yield from _true_false_absolutes(bank)


def _response_patterns(bank: QuestionBank) -> Iterator[Diagnostic]:
    share = bank.settings.lint.pattern_share
    multiples = [q for q in bank.questions if isinstance(q, MultipleResponse)]
    if len(multiples) < 3:
        return
    counts = Counter((sum(o.correct for o in q.options), len(q.options)) for q in multiples)
    (correct, total), seen = counts.most_common(1)[0]
    if seen / len(multiples) > share:
        yield warn(bank, "questions",
                   f"{seen} of {len(multiples)} multiple-response questions have exactly "
                   f"{correct} of {total} options correct; vary the number of correct options "
                   f"(allowed share: {share:g})", "response-pattern")
    first = [q for q in multiples if _correct_first(q)]
    if len(first) / len(multiples) > share:
        yield warn(bank, "questions",
                   f"{len(first)} of {len(multiples)} multiple-response questions list every "
                   "correct option before the wrong ones; mix them (allowed share: "
                   f"{share:g})", "response-pattern")


def _correct_first(question: MultipleResponse) -> bool:
    flags = [o.correct for o in question.options]
    return flags == sorted(flags, reverse=True)


def _true_false_absolutes(bank: QuestionBank) -> Iterator[Diagnostic]:
    statements = [q for q in bank.questions if isinstance(q, TrueFalse)]
    if any(q.answer and ABSOLUTE.search(_statement(q)) for q in statements):
        return  # absolute words in true statements too: no cue
    for question in statements:
        match = ABSOLUTE.search(_statement(question))
        if not question.answer and match:
            yield warn(question, "stem",
                       f"the false statement says '{match.group(0)}' and no true statement "
                       "uses such a word, so it gives the answer away; state the claim "
                       "without the absolute word", "absolute-words")


def _statement(question: TrueFalse) -> str:
    return _TRUE_OR_FALSE.sub("", question.stem)


def _question_rules(question, bank: QuestionBank) -> Iterator[Diagnostic]:
    if isinstance(question, SingleChoice | MultipleResponse):
        keyed = [o for o in question.options if o.correct or (o.fraction or 0) > 0]
        if not any(ABSOLUTE.search(o.text) for o in keyed):
            for option in question.options:
                match = ABSOLUTE.search(option.text)
                if option not in keyed and match:
                    yield warn(option, "text",
                               f"only a wrong option says '{match.group(0)}'; learners "
                               "learn to rule such options out; qualify it or reword it",
                               "absolute-words")
                    break
    if isinstance(question, Matching) and not question.distractors:
        yield warn(question, "pairs",
                   "matching question has as many right-hand choices as left items, so the "
                   "last match is free; add a plausible spare under 'distractors'",
                   "matching-spare")
    if isinstance(question, Numeric) and not question.scenario:
        exact = " exactly" if question.tolerance == 0 else ""
        yield warn(question, "answer",
                   f"numeric question asks for a figure{exact} from memory; ask the learner "
                   "to use the figure (a calculation in a scenario) or ask about its meaning",
                   "numeric-recall")
    if not isinstance(question, TrueFalse):
        stem = question.stem
        for match in _NEGATIVE.finditer(stem):
            if not any(e.start() <= match.start() < e.end() for e in _EMPHASIS.finditer(stem)):
                yield warn(question, "stem",
                           f"negative stem ('{match.group(0)}') is easy to misread; word it "
                           f"positively or emphasise the word, e.g. **{match.group(0).upper()}**",
                           "negative-stem")
                break
