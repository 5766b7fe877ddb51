"""Import GDELT, ICEWS and PLOVER/POLECAT files into the store: streamed, mapped by table, all or nothing.

Rows are read a line (an object) at a time and mapped (bilateral.importers.datasets), in a second process
for big inputs (bilateral.importers.mapping_process), and written in batches inside ONE transaction: an
unreadable file anywhere rolls everything back.
Re-import is idempotent: an interaction's id comes from its dataset and source row id, and the store has
a unique index on both, so rows already stored are counted and not written again. Duplicate ids inside
one import are reported with their file and line; the first is kept. One source article is made per
source URL (GDELT), per story (ICEWS) or per publication and day (PLOVER, GDELT backfile rows without a
URL): see docs in README.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

import numpy as np
from sqlalchemy import Connection, select
from sqlalchemy.dialects import postgresql, sqlite

from bilateral.importers.bulk import (
    SeenKeys,
    bulk_transaction,
    indexes_built_after,
    insert_rows,
    is_big,
    lookup,
    record_import,
    table_sizes,
)
from bilateral.importers.formats import FORMATS
from bilateral.importers.mapping import source_article
from bilateral.importers.mapping_process import Chunk, mapped_chunks
from bilateral.store.tables import articles, interactions
from bilateral.store.writes import next_revision

BYTES_PER_ROW = 250  # a GDELT event row, roughly: to guess a file's rows from its size (zips guess low)
MAX_DUPLICATES_LISTED = 20
DUPLICATE = "duplicate id in the import (first kept)"
STORED = "already stored (same dataset and source row id)"


@dataclass
class FieldProgress:
    """Where a field import is: rows read, kept, skipped by reason, duplicates, and the rate so far."""

    read: int = 0
    kept: int = 0
    skipped: Counter = field(default_factory=Counter)
    duplicates: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    articles: int = 0

    @property
    def rate(self) -> float:
        """Rows read per second."""
        elapsed = time.perf_counter() - self.started
        return self.read / elapsed if elapsed > 0 else 0.0

    def line(self) -> str:
        """One progress line for a terminal or the app."""
        skipped = sum(self.skipped.values())
        return f"{self.read:,} rows read ({self.rate:,.0f}/s), {self.kept:,} kept, {skipped:,} skipped"

    def summary(self) -> str:
        """What the import did, with the skipped rows counted by reason."""
        lines = [
            f"{self.kept:,} interactions added ({self.articles:,} source articles) from {self.read:,} rows"
        ]
        lines += [f"  skipped {n:,}: {reason}" for reason, n in self.skipped.most_common()]
        lines += [f"  {d}" for d in self.duplicates[:MAX_DUPLICATES_LISTED]]
        if len(self.duplicates) > MAX_DUPLICATES_LISTED:
            lines.append(f"  ... and {len(self.duplicates) - MAX_DUPLICATES_LISTED} more duplicates")
        return "\n".join(lines)


def _insert(connection: Connection, table):
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    return dialect.insert(table).on_conflict_do_nothing()


def _write(connection: Connection, table, rows: list[dict]) -> None:
    """Insert rows, skipping those already stored; SQLite takes plain tuples (3x quicker than dicts)."""
    if connection.dialect.name != "sqlite":
        connection.execute(_insert(connection, table), rows)
        return
    names = [c.name for c in table.columns if c.name in rows[0]]
    sql = f"INSERT OR IGNORE INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    connection.exec_driver_sql(sql, list(map(itemgetter(*names), rows)))


class _Batches:
    """Writes mapped rows a chunk at a time; everything it checks, it asks the store, so memory stays flat.

    Per chunk: an id already written by this import is a duplicate in the import (reported with its file
    and line, the first kept); an id stored before is skipped by the unique index; each row's source
    article is written with the chunk (one already stored is skipped), and a source URL stored under
    another id (a curated article) takes the rows to that article."""

    def __init__(self, connection: Connection, rev: int, progress: FieldProgress):
        self.connection, self.rev, self.progress = connection, rev, progress
        self.names: tuple[str, ...] = ()
        self.at: dict[str, int] = {}
        self.mapped = 0
        self.seen = SeenKeys()

    def write(self, chunk: Chunk) -> None:
        """Write one chunk of mapped rows (see mapping_process.Chunk)."""
        names, items = chunk
        if names != self.names:
            unknown = set(names) - set(interactions.c.keys())
            if unknown:
                raise ValueError(f"mapped rows carry columns the store lacks: {sorted(unknown)}")
            self.names, self.at = names, {name: i for i, name in enumerate(names)}
        rows = self._first_of_each_id(items)
        at_article = self.at["article_id"]
        found = {}
        for _, _, values, article in rows:
            if values[at_article] not in found:
                found[values[at_article]] = {**source_article(*article), "rev": self.rev}
        moved = self._stored_urls(found)
        if found:
            _write(self.connection, articles, list(found.values()))
        if rows:
            values = [v for _, _, v, _ in rows]
            if moved:
                values = [_replaced(v, at_article, moved.get(v[at_article])) for v in values]
            self._write_interactions(values)
        self.mapped += len(rows)
        self.progress.kept = self.mapped  # so far: queued; set to the rows actually added at the end

    def _write_interactions(self, values: list[tuple]) -> None:
        """The rows, with this import's revision, skipping ids already stored (tuples: see insert_rows)."""
        insert_rows(self.connection, interactions, self.names, values, self.rev)

    def _first_of_each_id(self, items: list) -> list[tuple[str, int, tuple, tuple]]:
        """The chunk without rows whose id this import has already had (earlier in the chunk, or written)."""
        at_dataset, at_id = self.at["dataset"], self.at["source_row_id"]
        keys = [values[at_dataset] + "\x1f" + values[at_id] for _, _, values, _ in items]
        hashes = SeenKeys.hashes(keys)
        maybe = self.seen.maybe_seen(hashes)
        self.seen.add(hashes)
        if not maybe.any() and len(set(keys)) == len(keys):
            return items
        written = self._written({keys[i] for i in np.flatnonzero(maybe)})
        kept, in_batch = [], set()
        for key, (name, line, values, article) in zip(keys, items, strict=True):
            if key in in_batch or key in written:
                self.progress.skipped[DUPLICATE] += 1
                self.progress.duplicates.append(f"{name}:{line}: id {values[at_id]} appears again")
                continue
            in_batch.add(key)
            kept.append((name, line, values, article))
        return kept

    def _written(self, keys: set[str]) -> set[str]:
        """Of these dataset + source row id keys, those this import has already written."""
        found = set()
        pairs = sorted(tuple(key.split("\x1f", 1)) for key in keys)
        for dataset in {d for d, _ in pairs}:
            ids = [i for d, i in pairs if d == dataset]
            query = select(interactions.c.source_row_id).where(
                interactions.c.dataset == dataset, interactions.c.rev == self.rev
            )
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                rows = self.connection.execute(query.where(interactions.c.source_row_id.in_(chunk))).scalars()
                found |= {dataset + "\x1f" + value for value in rows}
        return found

    def _stored_urls(self, found: dict[str, dict]) -> dict[str, str]:
        """{article id: stored id} for the batch's source URLs stored under another id; those are dropped."""
        urls = {a["url"]: a["id"] for a in found.values() if a["url"]}
        stored = lookup(self.connection, articles.c.url, articles.c.id, urls) if urls else {}
        moved = {urls[url]: other for url, other in stored.items() if other != urls[url]}
        for old in moved:
            del found[old]
        return moved


