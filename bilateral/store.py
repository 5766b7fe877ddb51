"""The embedded database: SQLite file, versioned schema, seeding from data/, transactions, pandas loaders.

`BILATERAL_DB` chooses the file (a path, or an SQLAlchemy-style URL such as sqlite:///var/x.sqlite3);
the default is var/bilateral.sqlite3 beside the project. Every write runs in one transaction.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from bilateral.errors import StoreError
from bilateral.filters import Filter, apply_filter, theme_mask
from bilateral.importers import read_record_files
from bilateral.model import Article, Interaction
from bilateral.registry import load_actors, rollup_map

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
SEED_FILES = ("articles.jsonl", "interactions.jsonl")

# Each migration moves the schema one version up; never edit one that has shipped, add the next.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        date TEXT,
        source TEXT NOT NULL,
        url TEXT,
        language TEXT NOT NULL DEFAULT 'en',
        summary TEXT NOT NULL DEFAULT '',
        text TEXT,
        status TEXT NOT NULL CHECK (status IN ('draft', 'reviewed')),
        title_kind TEXT NOT NULL DEFAULT 'descriptive',
        added_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX articles_url ON articles(url) WHERE url IS NOT NULL AND url != '';
    CREATE TABLE interactions (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        actor1 TEXT NOT NULL,
        actor2 TEXT NOT NULL,
        direction TEXT NOT NULL,
        event_type TEXT NOT NULL,
        quad_class INTEGER NOT NULL CHECK (quad_class BETWEEN 1 AND 4),
        score REAL NOT NULL CHECK (score BETWEEN -10 AND 10),
        themes TEXT NOT NULL,
        modality TEXT NOT NULL,
        evidence TEXT NOT NULL,
        coder TEXT NOT NULL,
        confidence REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1)
    );
    CREATE INDEX interactions_article ON interactions(article_id);
    CREATE INDEX interactions_date ON interactions(date);
    """,
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
)


def database_path(url: str | None = None) -> Path:
    """The database file named by `url`, else by BILATERAL_DB, else var/bilateral.sqlite3."""
    value = url or os.environ.get("BILATERAL_DB") or str(PROJECT_ROOT / "var" / "bilateral.sqlite3")
    if "://" in value:
        prefix = next((p for p in ("sqlite:///", "sqlite3:///") if value.startswith(p)), None)
        if prefix is None:
            raise StoreError(f"BILATERAL_DB={value!r}: only SQLite is supported (sqlite:///path/to/file)")
        value = value[len(prefix) :]
    return Path(value)


def connect(url: str | None = None, seed: bool = True) -> sqlite3.Connection:
    """Open (creating, migrating and seeding on first use) the database and return the connection."""
    path = database_path(url)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, check_same_thread=False)
    except (OSError, sqlite3.Error) as error:
        raise StoreError(f"cannot open the database {path}: {error}") from error
    conn.execute("PRAGMA foreign_keys = ON")
    migrate(conn)
    if seed:
        seed_from_data(conn)
    return conn


