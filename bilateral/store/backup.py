"""Backup and restore: every table of a store as one JSON-lines file, restored all or nothing.

The file starts with a header (format, schema revision, row count per table), then one line per row:
{"table": ..., "row": {...}}. Restore checks the header, validates every article and interaction against
the record declarations, refuses a database that already holds records, writes everything in ONE
transaction and compares the counts with the header: any problem rolls back and names the line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine, func, select, update
from sqlalchemy.exc import SQLAlchemyError

from bilateral.errors import Problem, RecordError, StoreError, driver_reason
from bilateral.file_writes import write_whole
from bilateral.model.validation import article_from_dict, interaction_from_dict
from bilateral.store import schema
from bilateral.store.tables import (
    articles,
    audit,
    counters,
    deletions,
    drafts,
    interactions,
    meta,
    notes,
    users,
)

FORMAT = "bilateral-backup"
TABLES = {"articles": articles, "interactions": interactions, "deletions": deletions, "audit": audit,
          "meta": meta, "users": users, "notes": notes, "drafts": drafts}  # fmt: skip
STORE_ONLY = {"rev", "version", "deleted_at"}
BATCH = 1000


class BackupError(StoreError):
    """A backup file cannot be written or restored; nothing was restored."""


def backup(engine: Engine, path: Path) -> dict[str, int]:
    """Write every table to `path` (a consistent snapshot: one read transaction), whole or not at all (a
    failed backup leaves an earlier file at `path` as it was); returns rows per table."""
    counts: dict[str, int] = {}
    try:
        with engine.connect() as connection, connection.begin():
            for name, table in TABLES.items():
                counts[name] = connection.execute(select(func.count()).select_from(table)).scalar_one()
            rev = connection.execute(select(counters.c.value).where(counters.c.name == "rev")).scalar() or 0
            header = {"format": FORMAT, "version": 1, "schema": schema.current_revision(connection),
                      "rev": rev, "tables": counts}  # fmt: skip
            write_whole(path, lambda handle: _write_rows(connection, header, handle), text=True)
    except OSError as error:
        raise BackupError(f"cannot write the backup {path}: {error.strerror or error}") from error
    return counts


def _write_rows(connection, header: dict, handle) -> None:
    """The header line, then one line per row of every table, a batch of rows at a time."""
    handle.write(json.dumps(header) + "\n")
    for name, table in TABLES.items():
        order = table.c.id if "id" in table.c else next(iter(table.primary_key.columns))
        result = connection.execution_options(yield_per=BATCH).execute(select(table).order_by(order))
        for row in result.mappings():
            values = {k: v for k, v in row.items() if not (name == "audit" and k == "id")}
            handle.write(json.dumps({"table": name, "row": values}, ensure_ascii=False) + "\n")


def restore(engine: Engine, path: Path) -> dict[str, int]:
    """Restore a backup into a database without records, all or nothing; returns rows per table."""
    name = str(path)
    lines = _lines(path)
    header = _header(next(lines, None), name)
    done = dict.fromkeys(TABLES, 0)
    try:
        with engine.begin() as connection:
            held = sum(
                connection.execute(select(func.count()).select_from(t)).scalar_one()
                for t in (articles, users)
            )
            if held:
                raise BackupError(
                    f"{name}: the database already holds records or users; restore into an empty one"
                )
            connection.execute(meta.delete().where(meta.c.key != "store_id"))
            pending: list[dict] = []
            current = None
            for number, line in lines:
                table, row = _row(line, name, number)
                if table == "meta" and row.get("key") == "store_id":
                    continue
                if table != current or len(pending) >= BATCH:
                    _flush(connection, current, pending)
                    current = table
                pending.append(row)
                done[table] += 1
            _flush(connection, current, pending)
            wanted = {k: v for k, v in header["tables"].items() if k != "meta"}
            if {k: v for k, v in done.items() if k != "meta"} != wanted:
                raise BackupError(f"{name}: the file holds {done}, its header promises {header['tables']}")
            top = max(int(header.get("rev") or 0), 1)
            connection.execute(update(counters).where(counters.c.name == "rev").values(value=top))
    except SQLAlchemyError as error:
        reason = driver_reason(error)
        raise BackupError(f"{name}: nothing was restored: the database refused a row ({reason})") from error
    return done


def _flush(connection, table: str | None, pending: list[dict]) -> None:
    """Insert the rows gathered for one table (the file keeps each table together, parents first)."""
    if table and pending:
        connection.execute(TABLES[table].insert(), pending)
    pending.clear()


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    yield number, line
    except OSError as error:
        raise BackupError(f"cannot read the backup {path}: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise BackupError(f"{path}: not a Bilateral backup (not UTF-8 text)") from error


def _header(first: tuple[int, str] | None, name: str) -> dict:
    try:
        header = json.loads(first[1]) if first else None
    except json.JSONDecodeError:
        header = None
    if (
        not isinstance(header, dict)
        or header.get("format") != FORMAT
        or not isinstance(header.get("tables"), dict)
    ):
        raise BackupError(f"{name}:1: not a Bilateral backup (no header line)")
    if header.get("schema") != schema.head_revision():
        raise BackupError(
            f"{name}:1: the backup is at schema {header.get('schema')}, this code at "
            f"{schema.head_revision()}: restore it with the version that made it, then upgrade"
        )
    return header


def _row(line: str, name: str, number: int) -> tuple[str, dict]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as error:
        raise RecordError([Problem(name, number, "line", f"not JSON ({error.msg})")]) from error
    table, row = (item.get("table"), item.get("row")) if isinstance(item, dict) else (None, None)
    if table not in TABLES or not isinstance(row, dict):
        raise RecordError([Problem(name, number, "table", f"unknown table {table!r} or no row")])
    if table in ("articles", "interactions"):
        raw = {k: v for k, v in row.items() if k not in STORE_ONLY}
        if table == "interactions":
            raw["themes"] = [t for t in str(raw.get("themes") or "").split(";") if t]
            _, problems = interaction_from_dict(raw, name, number)
        else:
            _, problems = article_from_dict(raw, name, number)
        if problems:
            raise RecordError(problems)
    return table, row
