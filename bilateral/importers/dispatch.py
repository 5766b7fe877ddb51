"""One way in for files of either kind, for the CLI and the app: our record files (JSONL, CSV or XLSX of
articles and interactions), or field data (GDELT, ICEWS, PLOVER), told apart by their first line.

Why one module: the app's Import page and `python -m bilateral import` must make the same decision about a
file and report the same counts; each shows progress its own way through one callback.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

from bilateral.errors import FileFormatError, Problem, RecordError
from bilateral.file_writes import is_database
from bilateral.importers.field import FieldProgress, import_field_files
from bilateral.importers.formats import field_format
from bilateral.importers.stream import Progress, import_files
from bilateral.model.files import XLSX_SUFFIXES, advice
from bilateral.wording import count_noun

RECORDS = "records"
FIELD = "field"
PROGRESS_EVERY = 20_000


@dataclass(frozen=True)
class Status:
    """An import under way: rows read so far, their rate, and one line saying so."""

    read: int
    rate: float
    line: str


@dataclass
class Outcome:
    """What an import did: its kind, a summary, and (record files) the problems that stopped it."""

    kind: str
    summary: str
    written: bool
    problems: list[Problem] = field(default_factory=list)


# Files an analyst may well try that neither importer reads, by suffix: what each is.
SPREADSHEETS = {
    ".xls": "an Excel 97-2003 workbook",
    ".ods": "an OpenDocument spreadsheet",
    ".numbers": "a Numbers spreadsheet",
}


def check_files(paths: list[Path]) -> None:
    """FileFormatError naming the first path that is not a file (a typo, a folder), is a spreadsheet or is a
    database, before any is read.

    Why: `import missing.tsv` ended in a Python traceback, from whichever reader opened it first; a
    spreadsheet was read as field data and called "not UTF-8 (byte 13 of the line)", and a database the
    same."""
    for p in paths:
        path = Path(p)
        if not path.is_file():
            what = "a folder, not a file" if path.is_dir() else "no such file"
            raise FileFormatError(f"{path}: {what}; nothing was read or written")
        if is_database(path):
            raise FileFormatError(
                f"{path}: a database, not a record file; to bring its records here, write them out of it "
                "(export-data with BILATERAL_DB naming it, or backup) and import or restore that file; "
                "nothing was read or written"
            )
        if what := SPREADSHEETS.get(path.suffix.lower()):
            raise FileFormatError(
                f"{path}: {what}; save it as an Excel workbook (.xlsx) or its sheet as CSV UTF-8 (the "
                "columns of the Records page's export) and import that; nothing was read or written"
            )


def file_kind(paths: list[Path], given: str | None = None) -> str:
    """FIELD when the files are GDELT/ICEWS/PLOVER data (or a field format is given), else RECORDS."""
    check_files(paths)
    if given and given != RECORDS:
        return FIELD
    if given == RECORDS:
        return RECORDS
    kinds = {RECORDS if _is_workbook(p) or not field_format(Path(p)) else FIELD for p in paths}
    if len(kinds) > 1:
        raise FileFormatError("import field data (GDELT, ICEWS, PLOVER) and record files in separate runs")
    return kinds.pop() if kinds else RECORDS


def _is_workbook(path) -> bool:
    """An Excel workbook: always records (field data never comes as one), and not text to sniff."""
    return Path(path).suffix.lower() in XLSX_SUFFIXES


def import_paths(
    engine,
    paths: list[Path],
    known_actors: Collection[str],
    given: str | None = None,
    actor: str = "local",
    dry_run: bool = False,
    on_status: Callable[[Status], None] | None = None,
) -> Outcome:
    """Import (or, dry_run, only check) the files, all or nothing; progress goes to on_status."""
    kind = file_kind(paths, given)
    if kind == FIELD:
        fmt = given if given not in (None, FIELD) else None
        progress = import_field_files(
            engine, paths, fmt, _field_status(on_status), PROGRESS_EVERY, dry_run=dry_run, actor=actor
        )
        return Outcome(FIELD, _checked(progress.summary(), dry_run), written=not dry_run)
    try:
        result = import_files(engine, paths, known_actors, _record_status(on_status), PROGRESS_EVERY,
                              dry_run=dry_run, actor=actor)  # fmt: skip
    except RecordError as error:
        problems = sorted(error.problems, key=lambda p: (p.path, p.line))
        summary = f"nothing imported: {count_noun(len(problems), 'problem')} to fix"
        if hint := advice(problems):
            summary += f"; {hint}"
        return Outcome(RECORDS, summary, False, problems)
    return Outcome(RECORDS, _checked(str(result), dry_run), written=not dry_run)


def _checked(summary: str, dry_run: bool) -> str:
    return f"checked, nothing written; an import would have {summary}" if dry_run else summary


def _record_status(on_status):
    if on_status is None:
        return None

    def show(progress: Progress) -> None:
        read, problems = count_noun(progress.read, "record"), count_noun(progress.problems, "problem")
        line = f"{read} read ({progress.rate:,.0f}/s), {problems}"
        on_status(Status(progress.read, progress.rate, line))

    return show


def _field_status(on_status):
    if on_status is None:
        return None

    def show(progress: FieldProgress) -> None:
        on_status(Status(progress.read, progress.rate, progress.line()))

    return show
