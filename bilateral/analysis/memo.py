"""Small results kept per data state, so the queries of one page ask for each of them once.

A database that wants this carries a `memo` attribute (a Memo); `remembered` and `remember` key each value
by the database's data revision (`rev`, where it has one), and the Mirror empties its memo on every sync
that changes the rows. Any other database is simply asked each time. Users: the date spans
(bilateral.analysis.spans), the lists of rows a text search matched (bilateral.analysis.text_hits), the
Cooperation page's quad counts (queries.coop_sums), the rows grouped by dataset and theme mask
(queries.mask_groups) and the actor graph and its layout (bilateral.charts).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
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


def remembered(db, key: tuple, make: Callable[[], Any], lifetime: float | None = None) -> Any:
    """What the database's memo keeps under key at its data revision, else make()'s value, kept (unless
    it is None) for `lifetime` seconds when given; a database without a memo is simply asked each time."""
    memo, full = _memo_of(db), (_state_of(db), *key)
    if memo is not None and (kept := memo.get(full)) is not None:
        return kept
    value = make()
    if memo is not None and value is not None:
        memo.put(full, value, lifetime)
    return value


def remember(db, key: tuple, value: Any) -> None:
    """Keep value under key at the database's data revision (nothing happens for one without a memo)."""
    memo = _memo_of(db)
    if memo is not None:
        memo.put((_state_of(db), *key), value)


def _memo_of(db) -> Memo | None:
    return getattr(db, "memo", None)


def _state_of(db):
    """The database's data revision (None for one whose rows never change)."""
    return getattr(db, "rev", None)
