"""The page queries: each asks the mirror for the small frame one chart or table draws.

Every function takes `db` (anything with `.cursor()` returning a DuckDB connection: the Mirror, or a
FrameDb in tests) and a Filter, and returns a small DataFrame or a few numbers. The WHERE clause comes from
the filter table (bilateral.filters.where); raw rows only leave here a page at a time.
"""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass

import pandas as pd

from bilateral.analysis import spans
from bilateral.analysis.enrichment import WHOLE_ROW
from bilateral.analysis.memo import remember, remembered
from bilateral.analysis.periods import Period, period_dates, period_key
from bilateral.analysis.text_hits import text_condition, text_rows
from bilateral.filters import THEME_BITS, one_of, where
from bilateral.model import Dataset, Modality, Theme

THEME_TABLE = (
    "(VALUES "
    + ", ".join(f"('{t.value}', {THEME_BITS[t]}, {i})" for i, t in enumerate(Theme))
    + ") AS t(theme, bit, ord)"
)
# Scored rows: the mirror flags those whose modality is commentary (enrichment.COMMENTARY_SQL). Written as a
# comparison, not `NOT commentary`: DuckDB pushes a comparison into the scan, and only then also pushes a
# text filter's row-id semi-join there as a pre-filter (10M rows, "pipeline": the net chart 164 -> 66 ms).
SCORED = "commentary = false"


def run(db, sql: str, params: list | tuple = ()) -> pd.DataFrame:
    """One query on a cursor of its own; the result as a DataFrame."""
    return db.cursor().execute(sql, list(params)).df()


def scalar_row(db, sql: str, params: list | tuple = ()) -> tuple:
    """One row of one query."""
    return db.cursor().execute(sql, list(params)).fetchone()


def conditions(db, flt, *extra: tuple[str, list] | None) -> tuple[str, list]:
    """The filter's WHERE clause ANDed with extra (clause, params) pairs.

    Why `db`: a text filter is answered from the rows it matched, found once per mirror state
    (bilateral.analysis.text_hits), rather than by scanning every row's text in every query.
    """
    clause, params = where(dataclasses.replace(flt, text="") if flt.text else flt)
    clauses = [clause]
    if flt.text:
        extra = (text_condition(db, flt.text), *extra)
    for item in extra:
        if item:
            clauses.append(item[0])
            params = params + list(item[1])
    return " AND ".join(f"({c})" for c in clauses), params


def scope(db, flt, *extra: tuple[str, list] | None) -> tuple[str, str, list]:
    """(relation, WHERE clause, params) of a query over the filter's rows: under a text filter whose rows
    are kept (bilateral.analysis.text_hits.text_rows), those rows and the other conditions; else `rows` and
    conditions(). The relation has every column of `rows` but the long texts, and each row's `rowid`.

    Why: a text filter keeps a small share of the rows; reading that share alone is what a scan of every
    row with a semi-join cannot be (10M rows, "pipeline": the Overview's aggregates 5-10 times quicker)."""
    kept = text_rows(db, flt.text) if flt.text else None
    if kept is None:
        return "rows", *conditions(db, flt, *extra)
    return kept, *conditions(db, dataclasses.replace(flt, text=""), *extra)


def scored(include_commentary: bool) -> tuple[str, list] | None:
    """Commentary stays out of scores unless the analyst includes it."""
    return None if include_commentary else (SCORED, [])


def in_dyads(dyads) -> tuple[str, list] | None:
    """Rows of the given (state) dyads."""
    return (one_of("dyad", len(dyads)), list(dyads)) if dyads else None


# A group's cooperation and tension: the sums of its positive and of its negative scores (0 when none).
# Summed under FILTER, DuckDB skips the other rows rather than taking greatest(score, 0) of each: the
# Overview's net chart 24, 20 -> 18, 17 ms at 1M and 141, 149 -> 128, 129 ms at 10M (A/B, alternating).
COOPERATION = "coalesce(sum(score) FILTER (score > 0), 0)"
TENSION = "coalesce(sum(score) FILTER (score < 0), 0)"
SCORE_SUMS = f"count(*) AS count, {COOPERATION} AS cooperation, {TENSION} AS tension"


