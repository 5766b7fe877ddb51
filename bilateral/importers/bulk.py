"""What both bulk imports (record files, field data) do to write a million rows quickly into the store.

Why here: the record import (bilateral.importers.stream) and the field-data import
(bilateral.importers.field) share the store's tables and its engines' habits; each trick is written once.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Iterable, Iterator, Sequence
from operator import itemgetter
from pathlib import Path
from typing import TypeVar

import numpy as np
from sqlalchemy import Column, Connection, Table, func, select
from sqlalchemy.exc import SQLAlchemyError

from bilateral.errors import StoreError, driver_reason
from bilateral.store.changes import record_change
from bilateral.store.tables import articles, interactions

T = TypeVar("T")
# SQLite's page cache during a bulk import. 64 MB gave nothing over 32 MB but memory: A/B, two rounds each,
# 1M JSONL rows 62,567 and 60,332 -> 62,776 and 64,581 rows/s, peak 470 and 457 -> 425 and 428 MB; 2M
# GDELT rows at the same speed, 313 -> 248 MB. (Raising it to 256 MB for the index builds after a big
# import, or letting SQLite's sorter use two threads, was no quicker either.)
BULK_CACHE_KB = 32_768
BIG_IMPORT_ROWS = 200_000
LOOKUP_CHUNK = 500


def insert_sql(connection: Connection, table: str, columns: Iterable[str], rev: int) -> str:
    """INSERT ... ON CONFLICT DO NOTHING with positional parameters in the driver's own style, the
    revision written into the statement (an int of ours), so each row is the record's values as they are.

    The driver's executemany takes the rows as tuples: no per-row parameter processing (none of these
    column types needs any), which is most of an insert's cost in Python."""
    columns = list(columns)
    names, values = ", ".join(columns), ", ".join(_mark(connection) for _ in columns)
    return f"INSERT INTO {table} ({names}, rev) VALUES ({values}, {int(rev)}) ON CONFLICT DO NOTHING"


def _mark(connection: Connection) -> str:
    """The driver's positional parameter mark: `?` (sqlite3) or `%s` (psycopg)."""
    return "?" if connection.dialect.paramstyle == "qmark" else "%s"


def insert_rows(
    connection: Connection, table: Table, columns: Sequence[str], rows: list[tuple], rev: int
) -> None:
    """Insert the rows (tuples in `columns` order) with insert_sql, leaving out each nullable column that is
    None in every row: the store writes NULL there all the same.

    Why: binding costs per parameter, NULLs included; a curated record file leaves the six provenance columns
    of the field datasets empty, and binding them was 45% of SQLite's insert time (5.8 -> 3.1 us a row)."""
    if not rows:
        return
    kept = [i for i, name in enumerate(columns) if not (_may_omit(table.c[name]) and _all_none(rows, i))]
    if len(kept) < len(columns):
        columns = [columns[i] for i in kept]
        pick = itemgetter(*kept)
        rows = list(map(pick, rows)) if len(kept) > 1 else [(pick(row),) for row in rows]
    connection.exec_driver_sql(insert_sql(connection, table.name, columns, rev), rows)


def _may_omit(column: Column) -> bool:
    """A nullable column with no default of its own: left out of an INSERT, it is NULL."""
    return bool(column.nullable) and column.server_default is None and column.default is None


def _all_none(rows: list[tuple], at: int) -> bool:
    values = list(map(itemgetter(at), rows))
    return not any(values) and values.count(None) == len(values)  # any() in C first: most columns stop early


def lookup(connection: Connection, key: Column, value: Column, wanted: Iterable[str]) -> dict[str, str]:
    """{key: value} of the stored rows of key's table whose key is one of `wanted`, asked in chunks.

    The key is never blank, which lets SQLite use the partial unique index on URLs (without that
    condition it scans every article for each chunk). Plain SQL in the driver's parameter style: building
    the statement through SQLAlchemy cost a third of the time of these lookups in a 1M-row import."""
    found: dict[str, str] = {}
    ordered = sorted(wanted)
    mark = _mark(connection)
    for start in range(0, len(ordered), LOOKUP_CHUNK):
        chunk = ordered[start : start + LOOKUP_CHUNK]
        sql = (f"SELECT {key.name}, {value.name} FROM {key.table.name} "
               f"WHERE {key.name} IN ({', '.join(mark for _ in chunk)}) AND {key.name} != ''")  # fmt: skip
        found.update(connection.exec_driver_sql(sql, tuple(chunk)).all())
    return found


def is_big(paths: Iterable[Path], stored: int, bytes_per_row: int) -> bool:
    """True when the files hold more rows (guessed from their size) than the store has, and many of them."""
    guess = sum(Path(p).stat().st_size for p in paths) // bytes_per_row
    return guess >= max(BIG_IMPORT_ROWS, stored)


