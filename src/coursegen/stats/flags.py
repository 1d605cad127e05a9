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

from coursegen.i18n.ui import N_
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
    """What to do, in English (the CLI's and the JSON export's wording)."""
    msgid: str = ""
    """The message as an interface string with `{name}` placeholders, for :meth:`translated`."""
    values: tuple[tuple[str, str], ...] = ()

    def translated(self, lang: str) -> str:
        """The message in `lang` (English when the catalog has no translation)."""
        if not self.msgid:
            return self.message
        from coursegen.i18n.ui import Interface

        return Interface(lang)._(self.msgid, **dict(self.values))


def _flag(qid: str, code: FlagCode, severity: Literal["warning", "error"], msgid: str,
          **values: str) -> Flag:
    return Flag(qid, code, severity, msgid.format(**values), msgid, tuple(values.items()))


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
        flags.append(_flag(qid, "too-easy", "warning",
                           N_("too easy: {facility} of the marks were earned; make the "
                              "distractors more plausible or drop the question"),
                           facility=f"{item.facility:.0%}"))
    if item.facility is not None and item.facility < rules.too_hard:
        flags.append(_flag(qid, "too-hard", "warning",
                           N_("too hard: only {facility} of the marks were earned; check the "
                              "key, the wording and whether the lesson covers it"),
                           facility=f"{item.facility:.0%}"))
    if item.discrimination is not None and item.discrimination < 0:
        flags.append(_flag(qid, "negative-discrimination", "error",
                           N_("negative discrimination ({index}): stronger learners did worse "
                              "on it; check the key and the wording"),
                           index=f"{item.discrimination:.0f}"))
    elif item.discrimination is not None and item.discrimination < rules.weak_discrimination:
        flags.append(_flag(qid, "weak-discrimination", "warning",
                           N_("weak discrimination ({index}, below {threshold}): it barely "
                              "separates stronger from weaker learners; reword or replace it"),
                           index=f"{item.discrimination:.0f}",
                           threshold=f"{rules.weak_discrimination:.0f}"))
    return flags


def _option_flags(qid: str, options: QuestionOptions) -> list[Flag]:
    flags: list[Flag] = []
    keyed = [o for o in options.options if o.keyed]
    for option in options.options:
        if option.keyed:
            continue
        label = _label(option.index)
        if option.count == 0:
            flags.append(_flag(qid, "unused-distractor", "warning",
                               N_("option {label} ({text}) was never chosen; replace it with "
                                  "a plausible distractor"), label=label, text=_clip(option.text)))
        weakest_key = min((k.top_share or 0.0 for k in keyed), default=0.0)
        top, bottom = option.top_share or 0.0, option.bottom_share or 0.0
        if options.top_size and top > weakest_key and top > bottom:
            flags.append(_flag(qid, "likely-wrong-key", "error",
                               N_("the top group chose option {label} ({text}) more than the "
                                  "keyed answer ({top} against {key}); check the answer key"),
                               label=label, text=_clip(option.text), top=f"{top:.0%}",
                               key=f"{weakest_key:.0%}"))
    return flags


def _label(index: int) -> str:
    return chr(ord("A") + index) if index < 26 else str(index + 1)


def _clip(text: str, size: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"
