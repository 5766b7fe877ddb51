"""Charts: `build_figure(name, db, flt, **options)` asks the page queries for a small payload and draws it.

The one entry point the pages, the exports and the report share. `db` is the mirror (or, in tests, a
DataFrame of rows, wrapped in a FrameDb).
"""

from __future__ import annotations

import dataclasses

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from bilateral.analysis import dataset_queries, metrics, queries, watch
from bilateral.analysis import graph as actor_graph
from bilateral.analysis.memo import remembered
from bilateral.analysis.periods import Period, auto_period
from bilateral.charts.agreement import AgreementData, agreement_figure
from bilateral.charts.axes import bar_geometry, rolling_label
from bilateral.charts.figures import (
    cooperation_figure,
    heatmap_figure,
    net_figure,
    quad_mix_figure,
    selected_customdata,
    theme_mix_figure,
    timeline_figure,
)
from bilateral.charts.network import DEFAULT_TIES, network_figure
from bilateral.charts.note_marks import with_notes
from bilateral.charts.payloads import (
    CooperationData,
    HeatmapData,
    NetworkData,
    QuadMixData,
    ThemeMixData,
    TimelineData,
    WatchData,
)
from bilateral.charts.style import CHART_TEMPLATE, FONT, TRACE_TYPES, empty_figure, figure_title
from bilateral.charts.watch_chart import watch_figure
from bilateral.model import Dataset

__all__ = [
    "CHART_TEMPLATE",
    "FIGURE_NAMES",
    "FONT",
    "NOTE_CHARTS",
    "TRACE_TYPES",
    "bar_geometry",
    "build_figure",
    "chart_dyads",
    "empty_figure",
    "figure_title",
    "network_data",
    "selected_customdata",
]

FIGURE_NAMES = (
    "timeline",
    "cooperation",
    "network",
    "heatmap",
    "quad_mix",
    "theme_mix",
    "net",
    "watch",
    "agreement",
)
HEATMAP_MONTHS_UNDER = 2  # the heatmap bins by month when the rows span fewer calendar years than this
HEATMAP_WEEKS_UP_TO = 92  # ... and by week when they span this many days or fewer
NOTE_CHARTS = ("timeline", "cooperation", "watch")  # the charts over time that analysts' notes are drawn on


def as_db(source):
    """The page-query database: the mirror as it is, a DataFrame of rows wrapped in a FrameDb."""
    if isinstance(source, pd.DataFrame):
        from bilateral.analysis.frames import frame_db

        return frame_db(source)
    return source


def build_figure(name: str, db, flt, **options) -> go.Figure:
    """The named figure for the filter: timeline, cooperation, network, heatmap, quad_mix, theme_mix, net.

    Options: period (default: a bin size that suits the span of the data), dyads (default flt.dyads
    or the top four), include_commentary (False), window (3), rollup (True), ego (an actor code),
    max_ties (the network's strongest ties drawn: DEFAULT_TIES; None for all), actors (the registry);
    notes (analysts' notes, drawn on the NOTE_CHARTS); for "watch": pair, theme,
    first, last (dates), threshold, min_volume.
    """
    if name not in FIGURE_NAMES:
        raise ValueError(f"unknown figure {name!r}; one of {', '.join(FIGURE_NAMES)}")
    notes = options.pop("notes", ())
    fig = _BUILDERS[name](as_db(db), flt, **options)
    return with_notes(fig, list(notes)) if name in NOTE_CHARTS else fig


def _period(db, flt, period) -> Period:
    return Period(period) if period else auto_period(*queries.date_span(db, flt))


def _timeline(db, flt, period=None, **_):
    period = _period(db, flt, period)
    # Where curated and imported rows mix, the part of each bar from machine-coded field data is marked:
    # the analyst must see which bars rest on rows with one source URL each and no evidence sentence.
    sourced = queries.theme_counts_by_source(db, flt, period)
    title = figure_title(f"Interactions per {period.value} by theme", flt, (sourced.first, sourced.last))
    return timeline_figure(
        TimelineData(
            sourced.counts,
            queries.key_events(db, flt),
            title,
            period,
            sourced.imported,
            span=(flt.date_from, flt.date_to),
        )
    )


