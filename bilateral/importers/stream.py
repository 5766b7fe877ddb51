"""Streaming import of record files (JSONL or CSV of articles and interactions) into the store.

Memory stays flat whatever the file size: records are read a block at a time (bilateral.importers.blocks:
JSONL parsed in C and validated column by column against the one declaration) on a second thread, and
written in batches, all inside ONE transaction. Any invalid record in any file rolls everything back: the
store is as it was, and the error lists each problem PATH:LINE: field. Records already stored (same id; an
article with the same URL) are skipped and counted.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, func, select
from sqlalchemy.exc import SQLAlchemyError

from bilateral.errors import Problem, RecordError, StoreError
from bilateral.importers.blocks import ARTICLE_FIELDS, INTERACTION_FIELDS, Block, BlockReader
from bilateral.store.changes import record_change
from bilateral.store.tables import articles, interactions
from bilateral.store.writes import ImportResult, next_revision

BATCH = 20_000
MAX_PROBLEMS = 200
_ID, _URL = ARTICLE_FIELDS.index("id"), ARTICLE_FIELDS.index("url")
_ARTICLE_ID = INTERACTION_FIELDS.index("article_id")


@dataclass
class Progress:
    """Where an import is: records read, kept, skipped, problems, and the rate so far."""

    read: int = 0
    kept: int = 0
    skipped: int = 0
    problems: int = 0
    started: float = 0.0

    @property
    def rate(self) -> float:
        """Records read per second."""
        elapsed = time.perf_counter() - self.started
        return self.read / elapsed if elapsed > 0 else 0.0


def _count(connection: Connection, table) -> int:
    return connection.execute(select(func.count()).select_from(table)).scalar_one()


class _Writer:
    """Writes Blocks in the caller's transaction: URL duplicates attach to the stored article, interactions
    whose article is neither stored nor read yet wait (up to BATCH) for it; ids already stored are skipped.

    Duplicates and references are checked against the store a block at a time (rows already written by
    this import are in it, inside the same transaction), so memory stays flat whatever the file size."""

    def __init__(self, connection: Connection, rev: int):
        self.connection, self.rev = connection, rev
        self.redirect: dict[str, str] = {}
        self.pending: list[tuple[str, int, tuple]] = []
        self.articles_sql = _insert_sql(connection, articles.name, ARTICLE_FIELDS, rev)
        self.interactions_sql = _insert_sql(connection, interactions.name, INTERACTION_FIELDS, rev)

    def add(self, block: Block, problems: list[Problem]) -> None:
        """Write the block's articles, then those of its interactions whose article is known."""
        kept = self._articles(block.articles)
        if kept:
            self.connection.exec_driver_sql(self.articles_sql, kept)
        known = {row[_ID] for row in kept}
        redirect = self.redirect
        ready = []
        for line, values in block.interactions:
            article_id = values[_ARTICLE_ID]
            if article_id in known:
                ready.append(values)
            elif article_id in redirect:
                ready.append(self._redirected(values))
            else:
                self.pending.append((block.path, line, values))
        self._insert_interactions(ready)
        if len(self.pending) >= BATCH:
            self.resolve(problems)

    def _articles(self, rows: list[tuple[int, tuple]]) -> list[tuple]:
        """The block's articles to insert, minus those whose URL another article already has."""
        stored = _lookup(
            self.connection, articles.c.url, articles.c.id, {v[_URL] for _, v in rows if v[_URL]}
        )
        kept = []
        for _, values in rows:
            url, article_id = values[_URL], values[_ID]
            if url:
                existing = stored.get(url)
                if existing and existing != article_id:
                    self.redirect[article_id] = existing
                    continue
                stored[url] = article_id
            kept.append(values)
        return kept

    def _redirected(self, values: tuple) -> tuple:
        """The interaction attached to the stored article its article duplicates (same URL)."""
        target = self.redirect.get(values[_ARTICLE_ID], values[_ARTICLE_ID])
        return (*values[:_ARTICLE_ID], target, *values[_ARTICLE_ID + 1 :])

    def _insert_interactions(self, rows: list[tuple]) -> None:
        if rows:
            self.connection.exec_driver_sql(self.interactions_sql, rows)

    def resolve(self, problems: list[Problem]) -> None:
        """Interactions whose article was not yet seen: keep those whose article is stored; report others."""
        if not self.pending:
            return
        wanted = {values[_ARTICLE_ID] for _, _, values in self.pending} - set(self.redirect)
        stored = _lookup(self.connection, articles.c.id, articles.c.id, wanted)
        ready = []
        for path, line, values in self.pending:
            article_id = values[_ARTICLE_ID]
            if article_id in stored or article_id in self.redirect:
                ready.append(self._redirected(values))
            else:
                problems.append(Problem(path, line, "article_id", f"no article with id {article_id!r}"))
        self._insert_interactions(ready)
        self.pending.clear()


def _insert_sql(connection: Connection, table: str, columns: tuple[str, ...], rev: int) -> str:
    """INSERT ... ON CONFLICT DO NOTHING with positional parameters in the driver's own style, the
    revision written into the statement (an int of ours), so each row is the record's values as they are.

    The driver's executemany takes the rows as tuples: no per-row parameter processing (none of these
    column types needs any), which is most of an insert's cost in Python."""
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    names, values = ", ".join(columns), ", ".join(mark for _ in columns)
    return f"INSERT INTO {table} ({names}, rev) VALUES ({values}, {int(rev)}) ON CONFLICT DO NOTHING"


