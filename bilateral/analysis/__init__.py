"""Analysis: the page queries (in the mirror's DuckDB), the arithmetic on their small frames, the actor graph.

`open_mirror(store)` gives the CLI and the app the mirror of a store, synced and ready for queries.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from bilateral.analysis.mirror import Mirror


def open_mirror(store, in_memory: bool = False) -> Mirror:
    """The mirror of `store`, caught up; in memory when asked or when another process holds its file."""
    mirror = Mirror(store, in_memory=in_memory)
    mirror.sync()
    return mirror


@contextlib.contextmanager
def mirror_session(store) -> Iterator[Mirror]:
    """The store's mirror for one command, closed afterwards so the app can open its file."""
    mirror = open_mirror(store)
    try:
        yield mirror
    finally:
        mirror.close()
