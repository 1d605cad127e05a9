"""Failed trainer sign-ins counted in the attempts database, shared by every worker and host.

A count kept in one process would allow `limit` guesses per worker; kept in the database
it is one count per client however many `serve` processes answer.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, insert, select

from coursegen.attempts.store import AttemptStore, as_utc, now
from coursegen.attempts.tables import login_failures
from coursegen.attempts.trainer_sessions import Clock

MAX_CLIENT = 100


class LoginThrottle:
    """Allows `limit` failed logins per client within `window` seconds, then refuses until then."""

    def __init__(self, store: AttemptStore, limit: int = 5, window: float = 300.0,
                 clock: Clock = now, scope: str = "trainer") -> None:
        self.store = store
        self.scope = scope
        self.limit = limit
        self.window = dt.timedelta(seconds=window)
        self.clock = clock

    def retry_after(self, client: str) -> int:
        """Seconds until `client` may try again (0: now)."""
        when = self.clock()
        query = (select(func.count(), func.min(login_failures.c.at))
                 .where(login_failures.c.client == self._key(client),
                        login_failures.c.at > when - self.window))
        with self.store._read() as conn:
            count, oldest = conn.execute(query).one()
        if count < self.limit:
            return 0
        return max(1, int((as_utc(oldest) + self.window - when).total_seconds()) + 1)

    def failed(self, client: str) -> None:
        """Record a failed login from `client` (and forget failures older than the window)."""
        when = self.clock()
        with self.store._write() as conn:
            conn.execute(delete(login_failures).where(login_failures.c.at <= when - self.window))
            conn.execute(insert(login_failures).values(client=self._key(client), at=when))

    def _key(self, client: str) -> str:
        # One table for every throttle: the scope keeps trainer logins and join codes apart.
        return f"{self.scope}:{client}"[:MAX_CLIENT]

    def succeeded(self, client: str) -> None:
        """Forget `client`'s failures after a good password."""
        with self.store._write() as conn:
            conn.execute(delete(login_failures).where(
                login_failures.c.client == self._key(client)))
