"""Analysts' notes pinned to a date or period, optionally to a dyad and a theme.

Revision ID: 0003_notes
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_notes"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notes",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("date_from", sa.Text, nullable=False),
        sa.Column("date_to", sa.Text),
        sa.Column("dyad", sa.Text),
        sa.Column("theme", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Text, nullable=False),
    )
    op.create_index("notes_dates", "notes", ["date_from", "date_to"])


def downgrade() -> None:
    op.drop_table("notes")
