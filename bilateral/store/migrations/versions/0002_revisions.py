"""Revisions for the page-query mirror, deletions, and the source-link fields of articles.

Revision ID: 0002
Every row gets `rev` (existing rows: revision 1), a counter hands out the next revision, and deletions are
recorded so the mirror can drop what the store dropped.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("articles", "interactions"):
        op.add_column(table, sa.Column("rev", sa.BigInteger, nullable=False, server_default="1"))
        op.create_index(f"{table}_rev", table, ["rev"])
    op.add_column("articles", sa.Column("source_checked", sa.Text))
    op.add_column("articles", sa.Column("publisher", sa.Text))
    op.create_table(
        "counters",
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("value", sa.BigInteger, nullable=False),
    )
    op.execute("INSERT INTO counters (name, value) VALUES ('rev', 1)")
    op.create_table(
        "deletions",
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("rev", sa.BigInteger, nullable=False),
    )
    op.create_index("deletions_rev", "deletions", ["rev"])


def downgrade() -> None:
    op.drop_table("deletions")
    op.drop_table("counters")
    for table in ("articles", "interactions"):
        op.drop_index(f"{table}_rev", table)
        op.drop_column(table, "rev")
    op.drop_column("articles", "source_checked")
    op.drop_column("articles", "publisher")
