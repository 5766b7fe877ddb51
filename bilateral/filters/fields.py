"""THE table of filter fields: each entry drives the sidebar widget, the URL key, the CLI flag and the SQL.

A new filter is one FilterField here (plus its tests): Filter gains the attribute, the URL and the CLI
learn the key, the sidebar draws the widget and the page queries apply the predicate. Predicates are
written against the mirror's `rows` table (see bilateral.analysis.mirror).
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bilateral.model import Dataset, EventType, Modality, QuadClass, Status, Theme
from bilateral.registry import codes_of

SCORE_RANGE = (-10.0, 10.0)


@dataclass(frozen=True)
class Widget:
    """How the sidebar draws a field: kind, section, choices (a vocabulary, or "data" for values present).

    `placeholder` names the state of no choice ("All", "Any"): a multiselect shows it when empty, and a
    select shows it for its None choice, so no field falls back to Streamlit's "Choose an option"."""

    kind: str  # multiselect | date | text | select | score_low | score_high
    label: str
    group: str = "main"  # main | more
    choices: tuple | str = ()
    format: Callable[[Any], str] | None = None
    placeholder: str = "All"


@dataclass(frozen=True)
class FilterField:
    """One filter: its URL key and CLI flag, its Filter attribute, how to parse, describe and query it."""

    key: str
    attr: str
    parse: Callable[[str], Any]
    hint: str
    sql: Callable[[Any], tuple[str, list]]
    describe: Callable[[Any], str | None]  # the whole Filter in, a phrase (or None) out
    widget: Widget
    many: bool = False
    rank: int = 50  # order in describe(): lower first
    annotation: Any = None
    default: Any = field(default=None)

    @property
    def flag(self) -> str:
        """The CLI flag (--event-type for key event_type)."""
        return "--" + self.key.replace("_", "-")

    @property
    def empty(self) -> Any:
        """The value that restricts nothing."""
        return () if self.many else self.default


def normalise_dyad(value: str) -> str:
    """'RUS-CHN' or 'rus-chn' -> 'CHN-RUS'; raises ValueError when it is not two different codes."""
    parts = [p.strip().upper() for p in str(value).split("-")]
    if len(parts) != 2 or not all(parts) or parts[0] == parts[1]:
        raise ValueError(f"dyad {value!r} is not two different actor codes joined by '-', like CHN-RUS")
    return "-".join(sorted(parts))


THEME_BITS = {theme: 1 << i for i, theme in enumerate(Theme)}


def theme_mask(themes) -> int:
    """Bit mask of themes, so a theme filter is one integer AND per row, in SQL as in pandas."""
    mask = 0
    for theme in themes:
        mask |= THEME_BITS[Theme(theme)]
    return mask


REGISTRY = "data/actors.jsonl"


class UnknownCode(ValueError):
    """An actor code the registry does not hold; its text says which, and the nearest codes."""


def _known(code: str) -> str:
    """The code, or UnknownCode. Why: 'CHN-RSU' found nothing in silence, as if the two never met."""
    if code not in codes_of():
        near = difflib.get_close_matches(code, sorted(codes_of()), n=3, cutoff=0.5)
        known = f"{code} is not in the actor registry"
        raise UnknownCode(f"{known}: did you mean {', '.join(near)}?" if near else f"{known}, {REGISTRY}")
    return code


def _code(value: str) -> str:
    if not value:
        raise ValueError("empty")
    return _known(value.upper())


def _dyad(value: str) -> str:
    dyad = normalise_dyad(value)
    for code in dyad.split("-"):
        _known(code)
    return dyad


def _nonempty(value: str) -> str:
    if not value:
        raise ValueError("empty")
    return value


def _score(value: str) -> float:
    number = float(value)
    if not SCORE_RANGE[0] <= number <= SCORE_RANGE[1]:
        raise ValueError("out of range")
    return number


def one_of(column: str, count: int) -> str:
    """SQL: the column equals one of `count` parameters.

    Why `=` for one: DuckDB scans `col = ?` faster than `col IN (?)` (1M rows, a dyad filter over two
    columns: 7.2 -> 4.8 ms a query); from a few values on, IN is as quick, and far quicker at thirty."""
    return f"{column} = ?" if count == 1 else f"{column} IN ({', '.join('?' for _ in range(count))})"


def _in(column: str, transform=lambda v: v):
    def predicate(values) -> tuple[str, list]:
        return one_of(column, len(values)), [transform(v) for v in values]

    return predicate


