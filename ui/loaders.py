"""Cached access to the store and to the aggregates the pages draw; caching lives here, at the UI edge.

Loaders are keyed by the database path, a data version (curated files + stored rows, so new records
show up without a restart) and the filter's query form, a canonical, hashable spelling of the Filter.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import threading

import networkx as nx
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

from bilateral import charts, metrics, store
from bilateral import graph as actor_graph
from bilateral.filters import Filter, apply_filter, filter_from_query
from bilateral.registry import load_actors

_LOCK = threading.Lock()


@st.cache_resource(show_spinner=False)
def _connection(path: str) -> sqlite3.Connection:
    return store.connect(path)


@st.cache_resource(show_spinner=False)
def actors() -> dict:
    """The actor registry (read once per process)."""
    return load_actors()


def _db() -> tuple[str, str]:
    """(database path, data version): the cache key of everything loaded from the store."""
    path = str(store.database_path())
    conn = _connection(path)
    with _LOCK:
        counts = conn.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM interactions), "
            "(SELECT max(added_at) FROM articles)"
        ).fetchone()
    return path, f"{store.data_fingerprint()}:{counts}"


@st.cache_data(show_spinner=False, max_entries=4)
def _interactions(path: str, version: str) -> pd.DataFrame:
    conn = _connection(path)
    with _LOCK:
        store.seed_from_data(conn)
        return store.load_interactions(conn, actors())


@st.cache_data(show_spinner=False, max_entries=4)
def _articles(path: str, version: str) -> pd.DataFrame:
    with _LOCK:
        return store.load_articles(_connection(path))


def all_interactions() -> pd.DataFrame:
    """Every interaction, unfiltered."""
    return _interactions(*_db())


def all_articles() -> pd.DataFrame:
    """Every article, unfiltered."""
    return _articles(*_db())


def query_key(flt: Filter) -> str:
    """The filter as canonical JSON: equal filters give equal keys."""
    return json.dumps(flt.to_query(), sort_keys=True)


def _from_key(key: str) -> Filter:
    return filter_from_query(json.loads(key))[0]


@st.cache_data(show_spinner=False, max_entries=64)
def _filtered(path: str, version: str, key: str) -> pd.DataFrame:
    return apply_filter(_from_key(key), _interactions(path, version))


def filtered(flt: Filter) -> pd.DataFrame:
    """The interactions the filter keeps."""
    return _filtered(*_db(), query_key(flt))


def article_count(flt: Filter) -> int:
    """Articles behind the kept interactions (every article when nothing is filtered)."""
    if flt.is_empty():
        return len(all_articles())
    return int(filtered(flt)["article_id"].nunique())


@st.cache_data(show_spinner=False, max_entries=64)
def _figure_json(path: str, version: str, key: str, name: str, options: tuple) -> str:
    frame = _filtered(path, version, key)
    return charts.build_figure(name, frame, _from_key(key), actors=actors(), **dict(options)).to_json()


def figure(name: str, flt: Filter, **options) -> go.Figure:
    """The named chart (see charts.build_figure) for the filter; options must be hashable.

    Why JSON: a chart's widget identity includes its spec, and a figure fresh from build_figure serialises
    its keys in another order than the unpickled copy a cache hit returns; the first click's rerun then
    met a "new" chart and lost the selection. One JSON text gives the same spec on every run.
    """
    return pio.from_json(_figure_json(*_db(), query_key(flt), name, tuple(sorted(options.items()))))


@st.cache_data(show_spinner=False, max_entries=32)
def _index_changes(path: str, version: str, key: str, dyads: tuple, include_commentary: bool) -> pd.DataFrame:
    flt = _from_key(key)
    undated = dataclasses.replace(flt, date_from=None, date_to=None)
    frame = metrics.scored(apply_filter(undated, _interactions(path, version)), include_commentary)
    window = metrics.comparison_window(frame, flt.date_from, flt.date_to)
    if window is None:
        return pd.DataFrame(columns=["dyad", "index", "previous", "change", "count"])
    return metrics.index_change(frame, list(dyads), window).assign(start=window[0], end=window[1])


def index_changes(flt: Filter, dyads: list[str], include_commentary: bool = False) -> pd.DataFrame:
    """Net cooperation index per dyad in the filter's period (or the last 12 months) and its change."""
    return _index_changes(*_db(), query_key(flt), tuple(dyads), include_commentary)


@st.cache_data(show_spinner=False, max_entries=32)
def _network(path: str, version: str, key: str, rollup: bool) -> tuple[nx.Graph, pd.DataFrame]:
    frame = _filtered(path, version, key)
    graph = actor_graph.add_communities(actor_graph.build_actor_graph(frame, actors(), rollup))
    return graph, actor_graph.centrality_table(graph)


def network(flt: Filter, rollup: bool = True) -> tuple[nx.Graph, pd.DataFrame]:
    """The actor graph (with communities) of the filtered interactions, and its centrality table."""
    return _network(*_db(), query_key(flt), rollup)


def choices() -> dict[str, list[str]]:
    """Values offered by the sidebar: actors, dyads and sources present in the data."""
    return _choices(*_db())


@st.cache_data(show_spinner=False, max_entries=4)
def _choices(path: str, version: str) -> dict[str, list[str]]:
    frame = _interactions(path, version)
    codes = sorted(set(frame["actor1"]) | set(frame["actor2"]) | set(frame["state1"]) | set(frame["state2"]))
    return {
        "actor": codes,
        "dyad": sorted(set(frame["dyad"]) | set(frame["dyad_raw"])),
        "source": sorted(set(frame["source"].dropna())),
    }


@st.cache_data(show_spinner=False, max_entries=64)
def _leading_dyads(path: str, version: str, key: str, n: int, include_commentary: bool) -> list[str]:
    return metrics.top_dyads(metrics.scored(_filtered(path, version, key), include_commentary), n)


def leading_dyads(flt: Filter, n: int = 4, include_commentary: bool = False) -> list[str]:
    """The filter's dyads when it names some, else the n dyads with most scored interactions."""
    if flt.dyads:
        return list(flt.dyads)[:n]
    return _leading_dyads(*_db(), query_key(flt), n, include_commentary)
