"""Writes: every change runs in ONE transaction, stamped with a new data revision, or writes nothing.

Rows already stored (same id, or an article with the same URL) are skipped and counted; an interaction
whose article is a skipped duplicate attaches to the stored one.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, func, select, update
from sqlalchemy.exc import SQLAlchemyError

from bilateral.errors import StoreError, driver_reason
from bilateral.model import Article, Interaction, now_iso
from bilateral.store.tables import articles, audit, counters, interactions, meta
from bilateral.wording import count_noun


@dataclass(frozen=True)
class ImportResult:
    """What an import did: records added, and records skipped because they were already there."""

    articles: int
    interactions: int
    skipped: int

    def __str__(self) -> str:
        return (
            f"added {count_noun(self.articles, 'article')}, {count_noun(self.interactions, 'interaction')}; "
            f"skipped {count_noun(self.skipped, 'duplicate')}"
        )

    def __add__(self, other: ImportResult) -> ImportResult:
        return ImportResult(
            self.articles + other.articles,
            self.interactions + other.interactions,
            self.skipped + other.skipped,
        )


def next_revision(connection: Connection) -> int:
    """The next data revision, taken inside the caller's transaction.

    Why a counter row: the UPDATE locks it until the transaction ends, so concurrent writers get increasing
    revisions in commit order and the mirror, which syncs "rev > last seen", never skips a row.
    """
    connection.execute(update(counters).where(counters.c.name == "rev").values(value=counters.c.value + 1))
    return connection.execute(select(counters.c.value).where(counters.c.name == "rev")).scalar_one()


def current_revision(connection: Connection) -> int:
    """The newest data revision written (0 for an empty store)."""
    return connection.execute(select(counters.c.value).where(counters.c.name == "rev")).scalar() or 0


def article_row(article: Article, rev: int) -> dict:
    """The article as a row of the articles table."""
    row = article.to_dict()
    row["url"] = row["url"] or None
    return {**row, "rev": rev}


def interaction_row(item: Interaction, article_id: str, rev: int) -> dict:
    """The interaction as a row of the interactions table (themes joined by ';')."""
    row = item.to_dict()
    row["themes"] = ";".join(row["themes"])
    return {**row, "article_id": article_id, "rev": rev}


def write_records(
    connection: Connection,
    new_articles: Iterable[Article],
    new_interactions: Iterable[Interaction],
    rev: int,
    known: KnownIds,
    actor: str = "local",
) -> ImportResult:
    """Insert what is new (see the module docstring) and audit each insert, in the caller's transaction."""
    article_rows, redirect, skipped = [], {}, 0
    for article in new_articles:
        existing = known.article(article)
        if existing:
            redirect[article.id] = existing
            skipped += 1
            continue
        known.add_article(article)
        article_rows.append(article_row(article, rev))
    interaction_rows = []
    for item in new_interactions:
        if item.id in known.interactions:
            skipped += 1
            continue
        known.interactions.add(item.id)
        interaction_rows.append(interaction_row(item, redirect.get(item.article_id, item.article_id), rev))
    if article_rows:
        connection.execute(articles.insert(), article_rows)
    if interaction_rows:
        connection.execute(interactions.insert(), interaction_rows)
    audit_inserts(connection, rev, actor, "article", article_rows)
    audit_inserts(connection, rev, actor, "interaction", interaction_rows)
    return ImportResult(len(article_rows), len(interaction_rows), skipped)


def audit_inserts(connection: Connection, rev: int, actor: str, kind: str, rows: list[dict]) -> None:
    """One audit row per inserted record (values after; none before), in the caller's transaction."""
    if not rows:
        return
    at = now_iso()
    connection.execute(audit.insert(), [
        {"rev": rev, "at": at, "actor": actor, "action": "insert", "kind": kind, "record_id": row["id"],
         "version": 1, "before": None, "after": json.dumps({k: v for k, v in row.items() if k != "text"},
                                                           ensure_ascii=False, sort_keys=True)}
        for row in rows
    ])  # fmt: skip


class KnownIds:
    """The ids (and article URLs) already stored, looked up once per write."""

    def __init__(self, connection: Connection):
        self.articles = set(connection.execute(select(articles.c.id)).scalars())
        self.urls = dict(
            connection.execute(select(articles.c.url, articles.c.id).where(articles.c.url.is_not(None))).all()
        )
        self.interactions = set(connection.execute(select(interactions.c.id)).scalars())

    def article(self, article: Article) -> str | None:
        """The stored id of this article (by id, else by URL), or None when it is new."""
        return article.id if article.id in self.articles else self.urls.get(article.url or "")

    def add_article(self, article: Article) -> None:
        self.articles.add(article.id)
        if article.url:
            self.urls[article.url] = article.id


def set_meta(connection: Connection, values: dict[str, str]) -> None:
    """Upsert meta keys inside the caller's transaction."""
    for key, value in values.items():
        connection.execute(meta.delete().where(meta.c.key == key))
        connection.execute(meta.insert().values(key=key, value=value))


def ensure_store_id(engine) -> str:
    """The store's random id (made on first use): it tells the mirror one database from another."""
    with engine.begin() as connection:
        found = get_meta(connection, "store_id")
        if found is None:
            found = uuid.uuid4().hex
            set_meta(connection, {"store_id": found})
        return found


def get_meta(connection: Connection, key: str) -> str | None:
    """One meta value, or None."""
    return connection.execute(select(meta.c.value).where(meta.c.key == key)).scalar()


def add_records(
    engine, new_articles, new_interactions, meta_values: dict[str, str] | None = None, actor: str = "local"
) -> ImportResult:
    """Add new articles and interactions in ONE transaction, skipping those already stored."""
    try:
        with engine.begin() as connection:
            rev = next_revision(connection)
            known = KnownIds(connection)
            result = write_records(connection, new_articles, new_interactions, rev, known, actor)
            set_meta(connection, meta_values or {})
            return result
    except SQLAlchemyError as error:
        raise StoreError(
            f"nothing was written: the database refused the records ({driver_reason(error)})"
        ) from error


def save_article(engine, article: Article, items: list[Interaction], actor: str = "local") -> ImportResult:
    """Save one reviewed article with its interactions in one transaction; refuses a duplicate article."""
    try:
        with engine.begin() as connection:
            query = select(articles.c.id).where(
                (articles.c.id == article.id) | (articles.c.url == (article.url or ""))
            )
            found = connection.execute(query).scalar()
            if found:
                raise StoreError(f"this article is already stored (id {found}); nothing was written")
            rev = next_revision(connection)
            return write_records(connection, [article], items, rev, KnownIds(connection), actor)
    except SQLAlchemyError as error:
        raise StoreError(
            f"nothing was written: the database refused the records ({driver_reason(error)})"
        ) from error


def count_rows(connection: Connection) -> tuple[int, int]:
    """(articles, interactions) stored and not deleted."""
    live = (
        select(func.count())
        .select_from(interactions)
        .join(articles, articles.c.id == interactions.c.article_id)
    )
    return (
        connection.execute(
            select(func.count()).select_from(articles).where(articles.c.deleted_at.is_(None))
        ).scalar_one(),
        connection.execute(
            live.where(interactions.c.deleted_at.is_(None), articles.c.deleted_at.is_(None))
        ).scalar_one(),
    )
