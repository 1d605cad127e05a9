"""Flags a trainer can act on: questions too easy or too hard, that do not discriminate,
with a distractor nobody picks, or whose key is likely wrong.

Thresholds follow common item-analysis practice and Moodle's guidance: facility
above 0.9 is too easy and below 0.2 too hard; a discrimination index below 20 is
weak and below 0 means the question works against the rest of the test. No flag
is raised from fewer than ``min_attempts`` attempts, where chance dominates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from coursegen.stats.moodle import ItemStats
from coursegen.stats.options import QuestionOptions

FlagCode = Literal["too-easy", "too-hard", "weak-discrimination", "negative-discrimination",
                   "unused-distractor", "likely-wrong-key"]


@dataclass(frozen=True)
class FlagRules:
    """The thresholds behind the flags."""

    too_easy: float = 0.9
    too_hard: float = 0.2
    weak_discrimination: float = 20.0
    min_attempts: int = 10


DEFAULT_RULES = FlagRules()
"""The thresholds used unless a caller gives others."""


@dataclass(frozen=True)
class Flag:
    """One finding about one question, with what to do about it."""

    question_id: str
    code: FlagCode
    severity: Literal["warning", "error"]
    message: str


def item_flags(item: ItemStats, options: QuestionOptions | None,
               rules: FlagRules = DEFAULT_RULES) -> list[Flag]:
    """The flags raised for one question (none below the rules' minimum attempts)."""
    if item.attempts < rules.min_attempts:
        return []
    flags: list[Flag] = []
    qid = item.question_id
    if options is not None:
        flags += _option_flags(qid, options)
    if item.facility is not None and item.facility > rules.too_easy:
        flags.append(Flag(qid, "too-easy", "warning",
                          f"too easy: {item.facility:.0%} of the marks were earned; "
                          "make the distractors more plausible or drop the question"))
    if item.facility is not None and item.facility < rules.too_hard:
        flags.append(Flag(qid, "too-hard", "warning",
                          f"too hard: only {item.facility:.0%} of the marks were earned; "
                          "check the key, the wording and whether the lesson covers it"))
    if item.discrimination is not None and item.discrimination < 0:
        flags.append(Flag(qid, "negative-discrimination", "error",
                          f"negative discrimination ({item.discrimination:.0f}): stronger "
                          "learners did worse on it; check the key and the wording"))
    elif item.discrimination is not None and item.discrimination < rules.weak_discrimination:
        flags.append(Flag(qid, "weak-discrimination", "warning",
                          f"weak discrimination ({item.discrimination:.0f}, below "
                          f"{rules.weak_discrimination:.0f}): it barely separates stronger "
                          "from weaker learners; reword or replace it"))
    return flags


def _option_flags(qid: str, options: QuestionOptions) -> list[Flag]:
    flags: list[Flag] = []
    keyed = [o for o in options.options if o.keyed]
    for option in options.options:
        if option.keyed:
            continue
        label = _label(option.index)
        if option.count == 0:
            flags.append(Flag(qid, "unused-distractor", "warning",
                              f"option {label} ({_clip(option.text)}) was never chosen; "
                              "replace it with a plausible distractor"))
        weakest_key = min((k.top_share or 0.0 for k in keyed), default=0.0)
        top, bottom = option.top_share or 0.0, option.bottom_share or 0.0
        if options.top_size and top > weakest_key and top > bottom:
            flags.append(Flag(qid, "likely-wrong-key", "error",
                              f"the top group chose option {label} ({_clip(option.text)}) "
                              f"more than the keyed answer ({top:.0%} against "
                              f"{weakest_key:.0%}); check the answer key"))
    return flags


def _label(index: int) -> str:
    return chr(ord("A") + index) if index < 26 else str(index + 1)


def _clip(text: str, size: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"
