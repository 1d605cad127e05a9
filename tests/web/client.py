"""A synchronous in-process client for the web runner: httpx over the ASGI app, one event loop."""

from __future__ import annotations

import re
from contextlib import ExitStack
from typing import Any

import httpx
from anyio.from_thread import start_blocking_portal

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


class WebClient:
    """Calls the app in-process like a browser would: cookies kept, redirects not followed."""

    def __init__(self, app: Any, base_url: str = "http://testserver",
                 raise_errors: bool = True) -> None:
        self._stack = ExitStack()
        self._portal = self._stack.enter_context(start_blocking_portal())
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=raise_errors,
                                        client=("203.0.113.7", 50000))
        self._client = httpx.AsyncClient(transport=transport, base_url=base_url)
        self.csrf = ""

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """Send one request; remembers the latest CSRF token a page carried."""
        response = self._portal.call(lambda: self._client.request(method, url, **kwargs))
        if "text/html" in response.headers.get("content-type", ""):
            found = CSRF.search(response.text)
            if found:
                self.csrf = found.group(1)
        return response

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        """GET `url`."""
        return self.request("GET", url, **kwargs)

    def post(self, url: str, data: Any = None, csrf: bool = True, **kwargs: Any) -> httpx.Response:
        """POST a form; adds the CSRF token of the last page unless `csrf` is False."""
        fields = list(data.items()) if isinstance(data, dict) else list(data or [])
        if csrf:
            fields.append(("csrf", self.csrf))
        return self.request("POST", url, data=_multi(fields), **kwargs)

    def follow(self, response: httpx.Response) -> httpx.Response:
        """GET the page a redirect points to."""
        assert response.status_code in (302, 303, 307), response.status_code
        return self.get(response.headers["location"])

    @property
    def cookies(self) -> httpx.Cookies:
        """The client's cookie jar."""
        return self._client.cookies

    def close(self) -> None:
        """Shut the client and its event loop down."""
        self._portal.call(self._client.aclose)
        self._stack.close()


def _multi(fields: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in fields:
        if key in data:
            previous = data[key]
            data[key] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            data[key] = value
    return data
