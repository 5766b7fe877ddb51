"""Page queries written for speed give what the plain SQL they replaced gives, on random rows with ties."""

import random

import pandas as pd
import pytest
from conftest import make_interactions

from bilateral.analysis import periods, queries, row_queries
from bilateral.analysis.enrichment import INTERNAL
from bilateral.analysis.frames import frame_db
from bilateral.analysis.periods import Period
from bilateral.filters import THEME_BITS, Filter
from bilateral.model import Modality, Theme
from bilateral.page_steps import PAGES

ACTORS = ["CHN", "RUS", "USA", "EU", "UKR", "CHN_XI", "RUS_PUTIN"]
EVENTS = [("AGREE", 1), ("CONSULT", 1), ("COOPERATE", 2), ("ACCUSE", 3), ("SANCTION", 4)]
FILTERS = [
    Filter(),
    Filter(themes=(Theme("energy"), Theme("military"))),
    Filter(text="evidence 1"),
    Filter(modalities=(Modality.COMMENTARY, Modality.FACT)),
]


def _random_rows(n: int = 400, seed: int = 3) -> pd.DataFrame:
    """Rows with many ties in |score| and date, some without a score, and some without any theme."""
    pick = random.Random(seed)
    themes = [t.value for t in Theme]
    rows = []
    for _ in range(n):
        one, two = pick.sample(ACTORS, 2)
        event, quad = pick.choice(EVENTS)
        score = pick.choice([None, -10.0, -4.0, 0.0, 2.5, 4.0, 10.0])
        chosen = ";".join(pick.sample(themes, pick.choice([0, 1, 1, 2, 3])))
        day = f"20{pick.randint(14, 24)}-0{pick.randint(1, 9)}-1{pick.randint(0, 9)}"
        modality = pick.choice(["fact", "reported", "commentary"])
        rows.append((day, one, two, event, quad, score, chosen, modality, "Wire", None))
    out = make_interactions(rows)
    reported = [pick.choice([(None, None), (1, 1), (1, 3), (5, 9), (40, 90)]) for _ in range(n)]
    out["num_sources"] = pd.array([s for s, _ in reported], dtype="Int64")  # field rows' report counts
    out["num_articles"] = pd.array([a for _, a in reported], dtype="Int64")
    return out


@pytest.fixture(scope="module")
def db():
    return frame_db(_random_rows())


def _plain(db, sql: str, params: list) -> pd.DataFrame:
    return db.cursor().execute(sql, params).df()


@pytest.mark.parametrize("flt", FILTERS)
@pytest.mark.parametrize("limit", [1, 7, 40, 1000])
def test_key_events_are_the_plain_top_n(db, flt, limit):
    clause, params = queries.conditions(db, flt)
    asked = Modality.COMMENTARY in flt.modalities  # commentary is not an event unless the filter says so
    expected = _plain(
        db,
        f"SELECT * FROM (SELECT * FROM rows WHERE {clause} AND (modality <> 'commentary' OR {asked}) "
        "ORDER BY abs(score) DESC, "
        "coalesce(num_sources, 1e9) DESC, coalesce(num_articles, 1e9) DESC, date DESC, id LIMIT ?) "
        "ORDER BY date, id",
        [*params, limit],
    )
    assert queries.key_events(db, flt, limit)["id"].tolist() == expected["id"].tolist()


def test_key_events_leave_commentary_out_unless_the_filter_asks_for_it():
    """An opinion piece's claim is dated by the piece; as a key event it would mark a day nothing happened."""
    rows = make_interactions([
        ("2024-02-09", "CHN", "RUS", "COOPERATE", 2, 9.0, "military", "commentary", "Op-ed", None),
        ("2024-02-10", "CHN", "RUS", "AGREE", 1, 4.0, "energy", "fact", "Wire", None),
        ("2024-02-11", "CHN", "RUS", "ACCUSE", 3, -2.0, "energy", "reported", "Wire", None),
    ])  # fmt: skip
    db = frame_db(rows)
    assert queries.key_events(db, Filter(), 2)["score"].tolist() == [4.0, -2.0]
    asked = Filter(modalities=(Modality.COMMENTARY,))
    assert queries.key_events(db, asked, 2)["score"].tolist() == [9.0]
    either = Filter(modalities=(Modality.COMMENTARY, Modality.FACT))
    assert queries.key_events(db, either, 2)["score"].tolist() == [9.0, 4.0]


