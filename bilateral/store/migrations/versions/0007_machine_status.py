"""A third review state, `machine`, for the source articles of imported field data.

Revision ID: 0007_machine_status
Field-data imports wrote their source articles as `reviewed`, so "Reviewed only" took in every GDELT, ICEWS
and PLOVER row. The status check now allows `machine`, and the articles whose interactions all come from
field datasets take it, under a new data revision so the page-query mirror pulls them again.

SQLite cannot change a check in place: the articles table is rebuilt, which bilateral.store.schema runs
with foreign keys off (dropping the old table would otherwise cascade to every interaction).
"""

import warnings

import sqlalchemy as sa
from alembic import op

revision = "0007_machine_status"
down_revision = "0006_audit"
branch_labels = None
depends_on = None

_NEW = "status IN ('draft', 'reviewed', 'machine')"
_OLD = "status IN ('draft', 'reviewed')"

# Articles with field-data interactions and no curated one: the source articles the field importers wrote.
_FIELD_SOURCES = """
    status = 'reviewed'
    AND EXISTS (SELECT 1 FROM interactions i WHERE i.article_id = articles.id AND i.dataset != 'curated')
    AND NOT EXISTS (SELECT 1 FROM interactions i WHERE i.article_id = articles.id AND i.dataset = 'curated')
"""


def _replace_check(sql: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        # The batch copy keeps named checks only: status_known is dropped and made again; a first-version
        # file's unnamed check (on status only) goes with the old table.
        named = {c["name"] for c in sa.inspect(op.get_bind()).get_check_constraints("articles")}
        with warnings.catch_warnings(), op.batch_alter_table("articles", recreate="always") as batch:
            warnings.filterwarnings("ignore", "Unnamed CHECK constraint", UserWarning)
            if "status_known" in named:
                batch.drop_constraint("status_known", type_="check")
            batch.create_check_constraint("status_known", sql)
        return
    op.drop_constraint("status_known", "articles", type_="check")
    op.create_check_constraint("status_known", "articles", sql)


def _new_revision() -> int | None:
    bind = op.get_bind()
    bind.execute(sa.text("UPDATE counters SET value = value + 1 WHERE name = 'rev'"))
    return bind.execute(sa.text("SELECT value FROM counters WHERE name = 'rev'")).scalar()


def upgrade() -> None:
    _replace_check(_NEW)
    bind = op.get_bind()
    if bind.execute(sa.text(f"SELECT count(*) FROM articles WHERE {_FIELD_SOURCES}")).scalar():
        rev = _new_revision()
        bind.execute(
            sa.text(f"UPDATE articles SET status = 'machine', rev = :rev WHERE {_FIELD_SOURCES}"),
            {"rev": rev},
        )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT count(*) FROM articles WHERE status = 'machine'")).scalar():
        rev = _new_revision()
        bind.execute(
            sa.text("UPDATE articles SET status = 'reviewed', rev = :rev WHERE status = 'machine'"),
            {"rev": rev},
        )
    _replace_check(_OLD)
