"""Records out: JSONL that imports back, CSV and XLSX that a spreadsheet opens without running formulas."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import IO

import pandas as pd

from bilateral.analysis import article_queries, dataset_queries, queries, row_queries
from bilateral.export.captions import data_source_text
from bilateral.model import Article, Interaction
from bilateral.model.cells import safe_cell

# The export columns come from the declarations: the interaction's fields with its state dyad after the
# actors, then the article fields a reader needs beside each row; articles export every field but the text.
_INTERACTION_FIELDS = [name for name in Interaction.model_fields if name != "article_id"]
RECORD_COLUMNS = tuple(
    [
        *_INTERACTION_FIELDS[: _INTERACTION_FIELDS.index("actor2") + 1],
        "dyad",
        *_INTERACTION_FIELDS[_INTERACTION_FIELDS.index("actor2") + 1 :],
        "article_id",
        "title",
        "source",
        "url",
        "status",
    ]
)
ARTICLE_EXPORT_COLUMNS = tuple(
    name for name, info in Article.model_fields.items() if (info.json_schema_extra or {}).get("export", True)
)
XLSX_MAX_ROWS = 1_048_575
EXPORT_CHUNK = 50_000  # rows fetched and written at a time by the file exports
# The records a file made in the app holds: the server keeps a download's bytes in memory. Whole, at 1M
# rows, the CSV (289 MB) peaked at 0.86 GB in a process of its own and the JSONL (508 MB) at 2.0 GB; at
# 100,000 records a click took the server from 341 MB to 584 (CSV, 29 MB, 3 s), 689 (JSONL, 51 MB, 7 s)
# and 711 MB (XLSX, 13 MB, 23 s). The CLI's export-data writes every record, a chunk at a time.
APP_FILE_ROWS = 100_000


def records_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Interactions (mirror rows) as a flat table: one row each, themes joined by ';', dates as text."""
    table = rows.reindex(columns=list(RECORD_COLUMNS)).copy()
    table["date"] = pd.to_datetime(table["date"]).dt.strftime("%Y-%m-%d")
    table["themes"] = table["themes"].map(lambda t: t if isinstance(t, str) else ";".join(t))
    return table


