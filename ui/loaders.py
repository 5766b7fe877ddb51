"""Cached access to the page queries; caching lives here, at the UI edge, and holds small frames only.

One store and one mirror per database (st.cache_resource), opened, upgraded and seeded once per process,
never inside a cached read. Every cached read is keyed by the database URL, the mirror's data revision (so
a save or an import shows at once) and the filter's canonical query form.
"""

from __future__ import annotations

import datetime as dt
import json

import networkx as nx
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from bilateral import charts, store
from bilateral.analysis import changes, dataset_queries, queries, row_queries, summary, watch
from bilateral.analysis.mirror import Mirror
from bilateral.analysis.selection import selection_condition
from bilateral.filters import Filter, filter_from_query
from bilateral.model import Note
from bilateral.registry import load_actors
from bilateral.store.notes import list_notes

SELECTION_LIMIT = 1000


@st.cache_resource(show_spinner="Opening the database…")
def _mirror(url: str) -> Mirror:
    db = store.connect(url)
    mirror = Mirror(db)
    mirror.copies_text_rows = True  # the pages after a search's first read its rows alone
    mirror.sync()
    return mirror


def mirror() -> Mirror:
    """The mirror of the database BILATERAL_DB names, caught up with the store (a cheap check when it is)."""
    found = _mirror(store.database_url())
    found.sync()
    return found


def database() -> store.Store:
    """The store itself, for the pages that write (Add article)."""
    return mirror().store


@st.cache_resource(show_spinner=False)
def actors() -> dict:
    """The actor registry (read once per process)."""
    return load_actors()


def _db() -> tuple[str, int]:
    """(database URL, data revision): the cache key of everything read through the mirror."""
    current = mirror()
    return current.store.url, current.rev


def query_key(flt: Filter) -> str:
    """The filter as canonical JSON: equal filters give equal keys."""
    return json.dumps(flt.to_query(), sort_keys=True)


def _from_key(key: str) -> Filter:
    return filter_from_query(json.loads(key))[0]


@st.cache_data(show_spinner=False, max_entries=64)
def _headline(url: str, rev: int, key: str, articles: bool) -> queries.Headline:
    return queries.headline(mirror(), _from_key(key), articles=articles)


def headline(flt: Filter, *, articles: bool) -> queries.Headline:
    """Interactions and period of the filter, and its articles when asked (a distinct count: only the
    pages that show it ask)."""
    return _headline(*_db(), query_key(flt), articles)


@st.cache_data(show_spinner=False, max_entries=64)
def _datasets(url: str, rev: int, key: str) -> pd.DataFrame:
    return dataset_queries.dataset_summary(mirror(), _from_key(key))


def datasets(flt: Filter) -> pd.DataFrame:
    """Per dataset loaded: interactions, first and last date of the filter's rows."""
    return _datasets(*_db(), query_key(flt))


@st.cache_data(show_spinner=False, max_entries=64)
def _compared_datasets(url: str, rev: int, key: str) -> pd.DataFrame | None:
    return summary.compared_datasets(mirror(), _from_key(key))


def compared_datasets(flt: Filter) -> pd.DataFrame | None:
    """The datasets under the filter when the data holds two or more, else None (see summary)."""
    return _compared_datasets(*_db(), query_key(flt))


@st.cache_data(show_spinner=False, max_entries=64)
def _compared_dyads(
    url: str, rev: int, key: str, include_commentary: bool, also: tuple[str, ...]
) -> dict[str, list[str]]:
    return summary.dyad_coverage(mirror(), _from_key(key), include_commentary, also)


def compared_dyads(flt: Filter, include_commentary: bool = False, also=()) -> dict[str, list[str]]:
    """{dyad: its datasets}: the dyads two datasets or more cover under the filter, best covered first, then
    those of `also` that one dataset covers (see summary.dyad_coverage)."""
    return _compared_dyads(*_db(), query_key(flt), include_commentary, tuple(also))


def dataset_counts(flt: Filter) -> dict[str, int]:
    """Interactions per dataset under the filter, largest first (what a chart file says it shows)."""
    return dataset_queries.counts_by_dataset(datasets(flt))


@st.cache_data(show_spinner=False, max_entries=128)
def _count(url: str, rev: int, key: str, include_commentary: bool) -> int:
    return queries.count(mirror(), _from_key(key), queries.scored(include_commentary))


