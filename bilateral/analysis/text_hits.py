"""Text search done once: the rows a text filter matches, kept per (words, mirror state), a few at a time.

Why: the text predicate (`contains(search, ?)`, declared in bilateral.filters.fields) scans every row's
text, about 40 ms at a million rows, and a page runs a dozen queries. Here the matching row ids are found
once and kept in an in-memory DuckDB catalog attached beside the mirror (every cursor of the mirror sees
it; nothing is written to the mirror file), and each query semi-joins them instead (about 4 ms).

A kept list is registered under the words and the mirror's state (its identity and data revision, read in
the same transaction as the rows), so a sync that changes the rows makes the next search look again. KEPT
lists are in use; older ones, and those of an older state, are put aside when a new one is made and dropped
a minute later. When more than half of the rows match, the rows that do NOT match are kept instead, so a
list never holds more than half the row ids.

Beside a list of at most COPY_LIMIT rows, a database that asks for it (`copies_text_rows`: the app's mirror)
also keeps the matching rows themselves, less their long texts, in a compressed in-memory table made on a
thread of its own once the list is there (`text_rows`): a page's aggregates then read those rows alone
rather than semi-joining every row of the mirror (10M rows, "pipeline", half a million matches: the
Overview's queries 305 -> 60 ms; 15 MB for the copy). The first page of a search does not wait for it (at
10M the copy takes ~0.8 s, the list 0.12 s); the pages after it read the copy once it is made.

Which list answers a search is itself remembered in the database's memo (bilateral.analysis.memo) for
half the grace a list put aside is given: the dozen queries of a page then look it up once
(each look-up was 1.5 to 3 ms at a million rows), and a remembered list cannot be dropped while in use.
"""

from __future__ import annotations

import contextlib
import threading
import time

import duckdb

from bilateral.analysis.memo import remembered
from bilateral.filters import BY_KEY

CATALOG = "text_hits"
KEPT = 4
COPY_LIMIT = 1_000_000  # matching rows copied at most (about 30 MB compressed); beyond, queries semi-join
LONG_TEXTS = (
    "search",
    "evidence",
    "title",
    "summary",
    "url",
    "source_url",
)  # not copied: no aggregate reads them
GRACE_SECONDS = 60.0  # a list put aside is dropped this long after (see _retire)
_STATE = "(SELECT coalesce(string_agg(key || '=' || value, ';' ORDER BY key), '') FROM mirror_state)"


def text_condition(db, text: str) -> tuple[str, list]:
    """SQL condition (and parameters) on `rows`: the search text contains `text`, through a kept list.

    Falls back to the declared predicate (a scan) when no list can be kept, so results never depend on it.
    """
    found = _remembered_list(db, text)
    if found is None:
        return BY_KEY["text"].sql(text)
    name, negated, _ = found
    return f"rowid {'NOT IN' if negated else 'IN'} (SELECT row_id FROM {CATALOG}.{name})", []


def text_rows(db, text: str) -> str | None:
    """The table holding the rows the search text matches (all but their long texts, each with its `rowid`
    in the mirror), or None while there is none (see the module's docstring): then use text_condition."""
    found = _remembered_list(db, text)
    if found is None or found[2] is None:  # no copy, nor one to come
        return None
    name = found[0]
    # a copy being made when the list was looked up: asked again until it is there (~1 ms a time)
    made = found[2] or remembered(db, ("text rows", name), lambda: _copied(db, name), GRACE_SECONDS / 2)
    return f"{CATALOG}.{name}_rows" if made else None


def _remembered_list(db, text: str) -> tuple[str, bool, bool | None] | None:
    """_find's answer, remembered for the page's queries; forgotten long before a list put aside can be
    dropped."""
    return remembered(db, ("text", text), lambda: _find(db, text), lifetime=GRACE_SECONDS / 2)


def copies_made(timeout: float = 60.0) -> None:
    """Wait until the copies of rows being made are made (for tests and the benchmark's warm runs)."""
    with _COPYING_LOCK:
        running = list(_COPYING)
    for thread in running:
        thread.join(timeout)


_COPYING: set[threading.Thread] = set()
_COPYING_LOCK = threading.Lock()


