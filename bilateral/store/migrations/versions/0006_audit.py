"""The audit trail, record versions, soft deletes and the local user list.

Revision ID: 0006_audit
Every record carries `version` (1 when inserted, +1 on each edit, delete or undo: an edit names the version it
started from and is refused when the record moved on) and `deleted_at` (a soft delete; undo clears it).
`audit` holds one row per change: who, when, what, and the values before and after, written in the same
transaction as the change. `users` is the local user list (argon2 password hashes, roles, failed sign-ins).
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_audit"
down_revision = "0005_provenance"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("articles", "interactions"):
        op.add_column(table, sa.Column("version", sa.BigInteger, nullable=False, server_default="1"))
        op.add_column(table, sa.Column("deleted_at", sa.Text))
    op.create_table(
        "audit",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True, autoincrement=True
        ),
        sa.Column("rev", sa.BigInteger, nullable=False),
        sa.Column("at", sa.Text, nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("record_id", sa.Text, nullable=False),
        sa.Column("version", sa.BigInteger),
        sa.Column("before", sa.Text),
        sa.Column("after", sa.Text),
    )
    op.create_index("audit_record", "audit", ["kind", "record_id"])
    op.create_index("audit_at", "audit", ["at"])
    op.create_index("audit_actor", "audit", ["actor"])
    op.create_table(
        "users",
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.Text),
        sa.Column("failed", sa.Integer, nullable=False, server_default="0"),
        sa.Column("locked_until", sa.Text),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.CheckConstraint("role IN ('viewer', 'editor', 'admin')", name="role_known"),
    )


def downgrade() -> None:
    op.drop_table("users")
    op.drop_table("audit")
    for table in ("articles", "interactions"):
        op.drop_column(table, "deleted_at")
        op.drop_column(table, "version")
