"""The schema as the first version shipped it (PRAGMA user_version 2): articles, interactions, meta.

Revision ID: 0001
Databases made by that version are stamped at this revision and upgraded from here.
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("date", sa.Text),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("language", sa.Text, nullable=False, server_default="en"),
        sa.Column("summary", sa.Text, nullable=False, server_default=""),
        sa.Column("text", sa.Text),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("title_kind", sa.Text, nullable=False, server_default="descriptive"),
        sa.Column("added_at", sa.Text, nullable=False),
        sa.CheckConstraint("status IN ('draft', 'reviewed')", name="status_known"),
    )
    op.create_index(
        "articles_url", "articles", ["url"], unique=True,
        sqlite_where=sa.text("url IS NOT NULL AND url != ''"),
        postgresql_where=sa.text("url IS NOT NULL AND url != ''"),
    )  # fmt: skip
    op.create_table(
        "interactions",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("article_id", sa.Text, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("date", sa.Text, nullable=False),
        sa.Column("actor1", sa.Text, nullable=False),
        sa.Column("actor2", sa.Text, nullable=False),
        sa.Column("direction", sa.Text, nullable=False),
        sa.Column("event_type", sa.Text, nullable=False),
        sa.Column("quad_class", sa.Integer, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("themes", sa.Text, nullable=False),
        sa.Column("modality", sa.Text, nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("coder", sa.Text, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.CheckConstraint("quad_class BETWEEN 1 AND 4", name="quad_range"),
        sa.CheckConstraint("score BETWEEN -10 AND 10", name="score_range"),
        sa.CheckConstraint("confidence BETWEEN 0 AND 1", name="confidence_range"),
    )
    op.create_index("interactions_article", "interactions", ["article_id"])
    op.create_index("interactions_date", "interactions", ["date"])
    op.create_table(
        "meta", sa.Column("key", sa.Text, primary_key=True), sa.Column("value", sa.Text, nullable=False)
    )


def downgrade() -> None:
    op.drop_table("interactions")
    op.drop_table("articles")
    op.drop_table("meta")
