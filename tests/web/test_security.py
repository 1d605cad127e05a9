"""Each protection of the web runner, tested so that removing it makes a test fail."""

from __future__ import annotations

from tests.web.setup import (
    MODULE,
    PASSWORD,
    form_fields,
    join,
    paper_of,
    right_answers,
    start,
)


def _post_routes(rig, uid: str, attempt_id: int) -> list[str]:
    paths = []
    for route in rig.app.routes:
        if "POST" in (getattr(route, "methods", None) or ()):
            paths.append(route.path.replace("{uid:str}", uid).replace("{number:int}", "1")
                         .replace("{attempt_id:int}", str(attempt_id)))
    return paths


def test_every_form_is_refused_without_its_csrf_token(rig):
    client = rig.client()
    join(client)
    uid = start(client)
    record, _ = paper_of(rig.store, uid)
    client.post("/trainer/login", {"password": PASSWORD})  # signed in as trainer too
    paths = _post_routes(rig, uid, record.id)
    assert len(paths) == 11
    for path in paths:
        for token in (None, "0" * 64):
            fields = {"name": "Eve", "module": MODULE, "code": "X", "reason": "r",
                      "password": PASSWORD, "q1": "0"}
            if token:
                fields["csrf"] = token
            refused = client.post(path, fields, csrf=False)
            assert refused.status_code == 403, path
            assert "This form has expired" in refused.text
    assert rig.store.responses(record.id) == {}
    assert rig.store.get(record.id).status == "open"
    assert rig.app.state.web.roster.participants() == []


def test_a_learner_named_like_a_script_is_shown_as_text(rig):
    name = '<script>alert("x")</script>'
    client = rig.client()
    join(client, name)
    start(client)
    for html in (client.get("/").text, _trainer(rig).get("/trainer").text):
        assert name not in html
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html


def test_cookies_are_httponly_samesite_and_secure_over_https(rig):
    client = rig.client("https://testserver")
    client.get("/")
    joined = client.post("/join", {"name": "Ana", "session": ""})
    learner = next(c for c in joined.headers.get_list("set-cookie") if c.startswith("cg_learner"))
    assert "HttpOnly" in learner and "SameSite=lax" in learner and "Secure" in learner
    assert "Max-Age=" in learner  # survives closing the browser, so the attempt resumes
    login = client.post("/trainer/login", {"password": PASSWORD})
    coach = next(c for c in login.headers.get_list("set-cookie") if c.startswith("cg_trainer"))
    assert "HttpOnly" in coach and "SameSite=strict" in coach and "Secure" in coach
    plain = rig.client()
    plain.get("/")
    csrf = plain.post("/join", {"name": "Ana", "session": ""}).headers.get_list("set-cookie")
    assert all("HttpOnly" in c for c in csrf)


def test_attempt_ids_are_unguessable_and_private_to_their_learner(rig):
    ana = rig.client()
    join(ana, "Ana")
    uid = start(ana)
    other = start(_joined(rig, "Ana again"))
    assert uid != other and len(uid) == 32 and int(uid, 16) > 0
    record, paper = paper_of(rig.store, uid)
    (question, response), *_ = right_answers(rig.course, paper)
    eve = _joined(rig, "Ana")  # same name, other browser: still not her attempt
    for path in (f"/a/{uid}", f"/a/{uid}/1", f"/a/{uid}/all", f"/a/{uid}/review",
                 f"/a/{uid}/result"):
        assert eve.get(path).status_code == 404, path
    eve.get("/")
    assert eve.post(f"/a/{uid}/1", form_fields(question, 1, response)).status_code == 404
    assert eve.post(f"/a/{uid}/submit").status_code == 404
    assert rig.store.responses(record.id) == {} and rig.store.get(record.id).status == "open"
    assert "another browser" in eve.post("/start", {"module": MODULE, "form": "exam"}).text
    forged = rig.client()
    forged.cookies.set("cg_learner", ana.cookies["cg_learner"][:-3] + "abc")
    assert forged.get(f"/a/{uid}/1").status_code == 404


def test_trainer_pages_refuse_learners(rig):
    client = _joined(rig, "Ana")
    uid = start(client)
    record, _ = paper_of(rig.store, uid)
    for path in ("/trainer", f"/trainer/attempts/{record.id}", f"/trainer/modules/{MODULE}",
                 "/trainer/export.csv", "/trainer?part=live"):
        refused = client.get(path)
        assert refused.status_code == 303 and refused.headers["location"] == "/trainer/login"
    client.get("/")
    for path in ("/trainer/sessions", f"/trainer/attempts/{record.id}/reset"):
        assert client.post(path, {"code": "X", "reason": "x"}).status_code == 401
    assert rig.store.get(record.id).status == "open"
    assert rig.app.state.web.sessions.sessions() == []


def test_login_attempts_are_rate_limited(rig):
    client = rig.client()
    client.get("/trainer/login")
    for _ in range(5):
        assert client.post("/trainer/login", {"password": "nope"}).status_code == 401
    blocked = client.post("/trainer/login", {"password": PASSWORD})
    assert blocked.status_code == 429
    assert int(blocked.headers["retry-after"]) > 0
    assert "cg_trainer" not in blocked.headers.get("set-cookie", "")


def test_large_request_bodies_are_refused(rig):
    client = rig.client()
    client.get("/")
    big = client.post("/join", {"name": "A" * 100_000, "session": ""})
    assert big.status_code == 413
    async def undeclared_length():
        yield b"name=" + b"A" * 70_000

    streamed = client.request("POST", "/join", content=undeclared_length(),
                              headers={"content-type": "application/x-www-form-urlencoded"})
    assert streamed.status_code == 413


def test_no_stack_trace_reaches_the_browser(rig, monkeypatch):
    client = rig.client(raise_errors=False)
    join(client)
    uid = start(client)

    def broken(*_args, **_kwargs):
        raise RuntimeError("secret database detail")

    monkeypatch.setattr(rig.store, "responses", broken)
    page = client.get(f"/a/{uid}/1")
    assert page.status_code == 500
    assert "Something went wrong on the server" in page.text
    for leak in ("Traceback", "RuntimeError", "secret database detail", "File \""):
        assert leak not in page.text


def test_security_headers_are_on_every_response(rig):
    client = rig.client()
    for path in ("/", "/static/web.css", "/trainer/login", "/no/such/page"):
        headers = client.get(path).headers
        assert "default-src 'self'" in headers["content-security-policy"]
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "no-referrer"
    assert client.get("/").headers["cache-control"] == "no-store"
    assert "strict-transport-security" in rig.client("https://testserver").get("/").headers


def test_csv_cells_cannot_run_as_spreadsheet_formulas(rig):
    client = _joined(rig, "@SUM(1+1)")
    uid = start(client)
    client.post(f"/a/{uid}/submit")
    export = _trainer(rig).get("/trainer/export.csv").text
    assert "'@SUM(1+1)" in export


def _joined(rig, name):
    client = rig.client()
    join(client, name)
    return client


def _trainer(rig):
    client = rig.client()
    client.get("/trainer/login")
    client.post("/trainer/login", {"password": PASSWORD})
    return client
