"""A page-query database over a DataFrame: the same SQL the mirror answers, on rows given in memory.

For tests and small tools: `frame_db(rows)` takes interactions shaped like the mirror's `rows` (see
enrichment.enrich) and answers every query of bilateral.analysis.queries.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from bilateral.analysis.enrichment import MADE
from bilateral.analysis.memo import Memo
from bilateral.analysis.mirror import ARTICLE_COLUMNS, ROW_COLUMNS, create_tables, insert_sql


class FrameDb:
    """An in-memory DuckDB holding the given rows (and articles); `.cursor()` like the Mirror."""

    def __init__(self, rows: pd.DataFrame, articles: pd.DataFrame | None = None):
        self.con = duckdb.connect(":memory:")
        create_tables(self.con)
        if "article_id" not in rows:  # each row its own article, as _articles_of makes them
            rows = rows.assign(article_id=rows["id"].map(lambda i: f"a-{i}"))
        made = _articles_of(rows)  # every row's article, as in the mirror: the given ones, else made
        if articles is not None:
            made = pd.concat([articles, made[~made["id"].isin(articles["id"])]], ignore_index=True)
        _insert(self.con, "articles", made, ARTICLE_COLUMNS)
        _insert(self.con, "rows", rows, ROW_COLUMNS)  # after the articles: rows take their numbers
        self.memo = Memo()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        return self.con.cursor()


def frame_db(rows: pd.DataFrame, articles: pd.DataFrame | None = None) -> FrameDb:
    """A FrameDb of these rows."""
    return FrameDb(rows, articles)


_DEFAULTS = {"dataset": "curated"}  # rows made by hand in tests are curated unless they say otherwise


def _insert(con, table: str, frame: pd.DataFrame, columns: dict[str, str]) -> None:
    data = pd.DataFrame(
        {name: frame.get(name, _DEFAULTS.get(name)) for name in columns if name not in MADE[table]},
        index=frame.index,
    )
    if "themes" in data and len(data) and not isinstance(data["themes"].iloc[0], str):
        data["themes"] = data["themes"].map(";".join)
    con.register("incoming", data)
    con.execute(insert_sql(table, casts=True))
    con.unregister("incoming")


def _articles_of(rows: pd.DataFrame) -> pd.DataFrame:
    columns = ["article_id", "title", "date", "source", "url", "summary", "status", "title_kind"]
    present = [c for c in columns if c in rows]
    out = rows[present].drop_duplicates("article_id").rename(columns={"article_id": "id"})
    return out
