"""Read record files (JSONL, CSV or XLSX of articles and/or interactions) into validated records.

A file is all or nothing: read_record_files either returns every record of every file, or raises
RecordError listing every problem as PATH:LINE: field: message.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import itertools
import json
import re
from collections.abc import Collection, Iterator
from pathlib import Path

from bilateral.errors import FileFormatError, Problem, RecordError
from bilateral.model.cells import cell_as_written
from bilateral.model.records import Article, Interaction
from bilateral.model.validation import article_from_dict, interaction_from_dict
from bilateral.model.workbook import Sheet, Workbook, WorkbookError

JSON_SUFFIXES = {".jsonl", ".ndjson", ".json"}
CSV_SUFFIXES = {".csv"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
RECORD_SUFFIXES = JSON_SUFFIXES | CSV_SUFFIXES | XLSX_SUFFIXES


# What a record file may hold beside the records' own fields: the state dyad the exports add for a reader,
# and an article's interactions nested in its JSON line. Any other column would be dropped in silence.
EXTRA_COLUMNS = frozenset({"dyad", "interactions"})
READABLE_COLUMNS = frozenset(Article.model_fields) | frozenset(Interaction.model_fields) | EXTRA_COLUMNS
_FIELD_NAMES = sorted(READABLE_COLUMNS - EXTRA_COLUMNS)


def unknown_columns(where: Path | str, line: int, names, seen: set[str] | None = None) -> list[Problem]:
    """A problem for each column (or JSON key) no record field takes, with the nearest field's name; each
    once when `seen` (the names already reported in the file) is given. Blank names are no column.

    Why: a misspelt column ("sumary", "sourc_url") was ignored and its values lost on import, with "1 file
    valid"; a misspelt required one gave "actor1: is required" on every line and no hint why."""
    problems = []
    for name in names:
        if not name or name in READABLE_COLUMNS or (seen is not None and name in seen):
            continue
        if seen is not None:
            seen.add(name)
        near = difflib.get_close_matches(name, _FIELD_NAMES, n=1, cutoff=0.6)
        hint = f"did you mean {near[0]}? " if near else ""
        problems.append(
            Problem(str(where), line, name, f"not a field of the record format; {hint}rename the column, or "
                    "remove it to leave its values out")
        )  # fmt: skip
    return problems


def unknown_keys(where: Path | str, line: int, raw: dict, seen: set[str]) -> list[Problem]:
    """unknown_columns of one JSON line: its keys and those of its nested interactions."""
    nested = raw.get("interactions")
    children = nested if isinstance(nested, list) else []
    keys = dict.fromkeys([*raw, *(key for child in children if isinstance(child, dict) for key in child)])
    return unknown_columns(where, line, keys, seen)


def iter_raw_records(path: Path) -> Iterator[tuple[str, int, dict | None, Problem | None]]:
    """(where, line, raw dict, None) per record of a JSONL, CSV or XLSX file; (where, line, None, problem)
    for a bad line. `where` is the file, or for a workbook the file and its sheet ("records.xlsx!Articles"),
    and `line` the sheet's row.

    The file is read a line (a row) at a time, so a file of any size takes little memory.
    """
    suffix = path.suffix.lower()
    if suffix not in RECORD_SUFFIXES:
        raise FileFormatError(f"{path}: unknown file type {suffix!r}; use .jsonl, .csv or .xlsx")
    if suffix in XLSX_SUFFIXES:
        yield from _xlsx_records(path)
        return
    for number, raw, problem in _text_records(path, suffix):
        yield str(path), number, raw, problem