def test_among_equal_scores_key_events_are_the_curated_then_the_most_widely_reported():
    """GDELT scores every armed clash -10: the key events among a thousand ties were the latest ones."""
    rows = make_interactions([("2020-01-0" + str(n), "RUS", "UKR", "ACCUSE", 3, -10.0, "military", "fact",
                               "Wire", None) for n in range(1, 10)])  # fmt: skip
    rows["num_sources"] = pd.array([None, 3, 50, 3, 7, 3, 1, 2, 3], dtype="Int64")
    rows["num_articles"] = pd.array([None, 4, 60, 9, 7, 4, 1, 2, 4], dtype="Int64")
    events = queries.key_events(frame_db(rows), Filter(), 4)
    assert events["date"].dt.day.tolist() == [1, 3, 4, 5]  # curated; 50 sources; 7; 3 sources, 9 articles
    latest_of_ties = queries.key_events(frame_db(rows), Filter(), 6)["date"].dt.day.tolist()
    assert latest_of_ties == [1, 3, 4, 5, 6, 9]  # then 3 sources and 4 articles: the latest two of three


@pytest.mark.parametrize("flt", FILTERS)
@pytest.mark.parametrize(
    ("limit", "offset"), [(1, 0), (5, 0), (50, 10), (7, 93), (20, 390), (5, 5000), (1000, 0)]
)
def test_records_page_is_the_plain_page(db, flt, limit, offset):
    """Newest first, ties by id, also where a page starts or ends inside a day of many rows (the page is
    chosen within the dates of its newest rows) and past the last row."""
    clause, params = queries.conditions(db, flt)
    expected = _plain(
        db,
        f"SELECT id FROM rows WHERE {clause} ORDER BY date DESC, id DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    assert row_queries.records_page(db, flt, limit, offset)["id"].tolist() == expected["id"].tolist()


PLAIN_ORDERS = {  # what each records order means, written out
    "newest": "date DESC, id DESC",
    "oldest": "date ASC, id ASC",
    "tension": "score ASC NULLS LAST, date DESC, id DESC",
    "cooperation": "score DESC NULLS LAST, date DESC, id DESC",
    "strongest": "abs(score) DESC NULLS LAST, date DESC, id DESC",
}


@pytest.mark.parametrize("order", list(PLAIN_ORDERS))
@pytest.mark.parametrize("flt", FILTERS)
@pytest.mark.parametrize(("limit", "offset"), [(1, 0), (7, 0), (50, 30), (20, 390), (1000, 0)])
def test_records_page_in_each_order_is_the_plain_page(db, order, flt, limit, offset):
    """Every order sorts every matching row (ties and rows without a score included), not only a page."""
    assert set(row_queries.RECORD_ORDERS) == set(PLAIN_ORDERS)
    clause, params = queries.conditions(db, flt)
    expected = _plain(
        db,
        f"SELECT id FROM rows WHERE {clause} ORDER BY {PLAIN_ORDERS[order]} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    got = row_queries.records_page(db, flt, limit, offset, order=order)
    assert got["id"].tolist() == expected["id"].tolist()


def test_whole_rows_leave_out_the_text_made_only_for_search(db):
    """Key events, record pages, rows by id and exports hold every column of a row but the search text."""
    made_for_search = set(INTERNAL["rows"])
    every = [c for c in _plain(db, "SELECT * FROM rows LIMIT 0", []).columns if c not in made_for_search]
    ids = _plain(db, "SELECT id FROM rows ORDER BY id LIMIT 3", [])["id"].tolist()
    frames = {
        "key_events": queries.key_events(db, Filter(), 5),
        "records_page": row_queries.records_page(db, Filter(), 5),
        "record_rows": row_queries.record_rows(db, ids),
        "no rows by id": row_queries.record_rows(db, []),
        "iter_rows": next(row_queries.iter_rows(db, Filter())),
    }
    assert made_for_search and made_for_search <= set(_plain(db, "SELECT * FROM rows LIMIT 0", []).columns)
    for name, frame in frames.items():
        assert list(frame.columns) == every, name
    assert len(frames["record_rows"]) == 3


@pytest.mark.parametrize("flt", [Filter(), *FILTERS[1:]])
def test_a_headline_without_articles_has_the_same_numbers_and_counts_no_articles(db, flt):
    full = queries.headline(db, flt, articles=True)
    plain = _plain(db, "SELECT count(DISTINCT article_id) AS n FROM rows WHERE "
                       + queries.conditions(db, flt)[0], queries.conditions(db, flt)[1])  # fmt: skip
    if not flt.is_empty():
        assert full.articles == plain["n"].iloc[0]
    spy = _Spy(db)
    lean = queries.headline(spy, flt, articles=False)
    assert lean.articles is None
    assert (lean.interactions, lean.first, lean.last) == (full.interactions, full.first, full.last)
    assert spy.sql and not any("DISTINCT" in sql or "articles" in sql for sql in spy.sql)


def test_every_headline_caller_says_whether_it_counts_articles(db):
    """No default: the package's default (count them) and the pages' (do not) had differed under one name."""
    import inspect

    from ui import loaders, views

    with pytest.raises(TypeError):
        queries.headline(db, Filter())
    for function in (queries.headline, loaders.headline, views.filtered_or_stop):
        parameter = inspect.signature(function).parameters["articles"]
        assert parameter.kind is parameter.KEYWORD_ONLY and parameter.default is parameter.empty


@pytest.mark.parametrize("page", ["timeline", "records"])
def test_pages_that_show_no_article_count_do_not_count_articles(db, page):
    """The Timeline and Records pages show interactions and dates only (pages/timeline.py, records.py)."""
    spy = _Spy(db)
    done: dict = {}
    for step in PAGES[page]:
        done[step.name] = step.run(spy, FILTERS[1], done)
    assert done["headline"].articles is None
    assert not any("DISTINCT article_id" in sql for sql in spy.sql)


class _Spy:
    """The test mirror, keeping the SQL each query sent."""

    def __init__(self, db):
        self.db, self.sql = db, []
        self.memo = getattr(db, "memo", None)

    def cursor(self):
        cursor, sql = self.db.cursor(), self.sql

        class Cursor:
            def execute(self, query, *args):
                sql.append(query)
                cursor.execute(query, *args)
                return self

            def __getattr__(self, name):
                return getattr(cursor, name)

        return Cursor()


def _filtered(expression: str, theme: Theme) -> str:
    return f"{expression} FILTER ((theme_mask & {THEME_BITS[theme]}) != 0)"


@pytest.mark.parametrize("flt", FILTERS)
def test_theme_counts_and_totals_are_one_filter_per_theme(db, flt):
    clause, params = queries.conditions(db, flt)
    themes = list(flt.themes) or list(Theme)
    columns = ", ".join(f'{_filtered("count(*)", t)} AS "{t.value}"' for t in themes)
    wide = _plain(db, f"SELECT year(date) AS y, {columns} FROM rows WHERE {clause} GROUP BY y", params)
    expected = wide.melt(id_vars="y", var_name="theme", value_name="count").query("count > 0")
    got = queries.theme_counts(db, flt, "year")
    got = got.assign(y=got["period"].dt.year)[["y", "theme", "count"]]
    key = ["y", "theme"]
    assert got.sort_values(key).values.tolist() == expected.sort_values(key).values.tolist()
    totals = queries.theme_totals(db, flt).set_index("theme")["count"]
    assert totals.to_dict() == {t.value: int(wide[t.value].sum()) for t in themes}


@pytest.mark.parametrize("flt", FILTERS)
@pytest.mark.parametrize("period", [Period.YEAR, Period.MONTH, Period.WEEK])
def test_theme_period_scores_are_the_plain_means(db, flt, period):
    """The heatmap's cells (by year; by month or week for a short span): each the plain mean and count of its
    rows (weeks from Monday)."""
    clause, params = queries.conditions(db, flt, queries.scored(False))
    rows = _plain(db, f"SELECT date, theme_mask, score FROM rows WHERE {clause}", params)
    dates = pd.to_datetime(rows["date"])
    rows["bin"] = (
        dates.dt.year if period is Period.YEAR else dates.dt.to_period(period.pandas_freq).dt.start_time
    )
    got, span = queries.theme_period_scores_and_span(db, flt, period=period)
    assert span == queries.date_span(db, flt, queries.scored(False))
    if period is Period.YEAR:
        assert got.equals(queries.theme_year_scores(db, flt))
    got = got.set_index(["theme", period.value])
    cells = 0
    for t in list(flt.themes) or list(Theme):
        held = rows.loc[(rows["theme_mask"] & THEME_BITS[t]) != 0]
        for key, part in held.groupby("bin"):
            cell = got.loc[(t.value, key)]
            assert cell["count"] == len(part)
            assert cell["mean_score"] == pytest.approx(part["score"].mean(), nan_ok=True)
            cells += 1
    assert cells == len(got) and cells > 0


@pytest.mark.parametrize("flt", [*FILTERS, Filter(text="no such words")])
@pytest.mark.parametrize("include_commentary", [False, True])
def test_spans_read_with_other_work_are_date_span(db, flt, include_commentary):
    span = queries.date_span(db, flt, queries.scored(include_commentary))
    dyads, with_dyads = queries.top_dyads_and_span(db, flt, 3, include_commentary)
    assert dyads == queries.top_dyads(db, flt, 3, include_commentary) and with_dyads == span
    scores, with_scores = queries.theme_period_scores_and_span(db, flt, include_commentary)
    assert with_scores == span
    assert scores.equals(queries.theme_year_scores(db, flt, include_commentary))


@pytest.mark.parametrize("include_commentary", [False, True])
def test_the_cooperation_page_counts_quad_classes_in_the_scan_of_its_sums(db, include_commentary):
    """coop_sums keeps its dyads' quad counts, so quad_counts (the page's mix chart) reads no rows; both
    are as the plain queries give them, and another filter or dyad list is counted afresh."""
    from helpers import Watched

    from bilateral.analysis.periods import Period

    dyads = queries.top_dyads(db, Filter(), 3, include_commentary)
    clause, params = queries.conditions(
        db, Filter(), queries.scored(include_commentary), queries.in_dyads(dyads)
    )
    plain_sums = _plain(
        db,
        "SELECT dyad, CAST(date_trunc('year', date) AS TIMESTAMP) AS period, count(*) AS count, "
        "sum(greatest(score, 0)) AS cooperation, sum(least(score, 0)) AS tension "
        f"FROM rows WHERE {clause} GROUP BY ALL"
        " ORDER BY dyad, period",
        params,
    )
    plain_quads = _plain(
        db, f"SELECT dyad, quad_class, count(*) AS count FROM rows WHERE {clause} GROUP BY ALL", params
    ).sort_values(["dyad", "quad_class"], ignore_index=True)
    for memo in (False, True):
        watched = Watched(db, memo=memo)
        sums = queries.coop_sums(watched, Filter(), Period.YEAR, dyads, include_commentary)
        quads = queries.quad_counts(watched, Filter(), dyads, include_commentary)
        pd.testing.assert_frame_equal(sums, queries.dated(plain_sums, "period"), check_exact=False)
        pd.testing.assert_frame_equal(
            quads.sort_values(["dyad", "quad_class"], ignore_index=True), plain_quads
        )
        scans = sum("FROM rows" in sql for sql in watched.sql)
        assert scans == (1 if memo else 2)
    watched = Watched(db, memo=True)
    queries.coop_sums(watched, Filter(), Period.YEAR, dyads, include_commentary)
    queries.quad_counts(watched, Filter(), dyads[:1], include_commentary)
    queries.quad_counts(watched, Filter(themes=(Theme.ENERGY,)), dyads, include_commentary)
    assert sum("FROM rows" in sql for sql in watched.sql) == 3


def _shared_articles(rows: pd.DataFrame, articles: int, crowd: int = 0) -> pd.DataFrame:
    """The rows spread over `articles` articles; the `crowd` newest rows all of one article."""
    out = rows.assign(article_id=[f"a-{n % articles:03d}" for n in range(len(rows))])
    newest = out.sort_values(["date", "id"], ascending=False).index[:crowd]
    out.loc[newest, "article_id"] = "a-crowd"
    return out


@pytest.mark.parametrize("flt", FILTERS)
@pytest.mark.parametrize(
    ("articles", "crowd", "limit"), [(37, 0, 6), (5, 0, 6), (37, 100, 6), (37, 300, 6), (400, 0, 1)]
)
def test_latest_by_article_is_the_newest_row_of_each_newest_article(flt, articles, crowd, limit):
    """One card per article: the plain ranking of every row by article, and how many rows each holds."""
    db = frame_db(_shared_articles(_random_rows(), articles, crowd))
    clause, params = queries.conditions(db, flt)
    expected = _plain(
        db,
        "SELECT id, count(*) OVER (PARTITION BY article_id) AS n FROM rows "
        f"WHERE {clause} QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY date DESC, id DESC) = 1 "
        "ORDER BY date DESC, id DESC LIMIT ?",
        [*params, limit],
    )
    found = row_queries.latest_by_article(db, flt, limit)
    assert found["id"].tolist() == expected["id"].tolist()
    assert found["article_matches"].tolist() == expected["n"].tolist()
    assert found["article_id"].is_unique


def test_window_sums_of_adjacent_windows_match_each_window_alone(curated_mirror):
    """One query sums both of the Overview's comparison windows: each frame is what that window alone
    gives, a dyad active in one window only is in that frame only, and windows with a gap are refused."""
    from bilateral.analysis import metrics

    dyads = ["CHN-RUS", "RUS-USA", "CHN-USA", "EU-RUS"]
    now = (pd.Timestamp("2024-12-11"), pd.Timestamp("2025-12-10"))
    before = metrics.previous_window(now)
    both = queries.window_sums(curated_mirror, Filter(), dyads, [before, now])
    alone = [queries.window_sums(curated_mirror, Filter(), dyads, [w])[0] for w in (before, now)]
    for together, single in zip(both, alone, strict=True):
        assert (
            together.sort_values("dyad")
            .reset_index(drop=True)
            .equals(single.sort_values("dyad").reset_index(drop=True))
        )
        assert not together.empty
    lone = queries.window_sums(curated_mirror, Filter(), dyads, [(now[0], now[0] + pd.Timedelta(days=30))])[0]
    assert set(lone["dyad"]) < set(both[1]["dyad"])
    assert sum(int(frame["count"].sum()) for frame in both) == queries.count(
        curated_mirror,
        Filter(dyads=tuple(dyads), date_from=before[0].date(), date_to=now[1].date()),
        queries.scored(False),
    )
    with pytest.raises(ValueError, match="follow each other"):
        gap = (now[0] + pd.Timedelta(days=1), now[1])
        queries.window_sums(curated_mirror, Filter(), dyads, [before, gap])


def test_latest_by_article_widens_its_look_before_it_ranks_every_row(monkeypatch):
    """Six newest articles holding more than the newest 60 rows: it looks at 600 next, not at every row
    (which took 5 s at 10M)."""
    db = frame_db(_shared_articles(_random_rows(), 37, 100))
    scans = []
    real = row_queries._newest_of_articles

    def counted(db, source, clause, params, limit, scan):
        scans.append(scan)
        return real(db, source, clause, params, limit, scan)

    monkeypatch.setattr(row_queries, "_newest_of_articles", counted)
    assert len(row_queries.latest_by_article(db, Filter(), 6)) == 6
    assert scans == [60, 600]


@pytest.mark.parametrize("period", list(Period))
def test_a_periods_integer_key_gives_the_first_day_date_trunc_gives(period):
    """Every day from 1980 to 2035: period_key grouped in SQL, period_dates back in pandas, is date_trunc
    (Mondays for weeks)."""
    import duckdb

    con = duckdb.connect()
    days = (
        "SELECT CAST(d AS DATE) AS date FROM range(DATE '1980-01-01', DATE '2036-01-01', INTERVAL 1 DAY) t(d)"
    )
    key = periods.period_key(period)
    got = con.execute(f"SELECT {key} AS period, count(*) AS n FROM ({days}) GROUP BY ALL ORDER BY ALL").df()
    want = con.execute(
        f"SELECT CAST(date_trunc('{period.value}', date) AS TIMESTAMP) AS period, count(*) AS n "
        f"FROM ({days}) GROUP BY ALL ORDER BY ALL"
    ).df()
    pd.testing.assert_frame_equal(periods.period_dates(got, "period", period), queries.dated(want, "period"))
    empty = periods.period_dates(got.iloc[:0].copy(), "period", period)
    assert empty["period"].dtype == "datetime64[us]"


@pytest.mark.parametrize("order", list(row_queries.RECORD_ORDERS))
def test_iter_rows_gives_a_window_of_the_order_in_chunks(db, order):
    """Exports read the rows in the page's order a chunk at a time, from any offset, up to a limit: the
    same rows as the records page, where the order is found on the keys and each chunk fetched by rowid."""
    every = row_queries.records_page(db, Filter(), 10_000, order=order)["id"].tolist()
    chunks = list(row_queries.iter_rows(db, Filter(), chunk=5, order=order, limit=7, offset=3))
    assert [len(c) for c in chunks] == [5, 2]
    assert pd.concat(chunks)["id"].tolist() == every[3:10]
    assert pd.concat(row_queries.iter_rows(db, Filter(), chunk=4, order=order))["id"].tolist() == every
