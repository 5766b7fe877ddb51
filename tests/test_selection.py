"""A click on a chart selects records: each kind of point becomes an SQL condition."""

import pytest

from bilateral.analysis import row_queries
from bilateral.analysis.selection import selection_condition
from bilateral.filters import Filter


def picked_ids(db, picked, period="year", rollup=True):
    condition = selection_condition(picked, period, rollup)
    if condition is None:
        return []
    return sorted(row_queries.records_page(db, Filter(), 100, 0, condition)["id"])


@pytest.mark.parametrize(
    ("picked", "expected"),
    [
        ([["period", "2014-01-01", "energy", ""]], ["i-000", "i-001"]),
        ([["period", "2015-01-01", "", "RUS-USA"]], ["i-002"]),
        ([["record", "i-011", "Article 11"], ["bogus"]], ["i-011"]),
        ([["theme", "cyber"]], ["i-004"]),
        ([["node", "UKR", "Ukraine"]], ["i-011"]),
        ([["edge", "RUS", "USA"]], ["i-002"]),
        ([["edge", "USA", "RUS"]], ["i-002"]),
        ([["bogus"], []], []),
    ],
)
def test_each_kind_of_point(db, picked, expected):
    assert picked_ids(db, picked) == expected


def test_week_and_month_points(db):
    assert picked_ids(db, [["period", "2014-05-19", "", ""]], "week") == ["i-000", "i-001"]
    assert picked_ids(db, [["period", "2022-03-01", "", ""]], "month") == ["i-008"]


def test_edges_of_codes_as_coded(db):
    assert picked_ids(db, [["edge", "CHN_XI", "RUS_PUTIN"]], rollup=False) == ["i-001", "i-007"]
