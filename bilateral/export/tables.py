"""Records out: JSONL that imports back, CSV and XLSX that a spreadsheet opens without running formulas."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd

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
    kept = articles[articles["id"].isin(interactions["article_id"])]
    for row in articles_table(kept).to_dict(orient="records"):
        lines.append({k: v for k, v in row.items() if v is not None and v == v})
    for row in records_table(interactions).to_dict(orient="records"):
        row = {k: v for k, v in row.items() if k not in ("dyad", "title", "source", "url", "status")}
        row["themes"] = row["themes"].split(";")
        lines.append(row)
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines).encode("utf-8")
