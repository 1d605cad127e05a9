"""The web runner's protections: signed cookies, CSRF tokens, headers, body limit.

Kept apart from the routes so each protection can be read (and tested) on its own.
Everything here is pure ASGI or plain functions; no database.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "cg_csrf"
LEARNER_COOKIE = "cg_learner"
TRAINER_COOKIE = "cg_trainer"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"

LEARNER_MAX_AGE = 14 * 24 * 3600
"""A learner's cookie outlives closing the browser, so an attempt resumes the next day."""
TRAINER_MAX_AGE = 8 * 3600
"""The trainer cookie's lifetime; the session behind it ends earlier when idle or signed out."""

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class CsrfRejected(Exception):
    """A form arrived without the token of the page that showed it."""


class CookieSigner:
    """Signs and reads the JSON cookies of learners and trainers (tamper-proof, not secret)."""

    def __init__(self, secret_key: str) -> None:
        self._secret = secret_key.encode()
        self._learner = URLSafeTimedSerializer(secret_key, salt="coursegen-learner")

    def dump_learner(self, data: dict[str, Any]) -> str:
        """The learner cookie's value for `data`."""
        return self._learner.dumps(data)

    def load_learner(self, value: str | None) -> dict[str, Any] | None:
        """The learner's data, or None when the cookie is missing, forged or too old."""
        return _load(self._learner, value, LEARNER_MAX_AGE)

    def password_fingerprint(self, password: str) -> str:
        """What a trainer session remembers of the password it was made with.

        Keyed with the secret, so the database alone gives no way to test password guesses;
        a different password gives a different fingerprint, which ends the older sessions.
        """
        return hmac.new(self._secret, b"trainer-password:" + password.encode(),
                        hashlib.sha256).hexdigest()

    def csrf_token(self, cookie_value: str) -> str:
        """The token forms carry: an HMAC of the browser's CSRF cookie (double submit, signed)."""
        return hmac.new(self._secret, b"csrf:" + cookie_value.encode(), hashlib.sha256).hexdigest()

    def csrf_valid(self, cookie_value: str | None, token: str | None) -> bool:
        """True when `token` belongs to this browser's CSRF cookie."""
        if not cookie_value or not token:
            return False
        return hmac.compare_digest(self.csrf_token(cookie_value), token)


def _load(serializer: URLSafeTimedSerializer, value: str | None, max_age: int) -> Any:
    if not value:
        return None
    try:
        return serializer.loads(value, max_age=max_age)
    except BadSignature:
        return None


def new_csrf_cookie() -> str:
    """A fresh random value for a browser's CSRF cookie."""
    return secrets.token_urlsafe(24)


def cookie_is_secure(request: Request, setting: bool | None) -> bool:
    """Whether cookies get the Secure flag: as configured, else when the page came over HTTPS."""
    return setting if setting is not None else request.url.scheme == "https"


def set_cookie(response: Response, request: Request, name: str, value: str, max_age: int | None,
               secure: bool | None, same_site: str = "lax") -> None:
    """Set a cookie that scripts cannot read, limited to this site."""
    response.set_cookie(name, value, max_age=max_age, path="/", httponly=True,
                        secure=cookie_is_secure(request, secure), samesite=same_site)


class SecurityHeaders:
    """ASGI middleware adding the security headers, and no-store caching, to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; add headers to the response start."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [h for h in SECURITY_HEADERS if h[0] not in present]
                if b"cache-control" not in present:
                    headers.append((b"cache-control", b"no-store"))
                if https:
                    headers.append((b"strict-transport-security", b"max-age=31536000"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodySizeLimit:
    """ASGI middleware refusing request bodies over `limit` bytes with 413, declared or streamed."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse early on Content-Length; count streamed bytes otherwise."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _too_large(send)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await _too_large(send)


class BodyTooLarge(Exception):
    """A request body went over the limit while it was being read."""


async def _too_large(send: Send) -> None:
    body = b"Request too large."
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
