"""The audit trail as a table for people: who changed what, when, and the change in words.

Why words rather than the stored JSON: an auditor reads "score: 4.0 -> -7.0", not two blobs of every field;
the values stay plain text (the page shows them in a table, never as markdown or HTML).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pandas as pd
from sqlalchemy import Engine, Select, func, select

from bilateral.store.changes import Change, change_from_row
from bilateral.store.tables import audit
from bilateral.wording import count_noun

COLUMNS = ["at", "actor", "action", "kind", "record_id", "version", "changes", "link"]
ACTIONS = {
    "insert": "Added",
    "update": "Edited",
    "delete": "Deleted",
    "restore": "Restored",
    "import": "Imported",
}
VALUE_CHARS = 80  # a long value (an evidence sentence, a summary) is cut to this many characters


def people(engine: Engine) -> list[str]:
    """Everyone who has changed something, by name."""
    with engine.connect() as connection:
        return sorted(connection.execute(select(audit.c.actor).distinct()).scalars())


def day_start(day: dt.date, zone: str) -> str:
    """The first instant of `day` on the clock of `zone`, as the stored UTC text of audit times.

    Why: the page shows each change's time in the reader's zone, so "From 4 December" must mean the
    reader's 4 December, not UTC's (a change at 23:30 UTC is on the 5th in Tokyo). Stored times are UTC
    text of one width, so the bound compares as text."""
    start = dt.datetime.combine(day, dt.time(), tzinfo=ZoneInfo(zone))
    return start.astimezone(dt.UTC).isoformat()


def _matching(query: Select, person, since, until, record_id, zone: str) -> Select:
    """The query narrowed to one person, a period of days (on the clock of `zone`) and one record id."""
    if person:
        query = query.where(audit.c.actor == person)
    if since:
        query = query.where(audit.c.at >= day_start(since, zone))
    if until:
        query = query.where(audit.c.at < day_start(until + dt.timedelta(days=1), zone))
    if record_id:
        query = query.where(audit.c.record_id == record_id.strip())
    return query


def history_count(
    engine: Engine,
    person: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    record_id: str | None = None,
    zone: str = "UTC",
) -> int:
    """How many changes match the filters (history_frame shows them a page at a time); days are `zone`'s."""
    query = _matching(select(func.count()).select_from(audit), person, since, until, record_id, zone)
    with engine.connect() as connection:
        return int(connection.execute(query).scalar_one())


def history_frame(
    engine: Engine,
    person: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    record_id: str | None = None,
    limit: int = 500,
    offset: int = 0,
    zone: str = "UTC",
) -> pd.DataFrame:
    """The changes matching the filters, newest first, `limit` from `offset`, one row each.

    `at` is a UTC timestamp, `action` a word ("Edited"), `changes` the change in words (see change_text);
    `link` opens the record on Records. `since` and `until` are days on the clock of `zone` (see day_start).
    """
    query = _matching(select(audit), person, since, until, record_id, zone)
    with engine.connect() as connection:
        rows = connection.execute(query.order_by(audit.c.id.desc()).limit(limit).offset(offset)).mappings()
        frame = pd.DataFrame([_line(change_from_row(row)) for row in rows], columns=COLUMNS)
    frame["at"] = pd.to_datetime(frame["at"], utc=True, format="ISO8601")
    return frame


def without_empty_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame less the columns no row fills (no link when only imports are listed, say)."""
    filled = frame.notna() & frame.astype(str).ne("")
    return frame.loc[:, filled.any()]


def change_text(change: Change) -> str:
    """The change in words: the fields an edit altered (`field: before -> after`), else what was added,
    deleted, restored or imported."""
    after = change.after or {}
    if change.action == "import":
        files = ", ".join(after.get("files") or [])
        added = f"{count_noun(after.get('articles', 0), 'article')}, "
        added += count_noun(after.get("interactions", 0), "interaction")
        return f"{added} from {files}" if files else added
    if change.action == "insert":
        return _record_text(change.kind, after)
    if change.action in ("delete", "restore"):
        return "hidden from every view" if change.action == "delete" else "shown again"
    return "; ".join(f"{k}: {_value(b)} -> {_value(a)}" for k, (b, a) in change.fields().items())


def _record_text(kind: str, row: dict) -> str:
    if kind == "article":
        return f"“{_cut(str(row.get('title')))}” ({row.get('date')}, {row.get('source')})"
    if kind == "interaction":
        score = row.get("score")
        scored = f" · score {score:+.1f}" if isinstance(score, int | float) else ""
        return (
            f"{row.get('actor1')} → {row.get('actor2')} · {row.get('event_type')}{scored} ({row.get('date')})"
        )
    return ""


def _value(value) -> str:
    return _cut(repr(value))


def _cut(text: str) -> str:
    return text if len(text) <= VALUE_CHARS else text[: VALUE_CHARS - 1] + "…"


def _line(change: Change) -> dict:
    return {
        "at": change.at, "actor": change.actor, "action": ACTIONS.get(change.action, change.action),
        "kind": change.kind, "record_id": change.record_id,
        "version": "" if change.version is None else str(change.version),  # an import has none: empty
        "changes": change_text(change),
        # an import has no record to open: an empty cell (the table draws None as a grey "None")
        "link": f"records?record={change.record_id}" if change.kind in ("article", "interaction") else "",
    }  # fmt: skip
