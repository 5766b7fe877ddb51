"""Time bins of the charts: week, month, quarter, year, and the bin size that suits a span of dates."""

from __future__ import annotations

import enum

import pandas as pd


class Period(enum.StrEnum):
    """How finely time is binned on the charts."""

    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"

    @property
    def pandas_freq(self) -> str:
        """The pandas period alias ("M" for month)."""
        return {"week": "W", "month": "M", "quarter": "Q", "year": "Y"}[self.value]

    @property
    def label(self) -> str:
        """Human label ("Month")."""
        return self.value.capitalize()


def period_starts(dates: pd.Series, period: Period | str) -> pd.Series:
    """The first day of the period each date falls in (Mondays for weeks)."""
    return dates.dt.to_period(Period(period).pandas_freq).dt.start_time


def full_range(start: pd.Timestamp, end: pd.Timestamp, period: Period | str) -> pd.DatetimeIndex:
    """Every period start from the period of `start` to that of `end`, so gaps show as zero."""
    freq = Period(period).pandas_freq
    return pd.period_range(start.to_period(freq), end.to_period(freq), freq=freq).start_time


def auto_period(first: pd.Timestamp | None, last: pd.Timestamp | None) -> Period:
    """A bin size that gives a readable number of bars for the span of the data (about 10-60)."""
    if first is None or last is None:
        return Period.MONTH
    days = (last - first).days
    if days > 10 * 365:
        return Period.YEAR
    if days > 4 * 365:
        return Period.QUARTER
    return Period.MONTH if days > 120 else Period.WEEK