@dataclass(frozen=True)
class Headline:
    """The numbers at the top of a page; `articles` is None when the page did not ask for it."""

    interactions: int
    articles: int | None
    first: pd.Timestamp | None
    last: pd.Timestamp | None


# How many articles are behind the rows a query reads: each row's article number (enrichment.MADE) set in a
# bit string, its bits counted. Why: a distinct count of text ids hashed every row's id (1M rows, a dyad's
# headline 15 -> 9 ms, the energy theme's 10 -> 3). The range comes from the column's statistics, so it
# always holds every number in the table, whatever a sync added since the last query.
ARTICLES_COUNTED = "coalesce(bit_count(bitstring_agg(article_no)), 0)"


def headline(db, flt, *, articles: bool) -> Headline:
    """Interactions, articles (those behind them; every article when nothing is filtered) and period.

    Why every caller says whether it wants `articles`: under a filter it is a distinct count of article ids,
    most of the query's time (at 1M rows, a dyad filter: ~5 of 9 ms); the pages that show no article count
    do not ask for it, and a default would decide that for a new caller without its knowing."""
    if flt.is_empty():  # every article counts, so the costly distinct count is not needed
        n, first, last = scalar_row(db, "SELECT count(*), min(date), max(date) FROM rows")
        found = scalar_row(db, "SELECT count(*) FROM articles")[0] if articles else None
    else:
        source, clause, params = scope(db, flt)
        distinct = ARTICLES_COUNTED if articles else "NULL"
        n, found, first, last = scalar_row(
            db, f"SELECT count(*), {distinct}, min(date), max(date) FROM {source} WHERE {clause}", params
        )
    out = Headline(int(n), None if found is None else int(found), _stamp(first), _stamp(last))
    spans.keep(db, flt, "all", (out.first, out.last))
    return out


def _stamp(value) -> pd.Timestamp | None:
    """A date as a Timestamp in seconds, whether DuckDB gave a date (a scalar) or a datetime64[us] (a frame):
    a span kept from one query must equal the same span read by another."""
    return None if value is None or pd.isna(value) else pd.Timestamp(value).as_unit("s")


def _by_mask(keys: str, sums: str, source: str, clause: str) -> str:
    """The matching rows grouped by `keys` and theme mask, with `sums`: the few groups _theme_sums adds up.

    Why: a row's themes are one bit mask with few distinct values (67 at a million rows), so the rows are
    read once into a few hundred groups and each theme adds up the groups whose mask holds it; one FILTER
    per theme over every row took two to three times as long at a million rows.
    """
    keyed = f"{keys}, " if keys else ""
    return f"(SELECT {keyed}theme_mask, {sums} FROM {source} WHERE {clause} GROUP BY ALL)"


def _theme_sums(themes, total: str = "n", prefix: str = "") -> str:
    """Per theme, `total` added up over the mask groups holding it: `sum(total) FILTER (...) AS "theme"`."""
    return ", ".join(
        f'CAST(sum({total}) FILTER ({_holds(t)}) AS BIGINT) AS "{prefix}{t.value}"' for t in themes
    )


def _holds(theme: Theme) -> str:
    """SQL: the row's (or group's) theme mask holds the theme."""
    return f"(theme_mask & {THEME_BITS[theme]}) != 0"


def _melt(wide: pd.DataFrame, keys: list[str], themes, name: str) -> pd.DataFrame:
    """Theme columns back to rows (keys..., theme, name), in the vocabulary's order, empty cells out."""
    long = wide.melt(id_vars=keys, value_vars=[t.value for t in themes], var_name="theme", value_name=name)
    return long.loc[long[name].notna() & (long[name] != 0)]


