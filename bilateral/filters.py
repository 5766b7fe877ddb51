"""Filter: ONE object for the sidebar, the URL, the CLI and the tests, and apply() to use it on a frame.

The URL query keys are the CLI flag names (`theme`, `from`, `dyad`, ...), so a link and a command line
say the same thing in the same words.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from bilateral.errors import FilterError
from bilateral.model import EventType, QuadClass, Status, Theme

# Query key -> Filter field, in the order a URL lists them.
QUERY_KEYS = {
    "theme": "themes",
    "from": "date_from",
    "to": "date_to",
    "actor": "actors",
    "dyad": "dyads",
    "event_type": "event_types",
    "quad": "quads",
    "source": "sources",
    "text": "text",
    "min_score": "min_score",
    "max_score": "max_score",
    "status": "status",
}
LIST_KEYS = {"theme", "actor", "dyad", "event_type", "quad", "source"}


@dataclass(frozen=True)
class Filter:
    """What the analyst asked to see; an empty field means no restriction."""

    themes: tuple[Theme, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    actors: tuple[str, ...] = ()
    dyads: tuple[str, ...] = ()
    event_types: tuple[EventType, ...] = ()
    quads: tuple[QuadClass, ...] = ()
    sources: tuple[str, ...] = ()
    text: str = ""
    min_score: float | None = None
    max_score: float | None = None
    status: Status | None = None

    def is_empty(self) -> bool:
        """True when the filter restricts nothing."""
        return self == Filter()

    def to_query(self) -> dict[str, list[str] | str]:
        """Query parameters for the URL (lists become repeated keys); empty fields are left out."""
        query: dict[str, list[str] | str] = {}
        for key, name in QUERY_KEYS.items():
            value = getattr(self, name)
            if value in (None, "", ()):
                continue
            if key in LIST_KEYS:
                query[key] = [_text(v) for v in value]
            else:
                query[key] = _text(value)
        return query

    def describe(self) -> str:
        """The filter in words for titles, captions and reports ("Energy · CHN-RUS · 2014-2025")."""
        parts = [" + ".join(t.label for t in self.themes)] if self.themes else []
        parts += [", ".join(self.dyads)] if self.dyads else []
        parts += [", ".join(self.actors)] if self.actors else []
        parts += [", ".join(e.value for e in self.event_types)] if self.event_types else []
        parts += [", ".join(q.label for q in self.quads)] if self.quads else []
        parts += [", ".join(self.sources)] if self.sources else []
        if self.date_from or self.date_to:
            parts.append(f"{self.date_from or '…'} to {self.date_to or '…'}")
        if self.text:
            parts.append(f"text “{self.text}”")
        if self.min_score is not None or self.max_score is not None:
            low = "-10" if self.min_score is None else f"{self.min_score:g}"
            high = "+10" if self.max_score is None else f"{self.max_score:+g}"
            parts.append(f"score {low} to {high}")
        if self.status:
            parts.append(f"{self.status.value} only")
        return " · ".join(parts) if parts else "All records"


def _text(value) -> str:
    if isinstance(value, QuadClass):
        return str(value.value)
    if hasattr(value, "value"):
        return str(value.value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def normalise_dyad(value: str) -> str:
    """'RUS-CHN' or 'rus-chn' -> 'CHN-RUS'; raises FilterError when it is not two codes."""
    parts = [p.strip().upper() for p in str(value).split("-")]
    if len(parts) != 2 or not all(parts) or parts[0] == parts[1]:
        raise FilterError(f"dyad {value!r} is not two different actor codes joined by '-', like CHN-RUS")
    return "-".join(sorted(parts))


def _parse_one(key: str, value: str):
    """One query/CLI value of `key` parsed to its Filter type; raises FilterError naming key and value."""
    value = str(value).strip()
    try:
        match key:
            case "theme":
                return Theme(value.lower())
            case "from" | "to":
                return dt.date.fromisoformat(value)
            case "actor" | "source":
                if not value:
                    raise ValueError("empty")
                return value.upper() if key == "actor" else value
            case "dyad":
                return normalise_dyad(value)
            case "event_type":
                return EventType(value.upper())
            case "quad":
                return QuadClass(int(value))
            case "min_score" | "max_score":
                number = float(value)
                if not -10 <= number <= 10:
                    raise ValueError("out of range")
                return number
            case "status":
                return Status(value.lower())
            case "text":
                return value
    except (ValueError, TypeError) as error:
        raise FilterError(f"{key}={value!r} is not valid ({_hint(key)})") from error
    raise FilterError(f"unknown filter {key!r}")


def _hint(key: str) -> str:
    hints = {
        "theme": "one of " + ", ".join(t.value for t in Theme),
        "from": "a date YYYY-MM-DD",
        "to": "a date YYYY-MM-DD",
        "dyad": "two codes like CHN-RUS",
        "event_type": "a PLOVER type such as AGREE or SANCTION",
        "quad": "1, 2, 3 or 4",
        "min_score": "a number from -10 to 10",
        "max_score": "a number from -10 to 10",
        "status": "draft or reviewed",
    }
    return hints.get(key, "a non-empty value")


def filter_from_query(params: Mapping[str, list[str] | str]) -> tuple[Filter, list[str]]:
    """A Filter from query parameters, and a note for each value that was ignored because it is invalid."""
    fields: dict = {}
    notes: list[str] = []
    for key, name in QUERY_KEYS.items():
        raw = params.get(key)
        if raw is None:
            continue
        values = raw if isinstance(raw, list | tuple) else [raw]
        parsed = []
        for value in values:
            if str(value).strip() == "":
                continue
            try:
                parsed.append(_parse_one(key, value))
            except FilterError as error:
                notes.append(f"Ignored {error}")
        if parsed:
            fields[name] = tuple(dict.fromkeys(parsed)) if key in LIST_KEYS else parsed[-1]
    for key in params:
        if key not in QUERY_KEYS:
            notes.append(f"Ignored unknown filter {key!r}")
    return _consistent(Filter(**fields), notes), notes


def _consistent(flt: Filter, notes: list[str]) -> Filter:
    """Drop a date or score range given upside down, with a note, rather than show nothing."""
    if flt.date_from and flt.date_to and flt.date_from > flt.date_to:
        notes.append(f"Ignored the period: {flt.date_from} is after {flt.date_to}")
        flt = dataclasses.replace(flt, date_from=None, date_to=None)
    if flt.min_score is not None and flt.max_score is not None and flt.min_score > flt.max_score:
        notes.append(f"Ignored the score range: {flt.min_score:g} is above {flt.max_score:g}")
        flt = dataclasses.replace(flt, min_score=None, max_score=None)
    return flt


def filter_from_cli(args) -> Filter:
    """A Filter from parsed CLI flags (see cli.add_filter_arguments); raises FilterError on a bad value."""
    params = {
        key: getattr(args, name) for key, name in _CLI_DESTS.items() if getattr(args, name, None) is not None
    }
    flt, notes = filter_from_query(params)
    if notes:
        raise FilterError("; ".join(notes))
    return flt


_CLI_DESTS = {key: f"filter_{key}" for key in QUERY_KEYS}


def apply_filter(flt: Filter, frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of an interactions frame (see store.load_interactions) that the filter keeps."""
    mask = pd.Series(True, index=frame.index)
    if flt.themes:
        wanted = theme_mask(flt.themes)
        mask &= (frame["theme_mask"] & wanted) != 0
    if flt.date_from:
        mask &= frame["date"] >= pd.Timestamp(flt.date_from)
    if flt.date_to:
        mask &= frame["date"] <= pd.Timestamp(flt.date_to)
    if flt.actors:
        codes = list(flt.actors)
        mask &= frame[["actor1", "actor2", "state1", "state2"]].isin(codes).any(axis=1)
    if flt.dyads:
        mask &= frame["dyad"].isin(flt.dyads) | frame["dyad_raw"].isin(flt.dyads)
    if flt.event_types:
        mask &= frame["event_type"].isin([e.value for e in flt.event_types])
    if flt.quads:
        mask &= frame["quad_class"].isin([int(q) for q in flt.quads])
    if flt.sources:
        mask &= frame["source"].str.lower().isin([s.lower() for s in flt.sources])
    if flt.text:
        mask &= _text_mask(frame, flt.text)
    if flt.min_score is not None:
        mask &= frame["score"] >= flt.min_score
    if flt.max_score is not None:
        mask &= frame["score"] <= flt.max_score
    if flt.status:
        mask &= frame["status"] == flt.status.value
    return frame.loc[mask]


def _text_mask(frame: pd.DataFrame, text: str) -> pd.Series:
    needle = text.lower()
    found = pd.Series(False, index=frame.index)
    for column in ("title", "summary", "evidence"):
        found |= frame[column].fillna("").str.lower().str.contains(needle, regex=False)
    return found


THEME_BITS = {theme: 1 << i for i, theme in enumerate(Theme)}


def theme_mask(themes) -> int:
    """Bit mask of themes, so a theme filter is one vectorised AND on a million rows."""
    mask = 0
    for theme in themes:
        mask |= THEME_BITS[Theme(theme)]
    return mask
