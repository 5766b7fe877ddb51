"""Cooperation / tension aggregates per dyad and period: the numbers behind the charts.

Every function takes an interactions frame (see store.load_interactions) and returns a new, small frame.
Cooperation is the sum of positive scores, tension the sum of negative scores (a negative number), and
the net cooperation index (coop - |tension|) / (coop + |tension|) runs from -1 (all tension) to +1.
"""

from __future__ import annotations

import datetime as dt
import enum

import pandas as pd

from bilateral.model import Modality, QuadClass, Theme


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


COOP_COLUMNS = ["dyad", "period", "count", "cooperation", "tension", "net", "rolling"]


def scored(frame: pd.DataFrame, include_commentary: bool = False) -> pd.DataFrame:
    """The rows that count towards scores: commentary stays out unless the analyst includes it."""
    if include_commentary:
        return frame
    return frame.loc[frame["modality"] != Modality.COMMENTARY.value]


def period_starts(dates: pd.Series, period: Period | str) -> pd.Series:
    """The first day of the period each date falls in (Mondays for weeks)."""
    return dates.dt.to_period(Period(period).pandas_freq).dt.start_time


def full_range(start: pd.Timestamp, end: pd.Timestamp, period: Period | str) -> pd.DatetimeIndex:
    """Every period start from the period of `start` to that of `end`, so gaps show as zero."""
    freq = Period(period).pandas_freq
    return pd.period_range(start.to_period(freq), end.to_period(freq), freq=freq).start_time


def top_dyads(frame: pd.DataFrame, n: int = 4) -> list[str]:
    """The n dyads with most interactions (ties broken by name, so the choice is stable)."""
    counts = frame.groupby("dyad").size().reset_index(name="n")
    counts = counts.sort_values(["n", "dyad"], ascending=[False, True])
    return counts["dyad"].head(n).tolist()


def cooperation_tension(
    frame: pd.DataFrame, period: Period | str = Period.YEAR, dyads: list[str] | None = None, window: int = 3
) -> pd.DataFrame:
    """Per dyad and period: count, cooperation, tension, net and the rolling mean of net over `window`."""
    dyads = list(dyads) if dyads else top_dyads(frame)
    rows = frame.loc[frame["dyad"].isin(dyads)]
    if rows.empty:
        return pd.DataFrame(columns=COOP_COLUMNS)
    starts = full_range(rows["date"].min(), rows["date"].max(), period)
    scores = rows.assign(
        period=period_starts(rows["date"], period),
        cooperation=rows["score"].clip(lower=0),
        tension=rows["score"].clip(upper=0),
    )
    sums = scores.groupby(["dyad", "period"]).agg(
        count=("score", "size"), cooperation=("cooperation", "sum"), tension=("tension", "sum")
    )
    grid = pd.MultiIndex.from_product([dyads, starts], names=["dyad", "period"])
    out = sums.reindex(grid, fill_value=0).reset_index()
    out["count"] = out["count"].astype("int64")
    out["net"] = out["cooperation"] + out["tension"]
    out["rolling"] = out.groupby("dyad")["net"].transform(lambda s: s.rolling(window, min_periods=1).mean())
    return out[COOP_COLUMNS]


def net_index(frame: pd.DataFrame) -> float | None:
    """(cooperation - |tension|) / (cooperation + |tension|), or None when nothing is scored."""
    cooperation = frame["score"].clip(lower=0).sum()
    tension = -frame["score"].clip(upper=0).sum()
    total = cooperation + tension
    return None if total == 0 else float((cooperation - tension) / total)


def comparison_window(
    frame: pd.DataFrame, date_from: dt.date | None, date_to: dt.date | None
) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The window to compare: the filter's period, else the last 12 months of the data."""
    if frame.empty and not (date_from and date_to):
        return None
    end = pd.Timestamp(date_to) if date_to else frame["date"].max()
    start = pd.Timestamp(date_from) if date_from else end - pd.DateOffset(years=1) + pd.Timedelta(days=1)
    return start.normalize(), end.normalize()


def index_change(
    frame: pd.DataFrame, dyads: list[str], window: tuple[pd.Timestamp, pd.Timestamp]
) -> pd.DataFrame:
    """Per dyad: net index in the window and in the previous window of equal length, and the change.

    `frame` must not be cut to the window already, or the previous window would be empty.
    """
    start, end = window
    length = end - start + pd.Timedelta(days=1)
    rows = []
    for dyad in dyads:
        of_dyad = frame.loc[frame["dyad"] == dyad]
        now = of_dyad.loc[of_dyad["date"].between(start, end)]
        before = of_dyad.loc[of_dyad["date"].between(start - length, start - pd.Timedelta(days=1))]
        current, previous = net_index(now), net_index(before)
        change = None if current is None or previous is None else current - previous
        rows.append(
            {"dyad": dyad, "index": current, "previous": previous, "change": change, "count": len(now)}
        )
    return pd.DataFrame(rows, columns=["dyad", "index", "previous", "change", "count"])


