"""What moved: each dyad's weekly volume and net cooperation index against its own trailing baseline.

The Watch page's weeks run Monday to Sunday; a move (`moves`, the Overview's panel) is measured over the
seven-day weeks that end on its recent end (the data's last day, the filter's end date or a replayed day),
so the latest days are never a partial week; the panel's caption gives those dates. For every undirected
dyad (CHN-RUS), every directed dyad (USA→CHN, directed interactions only) and each theme (and all themes
together), the database counts the week's scored interactions and sums their cooperation and tension; the
arithmetic here (on a few thousand cells) adds the baselines:

- volume: the week's count against the mean and spread (standard deviation) of the 52 weeks before it,
  and the mean of the 4 weeks before it;
- net index: (cooperation − |tension|) / (cooperation + |tension|), as the Cooperation page defines it,
  against the mean and spread of the weekly index over the 52 weeks before it (weeks with events only).

A move is measured as a z-score whose spread has a floor (sqrt of the baseline mean for counts, as for
Poisson noise; NET_SPREAD_FLOOR for the index), and needs at least `min_volume` events, so a dyad with
two events a year is not flagged on noise. "As of" any date replays the past: only weeks up to it count.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from bilateral.analysis import queries
from bilateral.filters import THEME_BITS
from bilateral.model import Theme

ALL_THEMES = "all"
ARROW = "→"
NET_SPREAD_FLOOR = 0.15
WEEK = pd.Timedelta(weeks=1)


def theme_label(theme: str) -> str:
    """A move's theme in words: "All themes" for ALL_THEMES, else the theme's label ("Supply chain")."""
    return "All themes" if theme == ALL_THEMES else Theme(theme).label


@dataclass(frozen=True)
class WatchSettings:
    """How moves are measured and flagged."""

    threshold: float = 2.0  # z-score beyond which a move is flagged
    min_volume: int = 3  # events needed (in the week, or the recent window) before anything is flagged
    recent_weeks: int = 4
    baseline_weeks: int = 52


def week_of(day: dt.date | pd.Timestamp) -> pd.Timestamp:
    """The Monday starting the week of `day`."""
    stamp = pd.Timestamp(day).normalize()
    return stamp - pd.Timedelta(days=stamp.weekday())


SHOWN_WEEKS = (12, 260)  # the Watch page's "Weeks shown": fewest, most
DEFAULT_SHOWN_WEEKS = 104


def weeks_shown(date_from: dt.date | None, as_of: dt.date) -> int:
    """How many weeks the Watch page draws up to the week of `as_of`: from the week of the filter's From date
    when it sets one (within SHOWN_WEEKS), else two years.

    Why: the analyst who sets From expects the chart to start there, not two years before As of."""
    fewest, most = SHOWN_WEEKS
    if date_from is None or date_from > as_of:
        return DEFAULT_SHOWN_WEEKS
    return min(most, max(fewest, (week_of(as_of) - week_of(date_from)).days // 7 + 1))


def latest_week(db, flt) -> pd.Timestamp | None:
    """The latest week with data for the filter (its date range ignored)."""
    _, last = queries.date_span(db, _undated(flt), queries.scored(False))
    return None if last is None else week_of(last)


def recent_end(db, flt, as_of: dt.date | None = None) -> pd.Timestamp | None:
    """The last day of a move's recent weeks: `as_of` when replaying a past day, else the filter's end date
    or the last date of its scored data (within its dates), whichever is earlier; None without scored data.

    Why the data's last date: a window reaching past it would count empty days as a drop in activity.
    Why not for `as_of`: a replay must not change when later records arrive (or are cut off)."""
    _, last = queries.date_span(db, flt, queries.scored(False))
    if last is None:
        return None
    if as_of:
        return pd.Timestamp(as_of)
    last = pd.Timestamp(last).normalize()
    return min(last, pd.Timestamp(flt.date_to)) if flt.date_to else last


def _undated(flt):
    return dataclasses.replace(flt, date_from=None, date_to=None)


KINDS = ("undirected", "directed")


def weekly_cells_sql(
    db, flt, first_week: pd.Timestamp, last_week: pd.Timestamp, pairs=(), kinds: tuple[str, ...] = KINDS
) -> tuple[str, list]:
    """SQL (and parameters) of the weekly cells: per kind (undirected/directed, those in `kinds`), pair,
    theme (see theme_table) and week with events: count, cooperation, tension. Scored interactions only;
    the filter's dates are ignored. Weeks are the seven days from first_week's weekday (Mondays, or the
    weekday that makes the last week end on a chosen day).

    Why `kinds`: the Overview's panel wants undirected moves only; the directed cells doubled its work.
    Why weeks counted as whole days from first_week, and the rows summed per theme mask before the themes
    are spread: an integer groups faster than a truncated timestamp, and a mask is spread over its themes
    once per cell rather than once per row (10M rows: 75 -> 42 ms for the Overview's panel)."""
    start = pd.Timestamp(first_week).normalize()
    span = ("date BETWEEN ? AND ?", [start.date(), (last_week + pd.Timedelta(days=6)).date()])
    source, clause, params = queries.scope(
        db, _undated(flt), queries.scored(False), span, queries.in_dyads(list(pairs))
    )
    sums = queries.SCORE_SUMS
    totals = "sum(count) AS count, sum(cooperation) AS cooperation, sum(tension) AS tension"
    keys = "dyad, state1, state2, direction" if "directed" in kinds else "dyad"
    week = "CAST(? AS TIMESTAMP) + to_days(CAST(n * 7 AS INTEGER)) AS week"
    parts = {
        "undirected": f"""
        SELECT 'undirected' AS kind, dyad AS pair, s.theme, n, {totals}
        FROM scoped JOIN spread AS s USING (theme_mask) GROUP BY dyad, s.theme, n""",
        "directed": f"""
        SELECT 'directed' AS kind, state1 || '{ARROW}' || state2 AS pair, s.theme, n, {totals}
        FROM scoped JOIN spread AS s USING (theme_mask)
        WHERE direction = 'directed' GROUP BY state1, state2, s.theme, n""",
    }
    sql = f"""
        WITH scoped AS (
            SELECT (date - CAST(? AS DATE)) // 7 AS n, {keys}, theme_mask, {sums}
            FROM {source} WHERE {clause} AND state1 != state2 GROUP BY ALL
        ),
        spread AS (
            SELECT m.theme_mask, t.theme FROM (SELECT DISTINCT theme_mask FROM scoped) AS m
            JOIN {theme_table(flt)} ON t.bit = 0 OR (m.theme_mask & t.bit) != 0
        )
        SELECT kind, pair, theme, {week}, count, cooperation, tension FROM (
            {" UNION ALL ".join(parts[kind] for kind in KINDS if kind in kinds)}
        )
    """
    return sql, [start.date(), *params, start.to_pydatetime()]


def theme_table(flt) -> str:
    """The themes a cell is counted under, as SQL VALUES (theme, bit, ord): under a theme filter its themes
    only, else every theme and "all" (bit 0: every row).

    Why: a row of the filtered theme often carries other themes too; counted under them, a Trade move
    showed under an Energy filter."""
    if not flt.themes:
        return queries.THEME_TABLE.replace("(VALUES ", f"(VALUES ('{ALL_THEMES}', 0, -1), ")
    rows = ", ".join(f"('{t.value}', {THEME_BITS[t]}, {i})" for i, t in enumerate(flt.themes))
    return f"(VALUES {rows}) AS t(theme, bit, ord)"


def weekly_cells(
    db, flt, first_week: pd.Timestamp, last_week: pd.Timestamp, pairs=(), kinds: tuple[str, ...] = KINDS
) -> pd.DataFrame:
    """The weekly cells (see weekly_cells_sql) as a frame, of the given (undirected) pairs only when given."""
    out = queries.run(db, *weekly_cells_sql(db, flt, first_week, last_week, pairs, kinds))
    out["week"] = pd.to_datetime(out["week"])
    return out


def net_index(cooperation, tension):
    """(cooperation − |tension|) / (cooperation + |tension|); NaN where nothing is scored (vectorised)."""
    cooperation, tension = np.asarray(cooperation, dtype=float), np.abs(np.asarray(tension, dtype=float))
    total = cooperation + tension
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, (cooperation - tension) / np.where(total > 0, total, 1), np.nan)