def _actors(values) -> tuple[str, list]:
    ors = " OR ".join(one_of(c, len(values)) for c in ("actor1", "actor2", "state1", "state2"))
    return f"({ors})", list(values) * 4


def _dyads(values) -> tuple[str, list]:
    return f"({one_of('dyad', len(values))} OR {one_of('dyad_raw', len(values))})", list(values) * 2


QUOTES = {'"': '"', "“": "”", "„": "“", "'": "'", "‘": "’", "«": "»"}  # opening -> closing


def unquoted(value: str) -> str:
    """The words inside a pair of quotes around them ('"Power of Siberia"' -> 'Power of Siberia').

    Why: the text filter already matches its words as one phrase; quotes typed as in a web search were
    matched as characters, so the phrase in quotes found nothing."""
    text = value.strip()
    if len(text) >= 2 and QUOTES.get(text[0]) == text[-1]:
        return text[1:-1].strip()
    return text


def _text(value: str) -> tuple[str, list]:
    """Words in the evidence, or in the title or summary of the row's article, any case: the mirror keeps
    them lower-cased in the `search` columns of its rows and of its articles (see
    bilateral.analysis.enrichment.SEARCH_SQL); the articles by their numbers there (an integer semi-join)."""
    needle = unquoted(value).lower()
    return "(contains(search, ?) OR article_no IN (SELECT no FROM articles WHERE contains(search, ?)))", [
        needle,
        needle,
    ]


def _phrase(attr: str, words: Callable[[Any], str]) -> Callable[[Any], str | None]:
    """describe() of a one-attribute field: its words when the field is set."""
    return lambda flt: words(getattr(flt, attr)) if getattr(flt, attr) not in (None, "", ()) else None


def _period(flt) -> str | None:
    """'2014-01-01 to 2016-12-31', 'from 2014-01-01', 'until 2022-12-31' (an open end read '… to' before)."""
    if flt.date_from and flt.date_to:
        return f"{flt.date_from} to {flt.date_to}"
    if flt.date_from:
        return f"from {flt.date_from}"
    return f"until {flt.date_to}" if flt.date_to else None


def _score_range(flt) -> str | None:
    if flt.min_score is None and flt.max_score is None:
        return None
    low = "-10" if flt.min_score is None else f"{flt.min_score:g}"
    high = "+10" if flt.max_score is None else f"{flt.max_score:+g}"
    return f"score {low} to {high}"


def _none(_flt) -> None:
    return None


