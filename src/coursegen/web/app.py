"""The browser quiz runner: the app factory and the learner's routes (trainer routes: web_trainer).

Server-rendered pages with plain forms; the page script only adds a countdown
and background saves. Scoring comes from the engine, storage from the store;
routes parse, check who is asking, and render.
"""

from __future__ import annotations

import secrets
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from coursegen.attempts.identity import learner_key
from coursegen.attempts.lifecycle import (
    AttemptGone,
    Progress,
    finish_attempt,
    progress,
    save_answer,
)
from coursegen.attempts.login_throttle import LoginThrottle
from coursegen.attempts.roster import Roster
from coursegen.attempts.sessions import SessionBook
from coursegen.attempts.store import AttemptRecord, AttemptStore, StoreUnavailable, now
from coursegen.attempts.trainer_sessions import Clock, TrainerSessions
from coursegen.i18n.ui import Interface, course_language
from coursegen.model import Course
from coursegen.quiz.answers import AnswerInvalid
from coursegen.web.attempts import feedback_locked, question_at
from coursegen.web.errors import exception_handlers
from coursegen.web.forms import form_values, parse_response, question_view
from coursegen.web.pages import (
    WebState,
    checked_form,
    interface,
    learner_of,
    message,
    redirect,
    render,
    wants_json,
)
from coursegen.web.security import BodySizeLimit, CookieSigner, SecurityHeaders
from coursegen.web.views import (
    all_page_items,
    jump_list,
    learner_home,
    result_page,
    single_feedback,
    static_file,
)

JOIN_CODE_MISTAKES = 20
"""Wrong join codes one address may type in five minutes before it has to wait."""
MAX_BODY = 64 * 1024
"""Largest request body accepted: a full quiz page of answers is a few kilobytes."""


def create_app(course: Course, store: AttemptStore, trainer_password: str | None = None, *,
               secret_key: str | None = None,
               secure_cookies: bool | None = None, max_body: int = MAX_BODY,
               login_attempts: int = 5, forwarded_allow_ips: str | None = None,
               clock: Clock = now) -> Starlette:
    """The web runner for `course`, storing attempts in `store`.

    Without `trainer_password` the trainer pages are off. `secret_key` signs cookies
    (a random one per start if not given, which signs everyone out on a restart);
    `secure_cookies` None sets the Secure flag when a request came over HTTPS.
    `forwarded_allow_ips` (comma-separated addresses, or *) names the reverse proxies whose
    X-Forwarded-For and X-Forwarded-Proto are believed; from anyone else they are ignored.
    `clock` tells the time to trainer sessions and the login throttle.
    """
    from coursegen.web.trainer import trainer_routes

    routes = [
        Route("/", home),
        Route("/join", join, methods=["POST"]),
        Route("/leave", leave, methods=["POST"]),
        Route("/start", start, methods=["POST"]),
        Route("/a/{uid:str}", attempt_entry),
        Route("/a/{uid:str}/all", all_page, methods=["GET", "POST"]),
        Route("/a/{uid:str}/review", review),
        Route("/a/{uid:str}/submit", submit, methods=["POST"]),
        Route("/a/{uid:str}/result", result),
        Route("/a/{uid:str}/certificate.pdf", certificate),
        Route("/a/{uid:str}/{number:int}", question_page, methods=["GET", "POST"]),
        Route("/static/{name:str}", static),
        Route("/healthz", healthz),
        *trainer_routes(),
    ]
    # Outermost first: the real client and scheme are settled before anything else looks.
    proxies = ([Middleware(ProxyHeadersMiddleware, trusted_hosts=forwarded_allow_ips)]
               if forwarded_allow_ips else [])
    app = Starlette(routes=routes, exception_handlers=exception_handlers(),
                    middleware=[*proxies, Middleware(SecurityHeaders),
                                Middleware(BodySizeLimit, limit=max_body)])
    app.state.web = WebState(
        course=course, store=store, signer=CookieSigner(secret_key or
                                                                 secrets.token_urlsafe(32)),
        sessions=SessionBook(store), trainer_password=trainer_password or None,
        secure_cookies=secure_cookies,
        throttle=LoginThrottle(store, limit=login_attempts, clock=clock),
        # A room mistypes codes now and then; a guesser needs billions of tries.
        join_throttle=LoginThrottle(store, limit=JOIN_CODE_MISTAKES, clock=clock,
                                    scope="join"),
        trainers=TrainerSessions(store, clock=clock), roster=Roster(store))
    return app