def complete(cells: pd.DataFrame, first_week: pd.Timestamp, last_week: pd.Timestamp) -> pd.DataFrame:
    """One series: every week from first_week to last_week, weeks without events as zero."""
    weeks = pd.date_range(first_week, last_week, freq="7D")
    out = cells.set_index("week")[["count", "cooperation", "tension"]].reindex(weeks, fill_value=0)
    out = out.rename_axis("week").reset_index()
    out["count"] = out["count"].astype("int64")
    return out


def with_baselines(series: pd.DataFrame, settings: WatchSettings = WatchSettings()) -> pd.DataFrame:
    """A weekly series (week, count, cooperation, tension) with its trailing baselines, z-scores and flags.

    Columns added: net; vol_mean, vol_spread (52 weeks before), vol_mean4 (4 weeks before), vol_z;
    net_mean, net_spread (weeks with events among the 52 before), net_z; flagged; direction.
    """
    out = series.copy()
    n = settings.baseline_weeks
    counts = out["count"].astype(float)
    out["net"] = net_index(out["cooperation"], out["tension"])
    out["vol_mean"] = counts.rolling(n, min_periods=min(8, n)).mean().shift(1)
    out["vol_spread"] = counts.rolling(n, min_periods=min(8, n)).std(ddof=0).shift(1)
    out["vol_mean4"] = counts.rolling(settings.recent_weeks, min_periods=1).mean().shift(1)
    floor = np.sqrt(np.maximum(out["vol_mean"], 1.0))
    out["vol_z"] = (counts - out["vol_mean"]) / np.maximum(out["vol_spread"], floor)
    out["net_mean"] = out["net"].rolling(n, min_periods=3).mean().shift(1)
    out["net_spread"] = out["net"].rolling(n, min_periods=3).std(ddof=0).shift(1)
    out["net_z"] = (out["net"] - out["net_mean"]) / np.maximum(out["net_spread"], NET_SPREAD_FLOOR)
    busy = counts >= settings.min_volume
    spike = busy & (out["vol_z"] >= settings.threshold)
    drop = (out["vol_mean"] >= settings.min_volume) & (out["vol_z"] <= -settings.threshold)
    turn = busy & (out["net_z"].abs() >= settings.threshold)
    out["flagged"] = (spike | drop | turn).fillna(False).astype(bool)
    found = directions(out["net"], out["net_mean"], out["vol_z"])
    out["direction"] = np.where(out["flagged"].to_numpy(), found, "").astype(object).tolist()
    return out