def theme_counts(db, flt, period: Period | str) -> pd.DataFrame:
    """Interactions per period and theme (period, theme, count), themes in the vocabulary's order."""
    themes = list(flt.themes) or list(Theme)
    source, clause, params = scope(db, flt)
    groups = _by_mask(f"{period_key(period)} AS period", "count(*) AS n", source, clause)
    wide = run(
        db, f"SELECT period, {_theme_sums(themes)} FROM {groups} GROUP BY period ORDER BY period", params
    )
    out = _melt(period_dates(wide, "period", period), ["period"], themes, "count")
    order = {t.value: i for i, t in enumerate(Theme)}
    out = out.assign(ord=out["theme"].map(order)).sort_values(["period", "ord"], kind="stable")
    return out[["period", "theme", "count"]].astype({"count": "int64"}).reset_index(drop=True)


@dataclass(frozen=True)
class SourcedCounts:
    """A timeline's counts: per period and theme, the imported part per period (None unless the rows mix
    curated and imported data), and the first and last date of the rows behind them."""

    counts: pd.DataFrame
    imported: pd.DataFrame | None
    first: pd.Timestamp | None
    last: pd.Timestamp | None


def theme_counts_by_source(db, flt, period: Period | str) -> SourcedCounts:
    """theme_counts, the part of them from imported field data, and the rows' date span, in one scan.

    Why together: a timeline marks what rests on machine-coded rows, and its title gives the span; each was
    one more pass over the matching rows."""
    themes = list(flt.themes) or list(Theme)
    source, clause, params = scope(db, flt)
    keys = f"{period_key(period)} AS period, dataset != '{Dataset.CURATED.value}' AS field"
    groups = _by_mask(keys, "count(*) AS n, min(date) AS first, max(date) AS last", source, clause)
    wide = period_dates(
        run(
            db,
            f"SELECT period, field, {_theme_sums(themes)}, min(first) AS first, max(last) AS last "
            f"FROM {groups} GROUP BY ALL ORDER BY period",
            params,
        ),
        "period",
        period,
    )
    first = _stamp(wide["first"].min()) if len(wide) else None
    last = _stamp(wide["last"].max()) if len(wide) else None
    wide = wide.drop(columns=["first", "last"])
    mentions = wide[[t.value for t in themes]].fillna(0).sum(axis=1)
    totals = wide.drop(columns="field").groupby("period", as_index=False).sum(min_count=1)
    out = _melt(totals, ["period"], themes, "count")
    order = {t.value: i for i, t in enumerate(Theme)}
    out = out.assign(ord=out["theme"].map(order)).sort_values(["period", "ord"], kind="stable")
    counts = out[["period", "theme", "count"]].astype({"count": "int64"}).reset_index(drop=True)
    if wide["field"].nunique() < 2:
        return SourcedCounts(counts, None, first, last)
    imported = wide.assign(count=mentions.astype("int64")).loc[wide["field"], ["period", "count"]]
    return SourcedCounts(counts, imported.reset_index(drop=True), first, last)


def theme_totals(db, flt, every_theme: bool = False) -> pd.DataFrame:
    """Interactions per theme (theme, label, count): the filter's themes (or every theme), in order."""
    listed = [t for t in Theme if every_theme or not flt.themes or t in flt.themes]
    groups = mask_groups(db, flt)
    masks, n = groups["theme_mask"].to_numpy(), groups["n"].to_numpy()
    counts = [int(n[(masks & THEME_BITS[t]) != 0].sum()) for t in listed]
    out = pd.DataFrame({"theme": [t.value for t in listed], "label": [t.label for t in listed]})
    return out.assign(count=counts).astype({"count": "int64"})


