"""Which database, and one SQLAlchemy engine for it: an SQLite file by default, PostgreSQL for a team.

`BILATERAL_DB` takes a path or a URL (sqlite:///var/x.sqlite3, postgresql+psycopg://user@host/db); the
default is var/bilateral.sqlite3 beside the project. SQLite runs in WAL mode so the app keeps reading
while a CLI import writes, and waits (busy timeout) rather than failing when another writer holds the lock.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from bilateral.errors import StoreError
from bilateral.paths import VAR_DIR

SUPPORTED = ("sqlite", "postgresql")


def database_url(value: str | None = None) -> str:
    """The SQLAlchemy URL named by `value`, else by BILATERAL_DB, else the default SQLite file."""
    value = value or os.environ.get("BILATERAL_DB") or str(VAR_DIR / "bilateral.sqlite3")
    if "://" not in value:
        return f"sqlite:///{value}"
    if value.startswith("sqlite3:///"):
        value = "sqlite" + value[len("sqlite3") :]
    try:
        url = make_url(value)
    except ArgumentError as error:
        raise StoreError(f"BILATERAL_DB={value!r} is not a database URL ({error})") from error
    if url.get_backend_name() not in SUPPORTED:
        raise StoreError(
            f"BILATERAL_DB={value!r}: only SQLite (sqlite:///path) and PostgreSQL "
            "(postgresql+psycopg://user@host/db) are supported"
        )
    return value


def database_path(value: str | None = None) -> Path | None:
    """The SQLite file of the URL, or None for a server database."""
    url = make_url(database_url(value))
    return Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None


def make_engine(url: str) -> Engine:
    """An engine with the settings this project relies on (SQLite: WAL, foreign keys, busy timeout)."""
    path = database_path(url)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create the folder of the database {path}: {error}") from error
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 30000")
    cursor.close()