def directions(net, baseline, volume_z) -> np.ndarray:
    """Per (net index, its baseline, volume z): toward cooperation or tension when the index moved (or, with
    no baseline index, by its sign); else more or less activity.

    Vectorised: as a Python loop it took 6 ms for the Overview's seven thousand pairs and themes."""
    net, baseline = np.asarray(net, dtype=float), np.asarray(baseline, dtype=float)
    volume_z = np.asarray(volume_z, dtype=float)
    no_baseline = ~np.isnan(net) & np.isnan(baseline) & (net != 0)
    moved = ~np.isnan(net) & ~np.isnan(baseline) & (net != baseline)
    with np.errstate(invalid="ignore"):
        toward = np.where(net > np.where(no_baseline, 0.0, baseline), "toward cooperation", "toward tension")
        activity = np.where(volume_z > 0, "more activity", "less activity")
    return np.where(no_baseline | moved, toward, activity).astype(object)


MOVE_COLUMNS = [
    "kind",
    "pair",
    "theme",
    "recent_start",
    "as_of_week",
    "recent_count",
    "volume_recent",
    "volume_base",
    "volume_z",
    "net_recent",
    "net_base",
    "net_z",
    "size",
    "direction",
    "flagged",
]


def window_sums(
    db,
    flt,
    first: pd.Timestamp,
    recent_start: pd.Timestamp,
    last: pd.Timestamp,
    kinds: tuple[str, ...] = KINDS,
) -> pd.DataFrame:
    """Per kind (of `kinds`), pair and theme: sums over the recent window and over the baseline weeks
    before it (counts, their squares, cooperation, tension, weeks with events, and the spread of the
    weekly index)."""
    cells = weekly_cells_sql(db, flt, first, last, kinds=kinds)
    sql = f"""
        WITH cells AS ({cells[0]}),
        scored AS (
            SELECT *, CASE WHEN cooperation - tension > 0
                           THEN (cooperation + tension) / (cooperation - tension) END AS net
            FROM cells
        )
        SELECT kind, pair, theme,
            coalesce(sum(count) FILTER (week >= ?), 0) AS recent_count,
            coalesce(sum(cooperation) FILTER (week >= ?), 0) AS recent_cooperation,
            coalesce(sum(tension) FILTER (week >= ?), 0) AS recent_tension,
            count(*) FILTER (week >= ?) AS recent_active,
            coalesce(sum(count) FILTER (week < ?), 0) AS base_count,
            coalesce(sum(count * count) FILTER (week < ?), 0) AS base_squares,
            coalesce(sum(cooperation) FILTER (week < ?), 0) AS base_cooperation,
            coalesce(sum(tension) FILTER (week < ?), 0) AS base_tension,
            count(net) FILTER (week < ?) AS base_index_weeks,
            stddev_pop(net) FILTER (week < ?) AS base_index_spread
        FROM scored GROUP BY ALL
    """
    stamp = recent_start.to_pydatetime()
    return queries.run(db, sql, [*cells[1], *([stamp] * 10)])


