"""Filter: ONE object for the sidebar, the URL, the CLI and the SQL, made from the table in fields.py.

The URL query keys are the CLI flag names (`theme`, `from`, `dyad`, ...), so a link and a command line say
the same thing in the same words; `where(flt)` is the SQL WHERE clause every page query applies.
"""

from __future__ import annotations

import dataclasses
import shlex
from collections.abc import Mapping

from bilateral.errors import FilterError
from bilateral.filters.fields import (
    BY_KEY,
    FIELDS,
    SCORE_RANGE,
    THEME_BITS,
    FilterField,
    UnknownCode,
    Widget,
    normalise_dyad,
    one_of,
    theme_mask,
)
from bilateral.model import QuadClass

__all__ = [
    "BY_KEY", "FIELDS", "QUERY_KEYS", "SCORE_RANGE", "THEME_BITS", "Filter", "FilterField", "Widget",
    "add_filter_arguments", "filter_from_cli", "filter_from_query", "normalise_dyad", "one_of", "theme_mask",
    "where",
]  # fmt: skip

QUERY_KEYS = {f.key: f.attr for f in FIELDS}


def _is_empty(self) -> bool:
    """True when the filter restricts nothing."""
    return self == Filter()


def _to_query(self) -> dict[str, list[str] | str]:
    """Query parameters for the URL (lists become repeated keys); empty fields are left out."""
    query: dict[str, list[str] | str] = {}
    for f in FIELDS:
        value = getattr(self, f.attr)
        if value in (None, "", ()):
            continue
        query[f.key] = [_text(v) for v in value] if f.many else _text(value)
    return query


def _to_cli(self) -> str:
    """The CLI flags that ask for the same records ("--theme energy --dyad CHN-RUS"), quoted for a shell."""
    words = []
    for key, value in self.to_query().items():
        for one in value if isinstance(value, list) else [value]:
            words += [BY_KEY[key].flag, shlex.quote(one)]
    return " ".join(words)


def _describe(self) -> str:
    """The filter in words for titles, captions and reports ("Energy · CHN-RUS · 2014-2025")."""
    parts = [p for f in sorted(FIELDS, key=lambda f: f.rank) if (p := f.describe(self))]
    return " · ".join(parts) if parts else "All records"


Filter = dataclasses.make_dataclass(
    "Filter",
    [(f.attr, f.annotation, dataclasses.field(default=f.empty)) for f in FIELDS],
    frozen=True,
    namespace={"is_empty": _is_empty, "to_query": _to_query, "to_cli": _to_cli, "describe": _describe,
               "__doc__": "What the analyst asked to see; an empty field means no restriction."},
)  # fmt: skip
Filter.__module__ = __name__


def _text(value) -> str:
    if isinstance(value, QuadClass):
        return str(value.value)
    if hasattr(value, "value"):
        return str(value.value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _parse_one(f: FilterField, value: str):
    """One query/CLI value parsed to its Filter type; raises FilterError naming key and value."""
    value = str(value).strip()
    try:
        return f.parse(value)
    except (ValueError, TypeError) as error:
        detail = f"; {error}" if isinstance(error, UnknownCode) else ""
        raise FilterError(f"{f.key}={value!r} is not valid ({f.hint}{detail})") from error


def filter_from_query(params: Mapping[str, list[str] | str]) -> tuple[Filter, list[str]]:
    """A Filter from query parameters, and a note for each value that was ignored because it is invalid."""
    values: dict = {}
    notes: list[str] = []
    for f in FIELDS:
        raw = params.get(f.key)
        if raw is None:
            continue
        parsed = []
        for value in raw if isinstance(raw, list | tuple) else [raw]:
            if str(value).strip() == "":
                continue
            try:
                parsed.append(_parse_one(f, value))
            except FilterError as error:
                notes.append(f"Ignored {error}")
        if parsed:
            values[f.attr] = tuple(dict.fromkeys(parsed)) if f.many else parsed[-1]
    notes += [f"Ignored unknown filter {key!r}" for key in params if key not in BY_KEY]
    return _consistent(Filter(**values), notes), notes


def _consistent(flt, notes: list[str]):
    """Drop a date or score range given upside down, with a note, rather than show nothing."""
    if flt.date_from and flt.date_to and flt.date_from > flt.date_to:
        notes.append(f"Ignored the period: {flt.date_from} is after {flt.date_to}")
        flt = dataclasses.replace(flt, date_from=None, date_to=None)
    if flt.min_score is not None and flt.max_score is not None and flt.min_score > flt.max_score:
        notes.append(f"Ignored the score range: {flt.min_score:g} is above {flt.max_score:g}")
        flt = dataclasses.replace(flt, min_score=None, max_score=None)
    return flt


def add_filter_arguments(parser) -> None:
    """The filter flags every command shares; their names are the URL query keys too."""
    group = parser.add_argument_group("filters (the same names as the dashboard's URL parameters)")
    for f in FIELDS:
        kwargs = {"action": "append", "help": f"{f.hint} (repeatable)"} if f.many else {"help": f.hint}
        group.add_argument(f.flag, dest=f"filter_{f.key}", metavar=f.key.upper(), **kwargs)


def filter_from_cli(args) -> Filter:
    """A Filter from parsed CLI flags (see add_filter_arguments); raises FilterError on a bad value."""
    params = {f.key: value for f in FIELDS if (value := getattr(args, f"filter_{f.key}", None)) is not None}
    flt, notes = filter_from_query(params)
    if notes:  # the dashboard ignores a bad value with a note; the CLI stops, so nothing was "ignored"
        raise FilterError("; ".join(note.removeprefix("Ignored ") for note in notes))
    return flt


def where(flt) -> tuple[str, list]:
    """The SQL WHERE clause (without the word) and its parameters: every set field's predicate, ANDed."""
    clauses, params = [], []
    for f in FIELDS:
        value = getattr(flt, f.attr)
        if value in (None, "", ()):
            continue
        clause, values = f.sql(value)
        clauses.append(clause)
        params += values
    return (" AND ".join(clauses) if clauses else "TRUE"), params
