"""The roster: the participants a trainer expects, each with a personal join code.

With a roster loaded, a learner joins with their code and gets the name the trainer
wrote, so nobody can take or spoil another person's attempts by typing their name.
Kept in the attempts database, so every `serve` worker and host knows the same codes.
"""

from __future__ import annotations

import csv
import io
import secrets
from dataclasses import dataclass

from sqlalchemy import func, insert, select, update

from coursegen.attempts.identity import clean_name, learner_key
from coursegen.attempts.sessions import SESSION_CODE
from coursegen.attempts.store import AttemptStore, normal_code, now
from coursegen.attempts.tables import roster
from coursegen.errors import UsageError

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""Join-code letters: no 0/O or 1/I, which are misread on a printed sheet."""
CODE_GROUPS = 2
CODE_GROUP = 4
MAX_NAME = 100


@dataclass(frozen=True)
class Participant:
    """One person on the roster, with the code they join with."""

    name: str
    code: str
    session: str | None


class RosterInvalid(UsageError):
    """A roster CSV that cannot be loaded; the message names the line and what to fix."""


def parse_roster(text: str, source: str) -> list[tuple[str, str | None]]:
    """The (name, session) rows of a roster CSV with a `name` column and an optional `session`."""
    rows = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in next(rows, [])]
    if "name" not in header:
        raise RosterInvalid(f"{source}:1:1: the first line must name the columns, with a "
                            "'name' column (and optionally 'session'), e.g. name,session")
    at_name, at_session = header.index("name"), (header.index("session")
                                                 if "session" in header else None)
    people: dict[str, tuple[str, str | None]] = {}
    for line, row in enumerate(rows, 2):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        name = clean_name(cells[at_name] if at_name < len(cells) else "")
        session = (normal_code(cells[at_session]) if at_session is not None
                   and at_session < len(cells) and cells[at_session] else None)
        if not name:
            raise RosterInvalid(f"{source}:{line}:1: this row has no name; fill it in or "
                                "delete the row")
        if len(name) > MAX_NAME:
            raise RosterInvalid(f"{source}:{line}:1: the name is over {MAX_NAME} characters")
        if session and not SESSION_CODE.match(session):
            raise RosterInvalid(f"{source}:{line}:1: session '{session}' is not a session code "
                                "(1 to 40 letters, digits, '-' or '_')")
        key = learner_key(name)
        if key in people:
            raise RosterInvalid(f"{source}:{line}:1: '{name}' is on the roster twice (names "
                                "are compared ignoring case and spaces); tell them apart, "
                                "e.g. with a service number")
        people[key] = (name, session)
    if not people:
        raise RosterInvalid(f"{source}: the roster has no participants; add one name per line")
    return list(people.values())


def new_code() -> str:
    """A fresh personal join code, e.g. K7QM-3XHD."""
    letters = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUPS * CODE_GROUP))
    return "-".join(letters[i:i + CODE_GROUP] for i in range(0, len(letters), CODE_GROUP))


def normal_join_code(code: str) -> str:
    """A typed join code as stored: upper-case, spaces dropped, dashes where printed."""
    letters = "".join(c for c in str(code or "").upper() if c.isalnum())
    return "-".join(letters[i:i + CODE_GROUP] for i in range(0, len(letters), CODE_GROUP))


class Roster:
    """The roster of one attempts store."""

    def __init__(self, store: AttemptStore) -> None:
        self.store = store

    def active(self) -> bool:
        """True once a roster is loaded: then learners join with their personal code."""
        with self.store._read() as conn:
            return bool(conn.execute(select(func.count()).select_from(roster)).scalar_one())

    def participants(self) -> list[Participant]:
        """Everyone on the roster, by name."""
        with self.store._read() as conn:
            rows = conn.execute(select(roster).order_by(roster.c.learner_key)).all()
        return [Participant(row.name, row.code, row.session) for row in rows]

    def by_code(self, code: str) -> Participant | None:
        """The participant whose join code this is (any case, with or without the dash)."""
        normal = normal_join_code(code)
        if not normal:
            return None
        with self.store._read() as conn:
            row = conn.execute(select(roster).where(roster.c.code == normal)).first()
        return Participant(row.name, row.code, row.session) if row else None

    def load(self, people: list[tuple[str, str | None]]) -> list[Participant]:
        """Add these people (someone already listed keeps their code, with the new session)."""
        with self.store._write() as conn:
            known = {row.learner_key for row in conn.execute(select(roster.c.learner_key))}
            for name, session in people:
                key = learner_key(name)
                if key in known:
                    conn.execute(update(roster).where(roster.c.learner_key == key)
                                 .values(name=name, session=session))
                else:
                    conn.execute(insert(roster).values(learner_key=key, name=name,
                                                       code=new_code(), session=session,
                                                       added_at=now()))
        return self.participants()
