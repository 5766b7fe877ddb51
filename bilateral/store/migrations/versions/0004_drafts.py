"""The review queue: drafts coded by the extractor, waiting for an analyst (see bilateral/extract/queue.py).

Revision ID: 0004_drafts
A database where the first review-queue build made the table itself (CREATE TABLE IF NOT EXISTS) keeps it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_drafts"
down_revision = "0003_notes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if "drafts" in sa.inspect(op.get_bind()).get_table_names():
        return
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("file", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("date", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("url_key", sa.Text),
        sa.Column("event_key", sa.Text),
        sa.Column("sketch", sa.Text),
        sa.Column("status", sa.Text, nullable=False, server_default="pending"),
        sa.Column("duplicate", sa.Text),
        sa.Column("result", sa.Text, nullable=False),
        sa.Column("article_id", sa.Text),
        sa.Column("added_at", sa.Text, nullable=False),
        sa.Column("decided_at", sa.Text),
    )
    op.create_index("drafts_status", "drafts", ["status"])
    op.create_index("drafts_url_key", "drafts", ["url_key"])
    op.create_index("drafts_event_key", "drafts", ["event_key"])


def downgrade() -> None:
    op.drop_table("drafts")