def _web(request: Request) -> WebState:
    return request.app.state.web


async def healthz(request: Request) -> Response:
    """Liveness check for a proxy or a script waiting for the server."""
    return Response("ok", media_type="text/plain")


async def static(request: Request) -> Response:
    """The theme's stylesheet, script and branding colours."""
    return await run_in_threadpool(static_file, _web(request), request.path_params["name"])


async def home(request: Request) -> Response:
    """The join form, or the signed-in learner's modules and results."""
    learner = learner_of(request)
    if learner is None:
        roster = await run_in_threadpool(_web(request).roster.active)
        return render(request, "join.html", title=interface(request)._("Take a quiz"),
                      errors={}, roster=roster,
                      values={"name": "", "session": "", "code": ""})
    context = await run_in_threadpool(learner_home, _web(request), learner)
    return render(request, "modules.html", title=interface(request)._("Choose a quiz"),
                  learner=learner, **context)


async def join(request: Request) -> Response:
    """Sign in with a personal join code (roster), or a name and a session code."""
    from coursegen.web.learner import join_learner

    form = await checked_form(request)
    return await run_in_threadpool(join_learner, request, form)


async def leave(request: Request) -> Response:
    """Sign out of this browser."""
    from coursegen.web.pages import forget_learner

    await checked_form(request)
    response = redirect("/")
    forget_learner(request, response)
    return response


async def start(request: Request) -> Response:
    """Start (or return to) an attempt at a module's quiz."""
    from coursegen.web.learner import start_for_learner

    form = await checked_form(request)
    return await run_in_threadpool(start_for_learner, request, form)


async def _owned(request: Request) -> AttemptRecord:
    """The attempt in the URL, if this browser's learner owns it; 404 otherwise."""
    record, _ = await _load(request, with_progress=False)
    return record


async def _open_attempt(request: Request) -> tuple[AttemptRecord, Progress | Response]:
    """The owned attempt and its progress (or the page saying why it cannot go on)."""
    record, state = await _load(request, with_progress=True)
    if isinstance(state, AttemptGone):
        return record, _gone(request, record, str(state))
    assert state is not None
    return record, state


async def _load(request: Request, with_progress: bool
                ) -> tuple[AttemptRecord, Progress | AttemptGone | None]:
    # One trip to a worker thread and one database connection for both reads: each trip and
    # each checkout costs about as much as the queries themselves.
    learner = learner_of(request)
    uid = request.path_params["uid"]
    if learner is None or uid not in learner.attempts:
        raise HTTPException(404)
    web = _web(request)

    def read() -> tuple[AttemptRecord | None, Progress | AttemptGone | None]:
        with web.store.reading():
            return read_owned()

    def read_owned() -> tuple[AttemptRecord | None, Progress | AttemptGone | None]:
        try:
            record = web.store.get(learner.attempts[uid])
        except StoreUnavailable:
            return None, None
        if (not secrets.compare_digest(record.uid, uid)
                or learner_key(record.learner) != learner_key(learner.name)):
            return None, None
        if not with_progress:
            return record, None
        try:
            return record, progress(web.store, web.course, record)
        except AttemptGone as gone:
            return record, gone

    record, state = await run_in_threadpool(read)
    if record is None:
        raise HTTPException(404)
    return record, state