def _find(db, text: str) -> tuple[str, bool, bool | None] | None:
    """(table name, negated, rows copied: True, False while being made, None for no copy) of the list for
    these words, kept now if there is none; None when no list can be kept."""
    cursor = db.cursor()
    try:
        found = _lookup(cursor, text)
    except duckdb.CatalogException:  # the first search of this database instance
        found = None
    if found is None:
        try:
            _attach(cursor)
            found = _keep(cursor, text, copies=bool(getattr(db, "copies_text_rows", False)))
        except (duckdb.TransactionException, duckdb.CatalogException, duckdb.BinderException):
            # another session attached or kept the same list a moment ago (the next query finds it), or this
            # database cannot keep one (no mirror_state): this query scans
            return None
        if found[2] is False:
            _copy_later(db, found[0])
    return found


def kept_searches(db) -> list[str]:
    """The words of the lists in use now, newest first (for tests and curiosity)."""
    cursor = db.cursor()
    sql = f"SELECT text FROM {CATALOG}.searches WHERE retired IS NULL ORDER BY made DESC"
    try:
        return [r[0] for r in cursor.execute(sql).fetchall()]
    except duckdb.CatalogException:
        return []


def _attach(cursor) -> None:
    """The in-memory catalog and its register of searches (idempotent)."""
    cursor.execute(f"ATTACH IF NOT EXISTS ':memory:' AS {CATALOG} (READ_WRITE, COMPRESS)")
    cursor.execute(
        f"CREATE TABLE IF NOT EXISTS {CATALOG}.searches (name VARCHAR, text VARCHAR, state VARCHAR, "
        "negated BOOLEAN, copied BOOLEAN, made BIGINT, retired DOUBLE)"
    )


def _lookup(cursor, text: str) -> tuple[str, bool, bool | None] | None:
    """(table name, negated, rows copied) of the list kept for these words at the mirror's current state."""
    return cursor.execute(
        f"SELECT name, negated, copied FROM {CATALOG}.searches WHERE text = ? AND state = {_STATE} "
        "AND retired IS NULL ORDER BY made DESC LIMIT 1",
        [text],
    ).fetchone()


def _keep(cursor, text: str, copies: bool) -> tuple[str, bool, bool | None]:
    """Find the matching rows once and keep their ids (or, past half the rows, the others' ids); registered
    with copied False (to be made by the caller) when `copies` and at most COPY_LIMIT rows match, else None.

    Why one transaction: the state the list is named after and the rows it lists are read together, so a
    sync committed meanwhile cannot give a list of new rows an old name or the other way round.
    """
    clause, params = BY_KEY["text"].sql(text)
    cursor.execute("BEGIN TRANSACTION")
    try:
        state, made = cursor.execute(
            f"SELECT {_STATE}, (SELECT coalesce(max(made), 0) + 1 FROM {CATALOG}.searches)"
        ).fetchone()
        name = f"h{made}"
        cursor.execute(
            f"CREATE TABLE {CATALOG}.{name} AS SELECT rowid AS row_id FROM rows WHERE {clause}", params
        )
        matched = cursor.execute(f"SELECT count(*) FROM {CATALOG}.{name}").fetchone()[0]
        negated = matched * 2 > cursor.execute("SELECT count(*) FROM rows").fetchone()[0]
        if negated:
            cursor.execute(
                f"CREATE TABLE {CATALOG}.{name}_not AS SELECT rowid AS row_id FROM rows "
                f"WHERE rowid NOT IN (SELECT row_id FROM {CATALOG}.{name})"
            )
            cursor.execute(f"DROP TABLE {CATALOG}.{name}")
            name += "_not"
        copied = False if copies and not negated and matched <= COPY_LIMIT else None
        _retire(cursor, state)
        cursor.execute(
            f"INSERT INTO {CATALOG}.searches VALUES (?, ?, ?, ?, ?, ?, NULL)",
            [name, text, state, negated, copied, made],
        )
        cursor.execute("COMMIT")
    except BaseException:
        cursor.execute("ROLLBACK")
        raise
    return name, negated, copied


