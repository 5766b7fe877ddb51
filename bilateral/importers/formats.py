"""Field-data files read as streams of rows: GDELT and ICEWS (tab-separated), PLOVER (JSON array or JSONL).

Plain or .zip (every event file in it, in name order). A file is read a line at a time (a JSON array an
object at a time), so memory stays flat.
Anything that makes a file unreadable raises a FieldFileError naming the file and the line; the importer
then writes nothing.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from bilateral.errors import FileFormatError
from bilateral.model.files import is_record

FORMATS = ("gdelt", "icews", "plover")
EVENT_SUFFIXES = (".csv", ".tsv", ".tab", ".txt", ".json", ".jsonl", ".export")
ICEWS_FIRST_COLUMN = "Event ID"
ICEWS_WIDTH = 20
GDELT_WIDTHS = (57, 58, 61)
GZIP_MAGIC = b"\x1f\x8b"
_JSON_CHUNK = 1 << 16
_MAX_RECORD = 1 << 24  # a record longer than 16 MB is a broken file, not a record


class FieldFileError(FileFormatError):
    """A field-data file that cannot be read; says which file and line, and what to do."""

    def __init__(self, path: str, line: int, message: str):
        self.path, self.line, self.message = path, line, message
        super().__init__(f"{path}:{line}: {message}; nothing was imported")

    def __reduce__(self):
        """Pickled with its three parts (the mapping process hands its errors to the importer)."""
        return type(self), (self.path, self.line, self.message)


class EmptyFileError(FieldFileError):
    """The file (or the event file inside a zip) has no rows."""


class TruncatedFileError(FieldFileError):
    """The file ends in the middle of a row (an interrupted download)."""


class ColumnCountError(FieldFileError):
    """A row has another number of columns than the format has."""


class EncodingError(FieldFileError):
    """A line is not UTF-8."""


class NoEventFileError(FieldFileError):
    """A zip holds no event file (nothing ending .csv, .tsv, .tab, .txt, .json or .jsonl)."""


class BadJsonError(FieldFileError):
    """A PLOVER file that is not a JSON array of objects or JSON lines."""


def event_files(path: Path) -> list[str | None]:
    """The event files to read of a path: [None] for a plain file; the names of the event files inside a
    zip, in name order (a zip of several yearly files is read whole, one after the other)."""
    name = str(path)
    if path.suffix.lower() != ".zip":
        return [None]
    if path.stat().st_size == 0:
        raise EmptyFileError(name, 1, "the zip is empty (0 bytes): download it again")
    try:
        with zipfile.ZipFile(path) as archive:
            members = sorted(
                m.filename
                for m in archive.infolist()
                if not m.is_dir() and m.filename.lower().endswith(EVENT_SUFFIXES)
            )
    except zipfile.BadZipFile:
        raise FieldFileError(name, 1, "not a readable zip file (truncated download?)") from None
    if not members:
        raise NoEventFileError(name, 1, "the zip holds no event file (.csv, .tab, .json, ...)")
    return members


@contextmanager
def open_event_file(path: Path, member: str | None = None) -> Iterator[tuple[str, IO[bytes]]]:
    """(name for messages, binary stream) of a plain file, or of one event file inside a zip (the first
    of event_files when no member is named)."""
    name = str(path)
    if path.suffix.lower() != ".zip":
        if path.stat().st_size == 0:
            raise EmptyFileError(name, 1, "the file is empty (0 bytes)")
        with path.open("rb") as handle:
            if handle.read(2) == GZIP_MAGIC:
                raise FieldFileError(name, 1, "a gzip-compressed file: unpack it first (gunzip) or zip it")
            handle.seek(0)
            yield name, handle
        return
    member = member or event_files(path)[0]
    with zipfile.ZipFile(path) as archive:
        inner = f"{name}!{member}"
        if archive.getinfo(member).file_size == 0:
            raise EmptyFileError(inner, 1, "the event file in the zip is empty")
        with archive.open(member) as handle:
            yield inner, handle


def detect_format(path: Path) -> str:
    """gdelt, icews or plover, from the first line of the (event file of the) file."""
    with open_event_file(path) as (name, handle):
        first = handle.readline(1 << 20)
    text = _decode(first, name, 1).lstrip("\ufeff").lstrip()
    if text.startswith(("[", "{")):
        return "plover"
    fields = text.rstrip("\r\n").split("\t")
    if fields[0] == ICEWS_FIRST_COLUMN:
        return "icews"
    if len(fields) in GDELT_WIDTHS:
        return "gdelt"
    raise FieldFileError(
        name, 1, f"not a GDELT, ICEWS or PLOVER file ({len(fields)} tab-separated columns); give --format"
    )


def field_format(path: Path) -> str | None:
    """The field format of a file, or None when it is a record file of our own (articles/interactions).

    A zip is always field data: records of our own in a zip are refused (the record importer reads plain
    files), where they were read as PLOVER and every row skipped as "unknown PLOVER event"."""
    zipped = path.suffix.lower() == ".zip"
    with open_event_file(path) as (name, handle):
        first = handle.readline(1 << 20)
    text = _decode(first, name, 1).lstrip("\ufeff").lstrip()
    if text.startswith("{"):
        try:
            record = json.loads(text)
        except json.JSONDecodeError:
            record = None
        if isinstance(record, dict) and "event" in record:
            return "plover"
        if zipped:
            message = "JSON lines without a PLOVER 'event': a zip of record files is not read; unpack it"
            raise FieldFileError(name, 1, message)
        return None
    if zipped:
        return detect_format(path)
    if text.startswith("["):
        return None if _holds_records(path) else "plover"
    fields = text.rstrip("\r\n").split("\t")
    if fields[0] == ICEWS_FIRST_COLUMN:
        return "icews"
    return "gdelt" if len(fields) in GDELT_WIDTHS else None


def _holds_records(path: Path) -> bool:
    """True when a JSON array's first object is one of our records (the record import then refuses the
    array, asking for JSON lines), rather than a PLOVER event.

    Why: every JSON array was read as PLOVER, and an array of our records came out as "0 added, every row
    skipped: unknown PLOVER event"."""
    with open_event_file(path) as (_, handle):
        head = handle.read(1 << 20).decode("utf-8", errors="replace").lstrip("\ufeff").lstrip()[1:].lstrip()
    try:
        first, _ = json.JSONDecoder().raw_decode(head)
    except json.JSONDecodeError:
        return False
    return isinstance(first, dict) and "event" not in first and is_record(first)