def _gone(request: Request, record: AttemptRecord, why: str) -> Response:
    if wants_json(request):
        return JSONResponse({"saved": False, "reload": True}, status_code=409)
    if why == "finished":
        return redirect(f"/a/{record.uid}/result")
    reset = _web(request).sessions.reset_of(record.id)
    ui = interface(request)
    back = ("/", ui._("Back to the quizzes"))
    if reset:
        return message(request, ui._("Your trainer reset this attempt"),
                       ui._("Reason given: {reason}", reason=reset.reason),
                       ui._("You can start the quiz again."),
                       status=410, link=back, learner=learner_of(request))
    return message(request, ui._("This attempt cannot continue"),
                   ui._("The quiz has changed since you started it, so this attempt was closed."),
                   ui._("Start the quiz again to get the current questions."), status=410,
                   link=back, learner=learner_of(request))


async def attempt_entry(request: Request) -> Response:
    """Go to the first unanswered question (or the result, once finished)."""
    record, state = await _open_attempt(request)
    if isinstance(state, Response):
        return state
    unanswered = [i for i, p in enumerate(state.paper.questions, 1)
                  if state.responses.get(p.question_id) is None]
    return redirect(f"/a/{record.uid}/{unanswered[0]}" if unanswered
                    else f"/a/{record.uid}/review")


def _question_context(request: Request, state: Progress, number: int) -> dict[str, Any]:
    web = _web(request)
    module = web.course.module(state.record.module)
    question, presented = question_at(web.course, state, number)
    locked = feedback_locked(module, state, presented.question_id)
    saved = state.responses.get(presented.question_id)
    assert module.bank is not None
    return dict(
        title=interface(request)._("Question {number} of {total}", number=number,
                                   total=len(state.paper.questions)), module=module,
        uid=state.record.uid, q=question_view(question, presented, number,
                                              course_language(web.course)),
        values=form_values(question, saved), locked=locked,
        immediate=module.bank.settings.feedback == "immediate",
        feedback=single_feedback(web.course, state.record, question, saved) if locked else None,
        total=len(state.paper.questions), answered=state.answered,
        jump=jump_list(web.course, state), seconds_left=state.seconds_left,
        learner=learner_of(request), error=None)


async def question_page(request: Request) -> Response:
    """One question per page: show it, or save its answer and move on."""
    form = await checked_form(request) if request.method == "POST" else None
    record, state = await _open_attempt(request)
    if isinstance(state, Response):
        return state
    number = request.path_params["number"]
    total = len(state.paper.questions)
    if not 1 <= number <= total:
        raise HTTPException(404)
    if form is None:
        context = await run_in_threadpool(_question_context, request, state, number)
        return render(request, "question.html", **context)
    web = _web(request)
    question, presented = question_at(web.course, state, number)
    module = web.course.module(record.module)
    if not feedback_locked(module, state, presented.question_id):
        try:
            response = parse_response(question, form, question_view(question, presented,
                                                                    number).field)
        except AnswerInvalid as invalid:
            problem = invalid.translated(course_language(web.course))
            if wants_json(request):
                return JSONResponse({"saved": False, "error": problem}, status_code=422)
            context = await run_in_threadpool(_question_context, request, state, number)
            context["error"] = problem.capitalize() + "."
            return render(request, "question.html", status=422, **context)
        if response != state.responses.get(presented.question_id):
            try:
                await run_in_threadpool(save_answer, web.store, web.course, state, number,
                                        response)
            except AttemptGone as gone:
                return _gone(request, record, str(gone))
            if wants_json(request):
                return JSONResponse({"saved": True, "answered": state.answered})
            if feedback_locked(module, state, presented.question_id):
                return redirect(f"/a/{record.uid}/{number}#feedback")
    if wants_json(request):
        return JSONResponse({"saved": True, "answered": state.answered})
    action = form.get("action")
    if action == "back":
        return redirect(f"/a/{record.uid}/{max(1, number - 1)}")
    if action in ("check",):
        return redirect(f"/a/{record.uid}/{number}")
    if action == "review" or number >= total:
        return redirect(f"/a/{record.uid}/review")
    return redirect(f"/a/{record.uid}/{number + 1}")


