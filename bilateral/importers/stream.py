"""Streaming import of record files (JSONL or CSV of articles and interactions) into the store.

Memory stays flat whatever the file size: records are read a line at a time, validated against the one
declaration (bilateral.model), and written in batches, all inside ONE transaction. Any invalid record in
any file rolls everything back: the store is as it was, and the error lists each problem PATH:LINE: field.
Records already stored (same id; an article with the same URL) are skipped and counted.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from bilateral.errors import Problem, RecordError, StoreError
from bilateral.model import Article, Interaction
from bilateral.model.files import is_interaction, iter_raw_records
from bilateral.model.validation import article_from_dict, interaction_from_dict
from bilateral.store.tables import articles, interactions
from bilateral.store.writes import ImportResult, article_row, interaction_row, next_revision

BATCH = 20_000
MAX_PROBLEMS = 200


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


def _insert(connection: Connection, table):
    if connection.dialect.name == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing()
    return sqlite.insert(table).on_conflict_do_nothing()


def _insert_rows(connection: Connection, table, rows: list[dict]) -> None:
    """INSERT ... ON CONFLICT DO NOTHING of a batch of row dicts (all with the same keys).

    SQLite: the same statement SQLAlchemy compiles, handed to the driver's executemany with the dicts as
    they are (named parameters), which skips SQLAlchemy's per-row parameter processing (none of these
    column types needs any on SQLite) and is about twice as fast. Other databases: through SQLAlchemy."""
    if connection.dialect.name != "sqlite":
        connection.execute(_insert(connection, table), rows)
        return
    columns = list(rows[0])
    sql = (
        f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)}) "
        "ON CONFLICT DO NOTHING"
    )
    connection.exec_driver_sql(sql, rows)


def _count(connection: Connection, table) -> int:
    return connection.execute(select(func.count()).select_from(table)).scalar_one()


class _Writer:
    """Batches rows into one transaction; remembers new article ids and maps URL duplicates."""

    def __init__(self, connection: Connection, rev: int):
        self.connection, self.rev = connection, rev
        self.urls = dict(
            connection.execute(select(articles.c.url, articles.c.id).where(articles.c.url.is_not(None))).all()
        )
        self.new_articles: set[str] = set()
        self.redirect: dict[str, str] = {}
        self.article_rows: list[dict] = []
        self.interaction_rows: list[dict] = []
        self.failed = False

    def article(self, record: Article) -> bool:
        """Queue an article; False when it is a duplicate by URL of a stored or earlier one."""
        existing = self.urls.get(record.url or "")
        if existing and existing != record.id:
            self.redirect[record.id] = existing
            return False
        if record.url:
            self.urls[record.url] = record.id
        self.new_articles.add(record.id)
        if not self.failed:
            self.article_rows.append(article_row(record, self.rev))
        return True

    def interaction(self, record: Interaction) -> None:
        if not self.failed:
            article_id = self.redirect.get(record.article_id, record.article_id)
            self.interaction_rows.append(interaction_row(record, article_id, self.rev))
        if len(self.interaction_rows) + len(self.article_rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if self.failed:
            self.article_rows, self.interaction_rows = [], []
            return
        if self.article_rows:
            _insert_rows(self.connection, articles, self.article_rows)
        if self.interaction_rows:
            _insert_rows(self.connection, interactions, self.interaction_rows)
        self.article_rows, self.interaction_rows = [], []


def import_files(
    engine,
    paths: list[Path],
    known_actors: Collection[str],
    on_progress: Callable[[Progress], None] | None = None,
    every: int = 50_000,
    dry_run: bool = False,
) -> ImportResult:
    """Import every record of every file in ONE transaction, or raise RecordError and write nothing.

    dry_run: check everything exactly as an import would (ids, article references), then roll back.
    """
    progress = Progress(started=time.perf_counter())
    problems: list[Problem] = []
    pending: list[tuple[Interaction, str, int]] = []
    try:
        with engine.connect() as connection, connection.begin() as transaction:
            before = (_count(connection, articles), _count(connection, interactions))
            writer = _Writer(connection, next_revision(connection))
            for path, line, record, found in _records(paths, known_actors):
                progress.read += 1
                if found:
                    problems += found
                    writer.failed = True
                elif isinstance(record, Article):
                    writer.article(record)
                elif record.article_id in writer.new_articles or record.article_id in writer.redirect:
                    writer.interaction(record)
                else:
                    pending.append((record, path, line))
                if len(pending) >= BATCH:
                    _resolve(connection, writer, pending, problems)
                if on_progress and progress.read % every == 0:
                    on_progress(_counted(progress, problems))
            _resolve(connection, writer, pending, problems)
            writer.flush()
            if problems:
                raise RecordError(problems[:MAX_PROBLEMS] + _more(problems))
            after = (_count(connection, articles), _count(connection, interactions))
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


def _counted(progress: Progress, problems: list[Problem]) -> Progress:
    progress.problems = len(problems)
    return progress


def _more(problems: list[Problem]) -> list[Problem]:
    if len(problems) <= MAX_PROBLEMS:
        return []
    last = problems[-1]
    return [Problem(last.path, last.line, "file", f"... and {len(problems) - MAX_PROBLEMS} more problems")]


def _resolve(connection: Connection, writer: _Writer, pending: list, problems: list[Problem]) -> None:
    """Interactions whose article was not yet seen: keep those whose article is stored, report the rest."""
    if not pending:
        return
    wanted = {r.article_id for r, _, _ in pending} - writer.new_articles - set(writer.redirect)
    stored = set()
    ids = sorted(wanted)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        stored |= set(connection.execute(select(articles.c.id).where(articles.c.id.in_(chunk))).scalars())
    for record, path, line in pending:
        known = (
            record.article_id in stored
            or record.article_id in writer.new_articles
            or record.article_id in writer.redirect
        )
        if known:
            writer.interaction(record)
        else:
            problems.append(Problem(path, line, "article_id", f"no article with id {record.article_id!r}"))
            writer.failed = True
    pending.clear()


def _records(
    paths: list[Path], known_actors: Collection[str]
) -> Iterator[tuple[str, int, object, list[Problem]]]:
    """(path, line, record or None, problems) for every record of every file; nested interactions too."""
    for path in paths:
        name = str(path)
        for number, raw, problem in iter_raw_records(Path(path)):
            if problem:
                yield name, number, None, [problem]
                continue
            if is_interaction(raw):
                record, found = interaction_from_dict(raw, name, number, known_actors)
                yield name, number, record, found
                continue
            nested = raw.pop("interactions", None) or []
            article, found = article_from_dict(raw, name, number)
            yield name, number, article, found
            for child in nested if article else ():
                child = {**child, "article_id": article.id, "date": child.get("date") or article.date}
                record, found = interaction_from_dict(child, name, number, known_actors)
                yield name, number, record, found