def _decode(raw: bytes, name: str, line: int) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise EncodingError(name, line, f"not UTF-8 (byte {error.start + 1} of the line)") from None


def _lines(name: str, handle: IO[bytes]) -> Iterator[tuple[int, str, bool]]:
    """(line number, text without the line end, whether it ended with a newline) of non-blank lines."""
    number = 0
    for number, raw in enumerate(handle, start=1):
        complete = raw.endswith(b"\n")
        text = _decode(raw, name, number).rstrip("\r\n")
        if text.strip():
            yield number, text, complete
    if number == 0:
        raise EmptyFileError(name, 1, "the file is empty")


def tab_rows(path: Path, kind: str) -> Iterator[tuple[str, int, list[str] | dict[str, str]]]:
    """(file, line, row) of a GDELT file (a list of fields) or an ICEWS file (a dict by header name); of
    each event file of a zip in turn (each ICEWS file with its own header)."""
    for member in event_files(path):
        yield from _tab_rows_of(path, member, kind)


def _tab_rows_of(path: Path, member: str | None, kind: str) -> Iterator[tuple[str, int, list[str] | dict]]:
    with open_event_file(path, member) as (name, handle):
        header: list[str] | None = None
        width = 0
        for number, text, complete in _lines(name, handle):
            fields = text.split("\t")
            if kind == "icews" and header is None:
                header = [f.strip().lstrip("\ufeff") for f in fields]
                if header[0] != ICEWS_FIRST_COLUMN or len(header) != ICEWS_WIDTH:
                    message = f"not an ICEWS header ({len(header)} columns, expected {ICEWS_WIDTH})"
                    raise ColumnCountError(name, number, message)
                width = ICEWS_WIDTH
                continue
            if not width:
                if len(fields) not in GDELT_WIDTHS:
                    raise ColumnCountError(
                        name, number, f"{len(fields)} columns; a GDELT file has 57, 58 or 61"
                    )
                width = len(fields)
            if len(fields) != width:
                if not complete and len(fields) < width:
                    message = f"the file ends mid-row ({len(fields)} of {width} columns)"
                    raise TruncatedFileError(name, number, message)
                raise ColumnCountError(name, number, f"{len(fields)} columns, expected {width}")
            yield name, number, dict(zip(header, fields, strict=True)) if header else fields
        if kind == "icews" and not width:
            raise EmptyFileError(name, 1, "the file has a header but no rows")


