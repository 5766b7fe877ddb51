"""Cooperation / tension on a small hand-made set: the queries count, metrics fills and compares."""

import pandas as pd
import pytest

from bilateral import tables
from bilateral.analysis import changes, metrics, queries
from bilateral.analysis.periods import auto_period
from bilateral.filters import Filter

ALL = Filter()


def coop(db, dyads, period="year", window=2, include_commentary=False):
    sums = queries.coop_sums(db, ALL, period, dyads, include_commentary)
    return metrics.cooperation_tension(sums, dyads, period, window)


def test_scored_leaves_commentary_out_unless_asked(db, interactions):
    assert queries.count(db, ALL, queries.scored(False)) == len(interactions) - 1
    assert queries.count(db, ALL, queries.scored(True)) == len(interactions)


@pytest.mark.parametrize(
    ("cooperation", "tension", "expected"),
    [(10.0, 0.0, 1.0), (0.0, -4.0, -1.0), (4.0, -4.0, 0.0), (6.0, -2.0, 0.5), (0.0, 0.0, None)],
)
def test_net_index(cooperation, tension, expected):
    assert metrics.net_index_of(cooperation, tension) == expected


def test_cooperation_tension_sums_per_dyad_and_year(db):
    out = coop(db, ["CHN-RUS"])
    y2014 = out.loc[out["period"] == pd.Timestamp("2014-01-01")].iloc[0]
    assert (y2014["count"], y2014["cooperation"], y2014["tension"], y2014["net"]) == (2, 10.0, 0.0, 10.0)
    # every year from the first to the last is there, empty years as zero
    assert out["period"].dt.year.tolist() == list(range(2014, 2024))
    y2016 = out.loc[out["period"] == pd.Timestamp("2016-01-01")].iloc[0]
    assert y2016["net"] == 6.0  # the commentary rejection is left out
    assert y2016["rolling"] == pytest.approx((1.0 + 6.0) / 2)  # 2015: one consultation, +1


def test_top_dyads_and_commentary(db):
    assert queries.top_dyads(db, ALL, 1) == ["CHN-RUS"]
    assert queries.top_dyads(db, ALL, 4) == ["CHN-RUS", "CHN-USA", "EU-RUS", "RUS-UKR"]


def test_cooperation_tension_empty(db):
    assert coop(db, ["CHN-RUS"], include_commentary=False).pipe(len) > 0
    assert metrics.cooperation_tension(
        queries.coop_sums(db, ALL, "year", ["XXX-YYY"]), ["XXX-YYY"], "year"
    ).empty


def test_index_change_against_previous_window(db):
    flt = Filter(date_from=pd.Timestamp("2023-01-01").date(), date_to=pd.Timestamp("2023-12-31").date())
    out = changes.index_changes(db, flt, ["CHN-RUS", "CHN-USA"]).set_index("dyad")
    assert out.loc["CHN-RUS", "index"] == 1.0
    assert (out.loc["CHN-RUS", "previous"], out.loc["CHN-RUS", "change"]) == (1.0, 0.0)
    assert out.loc["CHN-USA", "index"] == -1.0


def test_comparison_window_defaults_to_last_twelve_months(db):
    _, last = queries.date_span(db, ALL)
    start, end = metrics.comparison_window(last, None, None)
    assert end == pd.Timestamp("2024-02-08") and start == pd.Timestamp("2023-02-09")


@pytest.mark.parametrize(
    ("period", "first"),
    [("year", "2014-01-01"), ("quarter", "2014-04-01"), ("month", "2014-05-01"), ("week", "2014-05-19")],
)
def test_theme_counts_by_period(db, interactions, period, first):
    out = queries.theme_counts(db, ALL, period)
    assert out["period"].min() == pd.Timestamp(first)
    assert out["count"].sum() == sum(len(t.split(";")) for t in interactions["themes"])


def test_theme_counts_keep_to_filtered_themes(db):
    from bilateral.model import Theme

    out = queries.theme_counts(db, Filter(themes=(Theme.ENERGY,)), "year")
    assert set(out["theme"]) == {"energy"}


def test_theme_year_scores_and_quad_mix(db):
    scores = queries.theme_year_scores(db, ALL).set_index(["theme", "year"])
    assert scores.loc[("energy", 2014), "mean_score"] == 5.0
    mix = metrics.quad_mix(queries.quad_counts(db, ALL, ["CHN-RUS"]), ["CHN-RUS"])
    assert len(mix) == 4 and mix["share"].sum() == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("days", "period"), [(30, "week"), (365, "month"), (6 * 365, "quarter"), (20 * 365, "year")]
)
def test_auto_period(days, period):
    first = pd.Timestamp("2001-01-01")
    assert auto_period(first, first + pd.Timedelta(days=days)) == period
    assert auto_period(None, None) == "month"


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://x.org/a", "https://x.org/a"),
        ("http://x.org", "http://x.org"),
        ("javascript:alert(1)", None),
        ("data:text/html,hi", None),
        ("ftp://x.org", None),
        ("//x.org", None),
        (None, None),
    ],
)
def test_safe_url(url, safe):
    assert tables.safe_url(url) == safe


def test_record_table_blanks_unsafe_links(interactions):
    table = tables.record_table(interactions)
    assert table.loc[table["id"] == "i-003", "url"].isna().all()
    assert table["id"].tolist() == interactions["id"].tolist()  # in the order the query gave