def articles_table(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles as a flat table with dates as text."""
    table = articles.reindex(columns=list(ARTICLE_EXPORT_COLUMNS)).copy()
    table["date"] = pd.to_datetime(table["date"]).dt.strftime("%Y-%m-%d")
    return table


def neutralise(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of the table with every text cell made safe for spreadsheets (see safe_cell)."""
    out = table.copy()
    for name in out.columns:
        if pd.api.types.is_object_dtype(out[name]) or pd.api.types.is_string_dtype(out[name]):
            out[name] = out[name].map(safe_cell)
    return out


def write_records_csv(
    db, flt, handle: io.TextIOBase, order: str = row_queries.OLDEST, limit: int | None = None
) -> int:
    """CSV of the filtered interactions in `order` (row_queries.RECORD_ORDERS; the first `limit` of them when
    given), formulas neutralised, written a chunk at a time after a byte-order mark (so Excel reads the
    accents as UTF-8); returns rows."""
    handle.write("\ufeff")
    written = 0
    for rows in row_queries.iter_rows(db, flt, EXPORT_CHUNK, order=order, limit=limit):
        neutralise(records_table(rows)).to_csv(
            handle, index=False, header=written == 0, quoting=csv.QUOTE_MINIMAL
        )
        written += len(rows)
    if written == 0:
        handle.write(",".join(RECORD_COLUMNS) + "\n")
    return written


def records_csv(db, flt, order: str = row_queries.OLDEST, limit: int | None = None) -> bytes:
    """CSV of the filtered interactions (see write_records_csv) as bytes."""
    return _as_bytes(lambda handle: write_records_csv(db, flt, handle, order, limit))


def cut_note(total: int, order: str, limit: int = APP_FILE_ROWS) -> str:
    """What a file made in the app holds when the filter matches more records than its limit."""
    label = row_queries.RECORD_ORDERS[order].label.lower()
    return (
        f"Files made here hold the first {limit:,} of the {total:,} matching records ({label}). "
        "For every record, run:"
    )


def export_command(flt, order: str, output: str = "records.csv") -> str:
    """The CLI command that writes every matching record in `order` (with the filter's own flags)."""
    return " ".join(
        part
        for part in ("python -m bilateral export-data -o", output, f"--order {order}", flt.to_cli())
        if part
    )


def _as_bytes(write) -> bytes:
    """What `write` writes to a text handle, as UTF-8 bytes, encoded as it is written (one copy, not two)."""
    buffer = io.BytesIO()
    with io.TextIOWrapper(buffer, encoding="utf-8", newline="") as handle:
        write(handle)
        handle.flush()
        return buffer.getvalue()


def write_records_jsonl(
    db, flt, handle: io.TextIOBase, order: str = row_queries.OLDEST, limit: int | None = None
) -> int:
    """JSONL that `import` reads back: the articles behind the interactions, then the interactions (in
    `order`; the first `limit` of them and their articles when given)."""
    kept = (order, limit) if limit is not None else None
    for articles in article_queries.iter_articles_behind(db, flt, EXPORT_CHUNK, kept=kept):
        for row in _given_values(articles_table(articles)):
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    written = 0
    for rows in row_queries.iter_rows(db, flt, EXPORT_CHUNK, order=order, limit=limit):
        table = records_table(rows).drop(columns=["dyad", "title", "source", "url", "status"])
        for row in _given_values(table):
            row["themes"] = row["themes"].split(";")
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        written += len(rows)
    return written


def _given_values(table: pd.DataFrame) -> Iterator[dict]:
    """Each row as {column: value} of its given values (see _python_rows): a missing one (None, NaN, NA) is
    left out, as import reads a missing key. pandas' to_dict took 5.8 s of the 11.3 s a 100,000-record
    JSONL took."""
    names = list(table.columns)
    for values in _python_rows(table):
        yield {name: value for name, value in zip(names, values, strict=True) if value is not None}


def _python_rows(table: pd.DataFrame) -> Iterator[tuple]:
    """Each row as a tuple of plain Python values, None where a value is missing (None, NaN, NA).

    Why column by column: pandas' to_dict and itertuples box every cell of its Arrow-backed text one at a
    time; a column turned into Python values at once is several times quicker."""
    columns = [table[name].to_numpy(dtype=object, na_value=None).tolist() for name in table.columns]
    return zip(*columns, strict=True)


def records_jsonl(db, flt, order: str = row_queries.OLDEST, limit: int | None = None) -> bytes:
    """JSONL of the filtered records (see write_records_jsonl) as bytes."""
    return _as_bytes(lambda handle: write_records_jsonl(db, flt, handle, order, limit))


# Characters XML 1.0 forbids; openpyxl refuses a cell holding one (IllegalCharacterError).
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_MAX_WIDTH = 60


def records_xlsx(
    db, flt, made: dt.datetime | None = None, order: str | None = None, limit: int | None = None
) -> bytes:
    """The XLSX of write_records_xlsx as bytes (the app's download button)."""
    buffer = io.BytesIO()
    write_records_xlsx(db, flt, buffer, made, order, limit)
    return buffer.getvalue()


# XlsxWriter writes each row as it comes (constant_memory) and takes strings as text: never as formulas,
# links or numbers (the cells are neutralised by safe_cell besides).
_XLSX_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}
_HEADER_STYLE = {"bold": True, "border": 1, "align": "center", "valign": "top"}  # as pandas styles one