def _text_records(path: Path, suffix: str) -> Iterator[tuple[int, dict | None, Problem | None]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            if suffix in JSON_SUFFIXES:
                yield from _jsonl_records(path, handle)
            else:
                yield from _csv_records(path, handle)
    except OSError as error:
        raise FileFormatError(f"{path}: cannot be read ({error})") from error
    except UnicodeDecodeError as error:
        raise _not_utf8(path, error) from error


def _not_utf8(path: Path, error: UnicodeDecodeError) -> FileFormatError:
    """The error for a text file that is not UTF-8, naming its first such line and byte.

    Why a second pass: the text reader decodes blocks, so its error knows neither the line nor the byte
    in the file; Excel's "CSV" (not "CSV UTF-8") is Windows-1252, the usual cause."""
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as bad:
                return FileFormatError(
                    f"{path}:{number}: is not UTF-8 text (byte 0x{line[bad.start]:02x}, character "
                    f"{len(line[: bad.start].decode('utf-8', 'replace')) + 1} of the line); save it as UTF-8 "
                    '(in Excel: "CSV UTF-8"); nothing was read'
                )
    return FileFormatError(f"{path}: is not UTF-8 text ({error.reason})")


def _jsonl_records(path: Path, lines):
    first, seen = True, set()
    for number, line in enumerate(lines, start=1):
        if line.strip():
            if first and line.lstrip().startswith("["):  # a later line of "[...]" is a line's problem
                raise json_array_error(path, number)
            first = False
            found = jsonl_record(path, number, line)
            if found[1] is not None:
                for problem in unknown_keys(path, number, found[1], seen):
                    yield number, None, problem
            yield found


def json_array_error(path: Path | str, line: int) -> FileFormatError:
    """The error for a record file that is one JSON array: it names the file and the line of its '['.

    Why: read as JSON lines, a pretty-printed array gave one "not valid JSON" per line of it."""
    return FileFormatError(
        f"{path}:{line}: a JSON array; a record file holds one JSON object per line (JSONL): "
        "write each record on a line of its own (for example with jq -c '.[]'); nothing was read or written"
    )


def jsonl_record(path: Path | str, number: int, line: str) -> tuple[int, dict | None, Problem | None]:
    """(line, raw dict, None) for one non-blank JSONL line, or (line, None, problem) for a bad one."""
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as error:
        return number, None, Problem(str(path), number, "line", f"not valid JSON ({error.msg})")
    if not isinstance(raw, dict):
        return number, None, Problem(str(path), number, "line", "must be a JSON object {...}")
    return number, raw, None


CSV_FIELD_LIMIT = 16_000_000  # characters in one cell: a 1 MB text fits; Python's default is 131,072


# Cell separators, by how often the header holds them: a comma; a semicolon, as Excel saves "CSV" where the
# decimal mark is a comma (German, French, Spanish... settings), its numbers written "5,5"; a tab.
CSV_DELIMITERS = (",", ";", "\t")
DECIMAL_FIELDS = frozenset(
    name
    for model in (Article, Interaction)
    for name, info in model.model_fields.items()
    if info.annotation in (float, float | None)
)
DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")


def _csv_records(path: Path, lines):
    csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_LIMIT))
    header = next(lines, "")
    delimiter = max(CSV_DELIMITERS, key=header.count)  # a tie (none at all) keeps the comma
    reader = csv.DictReader(itertools.chain([header], lines), delimiter=delimiter)
    try:
        for problem in unknown_columns(path, 1, [name.strip() for name in reader.fieldnames or ()]):
            yield 1, None, problem
        for row in reader:
            number = reader.line_num
            if None in row:
                yield number, None, Problem(str(path), number, "line", "has more cells than the header")
                continue
            raw = {k.strip(): (cell_as_written(v) if v != "" else None) for k, v in row.items() if k}
            if delimiter == ";":
                _decimal_points(raw)
            yield number, raw, None
    except csv.Error as error:
        raise FileFormatError(f"{path}:{reader.line_num}: not a readable CSV file ({error})") from error


def _decimal_points(raw: dict) -> None:
    """'5,5' -> '5.5' in the number fields of a semicolon CSV (the decimal comma of its settings); text
    fields keep their commas ("5,000 troops" stays as written)."""
    for name in DECIMAL_FIELDS & raw.keys():
        value = raw[name]
        if isinstance(value, str) and DECIMAL_COMMA.fullmatch(value.strip()):
            raw[name] = value.strip().replace(",", ".")


def _xlsx_records(path: Path) -> Iterator[tuple[str, int, dict | None, Problem | None]]:
    """The records of every sheet of a workbook whose first row names every required field of an article or
    of an interaction (see is_record), sheets of articles (no `article_id` column) first; each row as a CSV
    row would be: text, an empty cell None. Other sheets (notes, an About sheet) are not read.

    Why articles first: the Records page's workbook puts the interactions' sheet before the articles'; read
    in that order, a large one's interactions would be checked before their articles were read."""
    try:
        book = Workbook(path)
    except WorkbookError as error:
        raise FileFormatError(f"{path}: not a readable Excel workbook ({error})") from error
    with book:
        sheets = []
        for sheet in book.sheets:
            header = next(book.rows(sheet), (0, []))
            names = [str(v).strip() if v is not None else "" for v in header[1]] if header[0] == 1 else []
            if is_record(dict.fromkeys(names)):
                sheets.append(("article_id" in names, sheet, names))
        if not sheets:
            raise FileFormatError(
                f"{path}: no sheet whose first row names the columns of articles or interactions (the record "
                "format in the README); nothing was read or written"
            )
        try:
            for _, sheet, names in sorted(sheets, key=lambda item: item[0]):
                yield from _sheet_records(book, sheet, names, f"{path}!{sheet.title}")
        except WorkbookError as error:
            raise FileFormatError(f"{path}: not a readable Excel workbook ({error})") from error


