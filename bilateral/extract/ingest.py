"""`python -m bilateral ingest FOLDER`: every .txt/.html/.md file of a folder coded into the review queue.

Files are read and coded one at a time and each draft is committed at once, so memory stays flat
however large the folder; a file that cannot be read or coded is reported and the batch goes on.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bilateral.errors import BilateralError, ExtractError
from bilateral.extract import queue
from bilateral.extract.encoding import decode_article
from bilateral.extract.pipeline import extract
from bilateral.wording import count_noun

SUFFIXES = (".txt", ".html", ".htm", ".md")
MAX_FILE_BYTES = 5_000_000


@dataclass
class IngestReport:
    """What a batch did: drafts queued, duplicates flagged, and one message per file that failed."""

    queued: int = 0
    duplicates: int = 0
    errors: list[str] = field(default_factory=list)
    files: int | None = None  # article files found (None: not counted)
    subfolders: int = 0  # folders inside, not read

    def __str__(self) -> str:
        line = (
            f"queued {count_noun(self.queued, 'draft')} for review ({self.duplicates} flagged as likely "
            f"duplicates); {count_noun(len(self.errors), 'file')} failed"
        )
        # an empty batch said only "queued 0 drafts": the wrong folder, or files of no kind it reads
        if self.files == 0:
            line += f"; no {', '.join(SUFFIXES)} file in the folder"
        if self.subfolders:
            line += f"; {count_noun(self.subfolders, 'subfolder')} not read (ingest each on its own)"
        return line


def article_files(folder: Path) -> list[Path]:
    """The article files of a folder (not its subfolders), in name order."""
    if not folder.is_dir():
        raise ExtractError(f"{folder}: not a folder")
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)


def read_article(path: Path) -> str:
    """The text of one file (UTF-8, or what its byte-order mark or HTML charset says); ExtractError
    saying what is wrong with it."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ExtractError(f"{path.name}: cannot read the file: {error.strerror}") from error
    if len(data) > MAX_FILE_BYTES:
        raise ExtractError(f"{path.name}: {len(data) / 1e6:.1f} MB is too large for one article")
    text = decode_article(data, path.name)
    if not text.strip():
        raise ExtractError(f"{path.name}: the file is empty")
    return text


def ingest_files(
    conn,  # the Store
    paths: list[Path],
    source: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> Iterator[tuple[Path, queue.Draft | None, str | None]]:
    """Code each file into the queue, yielding (path, draft or None, error or None) as it goes."""
    for number, path in enumerate(paths, start=1):
        if progress:
            progress(number, len(paths), path.name)
        try:
            result = extract(read_article(path), source=source)
            yield path, queue.add_draft(conn, result.to_dict(), path.name), None
        except (BilateralError, ValueError, RecursionError) as error:
            yield path, None, str(error)


def progress_bar(stream=sys.stderr, width: int = 30) -> Callable[[int, int, str], None]:
    """A one-line text progress bar: [#####.....] 12/200 name."""

    def show(number: int, total: int, name: str) -> None:
        filled = width * number // max(total, 1)
        stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {number}/{total} {name[:40]:<40}")
        if number == total:
            stream.write("\n")
        stream.flush()

    return show


def ingest_folder(
    conn,  # the Store
    folder: Path,
    source: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> IngestReport:
    """Queue every article file of the folder; failures are collected, never raised."""
    files = article_files(folder)
    report = IngestReport(files=len(files), subfolders=sum(1 for p in folder.iterdir() if p.is_dir()))
    for _, draft, error in ingest_files(conn, files, source, progress):
        if error:
            report.errors.append(error)
        else:
            report.queued += 1
            report.duplicates += bool(draft.duplicate)
    return report
