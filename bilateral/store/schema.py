"""Bring a database to the schema this code expects, with Alembic; carry over the first version's files.

The first version kept its schema number in SQLite's PRAGMA user_version (2 at the end) and had no Alembic
table: such a file is stamped at revision 0001 (the same schema) and upgraded from there, so nothing is lost.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import SQLAlchemyError

from bilateral.errors import StoreError, driver_reason

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
LEGACY_USER_VERSION = 2


def _config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest migration this code knows."""
    return ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()


def current_revision(connection: Connection) -> str | None:
    """The migration the database is at (None for an empty or a first-version database)."""
    return MigrationContext.configure(connection).get_current_revision()


def _legacy_version(connection: Connection) -> int | None:
    """PRAGMA user_version of a first-version SQLite file that has its tables; None otherwise."""
    if connection.dialect.name != "sqlite" or "articles" not in inspect(connection).get_table_names():
        return None
    return connection.execute(text("PRAGMA user_version")).scalar()


def upgrade(engine: Engine, target: str = "head") -> str:
    """Create or upgrade the schema to the head (or `target`) revision; returns it. Refuses a newer one."""
    known = set(_revisions())
    try:
        with engine.connect() as connection, _foreign_keys_off(connection), connection.begin():
            revision = current_revision(connection)
            if revision is not None and revision not in known:
                raise StoreError(
                    f"the database is at schema {revision}, newer than this code ({head_revision()}); "
                    "update Bilateral"
                )
            if revision is None:
                legacy = _legacy_version(connection)
                if legacy is not None and legacy > LEGACY_USER_VERSION:
                    raise StoreError(f"the database is at schema {legacy}, newer than this code")
                if legacy == LEGACY_USER_VERSION:
                    command.stamp(_config(connection), "0001")
                elif legacy is not None:
                    raise StoreError(f"the database is at an unfinished first-version schema ({legacy})")
            command.upgrade(_config(connection), target)
            upgraded = current_revision(connection)
            if upgraded != revision:  # a migration ran (the check reads every reference: 0.3-1.7 s at 1M)
                _check_references(connection)
            return upgraded
    except SQLAlchemyError as error:
        # which database: "file is not a database" alone did not say that BILATERAL_DB named a JSONL file
        where = engine.url.render_as_string(hide_password=True)
        raise StoreError(
            f"cannot bring the database {where} to schema {head_revision()}: {driver_reason(error)}"
        ) from error


@contextlib.contextmanager
def _foreign_keys_off(connection: Connection):
    """SQLite: no foreign-key actions while the migrations run (set outside any transaction), then on again.

    Why: SQLite changes a table's checks only by building it anew and dropping the old one, and dropping
    the articles table with foreign keys on deletes every interaction (ON DELETE CASCADE). This is SQLite's
    documented way; _check_references then confirms that every reference still holds."""
    if connection.dialect.name != "sqlite":
        yield
        return
    driver = connection.connection.driver_connection
    driver.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        driver.execute("PRAGMA foreign_keys = ON")


def _check_references(connection: Connection) -> None:
    """StoreError (and nothing committed) when a migration left a reference to a missing row (SQLite)."""
    if connection.dialect.name != "sqlite":
        return
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if broken:
        table, _rowid, parent, _key = broken[0]
        raise StoreError(f"the migration left {len(broken)} rows of {table} without their {parent} row")


def _revisions() -> list[str]:
    return [script.revision for script in ScriptDirectory(str(MIGRATIONS_DIR)).walk_revisions()]
