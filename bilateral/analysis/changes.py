"""What moved: the net cooperation index per dyad in a window, against the window before it."""

from __future__ import annotations

import dataclasses

import pandas as pd

from bilateral.analysis import metrics, queries


def index_changes(db, flt, dyads: list[str], include_commentary: bool = False) -> pd.DataFrame:
    """Net cooperation index per dyad in the filter's period (or the last 12 months) and its change
    against the previous period of equal length; columns dyad, index, previous, change, count, start, end."""
    undated = dataclasses.replace(flt, date_from=None, date_to=None)
    _, last = queries.date_span(db, undated, queries.scored(include_commentary))
    window = metrics.comparison_window(last, flt.date_from, flt.date_to)
    if window is None:
        return pd.DataFrame(columns=["dyad", "index", "previous", "change", "count"])
    windows = [metrics.previous_window(window), window]
    before, now = queries.window_sums(db, undated, dyads, windows, include_commentary)
    return metrics.index_change(now, before, dyads).assign(start=window[0], end=window[1])