def chart_dyads(db, flt, dyads=None, include_commentary=False, n: int = 4) -> list[str]:
    """The dyads a chart compares: those asked for, else the filter's, else the n most active."""
    return list(dyads or flt.dyads or queries.top_dyads(db, flt, n, include_commentary))


def _dyads_and_span(db, flt, dyads, include_commentary, n: int = 4):
    """chart_dyads and the span of the scored rows (the chart's title); one scan when the dyads are the
    most active ones."""
    if dyads or flt.dyads:
        return list(dyads or flt.dyads), queries.date_span(db, flt, queries.scored(include_commentary))
    return queries.top_dyads_and_span(db, flt, n, include_commentary)


def _coop_data(db, flt, period, dyads=None, include_commentary=False, window=3, subject="", **_):
    chosen, span = _dyads_and_span(db, flt, dyads, include_commentary)
    chosen = chosen[:4]
    sums = queries.coop_sums(db, flt, period, chosen, include_commentary)
    coop = metrics.cooperation_tension(sums, chosen, period, window)
    dates = (flt.date_from, flt.date_to)
    return CooperationData(coop, figure_title(subject, flt, span), Period(period), window, span=dates)


def _cooperation(db, flt, period=None, **options):
    return cooperation_figure(
        _coop_data(db, flt, _period(db, flt, period), subject="Cooperation vs tension", **options)
    )


def _net(db, flt, period=None, window=3, **options):
    period = _period(db, flt, period)
    subject = f"Net score per {period.value}{rolling_label(period, window, ', ')}"
    return net_figure(_coop_data(db, flt, period, window=window, subject=subject, **options))


def _agreement(db, flt, period=None, dyads=None, include_commentary=False, **_):
    """Curated vs imported net cooperation of one dyad (the first asked for, else the most active)."""
    chosen, span = _dyads_and_span(db, flt, dyads, include_commentary)
    dyad = (chosen or [""])[0]
    period = _period(db, flt, period)
    sums = dataset_queries.coop_by_dataset(db, flt, period, dyad, include_commentary)
    title = figure_title(f"Do they agree? Net cooperation index of {dyad} by dataset", flt, span)
    drawn = set(sums.loc[sums["count"] > 0, "dataset"])
    present = set(dataset_queries.dataset_summary(db, flt)["dataset"])  # kept: the page asked for it already
    missing = tuple(d for d in Dataset if d.value in present and d.value not in drawn)
    return agreement_figure(AgreementData(sums, dyad, title, period, missing))


def _quad_mix(db, flt, dyads=None, include_commentary=False, **_):
    chosen, span = _dyads_and_span(db, flt, dyads, include_commentary)
    mix = metrics.quad_mix(queries.quad_counts(db, flt, chosen, include_commentary), chosen)
    return quad_mix_figure(QuadMixData(mix, figure_title("Mix of quad classes", flt, span)))


def _heatmap(db, flt, include_commentary=False, **_):
    """Theme by year; by month when the scored rows fall in at most two calendar years, by week when they
    span three months or less.

    Why: a year's filter drew one wide column that showed each theme's mean and nothing of how it moved
    through the year (and a month's filter, binned by month, did the same)."""
    period = heatmap_period(*queries.date_span(db, flt, queries.scored(include_commentary)))
    scores, span = queries.theme_period_scores_and_span(db, flt, include_commentary, period)
    title = figure_title(f"Mean score by theme and {period.value}", flt, span)
    return heatmap_figure(HeatmapData(scores, title, period))


def heatmap_period(first: pd.Timestamp | None, last: pd.Timestamp | None) -> Period:
    """The heatmap's columns for rows dated from first to last: years, months or weeks (see _heatmap)."""
    if first is None or last is None or last.year - first.year >= HEATMAP_MONTHS_UNDER:
        return Period.YEAR
    return Period.WEEK if (last - first).days <= HEATMAP_WEEKS_UP_TO else Period.MONTH


