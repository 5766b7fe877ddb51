"""The first and last date of a filter's rows, remembered per data state so a page asks for them once.

Why: a page needs the span of the same rows several times (the headline, each chart's title and bin size,
the comparison windows of the index changes and of What moved), and each asking was a scan of its own: 2 to
8 ms at a million rows, six times on the Overview. Queries that read the span anyway (the headline, the
leading dyads) leave it in the database's memo (bilateral.analysis.memo), and `queries.date_span` looks
there first.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from bilateral.analysis.memo import remember, remembered

Span = tuple[pd.Timestamp | None, pd.Timestamp | None]
KINDS = ("all", "scored")  # every matching row, or the scored ones only (commentary left out)


def span_of(db, flt, kind: str, read: Callable[[], Span]) -> Span:
    """The span of these rows: the one kept, else read() (and kept)."""
    return remembered(db, _key(flt, kind), read)


def keep(db, flt, kind: str, span: Span) -> None:
    """Remember the span of these rows, read on the way by another query."""
    remember(db, _key(flt, kind), span)


def _key(flt, kind: str) -> tuple:
    if kind not in KINDS:
        raise ValueError(f"unknown span kind {kind!r}; one of {', '.join(KINDS)}")
    return "span", flt, kind
