"""Trainer sign-ins that can be ended, and a login throttle no client or worker count can dodge."""

from __future__ import annotations

import datetime as dt

from coursegen.attempts.store import open_store
from coursegen.web.app import create_app
from tests.web.client import WebClient
from tests.web.setup import PASSWORD


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


def _signed_in(client: WebClient, password: str = PASSWORD) -> str:
    """Sign `client` in as the trainer (afresh); returns the trainer cookie's value."""
    client.cookies.clear()
    client.get("/trainer/login")
    response = client.post("/trainer/login", {"password": password})
    assert response.status_code == 303 and response.headers["location"] == "/trainer"
    return client.cookies["cg_trainer"]


def _opens_trainer_pages(client: WebClient, cookie: str) -> bool:
    """Whether a browser holding only this trainer cookie gets the results page and the CSV."""
    client.cookies.clear()
    client.cookies.set("cg_trainer", cookie)
    page = client.get("/trainer")
    export = client.get("/trainer/export.csv")
    assert (page.status_code == 200) == (export.status_code == 200)
    if page.status_code != 200:
        assert page.headers["location"] == "/trainer/login"
    return page.status_code == 200


def _other_server(rig, password: str = PASSWORD, **options):
    """Another `serve` process (or host) on the same database: its own app and store."""
    store = open_store(rig.store.url)
    app = create_app(rig.course, store, password, secret_key="test-secret", **options)
    client = WebClient(app)
    rig.clients.append(client)
    return client, store


def test_a_cookie_replayed_after_sign_out_opens_nothing(rig):
    coach = rig.client()
    cookie = _signed_in(coach)
    assert _opens_trainer_pages(rig.client(), cookie)  # a copy works while signed in
    coach.cookies.set("cg_trainer", cookie)
    coach.get("/trainer")
    assert coach.post("/trainer/logout", {}).status_code == 303
    assert not _opens_trainer_pages(rig.client(), cookie)


def test_a_new_trainer_password_ends_every_session(rig):
    cookie = _signed_in(rig.client())
    restarted, store = _other_server(rig, password="a new password for today")
    try:
        assert not _opens_trainer_pages(restarted, cookie)
        # The old password's sessions are gone for good, even if the old password returns.
        assert not _opens_trainer_pages(rig.client(), cookie)
        assert _opens_trainer_pages(restarted, _signed_in(restarted, "a new password for today"))
    finally:
        store.close()


def test_an_idle_session_and_a_day_old_one_end(make_web_rig):
    clock = Clock()
    rig = make_web_rig(clock=clock)
    idle = _signed_in(rig.client())
    busy = _signed_in(rig.client())
    clock.advance(minutes=29)
    assert _opens_trainer_pages(rig.client(), busy)
    clock.advance(minutes=2)  # 31 minutes unused
    assert not _opens_trainer_pages(rig.client(), idle)
    for _ in range(16):  # used every 29 minutes, it still ends 8 hours after sign-in
        assert _opens_trainer_pages(rig.client(), busy)
        clock.advance(minutes=29)
    assert clock.now - dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC) > dt.timedelta(hours=8)
    assert not _opens_trainer_pages(rig.client(), busy)


def _fail_logins(client: WebClient, times: int, **headers: str) -> list[int]:
    client.get("/trainer/login")
    return [client.post("/trainer/login", {"password": "nope"}, headers=headers).status_code
            for _ in range(times)]


def test_the_login_throttle_is_shared_by_every_server_on_the_database(rig):
    other, store = _other_server(rig)
    try:
        assert _fail_logins(rig.client(), 3) == [401] * 3
        assert _fail_logins(other, 2) == [401] * 2
        # Five failures in all, over two processes: both now refuse the right password too.
        for client in (other, rig.client()):
            client.get("/trainer/login")
            blocked = client.post("/trainer/login", {"password": PASSWORD})
            assert blocked.status_code == 429 and "cg_trainer" not in blocked.cookies
    finally:
        store.close()


def test_x_forwarded_for_is_ignored_unless_the_proxy_is_named(make_web_rig):
    direct = make_web_rig()
    client = direct.client()
    spoofed = [_fail_logins(client, 1, **{"x-forwarded-for": f"198.51.100.{n}"})[0]
               for n in range(6)]
    assert spoofed == [401] * 5 + [429]  # a new address per try does not reset the count
    proxied = make_web_rig(forwarded_allow_ips="203.0.113.7")  # the test client's address
    via_proxy = proxied.client()
    assert _fail_logins(via_proxy, 6, **{"x-forwarded-for": "198.51.100.1"}) == [401] * 5 + [429]
    via_proxy.get("/trainer/login")
    other_person = via_proxy.post("/trainer/login", {"password": PASSWORD},
                                  headers={"x-forwarded-for": "198.51.100.2"})
    assert other_person.status_code == 303  # behind the named proxy, each client counts alone
