"""Edits, soft deletes and their undo, each audited in the same transaction as the change.

Why versions: an edit names the version of the record it started from; the UPDATE only matches that
version, so when someone else saved in between, nothing is overwritten and the caller gets a ConflictError
naming the other person's change. Saves of different records never conflict. A soft delete keeps the row
(with `deleted_at`) and records it in `deletions`, so the page-query mirror drops it; undo clears both.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import Connection, Engine, select, update
from sqlalchemy.exc import SQLAlchemyError

from bilateral.errors import StoreError, driver_reason
from bilateral.model import Article, Interaction, now_iso
from bilateral.store.tables import articles, audit, deletions, interactions
from bilateral.store.writes import article_row, interaction_row, next_revision

Kind = Literal["article", "interaction"]
TABLE = {"article": articles, "interaction": interactions}
BOOKKEEPING = ("rev", "version", "deleted_at")


@dataclass(frozen=True)
class Change:
    """One line of the audit trail."""

    at: str
    actor: str
    action: str
    kind: str
    record_id: str
    version: int | None
    before: dict | None
    after: dict | None

    def fields(self) -> dict[str, tuple]:
        """The fields this change altered: name -> (before, after)."""
        before, after = self.before or {}, self.after or {}
        return {k: (before.get(k), after.get(k)) for k in sorted(set(before) | set(after))
                if before.get(k) != after.get(k) and k not in BOOKKEEPING}  # fmt: skip

    def describe(self) -> str:
        """`who` `action` at `when`: field: before -> after; ... (one line for a person)."""
        changed = "; ".join(f"{k}: {b!r} -> {a!r}" for k, (b, a) in self.fields().items())
        return f"{self.actor} ({self.action}, {self.at}, version {self.version})" + (
            f": {changed}" if changed else ""
        )


class ConflictError(StoreError):
    """Someone else changed the record since it was opened; nothing was written."""

    def __init__(self, kind: str, record_id: str, expected: int, current: int, change: Change | None):
        self.current_version, self.change = current, change
        other = change.describe() if change else "another change"
        super().__init__(
            f"not saved: this {kind} ({record_id}) was changed by {other} after you opened version "
            f"{expected}; it is now at version {current}. Reload it and apply your change again."
        )


def record_change(connection: Connection, rev: int, actor: str, action: str, kind: str, record_id: str,
                  version: int | None, before: dict | None, after: dict | None) -> None:  # fmt: skip
    """One audit row, inside the caller's transaction."""
    connection.execute(audit.insert().values(
        rev=rev, at=now_iso(), actor=actor, action=action, kind=kind, record_id=record_id, version=version,
        before=_json(before), after=_json(after),
    ))  # fmt: skip


def get_record(engine: Engine, kind: Kind, record_id: str) -> dict | None:
    """The stored row (with version and deleted_at), or None."""
    with engine.connect() as connection:
        return _row(connection, kind, record_id)


def update_record(engine: Engine, record: Article | Interaction, expected_version: int, actor: str) -> int:
    """Save an edited article or interaction if it is still at `expected_version`; returns the new version."""
    kind: Kind = "article" if isinstance(record, Article) else "interaction"

    def change(connection: Connection, rev: int, before: dict) -> dict:
        if kind == "article":
            row = article_row(record.model_copy(update={"added_at": before["added_at"]}), rev)
            if record.text is None:
                row.pop("text")
        else:
            row = interaction_row(record, record.article_id, rev)
        return {k: v for k, v in row.items() if k != "id"}

    return _versioned(engine, kind, record.id, expected_version, actor, "update", change)


def delete_record(
    engine: Engine, kind: Kind, record_id: str, actor: str, expected_version: int | None = None
) -> int:
    """Soft-delete a record (an article hides its interactions too); returns the new version."""

    def change(connection: Connection, rev: int, before: dict) -> dict:
        if before["deleted_at"]:
            raise StoreError(f"this {kind} ({record_id}) is already deleted")
        connection.execute(deletions.delete().where(deletions.c.kind == kind, deletions.c.id == record_id))
        connection.execute(deletions.insert().values(kind=kind, id=record_id, rev=rev))
        return {"deleted_at": now_iso(), "rev": rev}

    return _versioned(engine, kind, record_id, expected_version, actor, "delete", change)


def restore_record(engine: Engine, kind: Kind, record_id: str, actor: str) -> int:
    """Undo a soft delete; returns the new version."""

    def change(connection: Connection, rev: int, before: dict) -> dict:
        if not before["deleted_at"]:
            raise StoreError(f"this {kind} ({record_id}) is not deleted")
        connection.execute(deletions.delete().where(deletions.c.kind == kind, deletions.c.id == record_id))
        return {"deleted_at": None, "rev": rev}

    return _versioned(engine, kind, record_id, None, actor, "restore", change)


def _versioned(engine, kind, record_id, expected, actor, action, change) -> int:
    """Lock the row, check its version, apply `change`, bump version and rev, audit: one transaction."""
    table = TABLE[kind]
    try:
        with engine.begin() as connection:
            rev = next_revision(connection)
            before = _row(connection, kind, record_id, lock=True)
            if before is None:
                raise StoreError(f"no {kind} with id {record_id!r}; nothing was written")
            if expected is not None and before["version"] != expected:
                raise ConflictError(
                    kind, record_id, expected, before["version"], last_change(connection, kind, record_id)
                )
            values = {**change(connection, rev, before), "rev": rev, "version": before["version"] + 1}
            done = connection.execute(
                update(table)
                .where(table.c.id == record_id, table.c.version == before["version"])
                .values(values)
            )
            if done.rowcount != 1:
                current = _row(connection, kind, record_id)
                raise ConflictError(
                    kind,
                    record_id,
                    before["version"],
                    current["version"],
                    last_change(connection, kind, record_id),
                )
            after = _row(connection, kind, record_id)
            record_change(connection, rev, actor, action, kind, record_id, after["version"], before, after)
            return after["version"]
    except SQLAlchemyError as error:
        reason = driver_reason(error)
        raise StoreError(f"nothing was written: the database refused the change ({reason})") from error


def last_change(connection: Connection, kind: str, record_id: str) -> Change | None:
    """The newest audit entry of a record."""
    query = select(audit).where(audit.c.kind == kind, audit.c.record_id == record_id)
    row = connection.execute(query.order_by(audit.c.id.desc()).limit(1)).mappings().first()
    return change_from_row(row) if row else None


def change_from_row(row) -> Change:
    """A Change from an audit row."""
    return Change(row["at"], row["actor"], row["action"], row["kind"], row["record_id"], row["version"],
                  _load(row["before"]), _load(row["after"]))  # fmt: skip


def _row(connection: Connection, kind: str, record_id: str, lock: bool = False) -> dict | None:
    table = TABLE[kind]
    columns = [c for c in table.c if c.name != "text"]
    query = select(*columns).where(table.c.id == record_id)
    if lock:
        query = query.with_for_update()
    found = connection.execute(query).mappings().first()
    return dict(found) if found else None


def _json(values: dict | None) -> str | None:
    return None if values is None else json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)


def _load(text: str | None) -> dict | None:
    return None if text is None else json.loads(text)