def measure_moves(sums: pd.DataFrame, settings: WatchSettings = WatchSettings()) -> pd.DataFrame:
    """Vectorised: each row of window_sums measured (volume z, net index z, size, direction, flagged)."""
    out = sums.copy()
    k, n = settings.recent_weeks, settings.baseline_weeks
    out["volume_recent"] = out["recent_count"] / k
    out["volume_base"] = out["base_count"] / n
    variance = (out["base_squares"] / n - out["volume_base"] ** 2).clip(lower=0)
    spread = np.sqrt(variance) / math.sqrt(k)
    floor = np.sqrt(np.maximum(out["volume_base"], 1.0) / k)
    out["volume_z"] = (out["volume_recent"] - out["volume_base"]) / np.maximum(spread, floor)
    out["net_recent"] = net_index(out["recent_cooperation"], out["recent_tension"])
    out["net_base"] = net_index(out["base_cooperation"], out["base_tension"])
    index_spread = out["base_index_spread"].where(out["base_index_weeks"] >= 3, 0.0).fillna(0.0)
    index_spread = np.maximum(index_spread / np.sqrt(np.maximum(out["recent_active"], 1)), NET_SPREAD_FLOOR)
    enough = (out["recent_count"] >= settings.min_volume) & (out["base_count"] >= settings.min_volume)
    out["net_z"] = ((out["net_recent"] - out["net_base"]) / index_spread).where(enough)
    busy = (out["recent_count"] >= settings.min_volume) | (out["base_count"] * k / n >= settings.min_volume)
    out["size"] = np.maximum(out["volume_z"].abs(), out["net_z"].abs().fillna(0.0))
    out["flagged"] = (busy & (out["size"] >= settings.threshold)) | (out["net_z"].abs() >= settings.threshold)
    out["direction"] = directions(out["net_recent"], out["net_base"], out["volume_z"]).tolist()
    return out


