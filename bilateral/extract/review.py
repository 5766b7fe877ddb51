"""The review table: extraction -> editable rows -> validated Article and Interactions, ready to save.

The page edits a plain DataFrame; every check on what the analyst typed lives here (through
bilateral.model) so that the page, the tests and any future CLI reject the same things.
"""

from __future__ import annotations

import math

import pandas as pd

from bilateral.errors import Problem, RecordError
from bilateral.extract.pipeline import Extraction
from bilateral.model import (
    Article,
    Coder,
    EventType,
    Interaction,
    Status,
    TitleKind,
    article_from_dict,
    interaction_from_dict,
)

COLUMNS = [
    "actor1",
    "actor2",
    "direction",
    "event_type",
    "score",
    "themes",
    "modality",
    "negated",
    "evidence",
    "confidence",
    "cue",
    "date",
    "date_source",
]


def candidates_frame(result: Extraction) -> pd.DataFrame:
    """One editable row per candidate interaction (themes as 'a;b' text)."""
    return frame_from_dict(result.to_dict())


def frame_from_dict(result: dict) -> pd.DataFrame:
    """The review rows of an extraction's JSON (Extraction.to_dict(), as a queued draft keeps it).

    'date' is the event's own date when its sentence gives one, else empty (the article date is used
    on saving); 'date_source' says where it came from.
    """
    rows = [
        {
            **{k: c.get(k) for k in COLUMNS},
            "themes": ";".join(c.get("themes", [])),
            "date": c.get("date") or "",
            "date_source": c.get("date_source") or "",
        }
        for c in result.get("interactions", [])
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def _blank(value) -> bool:
    return (
        value is None
        or (isinstance(value, float) and math.isnan(value))
        or (isinstance(value, str) and not value.strip())
    )


def _row_dict(row: dict, article: Article) -> dict:
    """A review row as the dict interaction_from_dict reads; an empty score takes the type's default."""
    raw = {k: (None if _blank(v) else v) for k, v in row.items()}
    event = raw.get("event_type")
    if raw.get("score") is None and event in EventType.__members__:
        raw["score"] = EventType(event).default_score
    raw.update(article_id=article.id, date=raw.get("date") or article.date, id=None)
    raw["coder"] = (Coder.HUMAN if raw.get("confidence") is None else Coder.AUTO).value
    for column in ("negated", "cue", "date_source"):
        raw.pop(column, None)
    return raw


REVIEW_TABLE = "review table"  # the path its problems name, with the row number from 1


def build_records(
    meta: dict, rows: pd.DataFrame, known_actors: set[str], text: str | None = None
) -> tuple[Article, list[Interaction]]:
    """The reviewed Article and its Interactions; RecordError lists every bad field (row numbers from 1)."""
    article, problems = article_from_dict(
        {**meta, "text": text, "status": Status.REVIEWED.value, "title_kind": TitleKind.HEADLINE.value},
        "review",
        0,
    )
    if article is None:
        raise RecordError(problems)
    interactions: list[Interaction] = []
    all_problems: list[Problem] = []
    for number, row in enumerate(rows.to_dict("records"), start=1):
        if all(_blank(v) for k, v in row.items() if k not in ("negated", "confidence", "date_source")):
            continue
        record, found = interaction_from_dict(_row_dict(row, article), REVIEW_TABLE, number, known_actors)
        all_problems.extend(found)
        if record is not None:
            interactions.append(record)
    if all_problems:
        raise RecordError(all_problems)
    return article, interactions
