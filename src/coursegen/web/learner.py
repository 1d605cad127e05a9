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
from coursegen.i18n.ui import Interface, course_language
from coursegen.quiz.paper import FORMS
from coursegen.web.attempts import quiz_modules
from coursegen.web.pages import (
    Learner,
    WebState,
    client_address,
    forget_learner,
    interface,
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
    ui = interface(request)
    roster = web.roster.active()
    errors: dict[str, str] = {}
    typed = {"name": clean_name(form.get("name", "")), "code": clean_name(form.get("code", "")),
             "session": clean_name(form.get("session", "")).upper()}
    if roster:
        # The trainer's roster decides who this is: a typed name proves nothing.
        wait = web.join_throttle.retry_after(client_address(request))
        if wait:
            too_many = ui.ngettext("Too many wrong codes from this device. Try again in {n} "
                                   "second, or ask your trainer.",
                                   "Too many wrong codes from this device. Try again in {n} "
                                   "seconds, or ask your trainer.", wait)
            return render(request, "join.html", status=429, title=ui._("Take a quiz"),
                          roster=roster, errors={"code": too_many}, values=typed)
        person = web.roster.by_code(typed["code"])
        if person is None and typed["code"]:
            web.join_throttle.failed(client_address(request))
        name, code = (person.name, person.code) if person else ("", None)
        session_code = person.session if person and person.session else typed["session"]
        if person is None:
            errors["code"] = (ui._("Enter the personal join code from your sheet")
                              if not typed["code"] else
                              ui._("This join code is not on the roster; check it with your "
                                   "trainer"))
    else:
        name, code, session_code = typed["name"], None, typed["session"]
        if not name:
            errors["name"] = ui._("Enter your name or ID")
        elif len(name) > MAX_NAME:
            errors["name"] = ui._("Enter at most {count} characters", count=MAX_NAME)
    refusal = session_refusal(web, session_code, name) if name else None
    if refusal and not errors.get("code"):
        errors["session"] = refusal
    if errors:
        return render(request, "join.html", status=422, title=ui._("Take a quiz"), errors=errors,
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
    ui = Interface(course_language(web.course))
    if not code:
        joined = {r.session for r in web.store.list_attempts(learner=name) if r.session}
        if any(not (s and s.is_open) for s in map(web.sessions.session, joined)):
            return ui._("Your session is closed; enter the code of an open session")
        return None
    session = web.sessions.session(code)
    if session is None:
        return ui._("There is no session with this code; check it with your trainer")
    if not session.is_open:
        return ui._("This session is closed; ask your trainer to open it")
    return None


def roster_refusal(web: WebState, learner: Learner) -> str | None:
    """Why this browser's learner is not (or no longer) a roster participant, or None."""
    if not web.roster.active():
        return None
    person = web.roster.by_code(learner.code or "")
    if person is None or learner_key(person.name) != learner_key(learner.name):
        return Interface(course_language(web.course))._(
            "Sign in again with the personal join code your trainer gave you.")
    return None


def start_for_learner(request: Request, form: Any) -> Response:
    """Start an attempt at the chosen module, or explain why not."""
    web = state(request)
    ui = interface(request)
    learner = learner_of(request)
    if learner is None:
        return redirect("/")
    module_id = str(form.get("module", ""))
    module = next((m for m in quiz_modules(web.course) if m.id == module_id), None)
    kind = str(form.get("form") or "exam")
    layout = "all" if form.get("layout") == "all" else "1"
    back = ("/", ui._("Back to the quizzes"))
    if module is None or kind not in FORMS:
        return message(request, ui._("No such quiz"), ui._("Choose a quiz from the list."),
                       status=404, link=back, learner=learner)
    not_listed = roster_refusal(web, learner)
    if not_listed:
        response = message(request, ui._("Join with your personal code"), not_listed,
                           status=403, link=("/", ui._("Join")))
        forget_learner(request, response)
        return response
    if session_refusal(web, learner.session, learner.name):
        if learner.session:
            title = ui._("This session is closed")
            why = ui._("Session {code} is not taking attempts now. Ask your trainer to open it.",
                       code=learner.session)
        else:
            title = ui._("A session code is needed")
            why = ui._("Sign out and join again with the session code your trainer gave you.")
        return message(request, title, why, status=403, link=back, learner=learner)
    elsewhere = open_attempt(web.store, module, learner.name, kind).record  # type: ignore[arg-type]
    if elsewhere is not None and learner.attempts.get(elsewhere.uid) == elsewhere.id:
        return redirect(f"/a/{elsewhere.uid}/{layout}")
    if elsewhere is not None:
        return message(request, ui._("You have an unfinished attempt elsewhere"),
                       ui._("An attempt at “{title}” under the name {name} is still open in "
                            "another browser or on another device. Finish it there, or ask "
                            "your trainer to reset it.", title=module.title, name=learner.name),
                       status=409, link=back, learner=learner)
    try:
        record = start_attempt(web.store, web.course, module, learner.name, kind,  # type: ignore[arg-type]
                               session=learner.session)
    except NoAttemptsLeft as used:
        return message(request, ui._("No attempts left"),
                       # Translators: English uses one wording for every count ("all 1
                       # attempts"); give each plural form its own grammar.
                       ui.ngettext("You have used all {n} attempts at this quiz.",
                                   "You have used all {n} attempts at this quiz.", used.allowed),
                       status=403, link=back, learner=learner)
    except UsageError as error:
        return message(request, ui._("This quiz cannot start"), str(error), status=409, link=back,
                       learner=learner)
    learner.attempts[record.uid] = record.id
    response = redirect(f"/a/{record.uid}/{layout}")
    remember_learner(request, response, learner)
    return response
