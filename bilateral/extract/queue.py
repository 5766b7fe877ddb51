"""The review queue: drafts coded by the extractor, waiting for an analyst to save, skip or reject them.

All of the queue's persistence is in this module (a `drafts` table beside the store's tables, each
draft's extraction kept as JSON), so that it can be moved to another store by changing only this file.
A draft is flagged as a likely duplicate when an earlier draft or a stored article has the same URL,
near-identical text, or the same main event on the same dyad and date.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import sqlite3
import zlib
from dataclasses import dataclass

from bilateral.errors import StoreError
from bilateral.extract.dedupe import SHINGLE, TEXT_THRESHOLD, normalise_url

SKETCH_SIZE = 64

SCHEMA = """
CREATE TABLE IF NOT EXISTS drafts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    file TEXT,
    title TEXT,
    date TEXT,
    url TEXT,
    url_key TEXT,
    event_key TEXT,
    sketch TEXT,
    status TEXT NOT NULL DEFAULT 'pending',
    duplicate TEXT,
    result TEXT NOT NULL,
    article_id TEXT,
    added_at TEXT NOT NULL,
    decided_at TEXT
);
CREATE INDEX IF NOT EXISTS drafts_status ON drafts(status);
CREATE INDEX IF NOT EXISTS drafts_url_key ON drafts(url_key);
CREATE INDEX IF NOT EXISTS drafts_event_key ON drafts(event_key);
"""


class DraftStatus(enum.StrEnum):
    """Where a draft stands: waiting, or what the analyst decided."""

    PENDING = "pending"
    SAVED = "saved"
    SKIPPED = "skipped"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Draft:
    """One queued extraction: the file it came from, its first-pass codes and the duplicate flag."""

    id: int
    file: str | None
    title: str | None
    date: str | None
    url: str | None
    status: DraftStatus
    duplicate: str | None
    result: dict
    article_id: str | None

    @property
    def codes(self) -> str:
        """The first-pass interactions in one line: 'USA->RUS SANCTION; CHN<->RUS CONSULT'."""
        parts = []
        for c in self.result.get("interactions", []):
            arrow = "<->" if c.get("direction") == "mutual" else "->"
            parts.append(f"{c['actor1']}{arrow}{c['actor2']} {c['event_type']}")
        return "; ".join(parts)


def ensure_table(conn: sqlite3.Connection) -> None:
    """Create the drafts table when missing (safe to call on every use)."""
    conn.executescript(SCHEMA)


def main_event_key(result: dict) -> str | None:
    """'EVENT|A-B|DATE' of the first scored interaction, or None without one (or without a date)."""
    for c in result.get("interactions", []):
        if c.get("modality") == "commentary":
            continue
        date = c.get("date") or result["article"].get("date")
        if not date:
            return None
        pair = "-".join(sorted((c["actor1"], c["actor2"])))
        return f"{c['event_type']}|{pair}|{date}"
    return None


def _duplicate(
    conn: sqlite3.Connection, sketch: list[int], url_key: str, event_key: str | None
) -> str | None:
    """Why this extraction looks like a draft or article already held, or None."""
    if url_key:
        row = conn.execute("SELECT id FROM drafts WHERE url_key = ? LIMIT 1", (url_key,)).fetchone()
        if row:
            return f"same URL as draft {row[0]}"
        row = conn.execute("SELECT id, url FROM articles WHERE url IS NOT NULL AND url != ''").fetchall()
        for article_id, url in row:
            if normalise_url(url) == url_key:
                return f"same URL as stored article {article_id}"
    if event_key:
        row = conn.execute("SELECT id FROM drafts WHERE event_key = ? LIMIT 1", (event_key,)).fetchone()
        if row:
            return f"same event, dyad and date as draft {row[0]}"
        event_type, pair, date = event_key.split("|")
        first, second = pair.split("-", 1)
        row = conn.execute(
            "SELECT article_id FROM interactions WHERE date = ? AND event_type = ?"
            " AND ((actor1 = ? AND actor2 = ?) OR (actor1 = ? AND actor2 = ?)) LIMIT 1",
            (date, event_type, first, second, second, first),
        ).fetchone()
        if row:
            return f"same event, dyad and date as stored article {row[0]}"
    for draft_id, stored in conn.execute("SELECT id, sketch FROM drafts WHERE sketch IS NOT NULL"):
        if sketch and sketch_similarity(sketch, json.loads(stored)) >= TEXT_THRESHOLD:
            return f"near-identical text to draft {draft_id}"
    return None


def text_sketch(text: str) -> list[int]:
    """The smallest hashes of the text's word 5-grams: a fixed-size summary that estimates how much two
    texts share (a bottom-k MinHash), so a batch never has to hold or reread earlier drafts' text."""
    words = re.findall(r"\w+", (text or "").lower())
    grams = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    return sorted({zlib.crc32(g.encode()) for g in grams if g})[:SKETCH_SIZE]


