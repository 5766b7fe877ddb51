"""The review queue: drafts coded by the extractor, waiting for an analyst to save, skip or reject them.

All of the queue's persistence is in this module (the store's `drafts` table, each draft's extraction kept
as JSON), through the store's SQLAlchemy engine, so it works on the embedded file and on PostgreSQL alike.
A draft is flagged as a likely duplicate when an earlier draft or a stored article has the same URL,
near-identical text, or the same main event on the same dyad and date.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import zlib
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlalchemy.exc import SQLAlchemyError

from bilateral.errors import StoreError
from bilateral.extract.dedupe import SHINGLE, TEXT_THRESHOLD, normalise_url
from bilateral.store.tables import articles, drafts, interactions

SKETCH_SIZE = 64


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
        """The first-pass interactions in one line, as Records and History write them:
        'USA → RUS · SANCTION; CHN ↔ RUS · CONSULT'."""
        parts = []
        for c in self.result.get("interactions", []):
            arrow = "↔" if c.get("direction") == "mutual" else "→"
            parts.append(f"{c['actor1']} {arrow} {c['actor2']} · {c['event_type']}")
        return "; ".join(parts)


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


def _duplicate(connection, sketch: list[int], url_key: str, event_key: str | None) -> str | None:
    """Why this extraction looks like a draft or article already held, or None."""
    if url_key:
        found = connection.execute(select(drafts.c.id).where(drafts.c.url_key == url_key).limit(1)).scalar()
        if found is not None:
            return f"same URL as draft {found}"
        stored = _stored_with_url(connection, url_key)
        if stored is not None:
            return f"same URL as stored article {stored}"
    if event_key:
        found = connection.execute(
            select(drafts.c.id).where(drafts.c.event_key == event_key).limit(1)
        ).scalar()
        if found is not None:
            return f"same event, dyad and date as draft {found}"
        event_type, pair, date = event_key.split("|")
        first, second = pair.split("-", 1)
        i = interactions.c
        dyad = or_(and_(i.actor1 == first, i.actor2 == second), and_(i.actor1 == second, i.actor2 == first))
        query = select(i.article_id).where(i.date == date, i.event_type == event_type, dyad).limit(1)
        found = connection.execute(query).scalar()
        if found is not None:
            return f"same event, dyad and date as stored article {found}"
    for draft_id, stored_sketch in connection.execute(
        select(drafts.c.id, drafts.c.sketch).where(drafts.c.sketch.is_not(None))
    ):
        if sketch and sketch_similarity(sketch, json.loads(stored_sketch)) >= TEXT_THRESHOLD:
            return f"near-identical text to draft {draft_id}"
    return None


def _stored_with_url(connection, url_key: str) -> str | None:
    """The stored article whose URL normalises to url_key, or None.

    Why the LIKE first: normalising every stored URL in Python costs seconds per draft at a million
    articles. A stored URL that normalises to the key holds its host and path as they stand (only the
    scheme, 'www.', the host's case, a final slash, tracking parameters and the fragment differ), so the
    database picks out those candidates (case-blind, so never too few; % and _ escaped) and only they are
    normalised here.
    """
    host = url_key.split("/", 1)[0].split("?", 1)[0]
    path = url_key[len(host) :].split("?", 1)[0]
    holds = [articles.c.url.icontains(part, autoescape=True) for part in (host, path) if part]
    candidates = connection.execute(select(articles.c.id, articles.c.url).where(*holds))
    for article_id, url in candidates:
        if normalise_url(url) == url_key:
            return article_id
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


def add_draft(db, result: dict, file: str | None = None) -> Draft:
    """Queue one extraction (Extraction.to_dict()) in the Store `db`, flagging a likely duplicate."""
    article = result["article"]
    url_key = normalise_url(article.get("url"))
    event_key = main_event_key(result)
    sketch = text_sketch(article.get("text") or "")
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    try:
        with db.engine.begin() as connection:
            duplicate = _duplicate(connection, sketch, url_key, event_key)
            row = {
                "file": file,
                "title": article.get("title"),
                "date": article.get("date"),
                "url": article.get("url"),
                "url_key": url_key,
                "event_key": event_key,
                "sketch": json.dumps(sketch),
                "duplicate": duplicate,
                "result": json.dumps(result, ensure_ascii=False),
                "added_at": now,
            }
            draft_id = connection.execute(drafts.insert().values(**row)).inserted_primary_key[0]
    except SQLAlchemyError as error:
        raise StoreError(f"cannot queue the draft from {file or 'pasted text'}: {error}") from error
    return get_draft(db, draft_id)


_COLUMNS = ("id", "file", "title", "date", "url", "status", "duplicate", "result", "article_id")


def _draft(row) -> Draft:
    draft_id, file, title, date, url, status, duplicate, result, article_id = row
    return Draft(
        draft_id, file, title, date, url, DraftStatus(status), duplicate, json.loads(result), article_id
    )


def list_drafts(db, status: DraftStatus | str | None = DraftStatus.PENDING) -> list[Draft]:
    """Drafts in queue order (oldest first), of one status or all when status is None."""
    query = select(*(drafts.c[c] for c in _COLUMNS)).order_by(drafts.c.id)
    if status is not None:
        query = query.where(drafts.c.status == str(status))
    with db.engine.connect() as connection:
        return [_draft(row) for row in connection.execute(query)]


def get_draft(db, draft_id: int) -> Draft:
    """One draft; StoreError when there is no such draft."""
    query = select(*(drafts.c[c] for c in _COLUMNS)).where(drafts.c.id == int(draft_id))
    with db.engine.connect() as connection:
        row = connection.execute(query).first()
    if row is None:
        raise StoreError(f"there is no draft {draft_id} in the review queue")
    return _draft(row)


def mark(db, draft_id: int, status: DraftStatus | str, article_id: str | None = None) -> Draft:
    """Record the analyst's decision on a draft (saved, skipped or rejected)."""
    status = DraftStatus(status)
    get_draft(db, draft_id)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    values = {"status": status.value, "decided_at": now}
    if article_id is not None:
        values["article_id"] = article_id
    with db.engine.begin() as connection:
        connection.execute(drafts.update().where(drafts.c.id == int(draft_id)).values(**values))
    return get_draft(db, draft_id)


def counts(db) -> dict[str, int]:
    """Number of drafts per status (every status present, zero when none)."""
    with db.engine.connect() as connection:
        found = dict(
            connection.execute(select(drafts.c.status, func.count()).group_by(drafts.c.status)).all()
        )
    return {s.value: found.get(s.value, 0) for s in DraftStatus}
