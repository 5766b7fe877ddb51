"""Text search done once: the rows a text filter matches, kept per (words, mirror state), a few at a time.

Why: the text predicate (`contains(search, ?)`, declared in bilateral.filters.fields) scans every row's
text, about 40 ms at a million rows, and a page runs a dozen queries. Here the matching row ids are found
once and kept in an in-memory DuckDB catalog attached beside the mirror (every cursor of the mirror sees
it; nothing is written to the mirror file), and each query semi-joins them instead (about 4 ms).

A kept list is named after the words and the mirror's state (its identity and data revision, read in the
same transaction as the rows), so a sync that changes the rows makes the next search look again; lists of
an older state are dropped then, and KEPT lists are kept (a few more for a moment when sessions search
at once). When more than half of the rows match, the rows that do NOT match are kept instead, so a list
never holds more than half the row ids.
"""

from __future__ import annotations

import hashlib

import duckdb

from bilateral.filters import BY_KEY

CATALOG = "text_hits"
KEPT = 4
_STATE = "(SELECT coalesce(string_agg(key || '=' || value, ';' ORDER BY key), '') FROM mirror_state)"


def text_condition(db, text: str) -> tuple[str, list]:
    """SQL condition (and parameters) on `rows`: the search text contains `text`, through a kept list.

    Falls back to the declared predicate (a scan) when no list can be kept, so results never depend on it.
    """
    cursor = db.cursor()
    try:
        found = _lookup(cursor, text)
    except duckdb.CatalogException:  # first search of this database instance: attach the catalog
        _attach(cursor)
        found = None
    if found is None:
        try:
            found = _keep(cursor, text)
        except (duckdb.TransactionException, duckdb.CatalogException):  # another thread kept it just now
            found = _lookup(cursor, text)
    if found is None:
        return BY_KEY["text"].sql(text)
    name, negated = found
    return f"rowid {'NOT IN' if negated else 'IN'} (SELECT row_id FROM {CATALOG}.{name})", []


def kept_searches(db) -> list[str]:
    """The words of the lists kept now, newest first (for tests and curiosity)."""
    cursor = db.cursor()
    try:
        return [
            r[0] for r in cursor.execute(f"SELECT text FROM {CATALOG}.searches ORDER BY made DESC").fetchall()
        ]
    except duckdb.CatalogException:
        return []


def _attach(cursor) -> None:
    cursor.execute(f"ATTACH IF NOT EXISTS ':memory:' AS {CATALOG} (READ_WRITE)")
    cursor.execute(
        f"CREATE TABLE IF NOT EXISTS {CATALOG}.searches "
        "(name VARCHAR, text VARCHAR, state VARCHAR, negated BOOLEAN, made BIGINT)"
    )


def _lookup(cursor, text: str) -> tuple[str, bool] | None:
    """(table name, negated) of the list kept for these words at the mirror's current state, if any."""
    return cursor.execute(
        f"SELECT name, negated FROM {CATALOG}.searches WHERE text = ? AND state = {_STATE}", [text]
    ).fetchone()


def _keep(cursor, text: str) -> tuple[str, bool]:
    """Find the matching rows once and keep their ids (or, past half the rows, the others' ids).

    Why one transaction: the state the list is named after and the rows it lists are read together, so a
    sync committed meanwhile cannot give a list of new rows an old name or the other way round.
    """
    clause, params = BY_KEY["text"].sql(text)
    cursor.execute("BEGIN TRANSACTION")
    try:
        state = cursor.execute(f"SELECT {_STATE}").fetchone()[0]
        name = "h_" + hashlib.sha1(f"{state}\x00{text}".encode()).hexdigest()[:16]
        table = f"{CATALOG}.{name}"
        cursor.execute(f"CREATE TABLE {table} AS SELECT rowid AS row_id FROM rows WHERE {clause}", params)
        matched = cursor.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        negated = matched * 2 > cursor.execute("SELECT count(*) FROM rows").fetchone()[0]
        if negated:
            cursor.execute(
                f"CREATE TABLE {table}_not AS SELECT rowid AS row_id FROM rows "
                f"WHERE rowid NOT IN (SELECT row_id FROM {table})"
            )
            cursor.execute(f"DROP TABLE {table}")
            name += "_not"
        _forget(cursor, state)
        cursor.execute(
            f"INSERT INTO {CATALOG}.searches SELECT ?, ?, ?, ?, coalesce(max(made), 0) + 1 "
            f"FROM {CATALOG}.searches",
            [name, text, state, negated],
        )
        cursor.execute("COMMIT")
    except BaseException:
        cursor.execute("ROLLBACK")
        raise
    return name, negated


def _forget(cursor, state: str) -> None:
    """Drop the lists of another mirror state and the oldest beyond KEPT - 1 (room for the new one)."""
    stale = cursor.execute(
        f"SELECT name FROM {CATALOG}.searches WHERE state != ? "
        f"UNION ALL (SELECT name FROM {CATALOG}.searches WHERE state = ? ORDER BY made DESC OFFSET ?)",
        [state, state, KEPT - 1],
    ).fetchall()
    for (name,) in stale:
        cursor.execute(f"DROP TABLE IF EXISTS {CATALOG}.{name}")
        cursor.execute(f"DELETE FROM {CATALOG}.searches WHERE name = ?", [name])
