"""Field rows read and mapped in a child process, handed to the importing process a chunk at a time.

Why: reading and mapping a GDELT row costs ~13 µs of Python and writing it to the store ~11 µs; on a second
thread the two share one interpreter lock (34,000 rows/s, slower than one thread's 39,000), in a second
process they run side by side on the two cores. Small inputs map in-process: starting the child (~0.3 s)
would cost more than it saves.

The child is `python -c "...serve()"`: it reads one pickled request (paths, format, CHUNK) on stdin and writes
pickled messages to stdout: ("rows", chunk, rows read, skips by reason) per chunk, then ("end", ...), or
("error", exception, ...) with the exception the in-process path would raise (a FieldFileError naming file
and line).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from bilateral.errors import BilateralError
from bilateral.helper_process import HelperProcess
from bilateral.importers.datasets import MAPPERS
from bilateral.importers.formats import detect_format, rows_of
from bilateral.importers.mapping import Skip, rules

CHUNK = 5_000
IN_PROCESS_BYTES = 16 << 20  # inputs smaller than this are mapped in the importing process
PACKAGE_ROOT = Path(__file__).resolve().parents[2]


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
    with _Child(paths, kind) as child:
        for chunk, read, skipped in child.messages():
            progress.read += read
            progress.skipped.update(skipped)
            if chunk:
                yield chunk


def _size(path: Path) -> int:
    with contextlib.suppress(OSError):
        return Path(path).stat().st_size
    return 0


def _chunks(rows: Iterator[tuple[str, int, dict, tuple]]) -> Iterator[Chunk]:
    """The mapped rows as Chunks of CHUNK rows. One key order for all: every row is made by
    mapping.interaction_row."""
    size, names, items = CHUNK, None, []
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
    """What the child has read and skipped since its last message."""

    def __init__(self):
        self.read, self.skipped = 0, Counter()

    def take(self) -> tuple[int, Counter]:
        taken = self.read, self.skipped
        self.read, self.skipped = 0, Counter()
        return taken


class _Child:
    """The mapping process: started with the request, read message by message, stopped when left."""

    def __init__(self, paths: list[Path], kind: str | None):
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(PACKAGE_ROOT), env.get("PYTHONPATH")) if p)
        code = "from bilateral.importers.mapping_process import serve; serve()"
        request = pickle.dumps(([str(p) for p in paths], kind, CHUNK))
        self._helper = HelperProcess([sys.executable, "-c", code], request, env)

    def messages(self) -> Iterator[tuple[Chunk | None, int, Counter]]:
        """(chunk, rows read, skips by reason) until the end; the child's error raised here."""
        while True:
            try:
                tag, payload, read, skipped = pickle.load(self._helper.stdout)
            except (EOFError, pickle.UnpicklingError):
                raise BilateralError(f"mapping the field rows failed: {self._helper.failure()}") from None
            if tag == "error":
                yield None, read, skipped
                raise payload
            yield (payload if tag == "rows" else None), read, skipped
            if tag == "end":
                return

    def __enter__(self) -> _Child:
        return self

    def __exit__(self, *exc) -> None:
        self._helper.close()


def serve() -> None:
    """The child's side: map the requested files, writing chunks (and then the end, or the error)."""
    global CHUNK
    paths, kind, CHUNK = pickle.load(sys.stdin.buffer)
    out = sys.stdout.buffer
    counts = _Counts()
    try:
        for chunk in _chunks(mapped_rows([Path(p) for p in paths], kind, counts)):
            pickle.dump(("rows", chunk, *counts.take()), out, protocol=pickle.HIGHEST_PROTOCOL)
        message = ("end", None, *counts.take())
    except BilateralError as error:
        message = ("error", error, *counts.take())
    pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
    out.flush()