def sketch_similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two texts from their sketches (0..1)."""
    union = sorted(set(a) | set(b))[:SKETCH_SIZE]
    both = set(a) & set(b)
    return sum(h in both for h in union) / len(union) if union else 0.0


def add_draft(conn: sqlite3.Connection, result: dict, file: str | None = None) -> Draft:
    """Queue one extraction (the dict of Extraction.to_dict()), flagging a likely duplicate."""
    ensure_table(conn)
    article = result["article"]
    url_key = normalise_url(article.get("url"))
    event_key = main_event_key(result)
    sketch = text_sketch(article.get("text") or "")
    duplicate = _duplicate(conn, sketch, url_key, event_key)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    try:
        with conn:
            cursor = conn.execute(
                "INSERT INTO drafts (file, title, date, url, url_key, event_key, sketch, duplicate, result,"
                " added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    file,
                    article.get("title"),
                    article.get("date"),
                    article.get("url"),
                    url_key,
                    event_key,
                    json.dumps(sketch),
                    duplicate,
                    json.dumps(result, ensure_ascii=False),
                    now,
                ),
            )
    except sqlite3.Error as error:
        raise StoreError(f"cannot queue the draft from {file or 'pasted text'}: {error}") from error
    return get_draft(conn, cursor.lastrowid)


def _draft(row: sqlite3.Row | tuple) -> Draft:
    draft_id, file, title, date, url, status, duplicate, result, article_id = row
    return Draft(
        draft_id, file, title, date, url, DraftStatus(status), duplicate, json.loads(result), article_id
    )


_COLUMNS = "id, file, title, date, url, status, duplicate, result, article_id"


def list_drafts(
    conn: sqlite3.Connection, status: DraftStatus | str | None = DraftStatus.PENDING
) -> list[Draft]:
    """Drafts in queue order (oldest first), of one status or all when status is None."""
    ensure_table(conn)
    if status is None:
        rows = conn.execute(f"SELECT {_COLUMNS} FROM drafts ORDER BY id")
    else:
        rows = conn.execute(f"SELECT {_COLUMNS} FROM drafts WHERE status = ? ORDER BY id", (str(status),))
    return [_draft(row) for row in rows]


def get_draft(conn: sqlite3.Connection, draft_id: int) -> Draft:
    """One draft; StoreError when there is no such draft."""
    ensure_table(conn)
    row = conn.execute(f"SELECT {_COLUMNS} FROM drafts WHERE id = ?", (int(draft_id),)).fetchone()
    if row is None:
        raise StoreError(f"there is no draft {draft_id} in the review queue")
    return _draft(row)


def mark(
    conn: sqlite3.Connection, draft_id: int, status: DraftStatus | str, article_id: str | None = None
) -> Draft:
    """Record the analyst's decision on a draft (saved, skipped or rejected)."""
    status = DraftStatus(status)
    get_draft(conn, draft_id)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with conn:
        conn.execute(
            "UPDATE drafts SET status = ?, article_id = COALESCE(?, article_id), decided_at = ? WHERE id = ?",
            (status.value, article_id, now, int(draft_id)),
        )
    return get_draft(conn, draft_id)


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Number of drafts per status (every status present, zero when none)."""
    ensure_table(conn)
    found = dict(conn.execute("SELECT status, COUNT(*) FROM drafts GROUP BY status").fetchall())
    return {s.value: found.get(s.value, 0) for s in DraftStatus}
