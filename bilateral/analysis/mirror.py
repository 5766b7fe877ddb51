"""The page-query mirror: an in-process DuckDB copy of the store, kept in step by data revision.

Why: the store of record (SQLite, or PostgreSQL for a team) is good at transactions but slow at the
scans dashboards make (0.5 s per aggregate at 1M rows in SQLite); DuckDB answers the same questions in
milliseconds. The mirror holds one flat `rows` table (each interaction joined with its article, with the
roll-up to states, the dyads and the theme bit mask precomputed) and an `articles` table. `sync()` pulls
only what changed since the revision it last saw (new and edited rows, and recorded deletions: soft-deleted
rows are never pulled, and an undo re-stamps the row so it comes back), in chunks,
so memory stays flat. It is persisted beside the database, so a restart does not reload everything; when
another process holds that file (DuckDB locks it), the mirror lives in memory instead.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

import duckdb
import pandas as pd
from sqlalchemy import and_, or_, select

from bilateral.filters import theme_mask
from bilateral.registry import default_actors_path, load_actors, rollup_map
from bilateral.store import VAR_DIR, Store, database_path
from bilateral.store.tables import articles, deletions, interactions
from bilateral.store.writes import get_meta

MIRROR_FORMAT = "4"
CHUNK_ROWS = 50_000
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
}
# The text filter searches one lower-cased column: title, summary and evidence joined by a unit
# separator (no typed needle holds one), so a search lower-cases nothing at query time and scans one column.
SEARCH_SQL = "lower(concat_ws(chr(31), coalesce(title, ''), coalesce(summary, ''), coalesce(evidence, '')))"
_ARTICLE_JOINED = ("title", "source", "url", "summary", "status", "title_kind", "publisher", "source_checked")


def mirror_path(store: Store) -> Path:
    """Where the mirror is kept: beside an SQLite file, else in BILATERAL_MIRROR_DIR or var/."""
    path = database_path(store.url)
    if path is not None:
        return path.with_name(path.name + ".mirror.duckdb")
    folder = Path(os.environ.get("BILATERAL_MIRROR_DIR") or VAR_DIR)
    return folder / f"mirror-{hashlib.sha1(store.url.encode()).hexdigest()[:12]}.duckdb"


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    """The mirror's tables (idempotent)."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS rows (" + ", ".join(f"{k} {v}" for k, v in ROW_COLUMNS.items()) + ")"
    )
    columns = ", ".join(f"{k} {v}" for k, v in ARTICLE_COLUMNS.items())
    con.execute(f"CREATE TABLE IF NOT EXISTS articles ({columns})")
    con.execute("CREATE TABLE IF NOT EXISTS mirror_state (key VARCHAR PRIMARY KEY, value VARCHAR)")


def insert_sql(table: str, casts: bool = False) -> str:
    """INSERT of the registered frame `incoming` into a mirror table (rows: with the search column made)."""
    columns = ROW_COLUMNS if table == "rows" else ARTICLE_COLUMNS
    given = [c for c in columns if c != "search"]
    values = [f"CAST({c} AS {columns[c]})" if casts else c for c in given]
    if table == "rows":
        given, values = [*given, "search"], [*values, SEARCH_SQL]
    return f"INSERT INTO {table} ({', '.join(given)}) SELECT {', '.join(values)} FROM incoming"


