"""Writing a file whole or not at all: into a new file beside it, which then takes its place in one step.

Why: the exports, the report, the charts and the backup were written straight into their file, so a failure
half-way (a full disk, a query error, Ctrl-C) left a cut file, and over an earlier one (the last good backup)
the earlier one was lost. A module of its own, importing nothing of ours, so the store and the exports can
both use it.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import IO, TypeVar

T = TypeVar("T")


def write_whole(output: str | Path, write: Callable[[IO], T], text: bool = False) -> T:
    """write(handle) into a new file beside `output`, which then replaces `output`; on any failure (raised
    as it came) the new file goes and `output` is as it was. Returns what write returned.

    text: the handle takes str (UTF-8, no newline translation), else bytes."""
    target = Path(output)
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}.part")  # made as any new file
    try:
        with _opened(temporary, text) as stream:
            result = write(stream)
        os.replace(temporary, target)
        return result
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _opened(path: Path, text: bool) -> IO:
    """A new file (never one that exists) for writing, with the permissions any new file gets."""
    return path.open("x", encoding="utf-8", newline="") if text else path.open("xb")
