"""The trainer's routes: sign-in, live results, attempts, item statistics, CSV, sessions, resets."""

from __future__ import annotations

import functools
import hmac
from collections.abc import Awaitable, Callable

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from coursegen.attempts.roster import RosterInvalid, parse_roster
from coursegen.attempts.store import OPEN, StoreUnavailable
from coursegen.i18n.ui import N_
from coursegen.web.attempts import quiz_modules
from coursegen.web.pages import (
    checked_form,
    client_address,
    interface,
    is_trainer,
    message,
    redirect,
    render,
    state,
)
from coursegen.web.security import TRAINER_COOKIE, TRAINER_MAX_AGE, set_cookie
from coursegen.web.trainer_views import (
    attempt_detail,
    dashboard,
    export_csv,
    item_statistics,
)

Handler = Callable[[Request], Awaitable[Response]]

ENABLE_HINT = N_("Start the server with --trainer-password PASSWORD, or set the "
               "COURSEGEN_TRAINER_PASSWORD environment variable, to turn them on.")


def trainer_routes() -> list[Route]:
    """The routes under /trainer."""
    return [
        Route("/trainer", trainer_home),
        Route("/trainer/login", login, methods=["GET", "POST"]),
        Route("/trainer/logout", logout, methods=["POST"]),
        Route("/trainer/sessions", sessions, methods=["POST"]),
        Route("/trainer/roster", roster, methods=["GET", "POST"]),
        Route("/trainer/attempts/{attempt_id:int}", attempt),
        Route("/trainer/attempts/{attempt_id:int}/reset", reset, methods=["POST"]),
        Route("/trainer/modules/{module:str}", module_stats),
        Route("/trainer/export.csv", export),
    ]


def _trainer_only(handler: Handler) -> Handler:
    """Wrap a route so that only a signed-in trainer reaches it."""

    @functools.wraps(handler)
    async def guarded(request: Request) -> Response:
        return await run_in_threadpool(_refuse, request) or await handler(request)

    return guarded


def _refuse(request: Request) -> Response | None:
    """A response refusing the request unless a signed-in trainer sent it."""
    if not state(request).trainer_password:
        return _turned_off(request)
    if not is_trainer(request):
        if request.method == "GET":
            return redirect("/trainer/login")
        ui = interface(request)
        return message(request, ui._("Sign-in needed"), ui._("Sign in as the trainer first."),
                       status=401, link=("/trainer/login", ui._("Sign in")), trainer_area=True)
    return None


def _turned_off(request: Request) -> Response:
    ui = interface(request)
    return message(request, ui._("Trainer pages are turned off"), ui._(ENABLE_HINT), status=403,
                   trainer_area=True)


async def login(request: Request) -> Response:
    """The trainer password form; too many wrong passwords from one client are refused a while."""
    web = state(request)
    ui = interface(request)
    if not web.trainer_password:
        return _turned_off(request)
    if request.method == "GET":
        return render(request, "trainer_login.html", title=ui._("Trainer sign-in"), error=None,
                      trainer_area=True)
    form = await checked_form(request)
    client = client_address(request)
    wait = await run_in_threadpool(web.throttle.retry_after, client)
    if wait:
        response = render(request, "trainer_login.html", status=429,
                          title=ui._("Trainer sign-in"),
                          error=ui.ngettext("Too many wrong passwords. Try again in {n} second.",
                                            "Too many wrong passwords. Try again in {n} seconds.",
                                            wait),
                          trainer_area=True)
        response.headers["retry-after"] = str(wait)
        return response
    given = str(form.get("password", "")).encode()
    if not hmac.compare_digest(given, web.trainer_password.encode()):
        await run_in_threadpool(web.throttle.failed, client)
        return render(request, "trainer_login.html", status=401, title=ui._("Trainer sign-in"),
                      error=ui._("That password is not right."), trainer_area=True)
    await run_in_threadpool(web.throttle.succeeded, client)
    token = await run_in_threadpool(web.trainers.begin, web.password_fingerprint)
    response = redirect("/trainer")
    set_cookie(response, request, TRAINER_COOKIE, token, TRAINER_MAX_AGE, web.secure_cookies,
               same_site="strict")
    return response


async def logout(request: Request) -> Response:
    """End the trainer's session (a saved copy of the cookie opens nothing afterwards)."""
    await checked_form(request)
    await run_in_threadpool(state(request).trainers.end, request.cookies.get(TRAINER_COOKIE))
    response = redirect("/trainer/login")
    response.delete_cookie(TRAINER_COOKIE, path="/")
    return response


