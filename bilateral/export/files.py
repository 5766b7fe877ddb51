"""Files the CLI writes: whole or not at all (bilateral.file_writes), in the format their name says.

Why: `export-data -o records.csv` wrote JSON lines into the .csv unless `--format csv` was given too, and a
failure half-way left a cut file where the earlier export had been.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, TypeVar

from bilateral import file_writes
from bilateral.export.images import ExportError

T = TypeVar("T")


def output_format(output: str | Path, given: str | None, allowed: tuple[str, ...], default: str) -> str:
    """The format asked for, else the one the file name's suffix names, else (a name without a suffix,
    standard output) the default; ExportError for a suffix that names none of them.

    Why not the default for any suffix: `report -o brief.docx` wrote a PDF under a name Word cannot open."""
    if given:
        return given
    suffix = Path(output).suffix.lower().lstrip(".")
    if suffix in allowed:
        return suffix
    if suffix and not _is_stdout(output):
        *rest, last = (f".{kind}" for kind in allowed)
        kinds = f"{', '.join(rest)} or {last}" if rest else last
        raise ExportError(
            f"{output}: cannot tell the format from '.{suffix}' (name the file {kinds}, or give --format)"
        )
    return default


def report_written(output: str | Path, message: str) -> None:
    """Print what was written: on stdout, or on stderr when the file written IS stdout (`-o /dev/stdout`),
    where the line printed after the data landed at the file's start, over its first bytes."""
    stream = sys.stderr if _is_stdout(output) else sys.stdout
    print(message, file=stream)


def _is_stdout(output: str | Path) -> bool:
    try:
        return os.path.samefile(output, "/dev/stdout")
    except OSError:
        return False


def write_whole(output: str | Path, write: Callable[[IO], T], text: bool = False) -> T:
    """file_writes.write_whole, an OS error becoming an ExportError that names the file."""
    try:
        return file_writes.write_whole(output, write, text)
    except OSError as error:
        raise ExportError(f"cannot write {output}: {error.strerror or error}") from error


def write_bytes_whole(output: str | Path, data: bytes) -> None:
    """The bytes as `output`, whole or not at all."""
    write_whole(output, lambda handle: handle.write(data))
