"""Field rows read and mapped in a child process, handed to the importing process a chunk at a time.

Why: reading and mapping a GDELT row costs ~13 µs of Python and writing it to the store ~11 µs; on a second
thread the two share one interpreter lock (34,000 rows/s, slower than one thread's 39,000), in a second
process (helper_process.ChildStream) they run side by side on the two cores. Small inputs map in-process:
starting the child (~0.3 s) would cost more than it saves. A mapping error in the child (a FieldFileError
naming file and line) is raised in the importing process as the in-process path raises it.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from bilateral.errors import BilateralError
from bilateral.helper_process import ChildStream
from bilateral.importers.datasets import MAPPERS
from bilateral.importers.formats import detect_format, rows_of
from bilateral.importers.mapping import Skip, rules

CHUNK = 5_000
IN_PROCESS_BYTES = 16 << 20  # inputs smaller than this are mapped in the importing process


def mapped_rows(paths: list[Path], kind: str | None, progress) -> Iterator[tuple[str, int, dict, tuple]]:
    """(file, line, interaction row, article args) of every kept row; skips counted in progress."""
    table = rules()
    for path in paths:
        fmt = kind or detect_format(path)
        mapper = MAPPERS[fmt]
        for name, line, raw in rows_of(path, fmt):
            progress.read += 1
            try:
                row, article = mapper(raw, table)
            except Skip as skip:
                progress.skipped[skip.reason] += 1
                continue
            yield name, line, row, article


Chunk = tuple[tuple[str, ...], list[tuple[str, int, tuple, tuple]]]
"""(interaction column names, [(file, line, the row's values in that order, article args)]): rows as plain
tuples, quicker to hand across and to write than dicts."""


def mapped_chunks(paths: list[Path], kind: str | None, progress) -> Iterator[Chunk]:
    """mapped_rows in chunks of up to CHUNK rows: from a child process when the input is big, else from
    this one. progress is brought up to date as each chunk arrives."""
    if sum(_size(p) for p in paths) < IN_PROCESS_BYTES:
        yield from _chunks(mapped_rows(paths, kind, progress))
        return
    with _child(paths, kind) as child:
        for chunk, read, skipped in child:
            progress.read += read
            progress.skipped.update(skipped)
            if chunk:
                yield chunk


def _size(path: Path) -> int:
    with contextlib.suppress(OSError):
        return Path(path).stat().st_size
    return 0


def _chunks(rows: Iterator[tuple[str, int, dict, tuple]], size: int = CHUNK) -> Iterator[Chunk]:
    """The mapped rows as Chunks of `size` rows. One key order for all: every row is made by
    mapping.interaction_row."""
    names, items = None, []
    for name, line, row, article in rows:
        if names is None:
            names = tuple(row)
        items.append((name, line, tuple(row.values()), article))
        if len(items) >= size:
            yield names, items
            items = []
    if items:
        yield names, items


class _Counts:
    """What has been read and skipped since the last chunk."""

    def __init__(self):
        self.read, self.skipped = 0, Counter()

    def take(self) -> tuple[int, Counter]:
        taken = self.read, self.skipped
        self.read, self.skipped = 0, Counter()
        return taken


def counted_chunks(
    paths: list[str], kind: str | None, size: int
) -> Iterator[tuple[Chunk | None, int, Counter]]:
    """(chunk, rows read, skips by reason) per chunk of mapped rows, then (None, ...) with the last counts;
    what the child process yields. The counts so far are given before an error is raised."""
    counts = _Counts()
    try:
        for chunk in _chunks(mapped_rows([Path(p) for p in paths], kind, counts), size):
            yield chunk, *counts.take()
    except BilateralError:
        yield None, *counts.take()
        raise
    yield None, *counts.take()


def _child(paths: list[Path], kind: str | None) -> ChildStream:
    """The mapping process for these files (a seam for the tests)."""
    request = ([str(p) for p in paths], kind, CHUNK)
    return ChildStream(f"{__name__}:counted_chunks", request, "mapping the field rows")