@contextlib.contextmanager
def indexes_built_after(connection: Connection, big: bool):
    """SQLite, a big import into a smaller store: the lookup indexes that no import check reads are dropped
    and built again after the rows are in, inside the caller's transaction (a failed import gets them back;
    call it after the transaction's first write, since SQLite's driver begins one only at a write).

    Why: building an index from the finished table sorts once; inserting into it a row at a time walks
    the tree for every row (the date index alone was a quarter of the insert time at 1M rows). Unique
    indexes stay: they are how duplicates are skipped."""
    if not big or connection.dialect.name != "sqlite":
        yield
        return
    dropped = [index for table in (articles, interactions) for index in table.indexes if not index.unique]
    for index in dropped:
        connection.exec_driver_sql(f"DROP INDEX IF EXISTS {index.name}")
    yield
    for index in dropped:
        index.create(connection)


def table_sizes(connection: Connection) -> tuple[int, int]:
    """(rows in articles, rows in interactions): an import's counts are the difference after and before."""
    return tuple(  # type: ignore[return-value]
        connection.execute(select(func.count()).select_from(table)).scalar_one()
        for table in (articles, interactions)
    )


def record_import(
    connection: Connection, rev: int, actor: str, before: tuple[int, int], paths: Iterable[Path], **details
) -> tuple[int, int]:
    """(articles, interactions) the import added, recorded as ONE audit row in its transaction: who, when,
    the files, the counts and its data revision (every row it added carries that revision).

    Why one row: a million-row import must show in the History without writing a million more rows."""
    after = table_sizes(connection)
    added = (after[0] - before[0], after[1] - before[1])
    summary = {
        "articles": added[0],
        "interactions": added[1],
        "rev": rev,
        "files": [Path(p).name for p in paths],
    }
    record_change(
        connection, rev, actor, "import", "import", f"rev {rev}", None, None, {**summary, **details}
    )
    return added


@contextlib.contextmanager
def bulk_transaction(engine, references_checked: bool, what: str):
    """(connection, transaction) of ONE transaction for a bulk import, with bulk_session's settings; a
    database refusal anywhere becomes StoreError naming `what` was refused, and nothing is written."""
    try:
        with (
            engine.connect() as connection,
            bulk_session(connection, references_checked),
            connection.begin() as transaction,
        ):
            yield connection, transaction
    except SQLAlchemyError as error:
        reason = driver_reason(error)
        raise StoreError(f"nothing was imported: the database refused the {what} ({reason})") from error


@contextlib.contextmanager
def bulk_session(connection: Connection, references_checked: bool):
    """SQLite: a larger page cache for this connection (index inserts seldom read pages back) and, when the
    caller has checked every article reference itself, no foreign-key lookup per inserted interaction.

    Both are set before the transaction begins (SQLite ignores foreign_keys inside one) and restored."""
    if connection.dialect.name != "sqlite":
        yield
        return
    driver = connection.connection.driver_connection
    driver.execute(f"PRAGMA cache_size = -{BULK_CACHE_KB}")
    if references_checked:
        driver.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        # An interrupt (Ctrl-C) makes SQLAlchemy drop the connection, whose settings go with it; setting
        # them on it raised "Cannot operate on a closed database" over the interrupt itself.
        if not connection.invalidated:
            driver.execute("PRAGMA foreign_keys = ON")
            driver.execute("PRAGMA cache_size = -2000")


def prefetched(items: Iterator[T], depth: int = 2) -> Iterator[T]:
    """The items, made on a second thread while the caller writes the previous ones.

    Why: parsing (pyarrow, which releases the GIL) and SQLite's inserts (which release it while they
    work) overlap on two cores. An error on the reading thread is raised here, in the caller."""
    handoff: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def hand(item) -> bool:
        """Put the item in the hand-off; False when the caller has stopped taking."""
        while not stop.is_set():
            try:
                handoff.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def read() -> None:
        try:
            for item in items:
                if not hand(item):
                    return
            hand(_END)
        except BaseException as error:  # handed to the caller, which raises it
            hand(error)

    reader = threading.Thread(target=read, name="import-reader", daemon=True)
    reader.start()
    try:
        while (item := handoff.get()) is not _END:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        reader.join()


_END = object()


class SeenKeys:
    """The keys an import has had so far, kept as 64-bit hashes in a few sorted runs: about 8 bytes a key
    where a set of strings takes about 60, so a 2 GB file's ids fit in flat memory.

    `maybe_seen` may say yes for a key never added (two keys with one hash, about one in 10^12 at 8M keys):
    the caller confirms those few against the store."""

    def __init__(self):
        self.runs: list[np.ndarray] = []

    @staticmethod
    def hashes(keys: list) -> np.ndarray:
        return np.fromiter((hash(k) for k in keys), np.int64, count=len(keys))

    def maybe_seen(self, hashes: np.ndarray) -> np.ndarray:
        """Per hash, True when a key with that hash was added."""
        found = np.zeros(len(hashes), bool)
        for run in self.runs:
            at = np.searchsorted(run, hashes).clip(0, len(run) - 1)
            found |= run[at] == hashes
        return found

    def add(self, hashes: np.ndarray) -> None:
        """Add a batch's hashes; runs of like size are merged, so there are at most ~log2(n) of them."""
        run = np.sort(hashes)
        while self.runs and len(self.runs[-1]) <= 2 * len(run):
            run = np.sort(np.concatenate((self.runs.pop(), run)), kind="mergesort")
        self.runs.append(run)
