"""Bring a database to the schema this code expects, with Alembic; carry over the first version's files.

The first version kept its schema number in SQLite's PRAGMA user_version (2 at the end) and had no Alembic
table: such a file is stamped at revision 0001 (the same schema) and upgraded from there, so nothing is lost.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import SQLAlchemyError

from bilateral.errors import StoreError

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


def upgrade(engine: Engine) -> str:
    """Create or upgrade the schema to the head revision; returns it. Refuses a newer database."""
    known = set(_revisions())
    try:
        with engine.begin() as connection:
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
            command.upgrade(_config(connection), "head")
            return current_revision(connection)
    except SQLAlchemyError as error:
        raise StoreError(f"cannot bring the database to schema {head_revision()}: {error}") from error


def _revisions() -> list[str]:
    return [script.revision for script in ScriptDirectory(str(MIGRATIONS_DIR)).walk_revisions()]
