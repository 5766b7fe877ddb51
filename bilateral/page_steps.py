"""What each page asks the database for: its steps, named, so the app and the benchmark run the same work.

A step takes (db, flt) and returns a small frame, a few numbers or a figure. The pages call these through
the cached loaders of ui/; `python -m bilateral bench` times them one by one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bilateral import charts
from bilateral.analysis import queries
from bilateral.analysis.changes import index_changes

LATEST_CARDS = 6
RECORDS_PAGE = 500


@dataclass(frozen=True)
class Step:
    """One piece of a page's work."""

    name: str
    run: Callable[[Any, Any], Any]


def _leading(db, flt):
    return charts.chart_dyads(db, flt)


PAGES: dict[str, tuple[Step, ...]] = {
    "overview": (
        Step("headline", queries.headline),
        Step("leading dyads", _leading),
        Step("index changes", lambda db, flt: index_changes(db, flt, _leading(db, flt))),
        Step(
            "net figure", lambda db, flt: charts.build_figure("net", db, flt, dyads=tuple(_leading(db, flt)))
        ),
        Step("theme mix figure", lambda db, flt: charts.build_figure("theme_mix", db, flt)),
        Step("latest records", lambda db, flt: queries.records_page(db, flt, LATEST_CARDS)),
    ),
    "timeline": (
        Step("headline", queries.headline),
        Step("timeline figure", lambda db, flt: charts.build_figure("timeline", db, flt)),
    ),
    "cooperation": (
        Step("scored count", lambda db, flt: queries.count(db, flt, queries.scored(False))),
        Step("dyad choices", lambda db, flt: queries.top_dyads(db, flt, 30)),
        Step("cooperation figure", lambda db, flt: charts.build_figure("cooperation", db, flt)),
        Step("quad mix figure", lambda db, flt: charts.build_figure("quad_mix", db, flt)),
        Step("heatmap figure", lambda db, flt: charts.build_figure("heatmap", db, flt)),
    ),
    "network": (
        Step("graph and centrality", lambda db, flt: charts.network_data(db, flt)),
        Step("network figure", lambda db, flt: charts.build_figure("network", db, flt)),
    ),
    "records": (
        Step("count", queries.count),
        Step("first page", lambda db, flt: queries.records_page(db, flt, RECORDS_PAGE)),
    ),
    "sidebar": (Step("choices", lambda db, flt: queries.choices(db)),),
}
