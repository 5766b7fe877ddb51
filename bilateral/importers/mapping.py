"""Field-data rows (GDELT, ICEWS, PLOVER) mapped to interactions by the rule tables in mappings/*.csv.

Every rule is a row of a table, not a branch here: actors (CAMEO codes and ICEWS names -> registry codes,
the sectors that count as the state), CAMEO event codes -> PLOVER type and themes, PLOVER contexts and
event names -> themes and types. A row maps to one interaction row of the store, or to a skip reason.

Bulk path: rows are built directly as store rows (no model per row, for speed); every value comes from a
vocabulary of bilateral.model (EventType, its quad class and default score, Theme, Dataset, Coder), the
score is range-checked here, and tests validate every mapped sample row against the Interaction declaration.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from bilateral.model import (
    SCORE_MAX,
    SCORE_MIN,
    Article,
    Coder,
    Dataset,
    Direction,
    EventType,
    Modality,
    Status,
    Theme,
    TitleKind,
    check_url,
    field_interaction_id,
    stable_id,
)

MAPPINGS_DIR = Path(__file__).resolve().parent / "mappings"


def _table(name: str) -> list[dict[str, str]]:
    with (MAPPINGS_DIR / name).open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def themes_text(text: str) -> str:
    """';'-joined themes in the vocabulary's order (checked against Theme)."""
    order = list(Theme)
    found = {Theme(t.strip()) for t in text.split(";") if t.strip()}
    return ";".join(t.value for t in sorted(found, key=order.index))


@dataclass(frozen=True)
class EventRule:
    """What one CAMEO code (or PLOVER event name) maps to: a PLOVER type (None: skipped) and themes."""

    event_type: EventType | None
    themes: str
    note: str = ""

    @property
    def quad(self) -> int:
        """The quad class of the PLOVER type, as the store keeps it."""
        return int(self.event_type.quad_class)


@dataclass(frozen=True)
class Rules:
    """The rule tables, loaded once per process (see rules())."""

    cameo_events: dict[str, EventRule]
    cameo_actors: dict[str, str]
    icews_actors: dict[str, str]
    state_sectors: dict[str, frozenset[str]]
    plover_events: dict[str, EventRule]
    plover_contexts: dict[str, str]

    def cameo_event(self, code: str) -> EventRule | None:
        """The rule of the longest known prefix of a CAMEO code (0834 -> 0834, else 083, else 08)."""
        for size in (4, 3, 2):
            rule = self.cameo_events.get(code[:size]) if len(code) >= size else None
            if rule is not None:
                return rule
        return None

    def cameo_actor(self, code: str, country: str) -> str | None:
        """Registry code of a CAMEO actor: a bloc by its code's prefix (IGOEUREEC...), else its country."""
        for size in range(len(code), 5, -1):
            found = self.cameo_actors.get(code[:size])
            if found and code.startswith("IGO"):
                return found
        return self.cameo_actors.get(country)


def _event_rule(row: dict[str, str]) -> EventRule:
    kind = row["event_type"]
    return EventRule(EventType(kind) if kind else None, themes_text(row["themes"]), row.get("note", ""))


@cache
def rules() -> Rules:
    """The rule tables of mappings/ (read once; they ship with the package)."""
    sectors: dict[str, set[str]] = {}
    for row in _table("state_sectors.csv"):
        sectors.setdefault(row["dataset"], set()).add(row["sector"])
    return Rules(
        cameo_events={row["cameo"]: _event_rule(row) for row in _table("cameo_events.csv")},
        cameo_actors={row["cameo"]: row["registry"] for row in _table("cameo_actors.csv")},
        icews_actors={row["icews_name"]: row["registry"] for row in _table("icews_actors.csv")},
        state_sectors={k: frozenset(v) for k, v in sectors.items()},
        plover_events={row["plover_event"]: _event_rule(row) for row in _table("plover_events.csv")},
        plover_contexts={row["context"]: themes_text(row["themes"]) for row in _table("plover_contexts.csv")},
    )


class Skip(Exception):
    """A row that is not kept, with the reason it is counted under."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@lru_cache(maxsize=1 << 14)
def _iso(text: str) -> str:
    """YYYYMMDD (or YYYY-MM-DD, or YYYYMMDDHHMMSS) -> YYYY-MM-DD; Skip when it is not a date."""
    digits = text.replace("-", "")[:8]
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8])).isoformat()
    except ValueError:
        raise Skip("date not readable") from None


def _score(text: str, default: float) -> float:
    if not text:
        return default
    try:
        score = round(float(text), 2)
    except ValueError:
        raise Skip("score not a number") from None
    if not SCORE_MIN <= score <= SCORE_MAX:
        raise Skip("score out of range")
    return score


def _count(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def interaction_row(
    dataset: Dataset, row_id: str, date: str, actors: tuple[str, str], rule: EventRule, score: float,
    article_id: str, **extra,
) -> dict:  # fmt: skip
    """One row of the interactions table (rev added by the writer)."""
    if actors[0] == actors[1]:
        raise Skip("both actors roll up to the same state")
    kind, name = rule.event_type, dataset.value
    return {
        "id": field_interaction_id(name, row_id), "date": date, "actor1": actors[0],
        "actor2": actors[1], "direction": extra.pop("direction", _DIRECTED),
        "event_type": kind.value, "quad_class": rule.quad, "score": score, "themes": rule.themes,
        "modality": _REPORTED, "evidence": extra.pop("evidence", None),
        "coder": _AUTO, "confidence": 1.0, "article_id": article_id, "dataset": name,
        "source_row_id": row_id, "source_url": extra.pop("source_url", None), "num_mentions": None,
        "num_sources": None, "num_articles": None, "story_id": None, **extra,
    }  # fmt: skip


_DIRECTED, _REPORTED, _AUTO = Direction.DIRECTED.value, Modality.REPORTED.value, Coder.AUTO.value


def source_article(dataset: Dataset, key: str, date: str, title: str, source: str, url: str | None) -> dict:
    """The source article of imported rows, through the Article declaration (one per URL, story or day)."""
    record = Article.model_validate({
        "id": stable_id("a", url) if url else stable_id("a", dataset.value, key), "title": title,
        "title_kind": TitleKind.DESCRIPTIVE, "date": date, "source": source, "url": url,
        "status": Status.MACHINE,
        "summary": f"Source of {dataset.label} rows (imported field data; no article text is stored).",
    })  # fmt: skip
    return {**record.to_dict(), "url": url}


@lru_cache(maxsize=1 << 16)
def url_or_none(text: str) -> str | None:
    """The URL when it is a plain http(s) link, else None (some rows carry a bare outlet name)."""
    return text if text and check_url(text) is None else None


@lru_cache(maxsize=1 << 16)
def host(url: str) -> str:
    """The site of a URL, without www."""
    return urlsplit(url).netloc.lower().removeprefix("www.")