def count(flt: Filter, include_commentary: bool = True) -> int:
    """Matching interactions (scored ones only when include_commentary is False)."""
    return _count(*_db(), query_key(flt), include_commentary)


@st.cache_data(show_spinner=False, max_entries=128)
def _span(url: str, rev: int, key: str, include_commentary: bool) -> tuple:
    return queries.date_span(mirror(), _from_key(key), queries.scored(include_commentary))


def span(flt: Filter, include_commentary: bool = True) -> tuple:
    """First and last date of the matching interactions (scored ones only when include_commentary is
    False); after count() of the same rows, read from the mirror's memo without a scan."""
    return _span(*_db(), query_key(flt), include_commentary)


@st.cache_data(show_spinner=False, max_entries=64)
def _figure_json(url: str, rev: int, key: str, name: str, options: tuple) -> str:
    return charts.build_figure(name, mirror(), _from_key(key), actors=actors(), **dict(options)).to_json()


def figure(name: str, flt: Filter, **options) -> go.Figure:
    """The named chart (see charts.build_figure) for the filter; options must be hashable.

    Why JSON: a chart's widget identity includes its spec, and a figure fresh from build_figure serialises
    its keys in another order than the unpickled copy a cache hit returns; the first click's rerun then
    met a "new" chart and lost the selection. One JSON text gives the same spec on every run.
    """
    return figure_from_json(_figure_json(*_db(), query_key(flt), name, tuple(sorted(options.items()))))


def figure_from_json(text: str) -> go.Figure:
    """A figure from JSON that build_figure wrote, without validating each property again.

    Why: plotly checks every property as it builds a figure; for a figure it serialised itself that is
    only time, 3-30 ms a chart on every run of a page (the Cooperation page's three charts 16 ms, a
    monthly Timeline at 1M rows 30 ms), where building it unchecked takes a fifth of that."""
    return go.Figure(json.loads(text), _validate=False)


@st.cache_data(show_spinner=False, max_entries=32)
def _index_changes(url: str, rev: int, key: str, dyads: tuple, include_commentary: bool) -> pd.DataFrame:
    return changes.index_changes(mirror(), _from_key(key), list(dyads), include_commentary)


def index_changes(flt: Filter, dyads: list[str], include_commentary: bool = False) -> pd.DataFrame:
    """Net cooperation index per dyad in the filter's period (or the last 12 months) and its change."""
    return _index_changes(*_db(), query_key(flt), tuple(dyads), include_commentary)


@st.cache_data(show_spinner=False, max_entries=32)
def _network(url: str, rev: int, key: str, rollup: bool) -> tuple[nx.Graph, pd.DataFrame]:
    return charts.network_data(mirror(), _from_key(key), rollup, actors())


def network(flt: Filter, rollup: bool = True) -> tuple[nx.Graph, pd.DataFrame]:
    """The actor graph (with communities) of the filtered interactions, and its centrality table."""
    return _network(*_db(), query_key(flt), rollup)


@st.cache_data(show_spinner=False, max_entries=4)
def _choices(url: str, rev: int) -> dict[str, list[str]]:
    return summary.choices(mirror())


def choices() -> dict[str, list[str]]:
    """Values offered by the sidebar: actors, dyads and sources present in the data."""
    return _choices(*_db())


@st.cache_data(show_spinner=False, max_entries=64)
def _leading_dyads(url: str, rev: int, key: str, n: int, include_commentary: bool) -> list[str]:
    return queries.top_dyads(mirror(), _from_key(key), n, include_commentary)


def leading_dyads(flt: Filter, n: int = 4, include_commentary: bool = False) -> list[str]:
    """The filter's dyads when it names some, else the n dyads with most scored interactions."""
    if flt.dyads:
        return list(flt.dyads)[:n]
    return _leading_dyads(*_db(), query_key(flt), n, include_commentary)


@st.cache_data(show_spinner=False, max_entries=16)
def _watched_dyads(url: str, rev: int, key: str, first: str, last: str) -> list[str]:
    day = dt.date.fromisoformat
    return watch.watched_dyads(mirror(), _from_key(key), day(first), day(last))