def mask_groups(db, flt) -> pd.DataFrame:
    """The matching rows per dataset and theme mask (dataset, theme_mask, n, first, last): a few hundred
    groups that both the dataset summary and the theme totals add up.

    Why one grouping for both: the Overview and the report show both, and each was a pass over the matching
    rows; under a filter that narrows the rows one pass is a third quicker (10M rows, a dyad: 71 -> 45 ms)."""

    def grouped() -> pd.DataFrame:
        source, clause, params = scope(db, flt)
        sql = (
            "SELECT dataset, theme_mask, count(*) AS n, min(date) AS first, max(date) AS last "
            f"FROM {source} WHERE {clause} GROUP BY ALL"
        )
        return run(db, sql, params)

    return remembered(db, ("mask groups", flt), grouped)


# Which interactions are key events: the largest |score|; among equal scores the curated records (no
# report counts), then the field rows reported by the most sources and articles, then the latest.
KEY_EVENT_ORDER = (
    "abs(score) DESC, num_sources DESC NULLS FIRST, num_articles DESC NULLS FIRST, date DESC, id"
)


def key_events(db, flt, limit: int = 40) -> pd.DataFrame:
    """The strongest interactions (KEY_EVENT_ORDER), at most `limit`, in date order.

    Why the report counts before the date: GDELT codes every armed clash -10, so a thousand rows tie at the
    top; "latest first" made the key events of a 25-year timeline the last few weeks' clashes, where the
    most widely reported ones are the events an analyst would name. Commentary (an opinion piece's claim,
    dated by the piece, not an event) stays out, as from the scores, unless the filter asks for it."""
    source, clause, params = scope(db, flt, scored(Modality.COMMENTARY in flt.modalities))
    chosen = f"SELECT rowid FROM {source} WHERE {clause} ORDER BY {KEY_EVENT_ORDER} LIMIT ?"
    sql = f"SELECT {WHOLE_ROW} FROM rows WHERE rowid IN ({chosen}) ORDER BY date, id"
    out = run(db, sql, [*params, limit])
    return dated(out, "date")


def top_dyads_and_span(
    db, flt, n: int = 4, include_commentary: bool = False
) -> tuple[list[str], tuple[pd.Timestamp | None, pd.Timestamp | None]]:
    """top_dyads, and the first and last date of every matching row (of all dyads), in one scan.

    The span is kept (bilateral.analysis.spans): the charts and panels that follow ask for it again."""
    source, clause, params = scope(db, flt, scored(include_commentary))
    per_dyad = (
        f"SELECT dyad, count(*) AS n, min(date) AS first, max(date) AS last FROM {source} WHERE {clause}"
    )
    out = run(
        db,
        "SELECT dyad, min(first) OVER () AS first, max(last) OVER () AS last "
        f"FROM ({per_dyad} GROUP BY dyad) ORDER BY n DESC, dyad LIMIT ?",
        [*params, n],
    )
    span = (None, None) if out.empty else (_stamp(out["first"].iloc[0]), _stamp(out["last"].iloc[0]))
    spans.keep(db, flt, _span_kind((scored(include_commentary),)), span)
    return out["dyad"].tolist(), span


def top_dyads(db, flt, n: int = 4, include_commentary: bool = False) -> list[str]:
    """The n dyads with most interactions (ties broken by name, so the choice is stable)."""
    return top_dyads_and_span(db, flt, n, include_commentary)[0]


def date_span(db, flt, *extra) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """First and last date of the matching rows; of every row or the scored ones, once per data state."""

    def read() -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
        source, clause, params = scope(db, flt, *extra)
        first, last = scalar_row(db, f"SELECT min(date), max(date) FROM {source} WHERE {clause}", params)
        return _stamp(first), _stamp(last)

    kind = _span_kind(extra)
    return spans.span_of(db, flt, kind, read) if kind else read()


def _span_kind(extra) -> str | None:
    """ "all" or "scored" when the extra conditions are none or the scored rows', else None (not kept)."""
    given = [item for item in extra if item]
    if not given:
        return "all"
    return "scored" if given == [scored(False)] else None


