"""Cooperation / tension arithmetic on the small frames the page queries return.

Cooperation is the sum of positive scores, tension the sum of negative scores (a negative number), and
the net cooperation index (coop - |tension|) / (coop + |tension|) runs from -1 (all tension) to +1.
The database does the counting (bilateral.analysis.queries); this module fills gaps, rolls means and
compares windows, on frames of a few hundred rows at most.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from bilateral.analysis.periods import Period, full_range
from bilateral.model import QuadClass

COOP_COLUMNS = ["dyad", "period", "count", "cooperation", "tension", "net", "rolling"]


def cooperation_tension(
    sums: pd.DataFrame, dyads: list[str], period: Period | str, window: int = 3
) -> pd.DataFrame:
    """Per dyad and period (every period of the span, gaps as zero): count, cooperation, tension, net and
    the rolling mean of net over `window` periods. `sums` is queries.coop_sums of those dyads."""
    if sums.empty:
        return pd.DataFrame(columns=COOP_COLUMNS)
    starts = full_range(sums["period"].min(), sums["period"].max(), period)
    grid = pd.MultiIndex.from_product([list(dyads), starts], names=["dyad", "period"])
    out = sums.set_index(["dyad", "period"])[["count", "cooperation", "tension"]]
    out = out.reindex(grid, fill_value=0).reset_index()
    out["count"] = out["count"].astype("int64")
    out["cooperation"] = out["cooperation"].astype("float64")
    out["tension"] = out["tension"].astype("float64")
    out["net"] = out["cooperation"] + out["tension"]
    out["rolling"] = out.groupby("dyad")["net"].transform(lambda s: s.rolling(window, min_periods=1).mean())
    return out[COOP_COLUMNS]


def net_index_of(cooperation: float, tension: float) -> float | None:
    """(cooperation - |tension|) / (cooperation + |tension|), or None when nothing is scored."""
    total = cooperation + abs(tension)
    return None if total == 0 else float((cooperation - abs(tension)) / total)


def comparison_window(
    last_date: pd.Timestamp | None, date_from: dt.date | None, date_to: dt.date | None
) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The window to compare: the filter's period, else the last 12 months of the data."""
    if last_date is None and not (date_from and date_to):
        return None
    end = pd.Timestamp(date_to) if date_to else last_date
    start = pd.Timestamp(date_from) if date_from else end - pd.DateOffset(years=1) + pd.Timedelta(days=1)
    return start.normalize(), end.normalize()


def previous_window(window: tuple[pd.Timestamp, pd.Timestamp]) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The window of equal length just before `window`."""
    start, end = window
    length = end - start + pd.Timedelta(days=1)
    return start - length, start - pd.Timedelta(days=1)


def index_change(now: pd.DataFrame, before: pd.DataFrame, dyads: list[str]) -> pd.DataFrame:
    """Per dyad: net index in the window and in the previous one, the change, and the window's count.

    `now` and `before` are queries.window_sums of the two windows (one row per dyad at most).
    """
    current, previous = _sums_by_dyad(now), _sums_by_dyad(before)
    rows = []
    for dyad in dyads:
        index, earlier = _index_of(current.get(dyad)), _index_of(previous.get(dyad))
        change = None if index is None or earlier is None else index - earlier
        n = int(current[dyad][0]) if dyad in current else 0
        rows.append({"dyad": dyad, "index": index, "previous": earlier, "change": change, "count": n})
    return pd.DataFrame(rows, columns=["dyad", "index", "previous", "change", "count"])


def _sums_by_dyad(sums: pd.DataFrame) -> dict[str, tuple]:
    """dyad -> (count, cooperation, tension). Why a dict: a filter of the frame per dyad and window was
    most of the index changes' 7 ms outside the database."""
    columns = (sums["dyad"], sums["count"], sums["cooperation"], sums["tension"])
    return {dyad: values for dyad, *values in zip(*columns, strict=True)}


def _index_of(sums: tuple | None) -> float | None:
    return None if sums is None else net_index_of(float(sums[1]), float(sums[2]))


def quad_mix(counts: pd.DataFrame, dyads: list[str]) -> pd.DataFrame:
    """Per dyad and quad class: count and share of the dyad's interactions (every class listed)."""
    grid = pd.MultiIndex.from_product(
        [list(dyads), [q.value for q in QuadClass]], names=["dyad", "quad_class"]
    )
    indexed = (
        counts.astype({"quad_class": "int64"}).set_index(["dyad", "quad_class"])["count"]
        if len(counts)
        else None
    )
    out = (
        indexed.reindex(grid, fill_value=0) if indexed is not None else pd.Series(0, index=grid)
    ).reset_index(name="count")
    out["count"] = out["count"].astype("int64")
    totals = out.groupby("dyad")["count"].transform("sum")
    out["share"] = (out["count"] / totals.where(totals > 0)).fillna(0.0)
    out["label"] = out["quad_class"].map(lambda q: QuadClass(q).label)
    return out
