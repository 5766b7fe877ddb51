"""Files the CLI writes: whole or not at all, in the format their name says.

Why: an export, report or chart was written straight into its file, so a failure half-way (a full disk, a
query error, Ctrl-C) left a cut file, and over an earlier export the earlier one was lost; and
`export-data -o records.csv` wrote JSON lines into the .csv unless `--format csv` was given too.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import IO, TypeVar

from bilateral.export.images import ExportError

T = TypeVar("T")


def output_format(output: str | Path, given: str | None, allowed: tuple[str, ...], default: str) -> str:
    """The format asked for, else the one the file name's suffix names, else the default."""
    if given:
        return given
    suffix = Path(output).suffix.lower().lstrip(".")
    return suffix if suffix in allowed else default


def write_whole(output: str | Path, write: Callable[[IO], T], text: bool = False) -> T:
    """write(handle) into a new file beside `output`, which then takes its place in one step; on any
    failure the new file goes and `output` is as it was. Returns what write returned.

    text: the handle takes str (UTF-8, no newline translation), else bytes."""
    target = Path(output)
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}.part")  # made as any new file
    try:
        with _opened(temporary, text) as stream:
            result = write(stream)
        os.replace(temporary, target)
        return result
    except OSError as error:
        raise ExportError(f"cannot write {output}: {error.strerror or error}") from error
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def write_bytes_whole(output: str | Path, data: bytes) -> None:
    """The bytes as `output`, whole or not at all (write_whole)."""
    write_whole(output, lambda handle: handle.write(data))


def _opened(path: Path, text: bool) -> IO:
    """A new file (never one that exists) for writing, with the permissions any new file gets."""
    return path.open("x", encoding="utf-8", newline="") if text else path.open("xb")
