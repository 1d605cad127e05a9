"""Errors as pages: a status code and a sentence, never a stack trace."""

from __future__ import annotations

import logging

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from coursegen.attempts.store import StoreUnavailable
from coursegen.i18n.ui import N_
from coursegen.web.pages import interface, learner_of, message
from coursegen.web.security import CsrfRejected

log = logging.getLogger("coursegen.web")

_TITLES = {
    400: (N_("The request could not be read"), N_("Go back and try again.")),
    401: (N_("Sign-in needed"), N_("Sign in to see this page.")),
    403: (N_("Not allowed"), N_("You cannot see this page.")),
    404: (N_("Page not found"), N_("Check the address, or start from the list of quizzes.")),
    405: (N_("Not allowed"), N_("This page cannot be used that way.")),
    413: (N_("Too much data"), N_("The form sent more than the server accepts.")),
}


def _safe_page(request: Request, status: int, title: str, *lines: str) -> Response:
    """An error page in the course's language (`title` and `lines` are msgids)."""
    try:
        ui = interface(request)
        return message(request, ui._(title), *map(ui._, lines), status=status,
                       link=("/", ui._("Go to the start page")), learner=learner_of(request))
    except Exception:  # the error page itself failed: fall back to one plain line
        log.exception("error page failed")
        return PlainTextResponse(f"{status} {title}", status_code=status)


async def http_error(request: Request, error: Exception) -> Response:
    """Starlette's HTTP errors (404, 405, 400 ...) as short pages."""
    assert isinstance(error, HTTPException)
    title, line = _TITLES.get(error.status_code,
                              (N_("Something went wrong"), N_("Try again.")))
    return _safe_page(request, error.status_code, title, line)


async def csrf_error(request: Request, error: Exception) -> Response:
    """A form without a valid token: most often a page left open from before a restart."""
    return _safe_page(request, 403, N_("This form has expired"),
                      N_("The page was open too long or came from somewhere else. "
                         "Go back, reload the page and send it again; your saved answers are "
                         "kept."))


async def store_error(request: Request, error: Exception) -> Response:
    """The database is unreachable: say so, without its details."""
    log.error("attempt store failed: %s", error)
    return _safe_page(request, 503, N_("The quiz server cannot save right now"),
                      N_("Your earlier answers are safe. Wait a moment and try again, "
                         "or tell your trainer."))


async def server_error(request: Request, error: Exception) -> Response:
    """Any other failure: logged on the server, one sentence for the browser."""
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return _safe_page(request, 500, N_("Something went wrong on the server"),
                      N_("Your saved answers are kept. Try again, or tell your trainer."))


def exception_handlers() -> dict:
    """The app's error handlers, by status or exception class."""
    return {HTTPException: http_error, CsrfRejected: csrf_error,
            StoreUnavailable: store_error, Exception: server_error}
