"""Records out: JSONL that imports back, CSV and XLSX that a spreadsheet opens without running formulas."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

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


def write_records_csv(db, flt, handle: io.TextIOBase, order: str = row_queries.OLDEST) -> int:
    """CSV of the filtered interactions in `order` (row_queries.RECORD_ORDERS), formulas neutralised,
    written a chunk at a time after a byte-order mark (so Excel reads the accents as UTF-8); returns rows."""
    handle.write("\ufeff")
    written = 0
    for rows in row_queries.iter_rows(db, flt, order=order):
        neutralise(records_table(rows)).to_csv(
            handle, index=False, header=written == 0, quoting=csv.QUOTE_MINIMAL
        )
        written += len(rows)
    if written == 0:
        handle.write(",".join(RECORD_COLUMNS) + "\n")
    return written


def records_csv(db, flt, order: str = row_queries.OLDEST) -> bytes:
    """CSV of the filtered interactions (see write_records_csv) as bytes."""
    buffer = io.StringIO()
    write_records_csv(db, flt, buffer, order)
    return buffer.getvalue().encode("utf-8")


def write_records_jsonl(db, flt, handle: io.TextIOBase, order: str = row_queries.OLDEST) -> int:
    """JSONL that `import` reads back: the articles behind the interactions, then the interactions (in
    `order`)."""
    for row in articles_table(article_queries.articles_behind(db, flt)).to_dict(orient="records"):
        handle.write(
            json.dumps({k: v for k, v in row.items() if v is not None and v == v}, ensure_ascii=False) + "\n"
        )
    written = 0
    for rows in row_queries.iter_rows(db, flt, order=order):
        for row in records_table(rows).to_dict(orient="records"):
            row = {
                k: v
                for k, v in row.items()
                if k not in ("dyad", "title", "source", "url", "status") and not _blank(v)
            }
            row["themes"] = row["themes"].split(";")
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        written += len(rows)
    return written


def _blank(value) -> bool:
    """True for a missing value (None, NaN, pd.NA): left out of JSONL, as import reads a missing key."""
    return value is None or (not isinstance(value, (str, list, tuple)) and bool(pd.isna(value)))


def records_jsonl(db, flt, order: str = row_queries.OLDEST) -> bytes:
    """JSONL of the filtered records (see write_records_jsonl) as bytes."""
    buffer = io.StringIO()
    write_records_jsonl(db, flt, buffer, order)
    return buffer.getvalue().encode("utf-8")


# Characters XML 1.0 forbids; openpyxl refuses a cell holding one (IllegalCharacterError).
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_MAX_WIDTH = 60


def records_xlsx(db, flt, made: dt.datetime | None = None, order: str | None = None) -> bytes:
    """XLSX with three sheets: Records, Articles, and About (the filters in words and the export date).

    Every text cell goes through safe_cell, so a title such as =HYPERLINK(...) stays inert text. A sheet
    holds at most XLSX_MAX_ROWS rows; the About sheet says so when the records were cut: the newest of
    them, oldest first, or with an `order` (row_queries.RECORD_ORDERS) the first in it.
    """
    made = made or dt.datetime.now().astimezone()
    filters = flt.describe()
    total = queries.count(db, flt)
    if order is None:
        interactions = row_queries.records_page(db, flt, XLSX_MAX_ROWS).iloc[::-1].reset_index(drop=True)
        kept = f"the newest {XLSX_MAX_ROWS} here"
    else:
        interactions = row_queries.records_page(db, flt, XLSX_MAX_ROWS, order=order)
        kept = f"the first {XLSX_MAX_ROWS} here, {row_queries.RECORD_ORDERS[order].label.lower()}"
    articles = article_queries.articles_behind(db, flt)
    about = pd.DataFrame(
        [
            ("Data source", data_source_text(dataset_queries.dataset_counts(db, flt))),
            ("Filters", filters),
            ("Exported", made.strftime("%Y-%m-%d %H:%M %Z").strip()),
            (
                "Interactions",
                total if total <= XLSX_MAX_ROWS else f"{total} ({kept})",
            ),
            ("Articles", len(articles)),
            *([("Order", row_queries.RECORD_ORDERS[order].label)] if order else []),
        ],
        columns=["field", "value"],
    )
    sheets = {"Records": records_table(interactions), "Articles": articles_table(articles), "About": about}
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, table in sheets.items():
            _xlsx_safe(table).to_excel(writer, sheet_name=name, index=False)
            _tidy_sheet(writer.sheets[name], table)
    return buffer.getvalue()


def _xlsx_safe(table: pd.DataFrame) -> pd.DataFrame:
    """Formulas neutralised and XML-illegal control characters removed."""
    out = neutralise(table)
    for name in out.columns:
        if pd.api.types.is_object_dtype(out[name]) or pd.api.types.is_string_dtype(out[name]):
            out[name] = out[name].map(lambda v: _XML_ILLEGAL.sub("", v) if isinstance(v, str) else v)
    return out


def _tidy_sheet(sheet, table: pd.DataFrame) -> None:
    """Header row frozen and columns wide enough to read (capped so evidence does not span a screen)."""
    from openpyxl.utils import get_column_letter

    sheet.freeze_panes = "A2"
    for index, name in enumerate(table.columns, start=1):
        longest = max([len(str(name)), *(len(str(v)) for v in table[name].head(200))])
        sheet.column_dimensions[get_column_letter(index)].width = min(longest + 2, _MAX_WIDTH)