def _replaced(values: tuple, at: int, value) -> tuple:
    """The tuple with values[at] replaced, when value is not None."""
    return values if value is None else (*values[:at], value, *values[at + 1 :])


def import_field_files(
    engine,
    paths: list[Path],
    kind: str | None = None,
    on_progress: Callable[[FieldProgress], None] | None = None,
    every: int = 100_000,
    dry_run: bool = False,
    actor: str = "local",
) -> FieldProgress:
    """Import every row of every file in ONE transaction, or raise (FieldFileError, StoreError): no write.

    on_progress is called on the caller's thread (the app draws from it) every `every` rows read; dry_run
    maps and checks everything as an import would, then rolls back. The History gets one row for the import
    (bulk.record_import), by `actor`."""
    if kind is not None and kind not in FORMATS:
        raise ValueError(f"unknown format {kind!r}; expected one of {', '.join(FORMATS)}")
    progress = FieldProgress()
    with bulk_transaction(engine, references_checked=False, what="rows") as (connection, transaction):
        before = table_sizes(connection)
        batches = _Batches(connection, next_revision(connection), progress)
        shown = 0
        with indexes_built_after(connection, is_big(paths, before[1], BYTES_PER_ROW)):
            for chunk in mapped_chunks([Path(p) for p in paths], kind, progress):
                batches.write(chunk)
                if on_progress and progress.read // every > shown:
                    shown = progress.read // every
                    on_progress(progress)
        added = record_import(connection, batches.rev, actor, before, paths, format=kind or "detected")
        if dry_run:
            transaction.rollback()
    progress.articles, progress.kept = added
    if batches.mapped > progress.kept:
        progress.skipped[STORED] += batches.mapped - progress.kept
    if on_progress:
        on_progress(progress)
    return progress