def coop_sums(
    db, flt, period: Period | str, dyads: list[str], include_commentary: bool = False
) -> pd.DataFrame:
    """Per dyad and period with data: count, cooperation (sum of positive scores), tension (of negative).

    The same scan counts the dyads' quad classes, kept for quad_counts: the Cooperation page draws both
    from the same rows, and a second scan of them was 10 of its ~60 ms at 1M rows."""
    source, clause, params = scope(db, flt, scored(include_commentary), in_dyads(dyads))
    cells = run(
        db,
        f"SELECT dyad, {period_key(period)} AS period, quad_class, {SCORE_SUMS} "
        f"FROM {source} WHERE {clause} GROUP BY ALL",
        params,
    )
    quads = cells.groupby(["dyad", "quad_class"], dropna=False, as_index=False)["count"].sum()
    remember(db, _quad_key(flt, dyads, include_commentary), quads)
    out = cells.groupby(["dyad", "period"], as_index=False)[["count", "cooperation", "tension"]].sum()
    return period_dates(out.astype({"count": "int64"}), "period", period)


def quad_counts(db, flt, dyads: list[str], include_commentary: bool = False) -> pd.DataFrame:
    """Per dyad and quad class: count (classes without rows left out); kept by coop_sums when it ran."""

    def count() -> pd.DataFrame:
        source, clause, params = scope(db, flt, scored(include_commentary), in_dyads(dyads))
        sql = f"SELECT dyad, quad_class, count(*) AS count FROM {source} WHERE {clause} GROUP BY ALL"
        return run(db, sql, params)

    return remembered(db, _quad_key(flt, dyads, include_commentary), count)


def _quad_key(flt, dyads, include_commentary: bool) -> tuple:
    return ("quad counts", flt, tuple(dyads), bool(include_commentary))


def theme_year_scores(db, flt, include_commentary: bool = False) -> pd.DataFrame:
    """Mean score and count per theme and year (theme, year, mean_score, count)."""
    return theme_period_scores_and_span(db, flt, include_commentary)[0]


def theme_period_scores_and_span(
    db, flt, include_commentary: bool = False, period: Period = Period.YEAR
) -> tuple[pd.DataFrame, tuple[pd.Timestamp | None, pd.Timestamp | None]]:
    """Mean score and count per theme and period (theme, year, mean_score, count): per year by default, per
    month or week (a `month` or `week` column of their first days) when asked; and the first and last date
    of the rows behind them (the heatmap's title), in one scan: the groups carry their first and last date."""
    themes = list(flt.themes) or list(Theme)
    key = Period(period).value
    bins = period_key(period)  # years as numbers, else first days (period_dates)
    source, clause, params = scope(db, flt, scored(include_commentary))
    # the mean: fsum over count(score), as avg leaves NULL scores out and sums with compensation (a plain
    # sum of the groups' sums put a mean of exactly -0.15 on the other side of its one-decimal label)
    mean_columns = ", ".join(
        f'fsum(s) FILTER ({_holds(t)}) / nullif(sum(k) FILTER ({_holds(t)}), 0) AS "{t.value}"'
        for t in themes
    )
    sums = "count(*) AS n, fsum(score) AS s, count(score) AS k, min(date) AS first, max(date) AS last"
    wide = run(
        db,
        f"SELECT {key}, {mean_columns}, {_theme_sums(themes, prefix='n_')}, min(first) AS first, "
        f"max(last) AS last FROM {_by_mask(f'{bins} AS {key}', sums, source, clause)} "
        f"GROUP BY {key}",
        params,
    )
    span = (_stamp(wide["first"].min()), _stamp(wide["last"].max())) if len(wide) else (None, None)
    names = [t.value for t in themes]
    n = wide[[key, *(f"n_{t}" for t in names)]].rename(columns={f"n_{t}": t for t in names})
    means = wide[[key, *names]].melt(id_vars=[key], var_name="theme", value_name="mean_score")
    out = _melt(n, [key], themes, "count").merge(means, on=[key, "theme"])
    out = out.sort_values(["theme", key]).reset_index(drop=True)
    out = out[["theme", key, "mean_score", "count"]].astype({"count": "int64"})
    return (out.astype({key: "int64"}) if key == "year" else period_dates(out, key, period)), span