def write_records_xlsx(
    db,
    flt,
    handle: IO[bytes],
    made: dt.datetime | None = None,
    order: str | None = None,
    limit: int | None = None,
) -> int:
    """XLSX with three sheets: Records, Articles, and About (the filters in words and the export date),
    written a row at a time into `handle`; returns the records written.

    Every text cell goes through safe_cell, so a title such as =HYPERLINK(...) stays inert text. A sheet
    holds at most XLSX_MAX_ROWS rows; the About sheet says so when the records were cut: the newest of
    them, oldest first, or with an `order` (row_queries.RECORD_ORDERS) the first in it (and, when the
    articles were cut too, the newest of them). A `limit` cuts the records sooner, and then the Articles
    sheet holds those behind the records kept.

    Why a row at a time (XlsxWriter's constant_memory): built whole through pandas and openpyxl, the export
    of a 1M-row store passed 12 GB of memory and had not finished after ten minutes.
    """
    import xlsxwriter

    made = made or dt.datetime.now().astimezone()
    total = queries.count(db, flt)
    cap = min(limit, XLSX_MAX_ROWS) if limit is not None else XLSX_MAX_ROWS
    if order is None:  # the newest `cap`, oldest first: the oldest-first order past the others
        records = row_queries.iter_rows(db, flt, EXPORT_CHUNK, offset=max(total - cap, 0))
        kept = f"the newest {cap} here"
    else:
        records = row_queries.iter_rows(db, flt, EXPORT_CHUNK, order=order, limit=cap)
        kept = f"the first {cap} here, {row_queries.RECORD_ORDERS[order].label.lower()}"
    if limit is not None and total > cap:  # the articles of the records kept (never more than them)
        n_articles, offset = None, 0
        behind = (order or row_queries.NEWEST, cap)
    else:
        n_articles, behind = article_queries.article_count(db, flt), None
        offset = max(n_articles - XLSX_MAX_ROWS, 0)
    articles = article_queries.iter_articles_behind(db, flt, EXPORT_CHUNK, offset=offset, kept=behind)
    book = xlsxwriter.Workbook(handle, _XLSX_OPTIONS)
    header = book.add_format(_HEADER_STYLE)
    sheets = (
        ("Records", map(records_table, records), RECORD_COLUMNS),
        ("Articles", map(articles_table, articles), ARTICLE_EXPORT_COLUMNS),
    )
    written = [
        _write_sheet(book.add_worksheet(name), header, tables, columns) for name, tables, columns in sheets
    ]
    about = pd.DataFrame(
        [
            ("Data source", data_source_text(dataset_queries.dataset_counts(db, flt))),
            ("Filters", flt.describe()),
            ("Exported", made.strftime("%Y-%m-%d %H:%M %Z").strip()),
            ("Interactions", total if total <= cap else f"{total} ({kept})"),
            ("Articles", _articles_kept(n_articles, written[1])),
            *([("Order", row_queries.RECORD_ORDERS[order].label)] if order else []),
        ],
        columns=["field", "value"],
    )
    _write_sheet(book.add_worksheet("About"), header, [about], about.columns)
    book.close()
    return written[0]


def _articles_kept(n_articles: int | None, written: int) -> int | str:
    """The About sheet's article count: those written, or all of them and how many the sheet holds."""
    if n_articles is None or n_articles == written:
        return written
    return f"{n_articles} (the newest {written} here)"


def _write_sheet(sheet, header, tables: Iterable[pd.DataFrame], columns: Sequence[str]) -> int:
    """The tables' rows under one header row; returns the rows written.

    The columns are sized from the first rows (capped so evidence does not span a screen) and the header
    row is frozen."""
    rows = 0
    for table in tables:
        if rows == 0:
            _start_sheet(sheet, header, table, columns)
        for at, values in enumerate(_python_rows(_xlsx_safe(table))):
            sheet.write_row(rows + at + 1, 0, values)
        rows += len(table)
    if rows == 0:
        _start_sheet(sheet, header, pd.DataFrame(columns=list(columns)), columns)
    return rows


def _start_sheet(sheet, header, first: pd.DataFrame, columns: Sequence[str]) -> None:
    for index, name in enumerate(columns):
        values = first[name].head(200) if name in first else []
        longest = max([len(str(name)), *(len(str(v)) for v in values)])
        sheet.set_column(index, index, min(longest + 2, _MAX_WIDTH))
    sheet.freeze_panes(1, 0)
    sheet.write_row(0, 0, [str(name) for name in columns], header)


def _xlsx_safe(table: pd.DataFrame) -> pd.DataFrame:
    """Formulas neutralised and XML-illegal control characters removed."""
    out = neutralise(table)
    for name in out.columns:
        if pd.api.types.is_object_dtype(out[name]) or pd.api.types.is_string_dtype(out[name]):
            out[name] = out[name].map(lambda v: _XML_ILLEGAL.sub("", v) if isinstance(v, str) else v)
    return out
