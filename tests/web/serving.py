"""`coursegen serve` as a real server process for end-to-end tests."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    """A TCP port on the loopback address that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(args: list[str], env: dict[str, str], base: str) -> Iterator[str]:
    """Run `coursegen serve ARGS` until the block ends; yields `base` once /healthz answers."""
    coursegen = Path(sys.executable).with_name("coursegen")
    process = subprocess.Popen([str(coursegen), "serve", *args], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(base + "/healthz", timeout=1, verify=False).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            message = process.stderr.read().decode()
            process.stderr.close()
            pytest.fail(f"coursegen serve did not start: {message}")
        time.sleep(0.1)
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stderr.close()
