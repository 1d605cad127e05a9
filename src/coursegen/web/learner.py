"""Signing a learner in, and starting an attempt: the checks a trainer relies on.

Run in a worker thread (they touch the store); each returns the response to send.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from coursegen.attempts.lifecycle import NoAttemptsLeft, open_attempt, start_attempt
from coursegen.errors import UsageError
from coursegen.quiz.assemble import FORMS
from coursegen.web.attempts import quiz_modules
from coursegen.web.pages import (
    Learner,
    learner_of,
    message,
    redirect,
    remember_learner,
    render,
    state,
)

MAX_NAME = 100


def clean_name(raw: str) -> str:
    """A learner's name or ID as stored: control characters dropped, spaces collapsed."""
    text = "".join(c for c in str(raw or "") if unicodedata.category(c)[0] != "C")
    return " ".join(text.split())


def join_learner(request: Request, form: Any) -> Response:
    """Check the join form and sign the learner in, or show the form again with what to fix."""
    web = state(request)
    name = clean_name(form.get("name", ""))
    code = clean_name(form.get("session", "")).upper()
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = "Enter your name or ID"
    elif len(name) > MAX_NAME:
        errors["name"] = f"Enter at most {MAX_NAME} characters"
    if code:
        session = web.sessions.session(code)
        if session is None:
            errors["session"] = "There is no session with this code; check it with your trainer"
        elif not session.is_open:
            errors["session"] = "This session is closed; ask your trainer to open it"
    if errors:
        return render(request, "join.html", status=422, title="Take a quiz", errors=errors,
                      values={"name": name, "session": code})
    previous = learner_of(request)
    attempts = previous.attempts if previous and previous.name == name else {}
    response = redirect("/")
    remember_learner(request, response, Learner(name, code or None, attempts))
    return response


def start_for_learner(request: Request, form: Any) -> Response:
    """Start an attempt at the chosen module, or explain why not."""
    web = state(request)
    learner = learner_of(request)
    if learner is None:
        return redirect("/")
    module_id = str(form.get("module", ""))
    module = next((m for m in quiz_modules(web.course) if m.id == module_id), None)
    kind = str(form.get("form") or "exam")
    layout = "all" if form.get("layout") == "all" else "1"
    if module is None or kind not in FORMS:
        return message(request, "No such quiz", "Choose a quiz from the list.", status=404,
                       link=("/", "Back to the quizzes"), learner=learner)
    back = ("/", "Back to the quizzes")
    if learner.session:
        session = web.sessions.session(learner.session)
        if session is None or not session.is_open:
            return message(request, "This session is closed",
                           f"Session {learner.session} is not taking attempts now. "
                           "Ask your trainer to open it.", status=403, link=back, learner=learner)
    elsewhere = open_attempt(web.store, module, learner.name, kind).record  # type: ignore[arg-type]
    if elsewhere is not None and learner.attempts.get(elsewhere.uid) == elsewhere.id:
        return redirect(f"/a/{elsewhere.uid}/{layout}")
    if elsewhere is not None:
        return message(request, "You have an unfinished attempt elsewhere",
                       f"An attempt at “{module.title}” under the name {learner.name} is still "
                       "open in another browser or on another device. Finish it there, or ask "
                       "your trainer to reset it.", status=409, link=back, learner=learner)
    try:
        record = start_attempt(web.store, web.course, module, learner.name, kind,  # type: ignore[arg-type]
                               session=learner.session)
    except NoAttemptsLeft as used:
        return message(request, "No attempts left",
                       f"You have used all {used.allowed} attempts at this quiz.",
                       status=403, link=back, learner=learner)
    except UsageError as error:
        return message(request, "This quiz cannot start", str(error), status=409, link=back,
                       learner=learner)
    learner.attempts[record.uid] = record.id
    response = redirect(f"/a/{record.uid}/{layout}")
    remember_learner(request, response, learner)
    return response
