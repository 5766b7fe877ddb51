"""Named payloads: what each figure builder takes, so a chart gets fields by name, never a positional list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import networkx as nx
import pandas as pd

from bilateral.analysis.periods import Period


@dataclass(frozen=True)
class TimelineData:
    """Interactions per period and theme, and the key events drawn beneath."""

    counts: pd.DataFrame  # period, theme, count
    events: pd.DataFrame  # rows: id, date, score, title, source, dyad, event_type
    title: str
    period: Period = Period.MONTH
    imported: pd.DataFrame | None = None  # period, count: the part of each bar from field data, when mixed
    span: tuple[dt.date | None, dt.date | None] = (None, None)  # the filter's From, To: the axis holds them


@dataclass(frozen=True)
class CooperationData:
    """Per dyad and period: count, cooperation, tension, net and its rolling mean (metrics.COOP_COLUMNS)."""

    coop: pd.DataFrame
    title: str
    period: Period = Period.YEAR
    window: int = 3  # the periods of the rolling mean
    span: tuple[dt.date | None, dt.date | None] = (None, None)  # the filter's From, To: the axis holds them


@dataclass(frozen=True)
class QuadMixData:
    """Per dyad and quad class: count, share and label."""

    mix: pd.DataFrame
    title: str


@dataclass(frozen=True)
class HeatmapData:
    """Mean score and count per theme and year (or month or week: a `month` or `week` column)."""

    scores: pd.DataFrame
    title: str
    period: Period = Period.YEAR


@dataclass(frozen=True)
class ThemeMixData:
    """Interactions per theme (theme, label, count)."""

    totals: pd.DataFrame
    title: str


@dataclass(frozen=True)
class NetworkData:
    """The actor graph, its node positions, the actor to focus on (an ego view) if any, and how many of
    its strongest ties to draw (None: all)."""

    graph: nx.Graph
    positions: dict
    title: str
    focus: str | None = field(default=None)
    max_ties: int | None = field(default=None)


@dataclass(frozen=True)
class WatchData:
    """One watched dyad and theme: its weekly series with baselines (analysis.watch.with_baselines), the
    key events of the period, and the threshold the bands are drawn at."""

    series: pd.DataFrame
    events: pd.DataFrame
    title: str
    pair: str
    theme: str
    threshold: float = 2.0
