"""What every web route shares: the app's state, page rendering, CSRF checks and who is asking."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from coursegen.attempts.login_throttle import LoginThrottle
from coursegen.attempts.roster import Roster
from coursegen.attempts.sessions import SessionBook
from coursegen.attempts.store import AttemptStore
from coursegen.attempts.trainer_sessions import TrainerSessions
from coursegen.i18n.ui import Interface, course_language
from coursegen.model import Course
from coursegen.theme import render_template
from coursegen.web.security import (
    CSRF_COOKIE,
    CSRF_FIELD,
    CSRF_HEADER,
    LEARNER_COOKIE,
    LEARNER_MAX_AGE,
    TRAINER_COOKIE,
    BodyTooLarge,
    CookieSigner,
    CsrfRejected,
    new_csrf_cookie,
    set_cookie,
)

MAX_FORM_FIELDS = 400
MAX_OWNED_ATTEMPTS = 40
"""A learner's cookie remembers this many of their latest attempts."""


@dataclass
class WebState:
    """Everything the routes need, built once by the app factory."""

    course: Course
    store: AttemptStore
    signer: CookieSigner
    sessions: SessionBook
    trainer_password: str | None
    secure_cookies: bool | None
    throttle: LoginThrottle
    join_throttle: LoginThrottle
    """Wrong personal join codes per client: guessing someone's code is slowed down too."""
    trainers: TrainerSessions
    roster: Roster

    @property
    def password_fingerprint(self) -> str:
        """The fingerprint of the current trainer password (sessions made with another end)."""
        return self.signer.password_fingerprint(self.trainer_password or "")


@dataclass
class Learner:
    """The learner a browser belongs to, from its signed cookie."""

    name: str
    session: str | None
    attempts: dict[str, int]
    code: str | None = None
    """The personal join code the learner signed in with (roster mode), else None."""

    def as_cookie(self) -> dict[str, Any]:
        """The cookie's payload."""
        return {"name": self.name, "session": self.session, "attempts": self.attempts,
                "code": self.code}


def state(request: Request) -> WebState:
    """The app's shared state."""
    return request.app.state.web


def client_address(request: Request) -> str:
    """The peer's address, as the throttles count it."""
    # A proxy's X-Forwarded-For has replaced it only when the proxy is trusted
    # (create_app's forwarded_allow_ips), never because a client said so.
    return request.client.host if request.client else "unknown"


def learner_of(request: Request) -> Learner | None:
    """The learner this browser signed in as, or None."""
    data = state(request).signer.load_learner(request.cookies.get(LEARNER_COOKIE))
    if not isinstance(data, dict) or not isinstance(data.get("name"), str):
        return None
    attempts = data.get("attempts") if isinstance(data.get("attempts"), dict) else {}
    code = data.get("code") if isinstance(data.get("code"), str) else None
    return Learner(data["name"], data.get("session"), {str(k): int(v) for k, v in attempts.items()},
                   code)


def remember_learner(request: Request, response: Response, learner: Learner) -> None:
    """Write the learner's signed cookie (keeping only their latest attempts)."""
    owned = list(learner.attempts.items())[-MAX_OWNED_ATTEMPTS:]
    learner.attempts = dict(owned)
    web = state(request)
    set_cookie(response, request, LEARNER_COOKIE, web.signer.dump_learner(learner.as_cookie()),
               LEARNER_MAX_AGE, web.secure_cookies)


def forget_learner(request: Request, response: Response) -> None:
    """Remove the learner cookie (sign out)."""
    response.delete_cookie(LEARNER_COOKIE, path="/")


def is_trainer(request: Request) -> bool:
    """True when this browser holds a live trainer session made with the current password.

    Blocks on the database: call it from a worker thread.
    """
    web = state(request)
    return bool(web.trainer_password) and web.trainers.check(
        request.cookies.get(TRAINER_COOKIE), web.password_fingerprint)


def _csrf_cookie(request: Request) -> str:
    value = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf", None)
    if not value:
        value = request.state.new_csrf = new_csrf_cookie()
    return value


def csrf_token(request: Request) -> str:
    """The token this browser's forms must carry."""
    return state(request).signer.csrf_token(_csrf_cookie(request))


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render a page of the web theme, with the CSRF token and the signed-in learner at hand."""
    web = state(request)
    context.setdefault("learner", None)
    context.setdefault("title", "")
    html = render_template(
        web.course.root, f"web/{template}", language=course_language(web.course),
        course=web.course, csrf=csrf_token(request), **context)
    response = HTMLResponse(html, status_code=status)
    finish_response(request, response)
    return response


def interface(request: Request) -> Interface:
    """The interface strings in the served course's language, for messages built in code."""
    return Interface(course_language(state(request).course))


def finish_response(request: Request, response: Response) -> None:
    """Set a new CSRF cookie on the response if this request created one."""
    new = getattr(request.state, "new_csrf", None)
    if new:
        set_cookie(response, request, CSRF_COOKIE, new, None, state(request).secure_cookies,
                   same_site="strict")


def message(request: Request, title: str, *lines: str, status: int = 200,
            link: tuple[str, str] | None = None, **context: Any) -> HTMLResponse:
    """A short page that explains something, with an optional link onwards."""
    target = {"href": link[0], "text": link[1]} if link else None
    return render(request, "message.html", status, title=title, lines=lines, link=target,
                  **context)


def redirect(url: str) -> RedirectResponse:
    """See-other redirect, the answer to a successful form."""
    return RedirectResponse(url, status_code=303)


async def checked_form(request: Request, max_files: int = 0) -> FormData:
    """The submitted form, after checking its CSRF token; raises CsrfRejected otherwise."""
    try:
        form = await request.form(max_files=max_files, max_fields=MAX_FORM_FIELDS)
    except (HTTPException, BodyTooLarge):
        raise
    except Exception:  # a malformed body is the sender's problem, not a server error
        raise HTTPException(400, "The form could not be read.") from None
    token = form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER)
    if not state(request).signer.csrf_valid(request.cookies.get(CSRF_COOKIE), str(token or "")):
        raise CsrfRejected()
    return form


def wants_json(request: Request) -> bool:
    """True for the page script's background saves (they ask for JSON)."""
    return request.headers.get("x-autosave") == "1"