FIELDS: tuple[FilterField, ...] = (
    FilterField(
        key="theme",
        attr="themes",
        parse=lambda v: Theme(v.lower()),
        hint="one of " + ", ".join(t.value for t in Theme),
        sql=lambda v: ("(theme_mask & ?) != 0", [theme_mask(v)]),
        describe=_phrase("themes", lambda v: " + ".join(t.label for t in v)),
        widget=Widget("multiselect", "Themes", choices=tuple(Theme), format=lambda t: t.label),
        many=True,
        rank=10,
        annotation=tuple[Theme, ...],
    ),
    FilterField(
        key="from",
        attr="date_from",
        parse=dt.date.fromisoformat,
        hint="a date YYYY-MM-DD",
        sql=lambda v: ("date >= ?", [v]),
        describe=_period,
        widget=Widget("date", "From"),
        rank=60,
        annotation=dt.date | None,
    ),
    FilterField(
        key="to",
        attr="date_to",
        parse=dt.date.fromisoformat,
        hint="a date YYYY-MM-DD",
        sql=lambda v: ("date <= ?", [v]),
        describe=_none,
        widget=Widget("date", "To"),
        rank=61,
        annotation=dt.date | None,
    ),
    FilterField(
        key="actor",
        attr="actors",
        parse=_code,
        hint="an actor code such as CHN",
        sql=_actors,
        describe=_phrase("actors", ", ".join),
        widget=Widget("multiselect", "Actors", choices="actor"),
        many=True,
        rank=30,
        annotation=tuple[str, ...],
    ),
    FilterField(
        key="dyad",
        attr="dyads",
        parse=_dyad,
        hint="two codes like CHN-RUS",
        sql=_dyads,
        describe=_phrase("dyads", ", ".join),
        widget=Widget("multiselect", "Dyads", choices="dyad"),
        many=True,
        rank=20,
        annotation=tuple[str, ...],
    ),
    FilterField(
        key="event_type",
        attr="event_types",
        parse=lambda v: EventType(v.upper()),
        hint="a PLOVER type such as AGREE or SANCTION",
        sql=_in("event_type", lambda e: e.value),
        describe=_phrase("event_types", lambda v: ", ".join(e.value for e in v)),
        widget=Widget("multiselect", "Event types", group="more", choices=tuple(EventType)),
        many=True,
        rank=40,
        annotation=tuple[EventType, ...],
    ),
    FilterField(
        key="quad",
        attr="quads",
        parse=lambda v: QuadClass(int(v)),
        hint="1, 2, 3 or 4",
        sql=_in("quad_class", int),
        describe=_phrase("quads", lambda v: ", ".join(q.label for q in v)),
        widget=Widget(
            "multiselect", "Quad classes", group="more", choices=tuple(QuadClass), format=lambda q: q.label
        ),
        many=True,
        rank=41,
        annotation=tuple[QuadClass, ...],
    ),
    FilterField(
        key="modality",
        attr="modalities",
        parse=lambda v: Modality(v.lower()),
        hint="fact, reported, intent or commentary",
        sql=_in("modality", lambda m: m.value),
        describe=_phrase("modalities", lambda v: ", ".join(m.value for m in v)),
        widget=Widget(
            "multiselect",
            "Modality",
            group="more",
            choices=tuple(Modality),
            format=lambda m: m.value.capitalize(),
        ),
        many=True,
        rank=42,
        annotation=tuple[Modality, ...],
    ),
    FilterField(
        key="source",
        attr="sources",
        parse=_nonempty,
        hint="an outlet name",
        sql=_in("lower(source)", str.lower),
        describe=_phrase("sources", ", ".join),
        widget=Widget("multiselect", "Sources", group="more", choices="source"),
        many=True,
        rank=45,
        annotation=tuple[str, ...],
    ),
    FilterField(
        key="text",
        attr="text",
        parse=_nonempty,
        hint="some words",
        sql=_text,
        describe=_phrase("text", lambda v: f"text “{v}”"),
        widget=Widget("text", "Text contains", group="more", placeholder="in title, summary or evidence"),
        rank=70,
        annotation=str,
        default="",
    ),
    FilterField(
        key="min_score",
        attr="min_score",
        parse=_score,
        hint="a number from -10 to 10",
        sql=lambda v: ("score >= ?", [v]),
        describe=_score_range,
        widget=Widget("score_low", "Score", group="more"),
        rank=80,
        annotation=float | None,
    ),
    FilterField(
        key="max_score",
        attr="max_score",
        parse=_score,
        hint="a number from -10 to 10",
        sql=lambda v: ("score <= ?", [v]),
        describe=_none,
        widget=Widget("score_high", "Score", group="more"),
        rank=81,
        annotation=float | None,
    ),
    FilterField(
        key="status",
        attr="status",
        parse=lambda v: Status(v.lower()),
        hint="draft, reviewed or machine",
        # A field row is machine-coded also where it hangs on a curated article (a GDELT URL stored before).
        sql=lambda v: (
            f"(CASE WHEN dataset = '{Dataset.CURATED}' THEN status ELSE '{Status.MACHINE}' END) = ?",
            [v.value],
        ),
        describe=_phrase("status", lambda v: f"{v.label.lower()} only"),
        widget=Widget(
            "select",
            "Review status",
            group="more",
            choices=(None, Status.REVIEWED, Status.DRAFT, Status.MACHINE),
            format=lambda status: f"{status.label} only",  # the words the filter's description uses
            placeholder="Any",
        ),
        rank=90,
        annotation=Status | None,
    ),
    FilterField(
        key="dataset",
        attr="datasets",
        parse=lambda v: Dataset(v.lower()),
        hint="curated, gdelt, icews or plover",
        sql=_in("dataset", lambda d: d.value),
        describe=_phrase("datasets", lambda v: " + ".join(d.label for d in v)),
        widget=Widget(
            "multiselect",
            "Dataset",
            choices="dataset",  # the datasets loaded (summary.choices), not every one the importers read
            format=lambda d: d.label,
            placeholder="All loaded",
        ),
        many=True,
        rank=5,
        annotation=tuple[Dataset, ...],
    ),
)

BY_KEY = {f.key: f for f in FIELDS}
