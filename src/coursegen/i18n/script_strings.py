"""The interface strings the pages' scripts show (quiz.js, progress.js, scorm12.js, web.js),
translated in Python and handed to the page as one JSON dictionary.

Scripts never hold English text: they look a message up by its key in the dictionary of
``<script type="application/json" id="coursegen-strings">`` and fill its ``{name}``
placeholders. A counted message is a list of the language's plural forms; the dictionary's
``plural`` table gives, for a count n, the index of its form (the catalog's own plural
rule, evaluated here for 0–199; a script looks up 100 + n % 100 above that, which every
CLDR rule of the shipped languages maps the same way).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

from coursegen.i18n.ui import Interface, locale_dirs, translations

PLURAL_TABLE_SIZE = 200


def _site_messages(ui: Interface) -> dict[str, str]:
    """The offline site's and the SCORM page's scripts (quiz.js, progress.js, scorm12.js)."""
    return {
        # quiz.js
        "type_number": ui._("Type a number."),
        "distinct_items": ui._("Choose a different item for every position."),
        "correct": ui._("Correct."),
        "partly_correct": ui._("Partly correct."),
        "partly_correct_percent": ui._("Partly correct ({percent}%)."),
        "not_correct": ui._("Not correct."),
        "not_answered": ui._("Not answered."),
        "answer_key": ui._("Answer: {answer}"),
        "score": ui._("Score: {percent}% ({of_points})."),
        "passed": ui._("Passed"),
        "not_yet_passed": ui._("Not yet passed"),
        "verdict_pass_mark": ui._("{verdict} — the pass mark is {pass_mark}%."),
        "question_number": ui._("Question {n}"),
        "time_left_clock": ui._("Time left: {time}"),
        "time_up_submitted": ui._("Time is up: your answers have been submitted."),
        "time_limit_passed": ui._("The time limit has passed; you may go on."),
        # progress.js
        "read_on": ui._("Read on {date}"),
        "best_score": ui._("Best score {percent}%"),
        "best_score_passed": ui._("Best score {percent}% — passed"),
        # scorm12.js
        "score_sent": ui._("Your score of {percent}% has been sent to your learning platform."),
        "no_platform": ui._("No learning platform found: your answers are scored here "
                            "but not recorded."),
        "welcome_back_score": ui._("Welcome back. Your last score was {percent}%."),
        "welcome_back": ui._("Welcome back. Your answers so far are restored."),
        # verify.js (the certificate check page)
        "code_bad_letters": ui._("This certificate code has characters base32 does not use "
                                 "(A–Z, 2–7)."),
        "key_bad_letters": ui._("This public key has characters base32 does not use (A–Z, 2–7)."),
        "code_bad_length": ui._("This certificate code has a wrong length: check it was copied "
                                "in full."),
        "key_bad_length": ui._("This public key has a wrong length: check it was copied in full."),
        "key_length": ui._("The public key should be 52 base32 characters."),
        "code_too_short": ui._("This certificate code is too short: check it was copied in full."),
        "not_valid": ui._("NOT VALID: this code was not signed with this key, or it was changed "
                          "or mistyped."),
        "not_a_code": ui._("This is not a certificate code."),
        "valid": ui._("VALID certificate."),
        "learner": ui._("Learner"),
        "course": ui._("Course"),
        "module": ui._("Module"),
        "test": ui._("Test"),
        "score_label": ui._("Score"),
        "percent": ui._("{percent} %"),
        "date": ui._("Date"),
        "form_post": ui._("post-test"),
        "form_exam": ui._("exam"),
        "no_crypto": ui._("This browser cannot check signatures here; use `coursegen "
                          "certificate verify CODE --public-key KEY`."),
        "no_ed25519": ui._("This browser cannot check Ed25519 signatures ({error}); use "
                           "`coursegen certificate verify CODE --public-key KEY`."),
        "time_is_up": ui._("Time is up."),
        "attempt_ended_score": ui._("This attempt has ended. Your score of {percent}% was "
                                    "sent to your learning platform."),
    }


def _web_messages(ui: Interface) -> dict[str, str]:
    """The web runner's script (web.js): no word of a quiz's verdicts, which the server
    alone decides when to show."""
    return {
        "saving": ui._("Saving…"),
        "saved": ui._("Saved."),
        "not_saved": ui._("Not saved: {reason}."),
        "not_saved_offline": ui._("Not saved: the server cannot be reached (offline?)."),
        "not_saved_yet": ui._("Not saved yet…"),
        "page_expired": ui._("the page has expired; reload it and answer again"),
        "server_answered": ui._("the server answered {status}"),
        "time_left": ui._("{minutes} min {seconds} s"),
    }


def plural_index(lang: str, n: int) -> int:
    """The index of the plural form `lang`'s catalog chooses for `n` (English: 0 for 1, else 1)."""
    rule = getattr(translations(lang), "plural", None)
    return int(rule(n)) if rule else int(n != 1)


def script_strings(lang: str, pages: str = "site") -> dict[str, Any]:
    """Every message the scripts of `pages` ('site': the offline site and SCORM page, 'web':
    the web runner) show, in `lang`: plain ones as text, counted ones as the list of their
    plural forms, and the `plural` table (form index for n = 0…199)."""
    return _script_strings(lang, pages, locale_dirs())


@lru_cache(maxsize=16)
def _script_strings(lang: str, pages: str, catalogs: tuple[Path, ...]) -> dict[str, Any]:
    ui = Interface(lang)
    if pages == "web":
        strings: dict[str, Any] = {**_web_messages(ui), **_web_plurals(ui)}
    else:
        strings = {**_site_messages(ui), **_site_plurals(ui)}
    strings["plural"] = [plural_index(lang, n) for n in range(PLURAL_TABLE_SIZE)]
    return strings


def _example_counts(lang: str) -> list[int]:
    """One count per plural form, in form order, so that each form is the catalog's own."""
    examples: dict[int, int] = {}
    for n in range(PLURAL_TABLE_SIZE):
        examples.setdefault(plural_index(lang, n), n)
    return [examples[i] for i in sorted(examples)]


def _site_plurals(ui: Interface) -> dict[str, list[str]]:
    t, counts = translations(ui.lang), _example_counts(ui.lang)
    return {
        # Translators: the total of a quiz score, e.g. "(8 of 10 points)"; {n} is the total.
        "of_points": [t.ngettext("{earned} of {n} point", "{earned} of {n} points", n)
                      for n in counts],
    }


def _web_plurals(ui: Interface) -> dict[str, list[str]]:
    t, counts = translations(ui.lang), _example_counts(ui.lang)
    return {
        # Translators: the web runner's progress line, e.g. "Question 3 of 10 · 4 answered".
        "answered": [t.ngettext("{n} answered", "{n} answered", n) for n in counts],
        # Translators: the web runner's progress line on the all-questions page.
        "of_total_answered": [t.ngettext("{n} of {total} answered", "{n} of {total} answered", n)
                              for n in counts],
    }


def script_strings_json(lang: str, pages: str = "site") -> Markup:
    """:func:`script_strings` as JSON safe inside a `<script type="application/json">`."""
    return json_for_script(script_strings(lang, pages))


def json_for_script(data: Any) -> Markup:
    """JSON safe to place inside `<script type="application/json">` (no '</script>' breakout)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
