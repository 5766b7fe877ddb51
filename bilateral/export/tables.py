"""Records out: JSONL that imports back, CSV and XLSX that a spreadsheet opens without running formulas."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pandas as pd

from bilateral.store import articles_behind

# Cells a spreadsheet would run as a formula start with one of these (OWASP's CSV-injection list).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

RECORD_COLUMNS = (
    "id", "date", "actor1", "actor2", "dyad", "direction", "event_type", "quad_class", "score", "themes",
    "modality", "evidence", "coder", "confidence", "article_id", "title", "source", "url", "status",
)  # fmt: skip
ARTICLE_EXPORT_COLUMNS = (
    "id", "title", "title_kind", "date", "source", "url", "language", "summary", "status", "added_at",
)  # fmt: skip


def safe_cell(value):
    """Text that cannot run as a spreadsheet formula: a leading ' is added where it could."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def records_table(interactions: pd.DataFrame) -> pd.DataFrame:
    """The filtered interactions as a flat table: one row each, themes joined by ';', dates as text."""
    table = interactions.loc[:, list(RECORD_COLUMNS)].copy()
    table["date"] = table["date"].dt.strftime("%Y-%m-%d")
    table["themes"] = table["themes"].map(";".join)
    return table


def articles_table(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles as a flat table with dates as text."""
    table = articles.loc[:, list(ARTICLE_EXPORT_COLUMNS)].copy()
    table["date"] = table["date"].dt.strftime("%Y-%m-%d")
    return table


def neutralise(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of the table with every text cell made safe for spreadsheets (see safe_cell)."""
    out = table.copy()
    for name in out.columns:
        if pd.api.types.is_object_dtype(out[name]) or pd.api.types.is_string_dtype(out[name]):
            out[name] = out[name].map(safe_cell)
    return out


def records_csv(interactions: pd.DataFrame) -> bytes:
    """CSV (UTF-8 with BOM so Excel reads accents) of the filtered interactions, formulas neutralised."""
    buffer = io.StringIO()
    neutralise(records_table(interactions)).to_csv(buffer, index=False, quoting=csv.QUOTE_MINIMAL)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def records_jsonl(interactions: pd.DataFrame, articles: pd.DataFrame) -> bytes:
    """JSONL that `import` reads back: the articles behind the interactions, then the interactions."""
    lines = []
    kept = articles_behind(articles, interactions)
    for row in articles_table(kept).to_dict(orient="records"):
        lines.append({k: v for k, v in row.items() if v is not None and v == v})
    for row in records_table(interactions).to_dict(orient="records"):
        row = {k: v for k, v in row.items() if k not in ("dyad", "title", "source", "url", "status")}
        row["themes"] = row["themes"].split(";")
        lines.append(row)
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines).encode("utf-8")


# Characters XML 1.0 forbids; openpyxl refuses a cell holding one (IllegalCharacterError).
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_MAX_WIDTH = 60


def records_xlsx(
    interactions: pd.DataFrame,
    articles: pd.DataFrame,
    filters: str,
    made: dt.datetime | None = None,
) -> bytes:
    """XLSX with three sheets: Records, Articles, and About (the filters in words and the export date).

    Every text cell goes through safe_cell, so a title such as =HYPERLINK(...) stays inert text.
    """
    made = made or dt.datetime.now().astimezone()
    about = pd.DataFrame(
        [
            ("Data source", "Bilateral curated dataset"),
            ("Filters", filters),
            ("Exported", made.strftime("%Y-%m-%d %H:%M %Z").strip()),
            ("Interactions", len(interactions)),
            ("Articles", len(articles)),
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
