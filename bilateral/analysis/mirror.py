"""The page-query mirror: an in-process DuckDB copy of the store, kept in step by data revision.

Why: the store of record (SQLite, or PostgreSQL for a team) is good at transactions but slow at the
scans dashboards make (0.5 s per aggregate at 1M rows in SQLite); DuckDB answers the same questions in
milliseconds. The mirror holds one flat `rows` table (each interaction joined with its article, with the
roll-up to states, the dyads and the theme bit mask precomputed) and an `articles` table. `sync()` pulls
only what changed since the revision it last saw (new and edited rows, and recorded deletions: soft-deleted
rows are never pulled, and an undo re-stamps the row so it comes back), in batches read straight into
Arrow and enriched by DuckDB (store_reader.py, enrichment.py), so memory stays flat. It is persisted
beside the database, so a restart does not reload everything; when another process holds that file
(DuckDB locks it), the mirror lives in memory instead.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from pathlib import Path

import duckdb
from sqlalchemy import and_, case, func, or_, select

from bilateral.analysis.enrichment import (
    ARTICLE_SQL,
    MADE,
    ROW_JOINS,
    ROW_SQL,
    masks_table,
    rollup_table,
)
from bilateral.analysis.memo import Memo
from bilateral.analysis.store_reader import BulkRead, read_batches
from bilateral.registry import default_actors_path, load_actors, rollup_map
from bilateral.store import VAR_DIR, Store, database_path
from bilateral.store.tables import articles, deletions, interactions
from bilateral.store.writes import get_meta

MIRROR_FORMAT = "7"  # 5: the search text split between rows and articles; 6: the commentary flag; 7: numbers
ROW_COLUMNS = {
    "id": "VARCHAR",
    "article_id": "VARCHAR",
    "date": "DATE",
    "actor1": "VARCHAR",
    "actor2": "VARCHAR",
    "state1": "VARCHAR",
    "state2": "VARCHAR",
    "dyad": "VARCHAR",
    "dyad_raw": "VARCHAR",
    "direction": "VARCHAR",
    "event_type": "VARCHAR",
    "quad_class": "TINYINT",
    "score": "DOUBLE",
    "themes": "VARCHAR",
    "theme_mask": "INTEGER",
    "modality": "VARCHAR",
    "evidence": "VARCHAR",
    "coder": "VARCHAR",
    "confidence": "DOUBLE",
    "title": "VARCHAR",
    "source": "VARCHAR",
    "url": "VARCHAR",
    "summary": "VARCHAR",
    "status": "VARCHAR",
    "title_kind": "VARCHAR",
    "publisher": "VARCHAR",
    "source_checked": "VARCHAR",
    "verbatim": "BOOLEAN",
    "rev": "BIGINT",
    "dataset": "VARCHAR",
    "source_row_id": "VARCHAR",
    "source_url": "VARCHAR",
    "num_mentions": "BIGINT",
    "num_sources": "BIGINT",
    "num_articles": "BIGINT",
    "story_id": "VARCHAR",
    "search": "VARCHAR",
    "commentary": "BOOLEAN",
    "article_no": "INTEGER",
}
ARTICLE_COLUMNS = {
    "id": "VARCHAR",
    "title": "VARCHAR",
    "title_kind": "VARCHAR",
    "date": "DATE",
    "source": "VARCHAR",
    "url": "VARCHAR",
    "language": "VARCHAR",
    "summary": "VARCHAR",
    "status": "VARCHAR",
    "added_at": "VARCHAR",
    "source_checked": "VARCHAR",
    "publisher": "VARCHAR",
    "verbatim": "BOOLEAN",
    "rev": "BIGINT",
    "search": "VARCHAR",
    "no": "INTEGER",
}
_ARTICLE_JOINED = ("title", "source", "url", "summary", "status", "title_kind", "publisher", "source_checked")
# A bulk read commits every DuckDB row group: DuckDB holds a transaction's appends in memory until COMMIT
# (one transaction over 1M rows peaked at 1.05 GB; a commit every two row groups at 0.72 GB, every one at
# 0.65 GB), and a COMMIT costs ~0.3 s.
COMMIT_ROWS = 122_880
# DuckDB's own memory while a bulk read loads (the page queries keep QUERY_MEMORY): at 1M rows the load's
# peak fell from 0.65 to 0.49 GB (the process, Python included) at the same 10 s.
LOAD_MEMORY = "192MB"
QUERY_MEMORY = "512MB"
# DuckDB's allocator hands freed memory back after every task, purged by its own threads: with the defaults
# the app server kept ~40 MB more after three 100,000-record downloads; page queries as quick either way.
ALLOCATOR = {"allocator_flush_threshold": "0MB", "allocator_background_threads": True}
# A sync of more records than this reads through BulkRead (ADBC, ~5 µs a row against ~10 through the
# driver's cursor, after a ~0.5 s process start).
BULK_ROWS = 100_000


def mirror_path(store: Store) -> Path:
    """Where the mirror is kept: beside an SQLite file, else in BILATERAL_MIRROR_DIR or var/."""
    path = database_path(store.url)
    if path is not None:
        return path.with_name(path.name + ".mirror.duckdb")
    folder = Path(os.environ.get("BILATERAL_MIRROR_DIR") or VAR_DIR)
    return folder / f"mirror-{hashlib.sha1(store.url.encode()).hexdigest()[:12]}.duckdb"


# The rows of given articles (the Overview's latest cards count each article's matching rows): DuckDB
# reads such an index only when it is the query's one condition (row_queries.latest_by_article asks it so),
# and loads only the parts it touches (10M rows: 45 -> 4 ms, ~10 MB more memory, the file 23 % larger).
# Kept in step while a full load appends (1M rows: 8.8 s, as without it, within this VM's noise).
INDEXES = {"rows_article": "rows (article_id)"}


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    """The mirror's tables and indexes (idempotent: a mirror made before an index was declared gets it)."""
    con.execute("CREATE SEQUENCE IF NOT EXISTS article_numbers")
    con.execute(
        "CREATE TABLE IF NOT EXISTS rows (" + ", ".join(f"{k} {v}" for k, v in ROW_COLUMNS.items()) + ")"
    )
    columns = ", ".join(f"{k} {v}" for k, v in ARTICLE_COLUMNS.items())
    con.execute(f"CREATE TABLE IF NOT EXISTS articles ({columns})")
    con.execute("CREATE TABLE IF NOT EXISTS mirror_state (key VARCHAR PRIMARY KEY, value VARCHAR)")
    for name, on in INDEXES.items():
        con.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {on}")