def watched_dyads(flt: Filter, first: dt.date, last: dt.date) -> list[str]:
    """The dyads the Watch page follows over the weeks it shows (bilateral.analysis.watch.watched_dyads)."""
    return _watched_dyads(*_db(), query_key(flt), first.isoformat(), last.isoformat())


@st.cache_data(show_spinner=False, max_entries=64)
def _records_page(url: str, rev: int, key: str, limit: int, offset: int, order: str) -> pd.DataFrame:
    return row_queries.records_page(mirror(), _from_key(key), limit, offset, order=order)


def records_page(flt: Filter, limit: int, offset: int = 0, order: str = row_queries.NEWEST) -> pd.DataFrame:
    """One page of matching interactions in one of row_queries.RECORD_ORDERS (newest first by default)."""
    return _records_page(*_db(), query_key(flt), limit, offset, order)


@st.cache_data(show_spinner=False, max_entries=64)
def _latest_by_article(url: str, rev: int, key: str, limit: int) -> pd.DataFrame:
    return row_queries.latest_by_article(mirror(), _from_key(key), limit)


def latest_by_article(flt: Filter, limit: int) -> pd.DataFrame:
    """The newest matching interaction of each of the newest articles, with how many of each match."""
    return _latest_by_article(*_db(), query_key(flt), limit)


@st.cache_data(show_spinner=False, max_entries=64)
def _selection(url: str, rev: int, key: str, picked: str, period: str, dyads: tuple, scored_only: bool,
               rollup: bool) -> tuple[pd.DataFrame, int]:  # fmt: skip
    condition = selection_condition(json.loads(picked), period, rollup)
    if condition is None:
        return row_queries.record_rows(mirror(), []), 0
    extra = [condition, queries.in_dyads(list(dyads)), queries.scored(not scored_only)]
    db, flt = mirror(), _from_key(key)
    return row_queries.records_page(db, flt, SELECTION_LIMIT, 0, *extra), queries.count(db, flt, *extra)


def selection(flt: Filter, picked: list[list], period: str = "year", dyads=(), scored_only: bool = False,
              rollup: bool = True) -> tuple[pd.DataFrame, int]:  # fmt: skip
    """The records behind selected chart points (at most SELECTION_LIMIT, newest first) and how many."""
    if not picked:
        return row_queries.record_rows(mirror(), []), 0
    return _selection(*_db(), query_key(flt), json.dumps(picked, default=str), str(period), tuple(dyads),
                      scored_only, rollup)  # fmt: skip


def record(record_id: str) -> pd.Series | None:
    """One interaction by id, or None."""
    rows = row_queries.record_rows(mirror(), [record_id])
    return None if rows.empty else rows.iloc[0]


@st.cache_data(show_spinner=False, max_entries=32)
def _moves(url: str, rev: int, key: str, as_of: str | None, threshold: float, min_volume: int,
           limit: int) -> pd.DataFrame:  # fmt: skip
    settings = watch.WatchSettings(threshold=threshold, min_volume=min_volume)
    day = dt.date.fromisoformat(as_of) if as_of else None
    return watch.moves(mirror(), _from_key(key), day, settings, limit, one_per_pair=True)


def moves(flt: Filter, as_of: dt.date | None = None, threshold: float = 2.0, min_volume: int = 3,
          limit: int = 8) -> pd.DataFrame:  # fmt: skip
    """The dyads and themes that moved most in the last four weeks against their 52-week baseline."""
    return _moves(*_db(), query_key(flt), as_of.isoformat() if as_of else None, threshold, min_volume, limit)


@st.cache_data(show_spinner=False, max_entries=16)
def _notes(url: str, rev: int, key: str) -> list[Note]:
    flt = _from_key(key)
    return list_notes(mirror().store.engine, flt.date_from, flt.date_to, flt.dyads, flt.themes)


def notes(flt: Filter) -> list[Note]:
    """Analysts' notes overlapping the filter's period, for its dyads and themes (or pinned to none)."""
    return _notes(*_db(), query_key(flt))


def figure_with_notes(name: str, flt: Filter, **options) -> go.Figure:
    """The named chart with the analysts' notes that belong on it (see charts.NOTE_CHARTS)."""
    return figure(name, flt, notes=tuple(notes(flt)), **options)