def _copied(db, name: str) -> bool | None:
    """True once the copy of the list's rows is made, else None (not remembered: asked again)."""
    try:
        found = (
            db.cursor().execute(f"SELECT copied FROM {CATALOG}.searches WHERE name = ?", [name]).fetchone()
        )
    except duckdb.Error:
        return None
    return True if found and found[0] else None


def _copy_later(db, name: str) -> None:
    """Make the copy of the list's rows on a thread of its own (see _copy)."""
    thread = threading.Thread(target=_copy, args=(db, name), name=f"text-rows-{name}", daemon=True)
    with _COPYING_LOCK:
        _COPYING.add(thread)
    thread.start()


def _copy(db, name: str) -> None:
    """Copy the rows of a kept list (every column but the long texts) and mark the list copied, in one
    transaction, if the mirror is still in the state the list was made in; else mark it as having none.

    Why the state is checked: a sync between the list and its copy would copy other rows under the list's
    name. Nothing here may fail the app: a copy that cannot be made leaves the list to answer."""
    try:
        cursor = db.cursor()
        cursor.execute("BEGIN TRANSACTION")
        try:
            same = cursor.execute(
                f"SELECT state = {_STATE} FROM {CATALOG}.searches WHERE name = ? AND retired IS NULL", [name]
            ).fetchone()
            made = bool(same and same[0])
            if made:
                cursor.execute(
                    f"CREATE TABLE {CATALOG}.{name}_rows AS SELECT rowid, {_copied_columns(cursor)} "
                    f"FROM rows WHERE rowid IN (SELECT row_id FROM {CATALOG}.{name}) ORDER BY rowid"
                )
            cursor.execute(
                f"UPDATE {CATALOG}.searches SET copied = ? WHERE name = ?", [True if made else None, name]
            )
            cursor.execute("COMMIT")
        except BaseException:
            cursor.execute("ROLLBACK")
            raise
        if made:
            _compress(cursor)
    except duckdb.Error:  # marked as having no copy, so no query asks for it again
        with contextlib.suppress(duckdb.Error):
            db.cursor().execute(f"UPDATE {CATALOG}.searches SET copied = NULL WHERE name = ?", [name])
    finally:
        with _COPYING_LOCK:
            _COPYING.discard(threading.current_thread())


def _copied_columns(cursor) -> str:
    """The mirror's row columns but the long texts, quoted, in table order."""
    names = cursor.execute(
        "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() "
        "AND schema_name = 'main' AND table_name = 'rows' ORDER BY column_index"
    ).fetchall()
    return ", ".join(f'"{n}"' for (n,) in names if n not in LONG_TEXTS)


def _compress(cursor) -> None:
    """Compress the in-memory catalog's new tables (DuckDB compresses at a checkpoint: 134 -> 15 MB for
    half a million copied rows); when another session's transaction prevents it now, a later one does it."""
    with contextlib.suppress(duckdb.Error):
        cursor.execute(f"CHECKPOINT {CATALOG}")


def _retire(cursor, state: str) -> None:
    """Put aside the lists of another mirror state and the oldest beyond KEPT - 1 (room for the new one);
    drop those put aside more than GRACE_SECONDS ago.

    Why not drop them at once: a session that has just looked a list up may be about to query it.
    """
    now = time.time()
    gone = cursor.execute(
        f"SELECT name FROM {CATALOG}.searches WHERE retired < ?", [now - GRACE_SECONDS]
    ).fetchall()
    for (name,) in gone:
        cursor.execute(f"DROP TABLE IF EXISTS {CATALOG}.{name}")
        cursor.execute(f"DROP TABLE IF EXISTS {CATALOG}.{name}_rows")
        cursor.execute(f"DELETE FROM {CATALOG}.searches WHERE name = ?", [name])
    newest = (
        f"SELECT name FROM {CATALOG}.searches WHERE retired IS NULL AND state = ? ORDER BY made DESC LIMIT ?"
    )
    cursor.execute(
        f"UPDATE {CATALOG}.searches SET retired = ? WHERE retired IS NULL AND name NOT IN ({newest})",
        [now, state, KEPT - 1],
    )
