"""What the web runner records beside the attempt store: session codes, and trainers' resets.

An append-only JSON-lines file: a trainer opening or closing a session code,
which session an attempt was started in, and every reset with its reason. Each
event is one ``write`` on a file opened for appending, so several workers on one
machine can share it; each reader replays the file again when it has grown.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SESSION_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")
"""What a session code may look like: letters, digits, '-' and '_', up to 40 characters."""


@dataclass(frozen=True)
class Session:
    """A session code a trainer set, and whether learners may start attempts in it now."""

    code: str
    is_open: bool
    created_at: str


@dataclass(frozen=True)
class Reset:
    """A trainer's reset of one attempt, with the reason given."""

    attempt_uid: str
    learner: str
    module: str
    reason: str
    at: str
    was_finished: bool = False


class WebLedger:
    """Session codes, attempt → session tags and resets, in one append-only file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(exist_ok=True)
        self._lock = threading.Lock()
        self._size = -1
        self._sessions: dict[str, Session] = {}
        self._attempt_session: dict[str, str] = {}
        self._resets: list[Reset] = []

    def sessions(self) -> list[Session]:
        """Every session code, newest first."""
        self._refresh()
        return sorted(self._sessions.values(), key=lambda s: s.created_at, reverse=True)

    def session(self, code: str) -> Session | None:
        """The session with this code (case-insensitive), or None."""
        self._refresh()
        return self._sessions.get(code.strip().upper())

    def set_session(self, code: str, is_open: bool) -> Session:
        """Create the session `code`, or open or close it."""
        code = code.strip().upper()
        if not SESSION_CODE.match(code):
            raise ValueError("a session code is 1 to 40 letters, digits, '-' or '_'")
        self._append({"event": "session", "code": code, "open": is_open})
        return self._sessions[code]

    def tag_attempt(self, attempt_uid: str, code: str) -> None:
        """Record that an attempt was started in session `code`."""
        self._append({"event": "attempt", "uid": attempt_uid, "code": code.strip().upper()})

    def session_of(self, attempt_uid: str) -> str | None:
        """The session code an attempt was started in, or None."""
        self._refresh()
        return self._attempt_session.get(attempt_uid)

    def log_reset(self, attempt_uid: str, learner: str, module: str, reason: str,
                  was_finished: bool) -> Reset:
        """Record a trainer's reset of an attempt and why (a finished one gives an attempt back)."""
        self._append({"event": "reset", "uid": attempt_uid, "learner": learner,
                      "module": module, "reason": reason, "finished": was_finished})
        return self._resets[-1]

    def reset_of(self, attempt_uid: str) -> Reset | None:
        """The latest reset of this attempt, or None."""
        return next((r for r in self.resets() if r.attempt_uid == attempt_uid), None)

    def attempts_given_back(self, learner: str, module: str) -> int:
        """How many finished attempts of this learner at this module a trainer has reset."""
        return sum(1 for r in self.resets()
                   if r.learner == learner and r.module == module and r.was_finished)

    def resets(self) -> list[Reset]:
        """Every reset, newest first."""
        self._refresh()
        return list(reversed(self._resets))

    def _append(self, event: dict[str, Any]) -> None:
        event["at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        line = (json.dumps(event, ensure_ascii=False) + "\n").encode()
        with self._lock:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, line)  # one write: lines from several workers never interleave
                os.fsync(fd)
            finally:
                os.close(fd)
        self._refresh()

    def _refresh(self) -> None:
        with self._lock:
            size = self.path.stat().st_size
            if size == self._size:
                return
            with self.path.open("rb") as handle:
                handle.seek(max(self._size, 0))
                chunk = handle.read(size - max(self._size, 0))
            self._size = max(self._size, 0) + chunk.rfind(b"\n") + 1
            for raw in chunk[: chunk.rfind(b"\n") + 1].splitlines():
                if raw.strip():
                    self._apply(json.loads(raw))

    def _apply(self, event: dict[str, Any]) -> None:
        kind = event.get("event")
        if kind == "session":
            known = self._sessions.get(event["code"])
            created = known.created_at if known else event["at"]
            self._sessions[event["code"]] = Session(event["code"], bool(event["open"]), created)
        elif kind == "attempt":
            self._attempt_session[event["uid"]] = event["code"]
        elif kind == "reset":
            self._resets.append(Reset(event["uid"], event["learner"], event["module"],
                                      event["reason"], event["at"], bool(event.get("finished"))))
