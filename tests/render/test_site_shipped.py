"""The shipped course's site: valid HTML and no accessibility violations on any page."""

from __future__ import annotations

from pathlib import Path

import pytest

from coursegen.load import load_checked
from coursegen.render.options import RenderOptions
from coursegen.render.site import render_site
from tests.conftest import REPO
from tests.js.tools import CHROMIUM_ARGS, need_chromium, need_node_package, vnu

pytestmark = pytest.mark.slow  # renders the shipped site; vnu and Chromium check every page


@pytest.fixture(scope="module")
def shipped_site(tmp_path_factory) -> Path:
    """The shipped course's site, built once."""
    course, _ = load_checked(REPO)
    out = tmp_path_factory.mktemp("shipped")
    render_site(course, out, RenderOptions())
    return out / "site"


def test_the_shipped_site_is_valid_html(shipped_site) -> None:
    result = vnu(shipped_site)
    print("vnu:", result.stdout, result.stderr[-2000:])
    assert result.returncode == 0, result.stderr


def test_axe_finds_no_violations_on_any_shipped_page(shipped_site) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    axe = need_node_package("axe-core") / "axe.min.js"
    pages = sorted(shipped_site.rglob("*.html"))
    found = {}
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=need_chromium(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        for path in pages:
            page.goto(path.as_uri())
            page.add_script_tag(path=str(axe))
            violations = page.evaluate(
                "axe.run().then(r => r.violations.map(v => v.id + ': ' + "
                "v.nodes.map(n => n.target.join(' ')).join(', ')))")
            if violations:
                found[str(path.relative_to(shipped_site))] = violations
        browser.close()
    print(f"axe: {len(pages)} pages, violations: {found}")
    assert found == {}