async def all_page(request: Request) -> Response:
    """Every question on one page: show them, or save every answer given."""
    form = await checked_form(request) if request.method == "POST" else None
    record, state = await _open_attempt(request)
    if isinstance(state, Response):
        return state
    web = _web(request)
    errors: dict[str, str] = {}
    if form is not None:
        try:
            errors = await run_in_threadpool(_save_all, web, state, form)
        except AttemptGone as gone:
            return _gone(request, record, str(gone))
        if wants_json(request):
            return JSONResponse({"saved": not errors, "answered": state.answered,
                                 "errors": errors}, status_code=422 if errors else 200)
        if not errors and form.get("action") == "review":
            return redirect(f"/a/{record.uid}/review")
    module = web.course.module(record.module)
    assert module.bank is not None
    items = await run_in_threadpool(all_page_items, web.course, state, form, errors)
    return render(request, "all.html", status=422 if errors else 200,
                  title=interface(request)._("All questions"), module=module, uid=record.uid,
                  items=items,
                  errors=errors, saved=form is not None and not errors,
                  immediate=module.bank.settings.feedback == "immediate",
                  total=len(state.paper.questions), answered=state.answered,
                  seconds_left=state.seconds_left, learner=learner_of(request))


def _save_all(web: WebState, state: Progress, form: Any) -> dict[str, str]:
    module = web.course.module(state.record.module)
    errors: dict[str, str] = {}
    for number in range(1, len(state.paper.questions) + 1):
        question, presented = question_at(web.course, state, number)
        if feedback_locked(module, state, presented.question_id):
            continue
        field = question_view(question, presented, number).field
        try:
            response = parse_response(question, form, field)
        except AnswerInvalid as invalid:
            errors[field] = Interface(course_language(web.course))._(
                "Question {number}: {problem}.", number=number,
                problem=invalid.translated(course_language(web.course)))
            continue
        if response != state.responses.get(presented.question_id):
            save_answer(web.store, web.course, state, number, response)
    return errors


async def review(request: Request) -> Response:
    """The answered/unanswered list and the submit button."""
    record, state = await _open_attempt(request)
    if isinstance(state, Response):
        return state
    web = _web(request)
    return render(request, "review.html", title=interface(request)._("Review your answers"),
                  module=web.course.module(record.module), uid=record.uid,
                  jump=jump_list(web.course, state), answered=state.answered,
                  total=len(state.paper.questions), seconds_left=state.seconds_left,
                  learner=learner_of(request))


async def submit(request: Request) -> Response:
    """Finish the attempt: score it and close it for good."""
    await checked_form(request)
    record, state = await _open_attempt(request)
    if isinstance(state, Response):
        return state
    web = _web(request)
    await run_in_threadpool(finish_attempt, web.store, web.course, record)
    return redirect(f"/a/{record.uid}/result")


async def result(request: Request) -> Response:
    """Score, pass/fail, the per-objective breakdown and every explanation, once finished."""
    record = await _owned(request)
    if record.finished_at is None:
        _, state = await _open_attempt(request)
        if isinstance(state, Response):
            return state
        return redirect(f"/a/{record.uid}")
    context = await run_in_threadpool(result_page, _web(request), record)
    return render(request, "result.html", learner=learner_of(request), **context)


async def certificate(request: Request) -> Response:
    """The one-page PDF certificate of a passed attempt."""
    from coursegen.attempts.certificate import certificate_pdf, certifies

    record = await _owned(request)
    if not certifies(record):
        raise HTTPException(404)
    course = _web(request).course
    pdf = await run_in_threadpool(certificate_pdf, record, course.root, course_language(course))
    return Response(pdf, media_type="application/pdf", headers={
        "content-disposition": f'attachment; filename="certificate-{record.module}.pdf"'})