def edge_table(db, flt, rollup: bool = True) -> pd.DataFrame:
    """Interactions by unordered actor pair (source < target): count, mean_score, score_sum, and imported
    (how many of them are machine-coded field data rather than curated records).

    The mirror's dyad columns already hold each pair sorted ("CHN-RUS"), so one GROUP BY does it.
    """
    pair, one, two = ("dyad", "state1", "state2") if rollup else ("dyad_raw", "actor1", "actor2")
    source, clause, params = scope(db, flt, (f"{one} != {two}", []))
    out = run(
        db,
        f"SELECT {pair} AS pair, count(*) AS count, avg(score) AS mean_score, sum(score) AS score_sum, "
        f"count(*) FILTER (dataset != '{Dataset.CURATED.value}') AS imported "
        f"FROM {source} WHERE {clause} GROUP BY {pair}",
        params,
    )
    ends = out["pair"].str.split("-", n=1, expand=True) if len(out) else pd.DataFrame(columns=[0, 1])
    out = out.assign(source=ends[0], target=ends[1]).sort_values(["source", "target"]).reset_index(drop=True)
    columns = ["source", "target", "count", "mean_score", "score_sum", "imported"]
    return out[columns].astype({"count": "int64", "imported": "int64"})


def window_sums(db, flt, dyads: list[str], windows, include_commentary: bool = False) -> list[pd.DataFrame]:
    """Per window a frame of per-dyad count, cooperation and |tension|; the windows are (start, end) dates,
    inclusive, in date order, each starting the day after the one before ends.

    Why one query for several windows: the Overview compares each dyad's last 12 months with the 12
    before; two scans of the same dates paid the query's fixed part twice."""
    for (_, end), (start, _) in itertools.pairwise(windows):
        if start != end + pd.Timedelta(days=1):
            raise ValueError(f"windows must follow each other: {end:%Y-%m-%d}, then {start:%Y-%m-%d}")
    span = ("date BETWEEN ? AND ?", [windows[0][0].date(), windows[-1][1].date()])
    source, clause, params = scope(db, flt, scored(include_commentary), in_dyads(dyads), span)
    which = " ".join(f"WHEN date <= ? THEN {i}" for i in range(len(windows)))
    sums = run(
        db,
        f"SELECT CASE {which} END AS window, dyad, count(*) AS count, "
        f"{COOPERATION} AS cooperation, -{TENSION} AS tension FROM {source} WHERE {clause} GROUP BY ALL",
        [*(end.date() for _, end in windows), *params],
    )
    columns = ["dyad", "count", "cooperation", "tension"]
    return [sums.loc[sums["window"] == i, columns].reset_index(drop=True) for i in range(len(windows))]


def count(db, flt, *extra) -> int:
    """Matching interactions; of every row or of the scored ones, their span is read on the way and kept.

    Why: the Cooperation page counts the scored rows first, and its charts' titles then asked for their
    span in a scan of its own (7 ms at 1M rows with a dyad filter); min and max ride along for ~1 ms."""
    source, clause, params = scope(db, flt, *extra)
    kind = _span_kind(extra)
    if kind is None:
        return int(scalar_row(db, f"SELECT count(*) FROM {source} WHERE {clause}", params)[0])
    n, first, last = scalar_row(
        db, f"SELECT count(*), min(date), max(date) FROM {source} WHERE {clause}", params
    )
    spans.keep(db, flt, kind, (_stamp(first), _stamp(last)))
    return int(n)


def dated(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """The frame with `column` (when present) as pandas datetimes: DuckDB gives dates as Python dates."""
    if column in frame:
        frame[column] = pd.to_datetime(frame[column])
    return frame
