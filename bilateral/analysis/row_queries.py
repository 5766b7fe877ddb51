"""Whole interaction rows from the mirror: a page of records, the latest per article, rows by id, every
matching row in chunks for exports.

Why apart from queries.py: these fetch rows (every column but the search text) where queries.py asks for
counts and sums; both build their WHERE clause with queries.conditions.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass

import pandas as pd

from bilateral.analysis.enrichment import WHOLE_ROW, whole
from bilateral.analysis.queries import conditions, dated, run, scope
from bilateral.filters import one_of

LATEST_SCAN = 10  # latest_by_article looks first at the newest 10 rows an article card
LATEST_WIDEST = 1_000_000  # ... then at ten times as many, up to this many, before it ranks every row


@dataclass(frozen=True)
class RecordOrder:
    """An order the records can be read in: its name (a key) and label, and its ORDER BY: the first key,
    its direction (NULLs last: records without a score), then the ties."""

    name: str
    label: str
    key: str
    descending: bool
    ties: str
    # narrow the rows to those at or past the page's last first key before sorting (see _bounded): for the
    # dates, which are never NULL and seldom tie; the scores tie by the thousand (a bound kept them all)
    bounded: bool = False

    @property
    def sql(self) -> str:
        return f"{self.key} {'DESC' if self.descending else 'ASC'} NULLS LAST, {self.ties}"


NEWEST, OLDEST = "newest", "oldest"
_LATEST = "date DESC, id DESC"  # the ties of the score orders: the latest first
RECORD_ORDERS = {
    order.name: order
    for order in (
        RecordOrder(NEWEST, "Newest first", "date", True, "id DESC", bounded=True),
        RecordOrder(OLDEST, "Oldest first", "date", False, "id", bounded=True),
        RecordOrder("tension", "Most tension first", "score", False, _LATEST),
        RecordOrder("cooperation", "Most cooperation first", "score", True, _LATEST),
        RecordOrder("strongest", "Strongest score first", "abs(score)", True, _LATEST),
    )
}
NEWEST_FIRST = RECORD_ORDERS[NEWEST].sql  # also the order of the latest cards and of rows fetched by id


def _bounded(source: str, clause: str, params: list, order: RecordOrder, n: int) -> tuple[str, list]:
    """(clause, params) narrowed to the rows whose first key is as far up the order as the n-th row's, for a
    query that takes at most the first `n` rows in a `bounded` order (its key is never NULL).

    Why: a top-n by the whole order builds a sort key, id text included, for every row it looks at (1M
    rows, the newest 60: 11.6 ms); a top-n by the first key alone finds the bound quickly (2.3 ms), and
    with it the scan keeps only the few rows at or past it (0.8 ms)."""
    direction, pick, compare = ("DESC", "min", ">=") if order.descending else ("ASC", "max", "<=")
    bound = (f"SELECT {pick}(k) FROM (SELECT {order.key} AS k FROM {source} WHERE {clause} "
             f"ORDER BY k {direction} NULLS LAST LIMIT ?)")  # fmt: skip
    return f"({clause}) AND {order.key} {compare} ({bound})", [*params, *params, int(n)]


def records_page(db, flt, limit: int = 500, offset: int = 0, *extra, order: str = NEWEST) -> pd.DataFrame:
    """One page of matching interactions in one of RECORD_ORDERS (newest first by default; ties by id).

    Why the page is chosen by rowid first: sorting only the sort keys and then fetching the chosen rows'
    every column is about twice as fast as sorting whole rows (the same for key_events).
    Why an order in the database: sorting the 500 rows on screen said nothing of the other 999,500 (the
    most hostile records of a dyad are the first page of "Most tension first", whatever their date).
    """
    chosen_order = RECORD_ORDERS[order]
    source, clause, params = scope(db, flt, *extra)
    if chosen_order.bounded:
        clause, params = _bounded(source, clause, params, chosen_order, limit + offset)
    by = chosen_order.sql
    chosen = f"SELECT rowid FROM {source} WHERE {clause} ORDER BY {by} LIMIT ? OFFSET ?"
    out = run(
        db,
        f"SELECT {WHOLE_ROW} FROM rows WHERE rowid IN ({chosen}) ORDER BY {by}",
        [*params, limit, offset],
    )
    return dated(out, "date")


def latest_by_article(db, flt, limit: int = 6) -> pd.DataFrame:
    """The newest matching interaction of each of the `limit` articles with the newest ones, newest first,
    with `article_matches`: how many of that article's interactions match the filter.

    Why per article: one article often codes several interactions on the same day, and the newest rows
    were the same article over and over. Why the newest rows first: an article's first row in the newest
    LATEST_SCAN x limit is its newest, so when they hold `limit` articles, those are the answer, without
    ranking every row by article (1M rows: ~17 ms, where ranking every row takes ~130 ms). When a few
    articles hold all of the newest rows, it looks again at ten times as many: ranking every row at once
    took 5 s at 10M rows when the six newest articles held more than the newest 60.
    """
    source, clause, params = scope(db, flt)
    scan: int | None = LATEST_SCAN * limit
    while True:
        chosen = _newest_of_articles(db, source, clause, params, limit, scan)
        if len(chosen) >= limit or scan is None:
            break
        # fewer articles match, or a few hold a million rows: then rank every row (scan None)
        scan = scan * 10 if scan < LATEST_WIDEST else None
    if not chosen:
        return dated(run(db, f"SELECT {WHOLE_ROW}, 0 AS article_matches FROM rows LIMIT 0"), "date")
    # `= ANY(list)`: at 1M rows twice as quick as IN with six parameters, for these two lookups. The
    # articles' rows are found through the mirror's article index, which DuckDB uses only for a condition
    # alone (mirror.INDEXES), and then filtered (the count: 15 -> 3 ms at 1M, 45 -> 4 ms at 10M).
    # (a search's kept rows are few: there the articles' rows are picked out directly)
    of_articles = "article_id = ANY(?)"
    if source == "rows":
        of_articles = f"rowid IN (SELECT rowid FROM rows WHERE {of_articles})"
    out = run(
        db,
        f"SELECT rows.{WHOLE_ROW}, c.article_matches FROM rows JOIN (SELECT article_id, count(*) AS "
        f"article_matches FROM {source} WHERE {of_articles} "
        f"AND ({clause}) GROUP BY article_id) AS c USING (article_id) WHERE rows.rowid = ANY(?) "
        f"ORDER BY {NEWEST_FIRST}",
        [list(chosen.values()), *params, list(chosen)],
    )
    return dated(out, "date").astype({"article_matches": "int64"})


def _newest_of_articles(
    db, source: str, clause: str, params: list, limit: int, scan: int | None
) -> dict[int, str]:
    """rowid -> article id of the newest row of each of the `limit` newest articles, looking at the `scan`
    newest rows (None: at every row)."""
    if scan:
        clause, params = _bounded(source, clause, params, RECORD_ORDERS[NEWEST], scan)
    top = f"SELECT rowid AS r, article_id, date, id FROM {source} WHERE {clause} ORDER BY {NEWEST_FIRST}"
    found = run(
        db,
        f"SELECT r, article_id FROM ({top}{' LIMIT ?' if scan else ''}) QUALIFY row_number() OVER "
        f"(PARTITION BY article_id ORDER BY {NEWEST_FIRST}) = 1 ORDER BY {NEWEST_FIRST} LIMIT ?",
        [*params, *([scan] if scan else []), limit],
    )
    return dict(zip(found["r"].tolist(), found["article_id"].tolist(), strict=True))


def record_rows(db, ids: list[str]) -> pd.DataFrame:
    """The interactions with these ids."""
    return by_id(db, "rows", ids, NEWEST_FIRST)


def by_id(db, table: str, ids: Collection[str], order: str) -> pd.DataFrame:
    """The rows of a mirror table with these ids, in `order` (no rows, with the table's columns, for none)."""
    if not ids:
        return dated(run(db, f"SELECT {whole(table)} FROM {table} LIMIT 0"), "date")
    sql = f"SELECT {whole(table)} FROM {table} WHERE {one_of('id', len(ids))} ORDER BY {order}"
    return dated(run(db, sql, list(ids)), "date")


def iter_rows(
    db, flt, chunk: int = 50_000, order: str = OLDEST, limit: int | None = None, offset: int = 0
) -> Iterator[pd.DataFrame]:
    """Every matching interaction in one of RECORD_ORDERS (oldest first by default), a chunk at a time
    (exports); only `limit` of them after the first `offset` when given.

    Why the order is found on the rows' keys and each chunk fetched by rowid: sorting whole rows (evidence
    and all) held half a gigabyte in DuckDB at 1M rows, whatever the chunk (a CSV export's peak 1.24 GB);
    the keys take a few dozen megabytes."""
    clause, params = conditions(db, flt)
    window = f" LIMIT {int(limit)}" if limit is not None else ""
    window += f" OFFSET {int(offset)}" if offset else ""
    sql = f"SELECT rowid FROM rows WHERE {clause} ORDER BY {RECORD_ORDERS[order].sql}{window}"
    order_of = db.cursor().execute(sql, params).fetchnumpy()["rowid"]
    for start in range(0, len(order_of), chunk):
        wanted = order_of[start : start + chunk]
        part = run(
            db, f"SELECT rowid AS chunk_rowid, {WHOLE_ROW} FROM rows WHERE rowid = ANY(?)", [wanted.tolist()]
        )
        part = part.set_index("chunk_rowid").loc[wanted].reset_index(drop=True)
        yield dated(part, "date")


def iter_chunks(db, sql: str, params: list, chunk: int = 50_000) -> Iterator[pd.DataFrame]:
    """The result of one query as frames of about `chunk` rows (dates as dates), fetched as they are read."""
    cursor = db.cursor().execute(sql, params)
    while True:
        part = cursor.fetch_df_chunk(max(1, chunk // 2048))
        if part.empty:
            return
        yield dated(part, "date")