def moves(
    db,
    flt,
    as_of: dt.date | None = None,
    settings: WatchSettings = WatchSettings(),
    limit: int | None = None,
    kinds: tuple[str, ...] = ("undirected",),
    one_per_pair: bool = False,
) -> pd.DataFrame:
    """The dyads and themes that moved most in the recent weeks against their baseline, largest first
    (columns MOVE_COLUMNS plus `trend`, the weekly counts of the whole span, for the top `limit`).

    The recent weeks end on recent_end (as_of, else the filter's end date or its data's last date);
    weeks are the seven-day periods ending there, so nothing after that day counts. The filter's start date
    does not shorten the baseline. `as_of_week` is the first day of the last week.
    as_of: replay a past moment.
    one_per_pair: keep each dyad's largest move only (a theme before "all" when they tie), so one event
    does not fill the list under three themes.
    """
    end = recent_end(db, flt, as_of)
    if end is None:
        return pd.DataFrame(columns=[*MOVE_COLUMNS, "trend"])
    last = end - pd.Timedelta(days=6)
    first = last - (settings.recent_weeks + settings.baseline_weeks - 1) * WEEK
    recent_start = last - (settings.recent_weeks - 1) * WEEK
    measured = measure_moves(window_sums(db, flt, first, recent_start, last, kinds), settings)
    measured = measured.loc[measured["recent_count"] > 0]
    measured = measured.assign(general=measured["theme"] == ALL_THEMES).sort_values(
        ["size", "recent_count", "general", "pair", "theme"], ascending=[False, False, True, True, True]
    )
    if one_per_pair:
        measured = measured.drop_duplicates(["kind", "pair"])
    top = measured.head(limit) if limit else measured
    top = top.assign(recent_start=recent_start, as_of_week=last).reset_index(drop=True)
    return top.assign(trend=_trends(db, flt, top, first, last))[[*MOVE_COLUMNS, "trend"]]


def _trends(db, flt, top: pd.DataFrame, first: pd.Timestamp, last: pd.Timestamp) -> list[list[float]]:
    """Weekly counts from first to last for each move (one query for all of them; [] for a move with no
    events in the span), counted as weekly_cells counts them.

    Why the rows joined to the moves themselves, not the weekly cells of their pairs (every theme of each,
    spread and grouped again, then walked in Python): at 1M the Overview's eight moves 25 -> 8.5 ms, the
    report's 1,947 moves 256 -> 61 ms, a list holding a directed move (every pair's cells) 377 -> 12 ms."""
    if top.empty:
        return []
    start = pd.Timestamp(first).normalize()
    span = ("date BETWEEN ? AND ?", [start.date(), (last + pd.Timedelta(days=6)).date()])
    source, clause, params = queries.scope(db, _undated(flt), queries.scored(False), span)
    keys = {
        "undirected": ("dyad", ""),
        "directed": (f"state1 || '{ARROW}' || state2", "AND direction = 'directed'"),
    }
    parts, args = [], []
    for kind, (key, directed) in keys.items():
        wanted = [(r.pair, _theme_bit(r.theme), i) for i, r in enumerate(top.itertuples()) if r.kind == kind]
        if not wanted:
            continue
        parts.append(f"""
            SELECT w.k, (date - CAST(? AS DATE)) // 7 AS n, count(*) AS count
            FROM {source} JOIN (
                SELECT unnest(?::VARCHAR[]) AS pair, unnest(?::INTEGER[]) AS bit, unnest(?::INTEGER[]) AS k
            ) AS w
                ON {key} = w.pair
            WHERE {clause} AND state1 != state2 {directed} AND (w.bit = 0 OR (theme_mask & w.bit) != 0)
            GROUP BY ALL""")
        args += [start.date(), *(list(column) for column in zip(*wanted, strict=True)), *params]
    found = db.cursor().execute(" UNION ALL ".join(parts), args).fetchnumpy()
    n_weeks = (last - first) // WEEK + 1
    series: dict[int, list[float]] = {}
    for k, step, count in zip(found["k"].tolist(), found["n"].tolist(), found["count"].tolist(), strict=True):
        if 0 <= step < n_weeks:
            series.setdefault(k, [0.0] * n_weeks)[step] += float(count)
    return [series.get(k, []) for k in range(len(top))]


