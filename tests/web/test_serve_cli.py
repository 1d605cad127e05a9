"""`coursegen serve` options: --roster, TLS files, and the proxy headers a real server believes."""

from __future__ import annotations

import os
import re

import httpx
from click.testing import CliRunner

from coursegen.cli import cli
from coursegen.scaffold import create_course
from tests.web.serving import free_port, serving
from tests.web.setup import PASSWORD

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def _serve(tmp_path, *args: str):
    create_course(tmp_path / "course")
    return CliRunner().invoke(cli, ["serve", str(tmp_path / "course"), "--db",
                                    str(tmp_path / "a.sqlite3"), *args])


def test_a_bad_roster_stops_serve_with_the_line_to_fix(tmp_path):
    roster = tmp_path / "june.csv"
    roster.write_text("name,session\nAlice Archer,JUNE-A\n,JUNE-A\n")
    result = _serve(tmp_path, "--roster", str(roster))
    assert result.exit_code != 0
    assert f"{roster}:3:1: this row has no name" in result.output
    assert "Traceback" not in result.output


def test_a_certificate_without_its_key_is_refused(tmp_path):
    cert = tmp_path / "cert.pem"
    cert.write_text("not used")
    result = _serve(tmp_path, "--certfile", str(cert))
    assert result.exit_code != 0 and "--certfile and --keyfile together" in result.output


def _login(client: httpx.Client, base: str, password: str, **headers: str) -> int:
    page = client.get(base + "/trainer/login")
    return client.post(base + "/trainer/login", headers=headers, data={
        "password": password, "csrf": CSRF.search(page.text).group(1)}).status_code


def test_a_real_server_loads_the_roster_and_believes_no_forwarded_for(tmp_path):
    create_course(tmp_path / "course")
    roster = tmp_path / "june.csv"
    roster.write_text("name\nAlice Archer\nBen Baker\n")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    args = [str(tmp_path / "course"), "--port", str(port), "--db", str(tmp_path / "a.sqlite3"),
            "--roster", str(roster)]
    with serving(args, {**os.environ, "COURSEGEN_TRAINER_PASSWORD": PASSWORD}, base), \
            httpx.Client() as client:
        # The server sits on 127.0.0.1, which uvicorn trusts by default; serve must not.
        tries = [_login(client, base, "nope", **{"x-forwarded-for": f"198.51.100.{n}"})
                 for n in range(6)]
        assert tries == [401] * 5 + [429]
        assert _login(client, base, PASSWORD, **{"x-forwarded-for": "198.51.100.77"}) == 429
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    args[2] = str(port)
    with serving(args, {**os.environ, "COURSEGEN_TRAINER_PASSWORD": PASSWORD}, base), \
            httpx.Client() as client:  # restarted: the throttle's five minutes still run
        assert _login(client, base, PASSWORD) == 429
    with serving([*args, "--forwarded-allow-ips", "127.0.0.1"],
                 {**os.environ, "COURSEGEN_TRAINER_PASSWORD": PASSWORD}, base), \
            httpx.Client() as client:  # behind a named proxy, the forwarded address counts
        assert _login(client, base, PASSWORD, **{"x-forwarded-for": "198.51.100.77"}) == 303
        sheet = client.get(base + "/trainer/roster").text
        assert "Alice Archer" in sheet and "Ben Baker" in sheet
        assert len(re.findall(r'class="join-code">[A-Z0-9]{4}-[A-Z0-9]{4}<', sheet)) == 2