@_trainer_only
async def trainer_home(request: Request) -> Response:
    """Live results: per module and session, and every attempt."""
    module = request.query_params.get("module") or None
    session = request.query_params.get("session") or None
    context = await run_in_threadpool(dashboard, state(request), module, session)
    template = "trainer_live.html" if request.query_params.get("part") == "live" \
        else "trainer_dashboard.html"
    return render(request, template, title=interface(request)._("Results"), trainer_area=True,
                  **context)


@_trainer_only
async def sessions(request: Request) -> Response:
    """Create, open or close a session code."""
    form = await checked_form(request)
    code = str(form.get("code", ""))
    try:
        await run_in_threadpool(state(request).sessions.set_session, code,
                                form.get("action") != "close")
    except ValueError as error:
        ui = interface(request)
        return message(request, ui._("That session code cannot be used"),
                       ui._(str(error)).capitalize() + ".", status=422,
                       link=("/trainer", ui._("Back to the results")), trainer_area=True)
    return redirect("/trainer")


@_trainer_only
async def roster(request: Request) -> Response:
    """The roster's printable sheet of join codes, or load a roster CSV into it."""
    web = state(request)
    if request.method == "POST":
        form = await checked_form(request, max_files=1)
        upload = form.get("roster")
        data = await upload.read() if isinstance(upload, UploadFile) else b""
        name = upload.filename if isinstance(upload, UploadFile) and upload.filename \
            else "roster.csv"
        await form.close()
        try:
            people = parse_roster(data.decode("utf-8-sig"), name)
        except UnicodeDecodeError:
            return _roster_refused(request, f"{name} is not UTF-8 text; save it from the "
                                   "spreadsheet as “CSV UTF-8” and load it again.")
        except RosterInvalid as invalid:
            return _roster_refused(request, str(invalid))
        await run_in_threadpool(web.roster.load, people)
        return redirect("/trainer/roster")
    participants = await run_in_threadpool(web.roster.participants)
    return render(request, "trainer_roster.html", title=interface(request)._("Join codes"),
                  trainer_area=True,
                  participants=participants, join_url=str(request.base_url),
                  modules=quiz_modules(web.course))


def _roster_refused(request: Request, why: str) -> Response:
    ui = interface(request)
    return message(request, ui._("That roster cannot be loaded"), why, status=422,
                   link=("/trainer", ui._("Back to the results")), trainer_area=True)


@_trainer_only
async def attempt(request: Request) -> Response:
    """One attempt, question by question, with the learner's answers and the key."""
    try:
        context = await run_in_threadpool(attempt_detail, state(request),
                                          request.path_params["attempt_id"])
    except StoreUnavailable:
        raise HTTPException(404) from None
    return render(request, "trainer_attempt.html", trainer_area=True, **context)


@_trainer_only
async def reset(request: Request) -> Response:
    """Reset a learner's attempt (closing it if open, giving the attempt back), logging why."""
    form = await checked_form(request)
    web = state(request)
    attempt_id = request.path_params["attempt_id"]
    reason = " ".join(str(form.get("reason", "")).split())[:500]
    try:
        record = await run_in_threadpool(web.store.get, attempt_id)
    except StoreUnavailable:
        raise HTTPException(404) from None
    if not reason:
        context = await run_in_threadpool(attempt_detail, web, attempt_id)
        context["reset_error"] = interface(request)._(
            "Give the reason for the reset; it is kept in the log.")
        return render(request, "trainer_attempt.html", status=422, trainer_area=True, **context)
    if record.status == OPEN:
        await run_in_threadpool(web.store.abandon, record.id)
    await run_in_threadpool(web.sessions.log_reset, record, reason)
    return redirect(f"/trainer/attempts/{record.id}")


@_trainer_only
async def module_stats(request: Request) -> Response:
    """Facility and distractor counts for each question of a module."""
    session = request.query_params.get("session") or None
    try:
        context = await run_in_threadpool(item_statistics, state(request),
                                          request.path_params["module"], session)
    except KeyError:
        raise HTTPException(404) from None
    return render(request, "trainer_module.html", trainer_area=True, **context)


@_trainer_only
async def export(request: Request) -> Response:
    """Results as CSV (one row per attempt; per-question points when one module is chosen)."""
    module = request.query_params.get("module") or None
    session = request.query_params.get("session") or None
    text = await run_in_threadpool(export_csv, state(request), module, session)
    name = f"results-{module or 'all'}{'-' + session if session else ''}.csv"
    safe = "".join(c for c in name if c.isalnum() or c in "-_.")
    return Response(text, media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="{safe}"'})
