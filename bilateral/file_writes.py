"""Writing a file whole or not at all: into a new file beside it, which then takes its place in one step.

Why: the exports, the report, the charts and the backup were written straight into their file, so a failure
half-way (a full disk, a query error, Ctrl-C) left a cut file, and over an earlier one (the last good backup)
the earlier one was lost. A module of its own, importing nothing of ours, so the store and the exports can
both use it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import IO, TypeVar

T = TypeVar("T")


def write_whole(output: str | Path, write: Callable[[IO], T], text: bool = False) -> T:
    """write(handle) into a new file beside `output`, which then replaces `output`; on any failure (raised
    as it came) the new file goes and `output` is as it was. Returns what write returned.

    text: the handle takes str (UTF-8, no newline translation), else bytes. A target that is a symbolic
    link or not a regular file (/dev/stdout, a named pipe) is written in place: swapping it would replace
    the link or the device with a file. A database at `output` (DATABASE_IN_THE_WAY) is never replaced:
    FileExistsError, and nothing is written."""
    target = Path(output)
    if target.is_file() and is_database(target):
        raise FileExistsError(errno.EEXIST, DATABASE_IN_THE_WAY)
    if target.is_symlink() or (target.exists() and not target.is_file()):
        with _opened(target, text, new=False) as stream:
            return write(stream)
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}.part")  # made as any new file
    try:
        with _opened(temporary, text) as stream:
            result = write(stream)
        os.replace(temporary, target)
        return result
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


DATABASE_IN_THE_WAY = "a database is there, and a file written here would replace it (choose another name)"
# The first bytes of the files no export, report, chart or backup may replace: a SQLite database (the
# store), SQLite's write-ahead log beside it, and a DuckDB database (the page-query mirror: "DUCK" after
# its 8-byte checksum).
_SQLITE = b"SQLite format 3\x00"
_SQLITE_WAL = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")


def is_database(path: Path) -> bool:
    """True when the regular file at `path` is a SQLite or DuckDB database (or SQLite's log).

    Why: `backup bilateral.sqlite3` (the store's own name where the backup's was meant) replaced the
    store with its backup, and the store was gone; the same for an export or a chart written over it. The
    import asks too, to say what such a file is rather than "not UTF-8"."""
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        return False
    return head.startswith(_SQLITE) or head[:4] in _SQLITE_WAL or head[8:12] == b"DUCK"


def _opened(path: Path, text: bool, new: bool = True) -> IO:
    """A new file (never one that exists, with the permissions any new file gets) for writing, or with
    new=False the path as it is."""
    mode = "x" if new else "w"
    return path.open(mode, encoding="utf-8", newline="") if text else path.open(mode + "b")
