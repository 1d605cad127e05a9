"""Signing a learner in, and starting an attempt: the checks a trainer relies on.

Run in a worker thread (they touch the store); each returns the response to send.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from coursegen.attempts.identity import clean_name, learner_key
from coursegen.attempts.lifecycle import NoAttemptsLeft, open_attempt, start_attempt
from coursegen.errors import UsageError
from coursegen.quiz.assemble import FORMS
from coursegen.web.attempts import quiz_modules
from coursegen.web.pages import (
    Learner,
    WebState,
    client_address,
    forget_learner,
    learner_of,
    message,
    redirect,
    remember_learner,
    render,
    state,
)

MAX_NAME = 100


def join_learner(request: Request, form: Any) -> Response:
    """Check the join form and sign the learner in, or show the form again with what to fix."""
    web = state(request)
    roster = web.roster.active()
    errors: dict[str, str] = {}
    typed = {"name": clean_name(form.get("name", "")), "code": clean_name(form.get("code", "")),
             "session": clean_name(form.get("session", "")).upper()}
    if roster:
        # The trainer's roster decides who this is: a typed name proves nothing.
        wait = web.join_throttle.retry_after(client_address(request))
        if wait:
            return render(request, "join.html", status=429, title="Take a quiz", roster=roster,
                          errors={"code": f"Too many wrong codes from this device. Try again "
                                          f"in {wait} seconds, or ask your trainer."},
                          values=typed)
        person = web.roster.by_code(typed["code"])
        if person is None and typed["code"]:
            web.join_throttle.failed(client_address(request))
        name, code = (person.name, person.code) if person else ("", None)
        session_code = person.session if person and person.session else typed["session"]
        if person is None:
            errors["code"] = ("Enter the personal join code from your sheet" if not typed["code"]
                              else "This join code is not on the roster; check it with your "
                              "trainer")
    else:
        name, code, session_code = typed["name"], None, typed["session"]
        if not name:
            errors["name"] = "Enter your name or ID"
        elif len(name) > MAX_NAME:
            errors["name"] = f"Enter at most {MAX_NAME} characters"
    refusal = session_refusal(web, session_code, name) if name else None
    if refusal and not errors.get("code"):
        errors["session"] = refusal
    if errors:
        return render(request, "join.html", status=422, title="Take a quiz", errors=errors,
                      roster=roster, values=typed)
    previous = learner_of(request)
    same = previous and learner_key(previous.name) == learner_key(name)
    response = redirect("/")
    remember_learner(request, response, Learner(name, session_code or None,
                                                previous.attempts if same else {}, code))
    return response


def session_refusal(web: WebState, code: str | None, name: str) -> str | None:
    """Why `name` with this session code (or none) may not take attempts now, or None.

    A learner who has taken attempts in a session that is now closed cannot leave the
    code out to slip past the closing: they need an open session.
    """
    if not code:
        joined = {r.session for r in web.store.list_attempts(learner=name) if r.session}
        if any(not (s and s.is_open) for s in map(web.sessions.session, joined)):
            return "Your session is closed; enter the code of an open session"
        return None
    session = web.sessions.session(code)
    if session is None:
        return "There is no session with this code; check it with your trainer"
    if not session.is_open:
        return "This session is closed; ask your trainer to open it"
    return None


def roster_refusal(web: WebState, learner: Learner) -> str | None:
    """Why this browser's learner is not (or no longer) a roster participant, or None."""
    if not web.roster.active():
        return None
    person = web.roster.by_code(learner.code or "")
    if person is None or learner_key(person.name) != learner_key(learner.name):
        return "Sign in again with the personal join code your trainer gave you."
    return None


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
    not_listed = roster_refusal(web, learner)
    if not_listed:
        response = message(request, "Join with your personal code", not_listed, status=403,
                           link=("/", "Join"))
        forget_learner(request, response)
        return response
    if session_refusal(web, learner.session, learner.name):
        return message(request, "This session is closed" if learner.session
                       else "A session code is needed",
                       f"Session {learner.session} is not taking attempts now. "
                       "Ask your trainer to open it." if learner.session else
                       "Sign out and join again with the session code your trainer gave you.",
                       status=403, link=back, learner=learner)
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