def _sheet_records(book: Workbook, sheet: Sheet, names: list[str], where: str):
    """(where, row, raw dict, None) per row of a sheet of records, or a problem for cells past the header."""
    for problem in unknown_columns(where, 1, names):
        yield where, 1, None, problem
    for number, values in book.rows(sheet, first=2):
        cells = [_cell_text(v) for v in values]
        if cells.count(None) == len(cells):
            continue
        if any(c is not None for c in cells[len(names) :]):
            yield where, number, None, Problem(where, number, "line", "has cells beyond the header")
            continue
        yield where, number, {name: c for name, c in zip(names, cells, strict=False) if name}, None


def _cell_text(value) -> str | None:
    """A cell as the text a CSV cell would hold: dates as YYYY-MM-DD, whole numbers without '.0'."""
    if type(value) is str:  # most cells: text, as the exports write every one
        return cell_as_written(value) or None
    if value is None:
        return None
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return cell_as_written(str(value))


def is_record(raw: object) -> bool:
    """True for an object with every required field of an article or of an interaction.

    Why: the import tells a JSON array of our records from a PLOVER array by its first object."""
    if not isinstance(raw, dict):
        return False
    return any(
        all(name in raw for name, info in model.model_fields.items() if info.is_required())
        for model in (Article, Interaction)
    )


def is_interaction(raw: dict) -> bool:
    """An interaction carries article_id; anything else is read as an article."""
    return "article_id" in raw


def records_of(
    raw: dict, path: str, number: int, known_actors: Collection[str] | None = None
) -> Iterator[tuple[Article | Interaction | None, list[Problem]]]:
    """(record or None, problems) for one raw line: an interaction, or an article and then the interactions
    nested under its "interactions" (each takes the article's id, and its date unless it has one)."""
    if is_interaction(raw):
        yield interaction_from_dict(raw, path, number, known_actors)
        return
    nested = raw.pop("interactions", None) or []
    article, found = article_from_dict(raw, path, number)
    yield article, found
    for child in nested if article else ():
        child = {**child, "article_id": article.id, "date": child.get("date") or article.date}
        yield interaction_from_dict(child, path, number, known_actors)


NO_ARTICLE = "no article with id"
ARTICLES_ADVICE = (
    "an interaction names its article by id: import the articles with it (in the same file, or their own "
    "file given with it); the CSV export holds interactions only, the XLSX and JSONL exports their articles"
)


def missing_article(path: str, line: int, article_id: str) -> Problem:
    """The problem of an interaction whose article is neither in the files nor in the store."""
    return Problem(path, line, "article_id", f"{NO_ARTICLE} {article_id!r}")


def advice(problems: list[Problem]) -> str | None:
    """What to do, once, when interactions name articles that are not there (a CSV export imported alone
    into another store listed one line per row and no way out)."""
    missing = any(p.field == "article_id" and p.message.startswith(NO_ARTICLE) for p in problems)
    return ARTICLES_ADVICE if missing else None


def read_record_file(
    path: Path, known_actors: Collection[str] | None = None, where: dict | None = None
) -> tuple[list[Article], list[Interaction], list[Problem]]:
    """Records and problems of one file; an article line may nest its interactions under "interactions".

    `where`, when given, receives interaction id -> (path, line) for later messages.
    """
    articles, interactions, problems = [], [], []
    where = where if where is not None else {}
    for place, number, raw, problem in iter_raw_records(path):
        if problem:
            problems.append(problem)
            continue
        for record, found in records_of(raw, place, number, known_actors):
            problems += found
            if isinstance(record, Article):
                articles.append(record)
            elif record is not None:
                interactions.append(record)
                where[record.id] = (place, number)
    return articles, interactions, problems


def read_record_files(
    paths: list[Path], known_actors: Collection[str] | None = None, known_articles: Collection[str] = ()
) -> tuple[list[Article], list[Interaction]]:
    """Every record of every file, or RecordError with every problem; nothing partial is ever returned.

    Each interaction must point at an article of these files or one in `known_articles` (already stored).
    """
    articles, interactions, problems = [], [], []
    lines: dict[str, tuple[str, int]] = {}
    for path in paths:
        found_articles, found_interactions, found_problems = read_record_file(Path(path), known_actors, lines)
        articles += found_articles
        interactions += found_interactions
        problems += found_problems
    article_ids = {a.id for a in articles} | set(known_articles)
    for item in interactions:
        if item.article_id not in article_ids:
            where = lines.get(item.id, ("<input>", 0))
            problems.append(missing_article(where[0], where[1], item.article_id))
    if problems:
        raise RecordError(problems)
    return articles, interactions