def _lookup(connection: Connection, key, value, wanted: set[str]) -> dict[str, str]:
    """{key: value} of the stored articles whose key is one of `wanted`, asked in chunks.

    The key is never blank, which lets the query use the partial unique index on URLs."""
    found: dict[str, str] = {}
    ordered = sorted(wanted)
    for start in range(0, len(ordered), 500):
        chunk = ordered[start : start + 500]
        query = select(key, value).where(key.in_(chunk), key.is_not(None), key != "")
        found.update(connection.execute(query).all())
    return found


def _prefetched(blocks: Iterator[Block], depth: int = 2) -> Iterator[Block]:
    """The blocks, read and validated on a second thread while the caller writes the previous ones.

    Why: parsing (pyarrow, which releases the GIL) and SQLite's inserts (which release it while they
    work) overlap on two cores. An error on the reading thread is raised here, in the caller."""
    handoff: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def read() -> None:
        try:
            for block in blocks:
                while not stop.is_set():
                    try:
                        handoff.put(block, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            handoff.put(_END)
        except BaseException as error:  # handed to the caller, which raises it
            handoff.put(error)

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


def import_files(
    engine,
    paths: list[Path],
    known_actors: Collection[str],
    on_progress: Callable[[Progress], None] | None = None,
    every: int = 50_000,
    dry_run: bool = False,
    actor: str = "local",
) -> ImportResult:
    """Import every record of every file in ONE transaction, or raise RecordError and write nothing.

    dry_run: check everything exactly as an import would (ids, article references), then roll back.
    The audit trail gets one row for the import (who, when, the files, the counts, its data revision:
    every row it added carries that revision), so a million-row import does not write a million more.
    """
    progress = Progress(started=time.perf_counter())
    problems: list[Problem] = []
    reader = BlockReader(known_actors)
    blocks = (block for path in paths for block in reader.blocks(Path(path)))
    try:
        with engine.connect() as connection, _for_bulk(connection), connection.begin() as transaction:
            before = (_count(connection, articles), _count(connection, interactions))
            writer = _Writer(connection, next_revision(connection))
            shown = 0
            with _indexes_built_after(connection, _big(paths, before[1])):
                for block in _prefetched(blocks):
                    progress.read += block.read
                    problems += block.problems
                    writer.add(block, problems)
                    if on_progress and progress.read // every > shown:
                        shown = progress.read // every
                        on_progress(_counted(progress, problems))
                writer.resolve(problems)
            if problems:
                raise RecordError(problems[:MAX_PROBLEMS] + _more(problems))
            after = (_count(connection, articles), _count(connection, interactions))
            counts = {
                "articles": after[0] - before[0],
                "interactions": after[1] - before[1],
                "rev": writer.rev,
            }
            record_change(connection, writer.rev, actor, "import", "import", f"rev {writer.rev}", None, None,
                          {**counts, "files": [Path(p).name for p in paths]})  # fmt: skip
            if dry_run:
                transaction.rollback()
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        raise StoreError(f"nothing was imported: the database refused the records ({reason})") from error
    added = (after[0] - before[0], after[1] - before[1])
    result = ImportResult(added[0], added[1], progress.read - added[0] - added[1])
    if on_progress:
        progress.kept, progress.skipped = added[0] + added[1], result.skipped
        on_progress(progress)
    return result


BULK_CACHE_KB = 65_536
BIG_IMPORT_ROWS = 200_000
BYTES_PER_RECORD = 400  # a JSONL record of the curated kind, roughly: to guess a file's rows from its size


def _big(paths: list[Path], stored: int) -> bool:
    """True when the files hold more records (by their size) than the store has, and many of them."""
    guess = sum(Path(p).stat().st_size for p in paths) // BYTES_PER_RECORD
    return guess >= max(BIG_IMPORT_ROWS, stored)


@contextmanager
def _indexes_built_after(connection: Connection, big: bool):
    """SQLite, a big import into a smaller store: the lookup indexes that no import check reads are dropped
    and built again after the rows are in, inside the same transaction (a failed import gets them back).

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


@contextmanager
def _for_bulk(connection: Connection):
    """SQLite: a larger page cache for this connection (index inserts seldom read pages back), and no
    foreign-key lookup per inserted interaction: the writer has checked every article reference itself.

    Both are set before the transaction begins (SQLite ignores foreign_keys inside one) and restored."""
    if connection.dialect.name != "sqlite":
        yield
        return
    driver = connection.connection.driver_connection
    driver.execute(f"PRAGMA cache_size = -{BULK_CACHE_KB}")
    driver.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        driver.execute("PRAGMA foreign_keys = ON")
        driver.execute("PRAGMA cache_size = -2000")


def _counted(progress: Progress, problems: list[Problem]) -> Progress:
    progress.problems = len(problems)
    return progress


def _more(problems: list[Problem]) -> list[Problem]:
    if len(problems) <= MAX_PROBLEMS:
        return []
    last = problems[-1]
    return [Problem(last.path, last.line, "file", f"... and {len(problems) - MAX_PROBLEMS} more problems")]
