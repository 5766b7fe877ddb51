"""Streaming import of record files (JSONL, CSV or XLSX of articles and interactions) into the store.

Memory stays flat whatever the file size: records are read a block at a time (bilateral.importers.blocks:
JSONL parsed in C and validated column by column against the one declaration) on a second thread, and
written in batches, all inside ONE transaction. Any invalid record in any file rolls everything back: the
store is as it was, and the error lists each problem PATH:LINE: field. Records already stored (same id; an
article with the same URL) are skipped and counted.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection

from bilateral.errors import Problem, RecordError
from bilateral.importers.blocks import ARTICLE_FIELDS, INTERACTION_FIELDS, Block, BlockReader
from bilateral.importers.bulk import (
    bulk_transaction,
    indexes_built_after,
    insert_rows,
    is_big,
    lookup,
    prefetched,
    record_import,
    table_sizes,
)
from bilateral.model.files import missing_article
from bilateral.store.tables import articles, interactions
from bilateral.store.writes import ImportResult, next_revision

BATCH = 20_000
MAX_PROBLEMS = 200
BYTES_PER_RECORD = 400  # a JSONL record of the curated kind, roughly: to guess a file's rows from its size
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


class _Writer:
    """Writes Blocks in the caller's transaction: URL duplicates attach to the stored article, interactions
    whose article is neither stored nor read yet wait (up to BATCH) for it; ids already stored are skipped.

    Duplicates and references are checked against the store a block at a time (rows already written by
    this import are in it, inside the same transaction), so memory stays flat whatever the file size."""

    def __init__(self, connection: Connection, rev: int):
        self.connection, self.rev = connection, rev
        self.redirect: dict[str, str] = {}
        self.pending: list[tuple[str, int, tuple]] = []

    def add(self, block: Block, problems: list[Problem]) -> None:
        """Write the block's articles, then those of its interactions whose article is known."""
        kept = self._articles(block.articles)
        insert_rows(self.connection, articles, ARTICLE_FIELDS, kept, self.rev)
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
        stored = lookup(self.connection, articles.c.url, articles.c.id, {v[_URL] for _, v in rows if v[_URL]})
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
        insert_rows(self.connection, interactions, INTERACTION_FIELDS, rows, self.rev)

    def resolve(self, problems: list[Problem]) -> None:
        """Interactions whose article was not yet seen: keep those whose article is stored; report others."""
        if not self.pending:
            return
        wanted = {values[_ARTICLE_ID] for _, _, values in self.pending} - set(self.redirect)
        stored = lookup(self.connection, articles.c.id, articles.c.id, wanted)
        ready = []
        for path, line, values in self.pending:
            article_id = values[_ARTICLE_ID]
            if article_id in stored or article_id in self.redirect:
                ready.append(self._redirected(values))
            else:
                problems.append(missing_article(path, line, article_id))
        self._insert_interactions(ready)
        self.pending.clear()


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
    with bulk_transaction(engine, references_checked=True, what="records") as (connection, transaction):
        before = table_sizes(connection)
        writer = _Writer(connection, next_revision(connection))
        shown = 0
        with indexes_built_after(connection, is_big(paths, before[1], BYTES_PER_RECORD)):
            # one block ahead (as fast as two, 13 MB less peak) where the reading leaves Python's lock free
            for block in prefetched(blocks, depth=1) if reader.reads_in_c(paths) else blocks:
                progress.read += block.read
                problems += block.problems
                writer.add(block, problems)
                if on_progress and progress.read // every > shown:
                    shown = progress.read // every
                    on_progress(_counted(progress, problems))
            writer.resolve(problems)
        if problems:
            raise RecordError(problems[:MAX_PROBLEMS] + _more(problems))
        added = record_import(connection, writer.rev, actor, before, paths)
        if dry_run:
            transaction.rollback()
    result = ImportResult(added[0], added[1], progress.read - added[0] - added[1])
    if on_progress:
        progress.kept, progress.skipped = added[0] + added[1], result.skipped
        on_progress(progress)
    return result


def _counted(progress: Progress, problems: list[Problem]) -> Progress:
    progress.problems = len(problems)
    return progress


def _more(problems: list[Problem]) -> list[Problem]:
    if len(problems) <= MAX_PROBLEMS:
        return []
    last = problems[-1]
    return [Problem(last.path, last.line, "file", f"... and {len(problems) - MAX_PROBLEMS} more problems")]
