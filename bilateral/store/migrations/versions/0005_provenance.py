"""Provenance of field data: the dataset of each interaction, its source row id, URL and confidence fields.

Revision ID: 0005_provenance
Existing rows are curated (`dataset` defaults to 'curated'). Evidence becomes optional (only machine-coded
field data may lack it; the record declaration enforces that). The unique index on (dataset,
source_row_id) makes a re-import of the same file add nothing.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_provenance"
down_revision = "0004_drafts"
branch_labels = None
depends_on = None

_NEW = (
    ("source_row_id", sa.Text),
    ("source_url", sa.Text),
    ("num_mentions", sa.BigInteger),
    ("num_sources", sa.BigInteger),
    ("num_articles", sa.BigInteger),
    ("story_id", sa.Text),
)


_CHECKS = {
    "quad_range": "quad_class BETWEEN 1 AND 4",
    "score_range": "score BETWEEN -10 AND 10",
    "confidence_range": "confidence BETWEEN 0 AND 1",
}


def _missing_checks() -> tuple:
    """The range checks a recreated SQLite table would lose: files of the first version left them unnamed."""
    if op.get_bind().dialect.name != "sqlite":
        return ()
    named = {c["name"] for c in sa.inspect(op.get_bind()).get_check_constraints("interactions")}
    return tuple(sa.CheckConstraint(sql, name=name) for name, sql in _CHECKS.items() if name not in named)


def upgrade() -> None:
    with op.batch_alter_table("interactions", table_args=_missing_checks()) as batch:
        batch.alter_column("evidence", existing_type=sa.Text, nullable=True)
        batch.add_column(sa.Column("dataset", sa.Text, nullable=False, server_default="curated"))
        for name, kind in _NEW:
            batch.add_column(sa.Column(name, kind, nullable=True))
        batch.create_index(
            "interactions_source_row",
            ["dataset", "source_row_id"],
            unique=True,
            sqlite_where=sa.text("source_row_id IS NOT NULL"),
            postgresql_where=sa.text("source_row_id IS NOT NULL"),
        )


def downgrade() -> None:
    with op.batch_alter_table("interactions") as batch:
        batch.drop_index("interactions_source_row")
        for name, _kind in reversed(_NEW):
            batch.drop_column(name)
        batch.drop_column("dataset")
        batch.alter_column("evidence", existing_type=sa.Text, nullable=False)
