"""The site's certificate page checks a signed code in the browser (Web Crypto Ed25519, Chromium),
with the public key the course publishes, and refuses a code with one character changed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from coursegen.attempts.signing import CertificateFacts, public_key_text, sign
from coursegen.errors import CourseInvalid
from coursegen.load import load_checked
from coursegen.render.options import RenderOptions
from coursegen.render.site import render_site
from coursegen.scaffold import create_course
from tests.js.tools import vnu

FACTS = CertificateFacts("Ann Investigator", "digital-evidence", "getting-started", "post", 86,
                         "2026-11-26")


@pytest.fixture
def site(tmp_path) -> Path:
    """The starter course's site, its course.yaml naming this computer's public key."""
    root = tmp_path / "c"
    create_course(root)
    info = root / "course.yaml"
    info.write_text(info.read_text() + f"certificate_key: {public_key_text()}\n")
    course, _ = load_checked(root)
    render_site(course, tmp_path / "build", RenderOptions())
    return tmp_path / "build" / "site"


def _check(page, code: str) -> None:
    page.get_by_label("Certificate code").fill(code)
    page.get_by_role("button", name="Check the code").click()


@pytest.mark.slow  # Chromium
def test_a_valid_code_verifies_and_a_changed_one_does_not(site, browser) -> None:
    code = sign(FACTS)
    page = browser.new_page()
    page.goto((site / "index.html").as_uri())
    page.get_by_role("link", name="Check a certificate").click()
    expect(page.get_by_label("Public key of the training centre")).to_have_value(
        public_key_text())
    _check(page, code.lower().replace("-", " "))  # as typed from paper
    box = page.locator(".verdict-box")
    expect(box.locator(".verdict")).to_have_text("VALID certificate.")
    expect(box.locator("dd")).to_have_text(
        ["Ann Investigator", "digital-evidence", "getting-started", "post-test", "86 %",
         "2026-11-26"])
    for position in (0, len(code) // 2, len(code) - 1):  # the facts, the signature, the end
        changed = code[:position] + ("B" if code[position] != "B" else "C") + code[position + 1:]
        _check(page, changed)
        # A changed letter breaks the signature, or (the last one) the base32 spelling.
        expect(box.locator(".verdict")).to_have_text(
            re.compile(r"^(NOT VALID: this code was not signed with this key|This certificate "
                       r"code has a wrong length)"))
        expect(box.locator("dd")).to_have_count(0)
    page.close()


@pytest.mark.slow  # the vnu checker (Java)
def test_the_page_is_valid_html(site) -> None:
    result = vnu(site / "verify.html")
    print("vnu:", result.stdout, result.stderr)
    assert result.returncode == 0, result.stderr


def test_a_malformed_key_in_course_yaml_is_located(tmp_path) -> None:
    root = tmp_path / "c"
    create_course(root)
    info = root / "course.yaml"
    info.write_text(info.read_text() + "certificate_key: not-a-key\n")
    with pytest.raises(CourseInvalid) as caught:
        load_checked(root)
    assert [str(d) for d in caught.value.diagnostics] == [
        "course.yaml:12:18: certificate_key: 'not-a-key' is not a public key; copy the one "
        "`coursegen certificate key` prints (52 letters A-Z and 2-7, in groups of five joined "
        "by '-')"]