def schema_version(conn: sqlite3.Connection) -> int:
    """The schema version recorded in the database (0 for a new file)."""
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the migrations the database lacks, each in its own transaction; returns the new version."""
    version = schema_version(conn)
    if version > len(MIGRATIONS):
        raise StoreError(f"the database is at schema {version}, newer than this code ({len(MIGRATIONS)})")
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        try:
            conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
        except sqlite3.Error as error:
            conn.rollback()
            raise StoreError(f"migration to schema {number} failed: {error}") from error
    return schema_version(conn)


def data_fingerprint(data_dir: Path = DATA_DIR) -> str:
    """Hash of the curated files, so new curated records are picked up when data/ changes."""
    digest = hashlib.sha1()
    for name in SEED_FILES:
        path = data_dir / name
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()


def seed_from_data(conn: sqlite3.Connection, data_dir: Path = DATA_DIR) -> ImportResult | None:
    """Import the curated records of data/ when they are new to this database; None when up to date."""
    fingerprint = data_fingerprint(data_dir)
    row = conn.execute("SELECT value FROM meta WHERE key = 'seed_fingerprint'").fetchone()
    if row and row[0] == fingerprint:
        return None
    paths = [data_dir / name for name in SEED_FILES if (data_dir / name).exists()]
    articles, interactions = read_record_files(paths, known_actors=set(load_actors()))
    return add_records(conn, articles, interactions, meta={"seed_fingerprint": fingerprint})


@dataclass(frozen=True)
class ImportResult:
    """What an import did: records added, and records skipped because they were already there."""

    articles: int
    interactions: int
    skipped: int

    def __str__(self) -> str:
        return (
            f"added {self.articles} articles, {self.interactions} interactions; "
            f"skipped {self.skipped} duplicates"
        )


def add_records(
    conn: sqlite3.Connection,
    articles: Iterable[Article],
    interactions: Iterable[Interaction],
    meta: dict[str, str] | None = None,
) -> ImportResult:
    """Add new articles and interactions in ONE transaction, skipping those already stored.

    An article is already stored when its id or URL is; its interactions then attach to the stored one.
    """
    known_ids = {r[0] for r in conn.execute("SELECT id FROM articles")}
    known_urls = {r[0]: r[1] for r in conn.execute("SELECT url, id FROM articles WHERE url IS NOT NULL")}
    known_interactions = {r[0] for r in conn.execute("SELECT id FROM interactions")}
    new_articles, redirect, skipped = [], {}, 0
    for article in articles:
        existing = article.id if article.id in known_ids else known_urls.get(article.url or "")
        if existing:
            redirect[article.id] = existing
            skipped += 1
            continue
        new_articles.append(article)
        known_ids.add(article.id)
        if article.url:
            known_urls[article.url] = article.id
    new_interactions = []
    for item in interactions:
        if item.id in known_interactions:
            skipped += 1
            continue
        known_interactions.add(item.id)
        new_interactions.append(item)
    try:
        with conn:
            conn.executemany(
                _insert_sql("articles", ARTICLE_COLUMNS), [_article_row(a) for a in new_articles]
            )
            rows = [_interaction_row(i, redirect.get(i.article_id, i.article_id)) for i in new_interactions]
            conn.executemany(_insert_sql("interactions", INTERACTION_COLUMNS), rows)
            for key, value in (meta or {}).items():
                conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))
    except sqlite3.Error as error:
        raise StoreError(f"nothing was written: the database refused the records ({error})") from error
    return ImportResult(len(new_articles), len(new_interactions), skipped)


def save_article(conn: sqlite3.Connection, article: Article, interactions: list[Interaction]) -> ImportResult:
    """Save one reviewed article with its interactions in one transaction; refuses a duplicate article."""
    found = conn.execute(
        "SELECT id FROM articles WHERE id = ? OR (url IS NOT NULL AND url = ?)",
        (article.id, article.url or ""),
    ).fetchone()
    if found:
        raise StoreError(f"this article is already stored (id {found[0]}); nothing was written")
    return add_records(conn, [article], interactions)


ARTICLE_COLUMNS = (
    "id", "title", "date", "source", "url", "language", "summary", "text", "status", "title_kind", "added_at",
)  # fmt: skip
INTERACTION_COLUMNS = (
    "id", "article_id", "date", "actor1", "actor2", "direction", "event_type", "quad_class", "score",
    "themes", "modality", "evidence", "coder", "confidence",
)  # fmt: skip


def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"


def _article_row(a: Article) -> tuple:
    d = a.to_dict()
    d["url"] = d["url"] or None
    return tuple(d[c] for c in ARTICLE_COLUMNS)


def _interaction_row(i: Interaction, article_id: str) -> tuple:
    d = i.to_dict()
    d["article_id"] = article_id
    d["themes"] = ";".join(d["themes"])
    return tuple(d[c] for c in INTERACTION_COLUMNS)


def load_articles(conn: sqlite3.Connection) -> pd.DataFrame:
    """Every article as a DataFrame (date as datetime, NaT for undated drafts)."""
    frame = pd.read_sql_query("SELECT * FROM articles ORDER BY date, id", conn)
    frame["date"] = pd.to_datetime(frame["date"], errors="coerce")
    return frame


def load_interactions(conn: sqlite3.Connection, actors: dict | None = None) -> pd.DataFrame:
    """Every interaction joined with its article, ready for the views.

    Adds state1/state2 (leaders and state bodies rolled up to their state), dyad (of the states,
    codes sorted), dyad_raw (of the codes as coded), themes as a tuple, and theme_mask for fast filters.
    verbatim is true when the article's text is stored, so the evidence is a sentence of it; curated
    records without text carry the curator's paraphrase instead (see data/README.md).
    """
    frame = pd.read_sql_query(
        "SELECT i.*, a.title, a.source, a.url, a.summary, a.status, a.title_kind, "
        "(a.text IS NOT NULL AND a.text != '') AS verbatim "
        "FROM interactions i JOIN articles a ON a.id = i.article_id ORDER BY i.date, i.id",
        conn,
    )
    return enrich_interactions(frame, actors if actors is not None else load_actors())


def enrich_interactions(frame: pd.DataFrame, actors: dict) -> pd.DataFrame:
    """Derived columns of an interactions frame (see load_interactions); a new frame, the input untouched."""
    out = frame.copy()
    out["date"] = pd.to_datetime(out["date"])
    rollup = rollup_map(actors)
    out["state1"] = out["actor1"].map(rollup).fillna(out["actor1"])
    out["state2"] = out["actor2"].map(rollup).fillna(out["actor2"])
    out["dyad"] = _dyad_column(out["state1"], out["state2"])
    out["dyad_raw"] = _dyad_column(out["actor1"], out["actor2"])
    themes = out["themes"].fillna("").astype(str)
    out["themes"] = themes.map(lambda s: tuple(t for t in s.split(";") if t))
    masks = {key: theme_mask(key) for key in set(out["themes"])}
    out["theme_mask"] = out["themes"].map(masks).astype("int64")
    out["quad_class"] = out["quad_class"].astype("int64")
    out["score"] = out["score"].astype("float64")
    return out


def _dyad_column(first: pd.Series, second: pd.Series) -> pd.Series:
    """Vectorised dyad_key: the two codes sorted and joined by '-'."""
    low = first.where(first <= second, second)
    high = second.where(first <= second, first)
    return low + "-" + high


def articles_behind(articles: pd.DataFrame, interactions: pd.DataFrame) -> pd.DataFrame:
    """The articles at least one of the interactions was coded from."""
    return articles[articles["id"].isin(interactions["article_id"])]


def load_filtered(
    conn: sqlite3.Connection, flt=None, actors: dict | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(interactions, articles) that the filter keeps: the one loader the views use.

    The articles are those behind at least one kept interaction, or every article when nothing is filtered.
    """
    flt = flt or Filter()
    interactions = apply_filter(flt, load_interactions(conn, actors))
    articles = load_articles(conn)
    if not flt.is_empty():
        articles = articles_behind(articles, interactions)
    return interactions, articles
