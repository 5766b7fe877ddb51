"""Cooperation / tension aggregates on a small hand-made frame."""

import pandas as pd
import pytest

from bilateral import metrics, tables


def test_scored_leaves_commentary_out_unless_asked(interactions):
    assert "commentary" not in set(metrics.scored(interactions)["modality"])
    assert len(metrics.scored(interactions, include_commentary=True)) == len(interactions)


@pytest.mark.parametrize(
    ("scores", "expected"),
    [([4.0, 6.0], 1.0), ([-4.0], -1.0), ([4.0, -4.0], 0.0), ([6.0, -2.0], 0.5), ([], None)],
)
def test_net_index(scores, expected):
    assert metrics.net_index(pd.DataFrame({"score": scores}, dtype=float)) == expected


def test_cooperation_tension_sums_per_dyad_and_year(interactions):
    out = metrics.cooperation_tension(metrics.scored(interactions), "year", ["CHN-RUS"], window=2)
    y2014 = out.loc[out["period"] == pd.Timestamp("2014-01-01")].iloc[0]
    assert (y2014["count"], y2014["cooperation"], y2014["tension"], y2014["net"]) == (2, 10.0, 0.0, 10.0)
    # every year from the first to the last is there, empty years as zero
    assert out["period"].dt.year.tolist() == list(range(2014, 2024))
    y2016 = out.loc[out["period"] == pd.Timestamp("2016-01-01")].iloc[0]
    assert y2016["net"] == 6.0  # the commentary rejection is left out
    assert y2016["rolling"] == pytest.approx((1.0 + 6.0) / 2)  # 2015: one consultation, +1


def test_cooperation_tension_defaults_to_top_dyads(interactions):
    out = metrics.cooperation_tension(interactions)
    assert list(dict.fromkeys(out["dyad"])) == metrics.top_dyads(interactions, 4)
    assert metrics.top_dyads(interactions, 1) == ["CHN-RUS"]


def test_cooperation_tension_empty(interactions):
    assert metrics.cooperation_tension(interactions.head(0), dyads=["CHN-RUS"]).empty


def test_index_change_against_previous_window(interactions):
    window = (pd.Timestamp("2023-01-01"), pd.Timestamp("2023-12-31"))
    out = metrics.index_change(interactions, ["CHN-RUS", "CHN-USA"], window).set_index("dyad")
    assert out.loc["CHN-RUS", "index"] == 1.0
    assert (out.loc["CHN-RUS", "previous"], out.loc["CHN-RUS", "change"]) == (1.0, 0.0)
    assert out.loc["CHN-USA", "index"] == -1.0


def test_comparison_window_defaults_to_last_twelve_months(interactions):
    start, end = metrics.comparison_window(interactions, None, None)
    assert end == pd.Timestamp("2024-02-08") and start == pd.Timestamp("2023-02-09")


@pytest.mark.parametrize(
    ("period", "first"),
    [("year", "2014-01-01"), ("quarter", "2014-04-01"), ("month", "2014-05-01"), ("week", "2014-05-19")],
)
def test_theme_counts_by_period(interactions, period, first):
    out = metrics.theme_counts(interactions, period)
    assert out["period"].min() == pd.Timestamp(first)
    assert out["count"].sum() == sum(len(t) for t in interactions["themes"])


def test_theme_counts_keep_to_filtered_themes(interactions):
    out = metrics.theme_counts(interactions, "year", themes=("energy",))
    assert set(out["theme"]) == {"energy"}


def test_theme_year_scores_and_quad_mix(interactions):
    scores = metrics.theme_year_scores(interactions).set_index(["theme", "year"])
    assert scores.loc[("energy", 2014), "mean_score"] == 5.0
    mix = metrics.quad_mix(interactions, ["CHN-RUS"])
    assert len(mix) == 4 and mix["share"].sum() == pytest.approx(1.0)


def test_records_for_selection(interactions):
    bar = ["period", "2014-01-01", "energy", ""]
    assert len(metrics.records_for_selection(interactions, [bar], "year")) == 2
    coop = ["period", "2015-01-01", "", "RUS-USA"]
    assert metrics.records_for_selection(interactions, [coop], "year")["id"].tolist() == ["i-002"]
    marker = ["record", "i-011", "Article 11"]
    assert metrics.records_for_selection(interactions, [marker, ["bogus"]], "year")["id"].tolist() == [
        "i-011"
    ]


@pytest.mark.parametrize(
    ("days", "period"), [(30, "week"), (365, "month"), (6 * 365, "quarter"), (20 * 365, "year")]
)
def test_auto_period(days, period):
    dates = pd.Series([pd.Timestamp("2001-01-01"), pd.Timestamp("2001-01-01") + pd.Timedelta(days=days)])
    assert metrics.auto_period(pd.DataFrame({"date": dates})) == period


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
    assert table["date"].iloc[0] >= table["date"].iloc[-1]
