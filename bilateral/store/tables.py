"""The store's tables, declared once with SQLAlchemy Core and derived from the record declarations.

Each record field becomes a column of the type its annotation implies (enums as text, the quad class as an
integer, theme sets as ';'-joined text, ISO dates as text so SQLite and PostgreSQL agree). Store-only
columns are `rev` (the data revision that last wrote the row: the page-query mirror syncs by it), `version`
and `deleted_at` (edits and soft deletes), and the bookkeeping tables `meta`, `counters`, `deletions` and
`audit` (who changed what, before and after).
"""

from __future__ import annotations

import enum
import typing

from pydantic import BaseModel
from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from bilateral.model import SCORE_MAX, SCORE_MIN, Article, Interaction, Note, QuadClass
from bilateral.model.fields import base_type

metadata = MetaData()


def _allows_none(annotation) -> bool:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return type(None) in typing.get_args(annotation)


def sql_type(annotation):
    """The column type for a field annotation."""
    base = base_type(annotation)
    if isinstance(base, type) and issubclass(base, QuadClass):
        return Integer()
    if isinstance(base, type) and issubclass(base, enum.Enum):
        return Text()
    if base is float:
        return Float()
    if base is int:
        return BigInteger()
    return Text()


def record_columns(model: type[BaseModel], keys: dict[str, dict] | None = None) -> list[Column]:
    """One column per field of the declaration: NULL only where the field may be None; `id` the key."""
    keys = keys or {}
    columns = []
    for name, info in model.model_fields.items():
        nullable = not info.is_required() and _allows_none(info.annotation) and name != "id"
        columns.append(Column(name, sql_type(info.annotation), *keys.get(name, ()), primary_key=name == "id",
                              nullable=nullable))  # fmt: skip
    return columns


def rev_column() -> Column:
    """The data revision that last wrote the row (see bilateral.store.writes.next_revision)."""
    return Column("rev", BigInteger, nullable=False, server_default="0")


def version_columns() -> list[Column]:
    """The record's version (edits name the version they started from) and its soft-delete time."""
    return [
        Column("version", BigInteger, nullable=False, server_default="1"),
        Column("deleted_at", Text),
    ]


articles = Table(
    "articles",
    metadata,
    *record_columns(Article),
    rev_column(),
    *version_columns(),
    Index(
        "articles_url",
        "url",
        unique=True,
        sqlite_where="url IS NOT NULL AND url != ''",
        postgresql_where="url IS NOT NULL AND url != ''",
    ),
    Index("articles_rev", "rev"),
)

interactions = Table(
    "interactions",
    metadata,
    *record_columns(Interaction, {"article_id": (ForeignKey("articles.id", ondelete="CASCADE"),)}),
    rev_column(),
    *version_columns(),
    CheckConstraint(f"score BETWEEN {SCORE_MIN:g} AND {SCORE_MAX:g}", name="score_range"),
    CheckConstraint("quad_class BETWEEN 1 AND 4", name="quad_range"),
    CheckConstraint("confidence BETWEEN 0 AND 1", name="confidence_range"),
    Index("interactions_article", "article_id"),
    Index("interactions_date", "date"),
    Index("interactions_rev", "rev"),
    Index(
        "interactions_source_row",
        "dataset",
        "source_row_id",
        unique=True,
        sqlite_where="source_row_id IS NOT NULL",
        postgresql_where="source_row_id IS NOT NULL",
    ),
)

notes = Table(
    "notes",
    metadata,
    *record_columns(Note),
    Index("notes_dates", "date_from", "date_to"),
)

drafts = Table(
    "drafts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("file", Text),
    Column("title", Text),
    Column("date", Text),
    Column("url", Text),
    Column("url_key", Text),
    Column("event_key", Text),
    Column("sketch", Text),
    Column("status", Text, nullable=False, server_default="pending"),
    Column("duplicate", Text),
    Column("result", Text, nullable=False),
    Column("article_id", Text),
    Column("added_at", Text, nullable=False),
    Column("decided_at", Text),
    Index("drafts_status", "status"),
    Index("drafts_url_key", "url_key"),
    Index("drafts_event_key", "event_key"),
)

meta = Table("meta", metadata, Column("key", Text, primary_key=True), Column("value", Text, nullable=False))

counters = Table(
    "counters",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("value", BigInteger, nullable=False),
)

deletions = Table(
    "deletions",
    metadata,
    Column("kind", String(16), primary_key=True),
    Column("id", Text, primary_key=True),
    Column("rev", BigInteger, nullable=False),
    Index("deletions_rev", "rev"),
)

audit = Table(
    "audit",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("rev", BigInteger, nullable=False),
    Column("at", Text, nullable=False),
    Column("actor", Text, nullable=False),
    Column("action", String(16), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("record_id", Text, nullable=False),
    Column("version", BigInteger),
    Column("before", Text),
    Column("after", Text),
    Index("audit_record", "kind", "record_id"),
    Index("audit_at", "at"),
    Index("audit_actor", "actor"),
)

users = Table(
    "users",
    metadata,
    Column("name", Text, primary_key=True),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text),
    Column("failed", Integer, nullable=False, server_default="0"),
    Column("locked_until", Text),
    Column("created_at", Text, nullable=False),
    CheckConstraint("role IN ('viewer', 'editor', 'admin')", name="role_known"),
)

TABLES = {"articles": articles, "interactions": interactions}
