"""The store of record: SQLAlchemy Core tables, Alembic migrations, one transaction per write.

`connect()` opens (creating, upgrading and, unless told not to, seeding from data/) the database that
BILATERAL_DB names and returns its Store. Pages never read from here directly: their queries run on the
mirror (bilateral.analysis.mirror), which follows the store by data revision.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, select

from bilateral.paths import DATA_DIR, PROJECT_ROOT, VAR_DIR
from bilateral.store import schema
from bilateral.store.engine import database_path, database_url, make_engine
from bilateral.store.seed import SEED_FILES, data_fingerprint, seed_from_data
from bilateral.store.tables import articles
from bilateral.store.writes import ImportResult, count_rows, current_revision, ensure_store_id
from bilateral.store.writes import add_records as _add_records
from bilateral.store.writes import save_article as _save_article

__all__ = [
    "DATA_DIR", "PROJECT_ROOT", "SEED_FILES", "VAR_DIR", "ImportResult", "Store", "add_records", "connect",
    "data_fingerprint", "database_path", "database_url", "save_article", "seed_from_data",
]  # fmt: skip

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Store:
    """One database: its URL and its engine (a pool of connections)."""

    url: str
    engine: Engine

    def counts(self) -> tuple[int, int]:
        """(articles, interactions) stored."""
        with self.engine.connect() as connection:
            return count_rows(connection)

    def revision(self) -> int:
        """The newest data revision; it changes with every write, so it keys every cache."""
        with self.engine.connect() as connection:
            return current_revision(connection)

    def schema_revision(self) -> str | None:
        """The Alembic revision the database is at."""
        with self.engine.connect() as connection:
            return schema.current_revision(connection)


def articles_with_text(store: Store, limit: int = 5000) -> pd.DataFrame:
    """The newest articles whose full text is stored (id, title, url, text): near-duplicate candidates."""
    query = (
        select(articles.c.id, articles.c.title, articles.c.url, articles.c.text)
        .where(articles.c.text.is_not(None), articles.c.text != "", articles.c.deleted_at.is_(None))
        .order_by(articles.c.added_at.desc())
        .limit(limit)
    )
    with store.engine.connect() as connection:
        return pd.DataFrame(connection.execute(query).all(), columns=["id", "title", "url", "text"])


def connect(url: str | None = None, seed: bool = True) -> Store:
    """Open the database (creating and upgrading its schema; seeding from data/ unless seed=False)."""
    resolved = database_url(url)
    path = database_path(resolved)
    new = path is not None and path.name != ":memory:" and not path.exists()
    store = Store(resolved, make_engine(resolved))
    if new:
        # a mistyped BILATERAL_DB used to open an empty store in silence, the analyst's records seemingly gone
        log.info("no database at %s: created a new one", path)
    schema.upgrade(store.engine)
    ensure_store_id(store.engine)
    if seed:
        seed_from_data(store.engine)
    return store


def add_records(
    store: Store, articles, interactions, meta: dict[str, str] | None = None, actor: str = "local"
) -> ImportResult:
    """Add new articles and interactions in ONE transaction, skipping those already stored; audited."""
    return _add_records(store.engine, articles, interactions, meta, actor)


def save_article(store: Store, article, interactions, actor: str = "local") -> ImportResult:
    """Save one reviewed article with its interactions in one transaction; refuses a duplicate; audited."""
    return _save_article(store.engine, article, interactions, actor)