def rows_of(path: Path, kind: str) -> Iterator[tuple[str, int, object]]:
    """(file, line, raw row) of one field-data file of the given format."""
    return plover_records(path) if kind == "plover" else tab_rows(path, kind)


def plover_records(path: Path) -> Iterator[tuple[str, int, dict]]:
    """(file, line, record) of a JSON array of objects or of JSON lines, an object at a time; of each event
    file of a zip in turn."""
    for member in event_files(path):
        yield from _plover_records_of(path, member)


def _plover_records_of(path: Path, member: str | None) -> Iterator[tuple[str, int, dict]]:
    with open_event_file(path, member) as (name, handle):
        first = handle.read(1)
        while first and first.isspace():
            first = handle.read(1)
        if first == b"\xef":  # a byte-order mark
            handle.read(2)
            first = handle.read(1)
        if first == b"[":
            yield from _json_array(name, handle)
            return
        if not first:
            raise EmptyFileError(name, 1, "the file is empty")
        lines = _lines(name, _prepend(first, handle))
        for number, text, complete in lines:
            try:
                record = json.loads(text)
            except json.JSONDecodeError as error:
                if not complete:
                    raise TruncatedFileError(name, number, "the file ends mid-record") from None
                raise BadJsonError(name, number, f"not JSON ({error.msg})") from None
            if not isinstance(record, dict):
                raise BadJsonError(name, number, "a line is not a JSON object")
            yield name, number, record


def _prepend(first: bytes, handle: IO[bytes]) -> Iterator[bytes]:
    rest = handle.readline()
    yield first + rest
    yield from handle


def _json_array(name: str, handle: IO[bytes]) -> Iterator[tuple[str, int, dict]]:
    """The objects of a JSON array, decoded one at a time from a sliding buffer; line numbers kept."""
    decoder = json.JSONDecoder()
    buffer, line, done, count = "", 1, False, 0
    pending = b""
    while True:
        position = 0
        while True:
            while position < len(buffer) and (buffer[position].isspace() or buffer[position] == ","):
                line += buffer[position] == "\n"
                position += 1
            if position < len(buffer) and buffer[position] == "]":
                if not count:
                    raise EmptyFileError(name, line, "the JSON array is empty")
                return
            try:
                record, end = decoder.raw_decode(buffer, position)
            except json.JSONDecodeError as error:
                if done:
                    closed = buffer.rstrip().endswith("]")  # else the file ends before the array closes
                    kind = BadJsonError if closed else TruncatedFileError
                    message = f"not JSON ({error.msg})" if closed else "the file ends mid-record"
                    raise kind(name, line + buffer.count("\n", position, error.pos), message) from None
                if len(buffer) - position > _MAX_RECORD:
                    raise BadJsonError(name, line, f"not JSON ({error.msg})") from None
                break
            if not isinstance(record, dict):
                raise BadJsonError(name, line, "an element of the array is not a JSON object")
            yield name, line, record
            count += 1
            line += buffer.count("\n", position, end)
            position = end
        buffer = buffer[position:]
        if done:
            raise TruncatedFileError(name, line, "the file ends before the JSON array closes")
        chunk = pending + handle.read(_JSON_CHUNK)
        done = len(chunk) == len(pending)
        try:
            text = chunk.decode("utf-8")
            pending = b""
        except UnicodeDecodeError as error:
            if error.start < len(chunk) - 3 or done:
                raise EncodingError(name, line + buffer.count("\n"), "not UTF-8") from None
            text, pending = chunk[: error.start].decode("utf-8"), chunk[error.start :]
        buffer += text
