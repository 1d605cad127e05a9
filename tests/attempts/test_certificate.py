"""Certificate codes: signed facts that anyone checks offline with the public key."""

from __future__ import annotations

import stat

import pytest
from click.testing import CliRunner

from coursegen.attempts.signing import CertificateFacts, sign
from coursegen.attempts.store import AttemptStore, NewAttempt, database_url
from coursegen.cli import cli

FACTS = CertificateFacts(learner="Ann Investigator", course="digital-evidence",
                         module="getting-started", form="post", score=86, date="2026-11-26")


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def public_key() -> str:
    shown = run("certificate", "key")
    assert shown.exit_code == 0
    return next(line.split()[-1] for line in shown.stdout.splitlines()
                if line.startswith("public key:"))


def test_the_key_is_made_once_and_kept_private(signing_key_file):
    first = public_key()
    assert stat.S_IMODE(signing_key_file.stat().st_mode) == 0o600
    assert public_key() == first
    assert str(signing_key_file) in run("certificate", "key").stdout


def test_a_code_verifies_offline_with_the_public_key_alone(tmp_path):
    code = sign(FACTS)
    key = public_key()
    # Another computer: no attempts database and no private key, only the published key.
    elsewhere = {"COURSEGEN_SIGNING_KEY": str(tmp_path / "none.pem"),
                 "COURSEGEN_DB": str(tmp_path / "none.db")}
    checked = run("certificate", "verify", code, "--public-key", key, env=elsewhere)
    assert checked.exit_code == 0, checked.output
    assert checked.stdout.splitlines() == [
        "VALID certificate:", "  learner: Ann Investigator", "  course:  digital-evidence",
        "  module:  getting-started", "  form:    post-test", "  score:   86 %",
        "  date:    2026-11-26"]
    assert not (tmp_path / "none.pem").exists() and not (tmp_path / "none.db").exists()
    typed = code.lower().replace("-", " ")
    assert run("certificate", "verify", typed, "--public-key", key).exit_code == 0


def test_changing_any_one_character_of_the_code_fails():
    code = sign(FACTS)
    key = public_key()
    letters = [i for i, c in enumerate(code) if c != "-"]
    for i in letters:
        changed = code[:i] + ("B" if code[i] != "B" else "C") + code[i + 1:]
        checked = run("certificate", "verify", changed, "--public-key", key)
        assert checked.exit_code == 2, f"changed letter {i} still verifies"
        assert "VALID" not in checked.stdout
        assert checked.stderr.startswith("coursegen: ")


def test_a_code_signed_with_another_key_is_not_valid(tmp_path, monkeypatch):
    key = public_key()
    monkeypatch.setenv("COURSEGEN_SIGNING_KEY", str(tmp_path / "forger.pem"))
    forged = sign(FACTS)
    checked = run("certificate", "verify", forged, "--public-key", key)
    assert checked.exit_code == 2
    assert checked.stderr == ("coursegen: NOT VALID: this code was not signed with this key, "
                              "or it was changed or mistyped\n")


@pytest.mark.parametrize("form, practice", [("pre", False), ("exam", True)])
def test_no_certificate_for_a_pre_test_or_practice_pass(tmp_path, form, practice):
    db = str(tmp_path / "attempts.db")
    store = AttemptStore(database_url(db))
    attempt = store.start(NewAttempt(
        learner="Ann", course_id="c", course_title="Course", organisation="Academy",
        module="m", module_title="Module", bank_version="v", seed=1, form=form,
        practice=practice, paper={"questions": []}, pass_mark=70.0))
    finished = store.finish(attempt.id, 6.0, 6.0, 100.0, True)
    store.close()
    refused = run("results", "--db", db, "--certificate", str(attempt.id),
                  "-o", str(tmp_path / "c.pdf"))
    assert refused.exit_code == 2
    assert refused.stderr == (f"coursegen: attempt {attempt.id} is not a passed, finished "
                              "post-test or exam; certificates are only given for those "
                              "(a pre-test is a diagnostic)\n")
    assert not (tmp_path / "c.pdf").exists()
    found = run("results", "--db", db, "--verify", finished.verification)
    kind = "practice" if practice else form
    assert found.stdout.rstrip().endswith(f"; a {kind} attempt, which gives no certificate")
