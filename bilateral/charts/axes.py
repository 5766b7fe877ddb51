"""Axes and ranges of the charts over time and of counts: where bars sit, how wide a short span is drawn,
how a hover names a period, what range holds every series.

Why apart from the figure builders: the Timeline, Cooperation, Overview and Watch charts share these rules,
and each is one decision about how little data is drawn (one bar, one point, one interaction).
"""

from __future__ import annotations

import pandas as pd

from bilateral.analysis.periods import Period


def bar_geometry(starts: pd.Series, period: Period | str) -> tuple[pd.Series, list[float]]:
    """Bar centres and widths (ms) so each bar fills 85% of its period on a date axis."""
    freq = Period(period).pandas_freq
    ends = (starts.dt.to_period(freq) + 1).dt.start_time
    spans = ends - starts
    return starts + spans / 2, [s.total_seconds() * 850 for s in spans]


MIN_PERIODS_SHOWN = 5  # the fewest periods a time axis spans: a lone bar is a fifth of the plot, not all
PERIOD_TICKS = {Period.WEEK: 7 * 86_400_000, Period.MONTH: "M1", Period.QUARTER: "M3", Period.YEAR: "M12"}


def time_axis(first: pd.Timestamp, last: pd.Timestamp, period: Period | str) -> dict:
    """X-axis settings for data from first to last: when they span fewer than MIN_PERIODS_SHOWN periods, a
    range that wide centred on them and a tick at each period's start; else {} (plotly's own).

    Why: plotly fits the axis to the data: a lone bar filled the plot, a lone point got sub-second ticks."""
    period = Period(period)
    start = first.to_period(period.pandas_freq)
    one = (start + 1).start_time - start.start_time
    short = one * MIN_PERIODS_SHOWN - (last - first)
    if short <= pd.Timedelta(0):
        return {}
    return {
        "range": [first - short / 2, last + short / 2],
        "tick0": start.start_time,
        "dtick": PERIOD_TICKS[period],
    }


def bars_axis(starts: pd.Series, period: Period | str, span: tuple = (None, None)) -> dict:
    """time_axis of bars starting at `starts`: from the first period's start to the last period's end, and
    out to the filter's From and To (`span`) where it sets them.

    Why the filter's dates: an axis fitted to the records hid the empty weeks the analyst asked for (a
    filter of one quarter drew its first six weeks, as if nothing were missing after them)."""
    freq = Period(period).pandas_freq
    first, last = starts.min(), (starts.max().to_period(freq) + 1).start_time
    start, end = span
    if start is not None:
        first = min(first, pd.Timestamp(start).to_period(freq).start_time)
    if end is not None:
        last = max(last, (pd.Timestamp(end).to_period(freq) + 1).start_time)
    axis = time_axis(first, last, period)
    if axis or (start is None and end is None):
        return axis
    return {"range": [first, last]}


# How a hover label names a period's start: the bin, not only its year (a week of 2023 is not "2023").
PERIOD_HOVER = {
    Period.WEEK: "week of %{x|%d %b %Y}",
    Period.MONTH: "%{x|%b %Y}",
    Period.QUARTER: "quarter from %{x|%b %Y}",
    Period.YEAR: "%{x|%Y}",
}


def rolling_label(period: Period | str, window: int, lead: str = "") -> str:
    """'3-year rolling mean' (after `lead`), or '' for a window of one period: no mean is taken."""
    return "" if window <= 1 else f"{lead}{window}-{Period(period).value} rolling mean"


def sums_range(coop: pd.DataFrame) -> list[float]:
    """A y-range holding the bars, net and rolling mean, and zero, with 8% to spare at each end.

    Why set: plotly's own range fitted the bars exactly, cutting the net marker at the extreme in half, and
    with an x-range set on subplots whose axes match it fell back to -1..4."""
    values = coop[["cooperation", "tension", "net", "rolling"]]
    low, high = min(0.0, float(values.min().min())), max(0.0, float(values.max().max()))
    spare = max(0.08 * (high - low), 0.5)
    return [low - spare, high + spare]


COUNT_TICKS_BELOW = 5  # below this peak, a count axis has a tick at every whole number


def count_axis(peak: float) -> dict:
    """An axis of counts from zero; under a small peak its ticks are the whole numbers.

    Why: over one or two interactions plotly put ticks at 0.2, 0.4..., counts no record can have."""
    axis = {"rangemode": "tozero"}
    return {**axis, "tick0": 0, "dtick": 1} if peak < COUNT_TICKS_BELOW else axis