def _theme_bit(theme: str) -> int:
    """A move's theme as the bit of theme_mask its rows carry; 0 (every row) for ALL_THEMES."""
    return 0 if theme == ALL_THEMES else THEME_BITS[Theme(theme)]


def watch_series(
    db, flt, pair: str, theme: str, first: dt.date, last: dt.date, settings: WatchSettings = WatchSettings()
) -> pd.DataFrame:
    """The weekly series of one undirected dyad and theme from `first` to `last`, with its baselines
    (computed from the 52 weeks before each week, so the history before `first` is read too)."""
    start, end = week_of(first), week_of(last)
    history = start - settings.baseline_weeks * WEEK
    cells = weekly_cells(db, flt, history, end, [pair], ("undirected",))
    cells = cells.loc[(cells["kind"] == "undirected") & (cells["pair"] == pair) & (cells["theme"] == theme)]
    series = with_baselines(complete(cells, history, end), settings)
    return series.loc[series["week"] >= start].reset_index(drop=True)


WATCHED = 3


def watched_dyads(db, flt, first: dt.date, last: dt.date, n: int = WATCHED) -> list[str]:
    """The dyads the Watch page follows: the filter's own when it names some (an explicit choice wins), else
    the n with most scored interactions from `first` to `last` under the filter (its dates narrowing them
    further), most first; ties go to the more active over all the weeks shown, then by name.

    Why activity rather than the largest move: a move is measured against the dyad's own baseline, so a dyad
    with two events after a quiet year led the page with a near-empty chart."""
    if flt.dyads:
        return list(flt.dyads)
    start = max(first, flt.date_from) if flt.date_from else first
    end = min(last, flt.date_to) if flt.date_to else last
    shown = ("date BETWEEN ? AND ?", [first, last])
    source, clause, params = queries.scope(db, _undated(flt), queries.scored(False), shown)
    sql = f"""
        SELECT dyad FROM (
            SELECT dyad, count(*) FILTER (date BETWEEN ? AND ?) AS n_filter, count(*) AS n_shown
            FROM {source} WHERE {clause} GROUP BY dyad
        ) WHERE n_filter > 0 ORDER BY n_filter DESC, n_shown DESC, dyad LIMIT ?
    """
    return queries.run(db, sql, [start, end, *params, n])["dyad"].tolist()


def move_scope(flt, move, with_baseline: bool = False):
    """The filter that selects one move's records: its dyad and theme, over its recent weeks (or with the
    baseline before them)."""
    from bilateral.model import Theme

    start = move.recent_start - (settings_weeks(with_baseline)) * WEEK
    themes = () if move.theme == ALL_THEMES else (Theme(move.theme),)
    end = move.as_of_week + pd.Timedelta(days=6)
    return dataclasses.replace(
        flt, dyads=(move.pair,), themes=themes, date_from=start.date(), date_to=end.date()
    )


def settings_weeks(with_baseline: bool, settings: WatchSettings = WatchSettings()) -> int:
    """How many weeks before the recent window a move's scope reaches back."""
    return settings.baseline_weeks if with_baseline else 0


def move_evidence(db, flt, move, limit: int = 3) -> pd.DataFrame:
    """The strongest records behind a move (largest |score| in its recent weeks), newest first."""
    events = queries.key_events(db, move_scope(flt, move), limit)
    return events.sort_values("date", ascending=False).reset_index(drop=True)