class Mirror:
    """The DuckDB copy of one store. `cursor()` for reads (any thread); `sync()` to catch up."""

    def __init__(self, store: Store, path: Path | None = None, in_memory: bool = False):
        self.store = store
        self._lock = threading.Lock()
        self._store_id: str | None = None
        self._registry: tuple = (None, "")
        self.path, self.con = _open(path or mirror_path(store), in_memory)
        create_tables(self.con)
        self.rev = self._state_rev()

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
        sync may be using mid-transaction (DuckDB refuses a second call on a busy connection).
        """
        target = self.store.revision()
        identity = self._identity()
        with self._lock:
            if target == self.rev and self._get("identity") == identity:
                return 0
            return self._sync(target, identity)

    def _sync(self, target: int, identity: str) -> int:
        """Pull what changed since the last revision seen; a full load commits chunk by chunk.

        Why chunk commits on a full load: DuckDB holds a transaction's appends in memory until COMMIT, so one
        transaction over a million rows peaked at 1.4 GB. The mirror's identity is cleared first, so a load
        cut short is started afresh next time rather than taken for complete.
        """
        since = self.rev
        if self._get("identity") != identity or target < since:
            since = 0  # another database, format or registry: start afresh, with today's table layout
            self.con.execute("DROP TABLE IF EXISTS rows; DROP TABLE IF EXISTS articles")
            create_tables(self.con)
            self._set("identity", "")
            self._set("rev", "0")
        full = since == 0
        pulled = 0
        rollup = rollup_map(load_actors())
        masks: dict[str, int] = {}
        self.con.execute("BEGIN TRANSACTION")
        try:
            with self.store.engine.connect() as connection:
                for frame in _chunks(connection, _article_query(since)):
                    self._replace("articles", _article_frame(frame), since)
                    self._checkpoint(full)
                for frame in _chunks(connection, _row_query(since)):
                    self._replace("rows", enrich(frame, rollup, masks), since)
                    pulled += len(frame)
                    self._checkpoint(full)
                gone = connection.execute(
                    select(deletions.c.kind, deletions.c.id).where(deletions.c.rev > since)
                )
                for kind, record_id in gone:
                    table = "rows" if kind == "interaction" else "articles"
                    self.con.execute(f"DELETE FROM {table} WHERE id = ?", [record_id])
                    if kind == "article":
                        self.con.execute("DELETE FROM rows WHERE article_id = ?", [record_id])
            self._set("identity", identity)
            self._set("rev", str(target))
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.rev = target
        return pulled

    def _checkpoint(self, full: bool) -> None:
        """During a full load, commit what was appended so far (see _sync)."""
        if full:
            self.con.execute("COMMIT")
            self.con.execute("BEGIN TRANSACTION")

    def _replace(self, table: str, frame: pd.DataFrame, since: int) -> None:
        self.con.register("incoming", frame)
        try:
            if since:
                self.con.execute(f"DELETE FROM {table} WHERE id IN (SELECT id FROM incoming)")
            self.con.execute(insert_sql(table))
        finally:
            self.con.unregister("incoming")

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

    def _state_rev(self) -> int:
        value = self._get("rev")
        return int(value) if value else 0

    def _get(self, key: str) -> str | None:
        row = self.con.execute("SELECT value FROM mirror_state WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def _set(self, key: str, value: str) -> None:
        self.con.execute("INSERT OR REPLACE INTO mirror_state VALUES (?, ?)", [key, value])


def _open(path: Path, in_memory: bool) -> tuple[Path | None, duckdb.DuckDBPyConnection]:
    """DuckDB at `path`, or in memory when asked or when another process holds the file."""
    config = {"threads": 2, "memory_limit": "512MB"}
    if not in_memory:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            return path, duckdb.connect(str(path), config=config)
        except (duckdb.IOException, OSError):
            pass
    return None, duckdb.connect(":memory:", config=config)


def _row_query(since: int):
    joined = [articles.c[name] for name in _ARTICLE_JOINED]
    verbatim = and_(articles.c.text.is_not(None), articles.c.text != "").label("verbatim")
    query = (
        select(*interactions.c, *joined, verbatim)
        .join(articles, articles.c.id == interactions.c.article_id)
        .where(interactions.c.deleted_at.is_(None), articles.c.deleted_at.is_(None))
    )
    if since:
        return query.where(or_(interactions.c.rev > since, articles.c.rev > since))
    # A full sync writes the rows in date order (through the date index: ~10 % more fetch time), so DuckDB's
    # per-block min/max let date ranges and "newest first" pages skip most blocks (newest 500 of 1M rows:
    # 127 -> 26 ms of CPU). Later syncs append newer rows at the end, which keeps the order roughly.
    return query.order_by(interactions.c.date)


def _article_query(since: int):
    columns = [c for c in articles.c if c.name != "text"]
    verbatim = and_(articles.c.text.is_not(None), articles.c.text != "").label("verbatim")
    query = select(*columns, verbatim).where(articles.c.deleted_at.is_(None))
    return query.where(articles.c.rev > since) if since else query


def _chunks(connection, query):
    result = connection.execution_options(stream_results=True, yield_per=CHUNK_ROWS).execute(query)
    columns = list(result.keys())
    for part in result.partitions(CHUNK_ROWS):
        # Column by column: pandas builds a frame from Row objects slowly (it probes each row's attributes).
        yield pd.DataFrame(dict(zip(columns, map(list, zip(*part, strict=True)), strict=True)))


def _article_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["date"] = pd.to_datetime(out["date"], errors="coerce")
    out["verbatim"] = out["verbatim"].astype(bool)
    return out


def enrich(frame: pd.DataFrame, rollup: dict[str, str], masks: dict[str, int] | None = None) -> pd.DataFrame:
    """Derived columns of a chunk of interactions: state1/state2 (leaders and state bodies rolled up to
    their state), dyad (of the states, codes sorted), dyad_raw (of the codes as coded), theme_mask."""
    masks = {} if masks is None else masks
    out = frame.copy()
    out["date"] = pd.to_datetime(out["date"])
    out["state1"] = out["actor1"].map(rollup).fillna(out["actor1"])
    out["state2"] = out["actor2"].map(rollup).fillna(out["actor2"])
    out["dyad"] = dyad_column(out["state1"], out["state2"])
    out["dyad_raw"] = dyad_column(out["actor1"], out["actor2"])
    themes = out["themes"].fillna("").astype(str)
    for key in set(themes) - masks.keys():
        masks[key] = theme_mask(t for t in key.split(";") if t)
    out["themes"] = themes
    out["theme_mask"] = themes.map(masks).astype("int64")
    out["verbatim"] = out["verbatim"].astype(bool) if "verbatim" in out else False
    return out


def dyad_column(first: pd.Series, second: pd.Series) -> pd.Series:
    """Vectorised dyad_key: the two codes sorted and joined by '-'."""
    low = first.where(first <= second, second)
    high = second.where(first <= second, first)
    return low + "-" + high
