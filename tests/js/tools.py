"""The independent checkers the tests run: Node tools from tests/js/node_modules, Java, Chromium."""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

JS = Path(__file__).resolve().parent
NODE_MODULES = JS / "node_modules"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def need_node_package(name: str) -> Path:
    """The installed npm package folder, or skip naming what is missing and how to get it."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    folder = NODE_MODULES / name
    if not folder.is_dir():
        pytest.skip(f"npm package {name} is not installed (run: npm ci --prefix tests/js)")
    return folder


def need_chromium() -> str:
    """The Chromium executable, or skip."""
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed at /usr/bin/chromium")
    return CHROMIUM


def node(*args: str | Path, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run a Node script from tests/js and capture its output."""
    return subprocess.run(["node", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd=JS, check=False)


def vnu(*paths: Path) -> subprocess.CompletedProcess:
    """The W3C Nu HTML checker (npm vnu-jar, on Java) over files or folders."""
    jar = need_node_package("vnu-jar") / "build" / "dist" / "vnu.jar"
    if shutil.which("java") is None:
        pytest.skip("java is not installed (vnu needs Java 17)")
    return subprocess.run(["java", "-jar", str(jar), "--skip-non-html", "--format", "text",
                           *map(str, paths)], capture_output=True, text=True, timeout=180,
                          check=False)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on a free localhost port for the duration; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
