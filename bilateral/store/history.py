"""The audit trail as a table for people: who changed what, when, with the fields before and after."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Engine, select

from bilateral.store.changes import change_from_row
from bilateral.store.tables import audit

COLUMNS = ["at", "actor", "action", "kind", "record_id", "version", "changes", "before", "after", "link"]


def people(engine: Engine) -> list[str]:
    """Everyone who has changed something, by name."""
    with engine.connect() as connection:
        return sorted(connection.execute(select(audit.c.actor).distinct()).scalars())


def history_frame(
    engine: Engine,
    person: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    record_id: str | None = None,
    limit: int = 500,
) -> pd.DataFrame:
    """The newest changes (at most `limit`) matching the filters, one row each, newest first.

    `changes` lists the altered fields as `field: before -> after`; `link` opens the record on Records.
    """
    query = select(audit)
    if person:
        query = query.where(audit.c.actor == person)
    if since:
        query = query.where(audit.c.at >= since.isoformat())
    if until:
        query = query.where(audit.c.at < (until + dt.timedelta(days=1)).isoformat())
    if record_id:
        query = query.where(audit.c.record_id == record_id.strip())
    with engine.connect() as connection:
        rows = connection.execute(query.order_by(audit.c.id.desc()).limit(limit)).mappings().all()
    return pd.DataFrame([_line(row) for row in rows], columns=COLUMNS)


def _line(row) -> dict:
    change = change_from_row(row)
    fields = change.fields()
    return {
        "at": change.at, "actor": change.actor, "action": change.action, "kind": change.kind,
        "record_id": change.record_id, "version": change.version,
        "changes": "; ".join(f"{k}: {b!r} -> {a!r}" for k, (b, a) in fields.items()) if change.before else "",
        "before": row["before"] or "", "after": row["after"] or "",
        "link": f"records?record={change.record_id}" if change.kind in ("article", "interaction") else None,
    }  # fmt: skip
