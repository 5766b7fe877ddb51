"""The first and last date of a filter's rows, remembered per data state so a page asks for them once.

Why: a page needs the span of the same rows several times (the headline, each chart's title and bin size,
the comparison windows of the index changes and of What moved), and each asking was a scan of its own: 2 to
8 ms at a million rows, six times on the Overview. Queries that read the span anyway (the headline, the
leading dyads) leave it here, and `queries.date_span` looks here first.

A database that wants this carries a `spans` attribute (a SpanMemo); the keys hold its data revision (`rev`,
where it has one), so a sync that changes the rows makes every span be asked for again. Any other database
is simply asked each time.
"""

from __future__ import annotations

import threading

import pandas as pd

Span = tuple[pd.Timestamp | None, pd.Timestamp | None]
KINDS = ("all", "scored")  # every matching row, or the scored ones only (commentary left out)


class SpanMemo:
    """Spans by (data revision, filter, kind); at most LIMIT of them, the oldest forgotten first."""

    LIMIT = 256

    def __init__(self) -> None:
        self._spans: dict[tuple, Span] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple) -> Span | None:
        with self._lock:
            return self._spans.get(key)

    def put(self, key: tuple, span: Span) -> None:
        with self._lock:
            self._spans[key] = span
            while len(self._spans) > self.LIMIT:
                del self._spans[next(iter(self._spans))]

    def clear(self) -> None:
        with self._lock:
            self._spans.clear()

    def __len__(self) -> int:
        return len(self._spans)


def recall(db, flt, kind: str) -> Span | None:
    """The span kept for these rows, if any."""
    memo = getattr(db, "spans", None)
    return None if memo is None else memo.get(_key(db, flt, kind))


def keep(db, flt, kind: str, span: Span) -> None:
    """Remember the span of these rows (nothing happens for a database without a memo)."""
    memo = getattr(db, "spans", None)
    if memo is not None:
        memo.put(_key(db, flt, kind), span)


def _key(db, flt, kind: str) -> tuple:
    if kind not in KINDS:
        raise ValueError(f"unknown span kind {kind!r}; one of {', '.join(KINDS)}")
    return getattr(db, "rev", None), flt, kind
