"""Building blocks of the web runner tests: a course, a store, an app, and answering a paper."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coursegen.attempts.store import AttemptStore, open_store
from coursegen.load import load_course
from coursegen.model import Course
from coursegen.model.quiz import Matching, MultipleResponse, Ordering
from coursegen.quiz.engine import keyed_response
from coursegen.quiz.paper import Paper
from coursegen.scaffold import create_course
from coursegen.web.app import create_app
from tests.web.client import WebClient

MODULE = "getting-started"
PASSWORD = "correct horse battery staple"
UID_IN_URL = re.compile(r"/a/([0-9a-f]+)/")


@dataclass
class WebRig:
    """A course, its store and the app, plus a factory of browser-like clients."""

    course: Course
    store: AttemptStore
    app: Any
    folder: Path
    clients: list[WebClient]

    def client(self, base_url: str = "http://testserver", raise_errors: bool = True) -> WebClient:
        """A new browser (its own cookies)."""
        client = WebClient(self.app, base_url, raise_errors)
        self.clients.append(client)
        return client

    def close(self) -> None:
        """Close every client and the store."""
        for client in self.clients:
            client.close()
        self.store.close()


def make_course(folder: Path, settings: str = "") -> Course:
    """The starter course, with extra bank `settings` lines (YAML, two-space indented)."""
    create_course(folder)
    if settings:
        bank = folder / "quizzes" / f"{MODULE}.yaml"
        bank.write_text(bank.read_text().replace("settings:\n", "settings:\n" + settings, 1))
    return load_course(folder)


def make_rig(tmp_path: Path, settings: str = "", password: str | None = PASSWORD,
             db: str | None = None, **options: Any) -> WebRig:
    """A fresh app over the starter course and `db` (default: a SQLite file in `tmp_path`)."""
    course = make_course(tmp_path / "course", settings)
    store = open_store(db or str(tmp_path / "attempts.sqlite3"))
    app = create_app(course, store, password, secret_key="test-secret", **options)
    return WebRig(course, store, app, tmp_path, [])


def join(client: WebClient, name: str = "Ana Investigator", session: str = "") -> None:
    """Sign a learner in."""
    client.get("/")
    response = client.post("/join", {"name": name, "session": session})
    assert response.status_code == 303, response.text


def start(client: WebClient, layout: str = "one", form: str = "exam") -> str:
    """Start an attempt at the module; returns its uid."""
    client.get("/")
    response = client.post("/start", {"module": MODULE, "form": form, "layout": layout})
    assert response.status_code == 303, response.text
    return UID_IN_URL.search(response.headers["location"] + "/").group(1)


def paper_of(store: AttemptStore, uid: str) -> tuple[Any, Paper]:
    """The stored attempt with this uid and its paper."""
    record = next(r for r in store.list_attempts() if r.uid == uid)
    return record, Paper.from_dict(record.paper)


def form_fields(question: Any, number: int, response: Any) -> list[tuple[str, str]]:
    """The form fields a learner fills in to give `response` to the question at `number`."""
    name = f"q{number}"
    if response is None:
        return []
    if isinstance(question, MultipleResponse):
        return [(name, str(i)) for i in response]
    if isinstance(question, Matching | Ordering):
        return [(f"{name}-{k}", str(v)) for k, v in enumerate(response)]
    if isinstance(response, bool):
        return [(name, "true" if response else "false")]
    if isinstance(response, float):
        return [(name, f"{response:g}")]
    return [(name, str(response))]


def right_answers(course: Course, paper: Paper) -> list[tuple[Any, Any]]:
    """Each question of the paper, in order, with the response that earns full marks."""
    bank = course.module(MODULE).bank
    questions = [bank.question(p.question_id) for p in paper.questions]
    return [(q, keyed_response(q)) for q in questions]
