"""Small results kept per data state, so the queries of one page ask for each of them once.

A database that wants this carries a `memo` attribute (a Memo); callers put the database's data revision
(`rev`, where it has one) in their keys, and the Mirror empties its memo on every sync that changes the
rows. Any other database is simply asked each time. Users: the date spans (bilateral.analysis.spans) and
the lists of rows a text search matched (bilateral.analysis.text_hits).
"""

from __future__ import annotations

import threading
import time
from typing import Any


class Memo:
    """Values by key; at most LIMIT of them, the oldest forgotten first; an entry may be given a lifetime."""

    LIMIT = 256

    def __init__(self) -> None:
        self._values: dict[tuple, tuple[Any, float]] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple) -> Any | None:
        """The value kept under key, or None (also once its lifetime is over)."""
        with self._lock:
            value, until = self._values.get(key, (None, 0.0))
            if value is not None and until and time.monotonic() > until:
                del self._values[key]
                return None
            return value

    def put(self, key: tuple, value: Any, lifetime: float | None = None) -> None:
        """Keep value under key (for `lifetime` seconds when given); values whose lifetime is over go now.

        Why they go at once: a big value (an actor graph) is kept only for the page that asked for it, and
        must not stay in the server's memory until LIMIT newer values push it out."""
        now = time.monotonic()
        with self._lock:
            for old in [k for k, (_, until) in self._values.items() if until and now > until]:
                del self._values[old]
            self._values.pop(key, None)
            self._values[key] = (value, now + lifetime if lifetime else 0.0)
            while len(self._values) > self.LIMIT:
                del self._values[next(iter(self._values))]

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def __len__(self) -> int:
        return len(self._values)


def memo_of(db) -> Memo | None:
    """The database's memo, if it keeps one."""
    return getattr(db, "memo", None)


def state_of(db):
    """The database's data revision for memo keys (None for one whose rows never change)."""
    return getattr(db, "rev", None)