def explode_themes(frame: pd.DataFrame, themes=()) -> pd.DataFrame:
    """One row per (interaction, theme), kept to `themes` if given; a two-theme interaction appears twice."""
    out = frame.explode("themes").rename(columns={"themes": "theme"})
    keep = out["theme"].notna()
    if themes:
        keep &= out["theme"].isin([str(t) for t in themes])
    return out.loc[keep]


def theme_counts(frame: pd.DataFrame, period: Period | str = Period.MONTH, themes=()) -> pd.DataFrame:
    """Interactions per period and theme (columns period, theme, count), themes in the vocabulary's order."""
    rows = explode_themes(frame, themes)
    if rows.empty:
        return pd.DataFrame(columns=["period", "theme", "count"])
    rows = rows.assign(period=period_starts(rows["date"], period))
    out = rows.groupby(["period", "theme"]).size().reset_index(name="count")
    order = {t.value: i for i, t in enumerate(Theme)}
    return out.sort_values(["period", "theme"], key=lambda s: s.map(order) if s.name == "theme" else s)


def theme_totals(frame: pd.DataFrame, themes=()) -> pd.DataFrame:
    """Interactions per theme (columns theme, label, count): every theme, or those of `themes`, in order."""
    counts = explode_themes(frame, themes)["theme"].value_counts()
    listed = [t for t in Theme if not themes or t.value in {str(x) for x in themes}]
    out = pd.DataFrame({"theme": [t.value for t in listed], "label": [t.label for t in listed]})
    return out.assign(count=out["theme"].map(counts).fillna(0).astype("int64"))


def key_events(frame: pd.DataFrame, limit: int = 40) -> pd.DataFrame:
    """The strongest interactions (largest |score|, then latest), at most `limit`, in date order."""
    if frame.empty:
        return frame.head(0)
    ranked = frame.assign(strength=frame["score"].abs()).sort_values(["strength", "date"], ascending=False)
    return ranked.head(limit).drop(columns="strength").sort_values("date")


def quad_mix(frame: pd.DataFrame, dyads: list[str]) -> pd.DataFrame:
    """Per dyad and quad class: count and share of the dyad's interactions (every class listed)."""
    rows = frame.loc[frame["dyad"].isin(dyads)]
    counts = rows.groupby(["dyad", "quad_class"]).size()
    grid = pd.MultiIndex.from_product([dyads, [q.value for q in QuadClass]], names=["dyad", "quad_class"])
    out = counts.reindex(grid, fill_value=0).reset_index(name="count")
    totals = out.groupby("dyad")["count"].transform("sum")
    out["share"] = (out["count"] / totals.where(totals > 0)).fillna(0.0)
    out["label"] = out["quad_class"].map(lambda q: QuadClass(q).label)
    return out


def theme_year_scores(frame: pd.DataFrame, themes=()) -> pd.DataFrame:
    """Mean score and count per theme and year (columns theme, year, mean_score, count)."""
    rows = explode_themes(frame, themes)
    if rows.empty:
        return pd.DataFrame(columns=["theme", "year", "mean_score", "count"])
    rows = rows.assign(year=rows["date"].dt.year)
    out = rows.groupby(["theme", "year"])["score"].agg(mean_score="mean", count="size").reset_index()
    return out


def records_in_period(
    frame: pd.DataFrame, period_start: str | pd.Timestamp, period: Period | str, theme: str | None = None
) -> pd.DataFrame:
    """The interactions behind one bar: those in the period starting at `period_start` (and of `theme`)."""
    start = pd.Timestamp(period_start)
    rows = frame.loc[period_starts(frame["date"], period) == start]
    if theme:
        rows = rows.loc[rows["themes"].map(lambda themes: theme in themes)]
    return rows


def records_for_selection(frame: pd.DataFrame, picked: list[list], period: Period | str) -> pd.DataFrame:
    """The interactions behind selected chart points, from their customdata (see charts).

    ["period", start, theme, dyad] is a bar or line point, ["record", id, ...] a key event marker and
    ["theme", theme] a theme bar; anything else is ignored.
    """
    keep = pd.Series(False, index=frame.index)
    for item in picked:
        kind = item[0] if item else None
        if kind == "period":
            rows = records_in_period(frame, item[1], period, item[2] or None)
            if item[3]:
                rows = rows.loc[rows["dyad"] == item[3]]
            keep |= frame.index.isin(rows.index)
        elif kind == "record":
            keep |= frame["id"] == item[1]
        elif kind == "theme":
            keep |= frame["themes"].map(lambda themes, t=item[1]: t in themes)
    return frame.loc[keep]


def auto_period(frame: pd.DataFrame) -> Period:
    """A bin size that gives a readable number of bars for the span of the data (about 10-60)."""
    if frame.empty:
        return Period.MONTH
    days = (frame["date"].max() - frame["date"].min()).days
    if days > 10 * 365:
        return Period.YEAR
    if days > 4 * 365:
        return Period.QUARTER
    return Period.MONTH if days > 120 else Period.WEEK