def _theme_mix(db, flt, **_):
    span = queries.date_span(db, flt)
    return theme_mix_figure(
        ThemeMixData(queries.theme_totals(db, flt), figure_title("Interactions by theme", flt, span))
    )


GRAPH_SECONDS = 120.0  # a kept graph serves the page that built it; a few hundred KB each, so not longer


def network_graph(db, flt, rollup=True, actors=None):
    """The actor graph of the filter's interactions, with Louvain communities: frozen (read it, copy it to
    change it), and kept in the database's memo for its data revision.

    Why kept: the Network page's centrality table and its chart both draw this graph; building it twice
    cost a query and a Louvain pass (~35 ms at 1M rows)."""

    def build():
        registry = actors
        if registry is None:
            from bilateral.registry import load_actors

            registry = load_actors()
        built = actor_graph.build_actor_graph(queries.edge_table(db, flt, rollup), registry)
        return nx.freeze(actor_graph.add_communities(built))

    return remembered(db, ("graph", flt, rollup, _registry_key(actors)), build, lifetime=GRAPH_SECONDS)


def _registry_key(actors) -> tuple:
    """What of the registry a graph shows: each actor's code, name and kind (or the default registry, whose
    changes the mirror follows: a new registry is a new mirror state)."""
    if actors is None:
        return ("default",)
    return tuple(sorted((code, a.name, a.kind.value) for code, a in actors.items()))


def network_data(db, flt, rollup=True, actors=None):
    """(graph with communities, centrality table) of the filter's interactions."""
    graph = network_graph(db, flt, rollup, actors)
    return graph, actor_graph.centrality_table(graph)


def _network(db, flt, rollup=True, ego=None, actors=None, max_ties=DEFAULT_TIES, **_):
    graph = network_graph(db, flt, rollup, actors)
    span = queries.date_span(db, flt)
    # the layout is kept like the graph (its key and ego): drawing another number of ties lays out nothing
    key = ("layout", flt, rollup, _registry_key(actors), ego)
    subject = "Actor network" if not ego else f"Ego network of {ego}"
    if ego:
        graph = actor_graph.ego_graph(graph, ego)
        flt = dataclasses.replace(flt, actors=tuple(a for a in flt.actors if a != ego))
    positions = remembered(db, key, lambda: actor_graph.layout(graph), lifetime=GRAPH_SECONDS)
    title = figure_title(subject, flt, span)
    return network_figure(NetworkData(graph, positions, title, focus=ego, max_ties=max_ties))


def _watch(db, flt, pair=None, theme="all", first=None, last=None, threshold=2.0, min_volume=3, **_):
    settings = watch.WatchSettings(threshold=threshold, min_volume=min_volume)
    pair = pair or next(iter(chart_dyads(db, flt, n=1)), None)
    if pair is None:
        return empty_figure("Watch")
    if last is None:  # to the end of the latest week with data (its Monday alone left the other days out)
        latest = watch.latest_week(db, flt)
        last = (latest + pd.Timedelta(days=6)).date() if latest is not None else pd.Timestamp.today().date()
    first = first or (pd.Timestamp(last) - pd.DateOffset(years=2)).date()
    series = watch.watch_series(db, flt, pair, theme, first, last, settings)
    scope = dataclasses.replace(
        flt,
        dyads=(pair,),
        themes=() if theme == "all" else (theme,),
        date_from=pd.Timestamp(first).date(),
        date_to=pd.Timestamp(last).date(),
    )
    events = queries.key_events(db, scope, 8)
    label = watch.theme_label(theme)
    title = f"{pair} · {label} · weekly, against the 52 weeks before each week"
    return watch_figure(WatchData(series, events, title, pair, theme, threshold))


_BUILDERS = {
    "timeline": _timeline,
    "cooperation": _cooperation,
    "network": _network,
    "heatmap": _heatmap,
    "quad_mix": _quad_mix,
    "theme_mix": _theme_mix,
    "net": _net,
    "watch": _watch,
    "agreement": _agreement,
}