def insert_sql(table: str, casts: bool = False) -> str:
    """INSERT of the registered frame `incoming` into a mirror table, with the columns it makes (MADE)."""
    columns, made = (ROW_COLUMNS if table == "rows" else ARTICLE_COLUMNS), MADE[table]
    given = [c for c in columns if c not in made]
    values = [f"CAST({c} AS {columns[c]})" if casts else c for c in given]
    return (f"INSERT INTO {table} ({', '.join([*given, *made])}) "
            f"SELECT {', '.join([*values, *made.values()])} FROM incoming")  # fmt: skip


def load_sql(table: str) -> str:
    """INSERT of a batch read from the store (the registered `incoming`) into a mirror table, enriched."""
    columns, made, joins = (
        (ROW_COLUMNS, ROW_SQL, ROW_JOINS) if table == "rows" else (ARTICLE_COLUMNS, ARTICLE_SQL, "")
    )
    values = ", ".join(made.get(c, f"i.{c}") for c in columns)
    return f"INSERT INTO {table} ({', '.join(columns)}) SELECT {values} FROM incoming i{joins}"


class Mirror:
    """The DuckDB copy of one store. `cursor()` for reads (any thread); `sync()` to catch up."""

    # a text search's rows copied in the background for the pages after its first (analysis/text_hits.py):
    # the app's mirror says yes; a command that asks once would only pay for the copy
    copies_text_rows = False

    def __init__(self, store: Store, path: Path | None = None, in_memory: bool = False):
        self.store = store
        self._lock = threading.Lock()
        self._store_id: str | None = None
        self._registry: tuple = (None, "")
        self._known_identity: str | None = None  # the identity last read or committed (see _stored_identity)
        self.path, self.con = _open(path or mirror_path(store), in_memory)
        create_tables(self.con)
        if self.path is not None and self._get("identity") not in (None, self._identity()):
            self._start_afresh()
        self.rev = self._state_rev()
        self.memo = Memo()  # small results of this revision: spans, text-search lists (analysis/memo.py)

    def _start_afresh(self) -> None:
        """A new, empty mirror file in place of one made for another store, format or registry (or a full
        load cut short), before any session reads it.

        Why not drop its tables and load again, as sync does: DuckDB keeps a dropped table's blocks in the
        file for later use, so a format change would leave every upgraded mirror twice its size.
        """
        self.con.close()
        for stale in (self.path, self.path.with_name(self.path.name + ".wal")):
            stale.unlink(missing_ok=True)
        self.path, self.con = _open(self.path, in_memory=False)
        create_tables(self.con)

    @property
    def persisted(self) -> bool:
        """True when the mirror lives in a file (False: in memory, rebuilt on start)."""
        return self.path is not None

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor of its own for the calling thread (DuckDB connections are not shared across threads)."""
        return self.con.cursor()

    def close(self) -> None:
        """Close the DuckDB file so another process may open it."""
        self.con.close()

    def sync(self) -> int:
        """Catch up with the store; returns the number of interaction rows pulled (0 when up to date).

        Why the check is under the lock: it reads the mirror's own connection, which another session's
        sync may be using mid-transaction (DuckDB refuses a second call on a busy connection). The store's
        revision is read under it too: read before, it could be older than the revision another session
        has just synced to, which looks like a store put back to an earlier state and reloads everything
        (dropping the tables other sessions are reading).
        """
        identity = self._identity()
        with self._lock:
            target = self.store.revision()
            if target == self.rev and self._stored_identity() == identity:
                return 0
            return self._sync(target, identity)

    def _sync(self, target: int, identity: str) -> int:
        """Pull what changed since the last revision seen: a full load, or a sync of more than BULK_ROWS
        records (after a big import), through BulkRead, in date order, committed every COMMIT_ROWS rows; a
        smaller sync through the driver's cursor (no process to start), in one transaction.

        Why a full load clears the mirror's identity first: a load cut short is then started afresh next time
        rather than taken for complete.
        """
        since = self.rev
        self._known_identity = None  # read afresh until this sync commits
        if self._get("identity") != identity or target < since:
            since = 0  # another database, format or registry: start afresh, with today's table layout
            self._run("DROP TABLE IF EXISTS rows; DROP TABLE IF EXISTS articles")
            self._run("DROP SEQUENCE IF EXISTS article_numbers")  # numbered afresh from 1
            create_tables(self.con)
            self._set("identity", "")
            self._set("rev", "0")
        engine = self.store.engine
        self._run("BEGIN TRANSACTION")
        try:
            self.con.register("rollup", rollup_table(rollup_map(load_actors())))
            if since and _pending(engine, since) <= BULK_ROWS:
                self._append("articles", read_batches(engine, _article_query(since)), since, bulk=False)
                pulled = self._append("rows", read_batches(engine, _row_query(since)), since, bulk=False)
            else:
                # Rows in date order (through the date index: ~10 % more read time), so DuckDB's per-block
                # min/max let date ranges and "newest first" pages skip most blocks (newest 500 of 1M
                # rows: 127 -> 26 ms of CPU). Later syncs append newer rows at the end.
                queries = [(_article_query(since), "rev"), (_row_query(since), "date")]
                self._run(f"SET memory_limit = '{LOAD_MEMORY}'")
                try:
                    with BulkRead(engine, queries) as reader:
                        self._append("articles", reader.batches(), since, bulk=True)
                        pulled = self._append("rows", reader.batches(), since, bulk=True)
                finally:
                    self._run(f"SET memory_limit = '{QUERY_MEMORY}'")
            for batch in read_batches(engine, _deletion_query(since)):
                self._delete(batch)
            self._set("identity", identity)
            self._set("rev", str(target))
            self._run("COMMIT")
            self._known_identity = identity
        except BaseException:
            self._run("ROLLBACK")
            raise
        finally:
            for name in ("rollup", "theme_masks", "incoming"):
                with contextlib.suppress(duckdb.Error):
                    self.con.unregister(name)
        self.rev = target
        self.memo.clear()  # a revision number alone may repeat (another store of the same age)
        return pulled

    def _append(self, table: str, batches, since: int, bulk: bool) -> int:
        """Batches read from the store into a mirror table, enriched, replacing the records they update; a
        bulk read commits every COMMIT_ROWS rows. Returns the rows inserted.

        Why commits mid-way are safe in an incremental sync too: the mirror's revision moves only at the end,
        so a sync cut short pulls the same records again, and each replaces its earlier copy.
        """
        masks: dict[str, int] = {}
        inserted = uncommitted = 0
        for batch in batches:
            self.con.register("incoming", batch)
            if table == "rows":
                self.con.register("theme_masks", masks_table(batch["themes"].unique().to_pylist(), masks))
            if since:
                self._run(f"DELETE FROM {table} WHERE id IN (SELECT id FROM incoming)")
            count = self._run(load_sql(table))[0][0]
            inserted, uncommitted = inserted + count, uncommitted + count
            if bulk and uncommitted >= COMMIT_ROWS:
                self._run("COMMIT")
                self._run("BEGIN TRANSACTION")
                uncommitted = 0
        return inserted

    def _delete(self, gone) -> None:
        """Remove recorded deletions (kind, id): interactions, and articles with their interactions."""
        self.con.register("gone", gone)
        try:
            self._run("DELETE FROM rows WHERE id IN (SELECT id FROM gone WHERE kind = 'interaction')")
            self._run("DELETE FROM articles WHERE id IN (SELECT id FROM gone WHERE kind = 'article')")
            self._run("DELETE FROM rows WHERE article_id IN (SELECT id FROM gone WHERE kind = 'article')")
        finally:
            self.con.unregister("gone")

    def _identity(self) -> str:
        """What the mirror must match: the store's id, the mirror format and the actor registry.

        Why cached: sync() runs on every page run; the store's id does not change under one Store, and the
        registry is hashed again only when its file changes (a stat, not a read).
        """
        if self._store_id is None:
            with self.store.engine.connect() as connection:
                self._store_id = get_meta(connection, "store_id") or self.store.url
        path = default_actors_path()
        stamp = (path.stat().st_mtime_ns, path.stat().st_size)
        if self._registry[0] != stamp:
            self._registry = (stamp, hashlib.sha1(path.read_bytes()).hexdigest()[:12])
        return f"{MIRROR_FORMAT}:{self._store_id}:{self._registry[1]}"

    def _stored_identity(self) -> str | None:
        """The identity the mirror file holds, read once and then kept until this object's next sync.

        Why kept: sync() runs before every read of a page (13 times on the Cooperation page), and reading it
        back each time was a DuckDB query each. Only this process writes the file while it holds it open."""
        if self._known_identity is None:
            self._known_identity = self._get("identity")
        return self._known_identity

    def _state_rev(self) -> int:
        value = self._get("rev")
        return int(value) if value else 0

    def _get(self, key: str) -> str | None:
        rows = self._run("SELECT value FROM mirror_state WHERE key = ?", [key])
        return rows[0][0] if rows else None

    def _set(self, key: str, value: str) -> None:
        self._run("INSERT OR REPLACE INTO mirror_state VALUES (?, ?)", [key, value])

    def _run(self, sql: str, params: list | None = None) -> list:
        """Execute and fetch every result row (DuckDB 2 refuses register() while a result is unread)."""
        return self.con.execute(sql, params or []).fetchall()


def _open(path: Path, in_memory: bool) -> tuple[Path | None, duckdb.DuckDBPyConnection]:
    """DuckDB at `path`, or in memory when asked or when another process holds the file."""
    config = {"threads": 2, "memory_limit": QUERY_MEMORY, **ALLOCATOR}
    if not in_memory:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            return path, duckdb.connect(str(path), config=config)
        except (duckdb.IOException, OSError):
            pass
    return None, duckdb.connect(":memory:", config=config)


def _row_query(since: int):
    """Interactions with their articles' columns: all, or those new or changed since `since` (or whose
    article is)."""
    joined = [articles.c[name] for name in _ARTICLE_JOINED]
    query = (
        select(*[c for c in interactions.c if c.name not in ("version", "deleted_at")], *joined, _verbatim())
        .join(articles, articles.c.id == interactions.c.article_id)
        .where(interactions.c.deleted_at.is_(None), articles.c.deleted_at.is_(None))
    )
    return query.where(or_(interactions.c.rev > since, articles.c.rev > since)) if since else query


def _article_query(since: int):
    """Articles (without their text, which the mirror does not hold): all, or those new or changed since."""
    columns = [c for c in articles.c if c.name not in ("text", "version", "deleted_at")]
    query = select(*columns, _verbatim()).where(articles.c.deleted_at.is_(None))
    return query.where(articles.c.rev > since) if since else query


def _verbatim():
    """Whether the article's text is stored, as 0/1 (an integer on both engines)."""
    return case((and_(articles.c.text.is_not(None), articles.c.text != ""), 1), else_=0).label("verbatim")


def _pending(engine, since: int) -> int:
    """About how many records a sync from `since` pulls: interactions and articles written since (two
    counts over the `rev` indexes; an edited article's interactions are not counted)."""
    with engine.connect() as connection:
        return sum(
            connection.execute(select(func.count()).select_from(table).where(table.c.rev > since)).scalar()
            for table in (interactions, articles)
        )


def _deletion_query(since: int):
    return select(deletions.c.kind, deletions.c.id, deletions.c.rev).where(deletions.c.rev > since)
