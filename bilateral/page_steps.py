"""What each page asks the database for: its steps, named, so the app and the benchmark run the same work.

A step takes (db, flt, done) and returns a small frame, a few numbers or a figure; `done` holds the results
of the page's earlier steps by name, as the page passes one result on to the next (the Overview's leading
dyads feed its index changes and its chart). The pages call these through the cached loaders of ui/;
`python -m bilateral bench` times them one by one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bilateral import charts
from bilateral.analysis import dataset_queries, queries, row_queries, summary, watch
from bilateral.analysis.changes import index_changes
from bilateral.analysis.periods import auto_period

LATEST_CARDS = 6
RECORDS_PAGE = 500
MOVES_SHOWN = 8


@dataclass(frozen=True)
class Step:
    """One piece of a page's work."""

    name: str
    run: Callable[[Any, Any, dict], Any]


def _moves(db, flt, _done):
    """What moved, as the Overview's panel asks for it (ui.loaders.moves with its defaults)."""
    return watch.moves(db, flt, None, watch.WatchSettings(), MOVES_SHOWN, one_per_pair=True)


def _shown(done) -> tuple[str, ...]:
    """The Cooperation page's default dyads: the first four of its thirty choices."""
    return tuple(done["dyad choices"][:4])


def _agreement(db, flt, done):
    """The "do they agree?" chart, drawn (as on the page) only when the rows come from several datasets."""
    if done["datasets"] is None or len(done["datasets"]) < 2 or not done["dyad choices"]:
        return None
    menu = summary.agreement_menu(summary.dyad_coverage(db, flt, also=_shown(done)), _shown(done))
    return charts.build_figure("agreement", db, flt, period="year", dyads=menu[:1])


PAGES: dict[str, tuple[Step, ...]] = {
    "overview": (
        Step("headline", lambda db, flt, _: queries.headline(db, flt, articles=True)),
        Step("datasets", lambda db, flt, _: dataset_queries.dataset_summary(db, flt)),
        Step("leading dyads", lambda db, flt, _: charts.chart_dyads(db, flt)),
        Step("index changes", lambda db, flt, done: index_changes(db, flt, done["leading dyads"])),
        Step("what moved", _moves),
        Step(
            "net figure",
            lambda db, flt, done: charts.build_figure("net", db, flt, dyads=tuple(done["leading dyads"])),
        ),
        Step("theme mix figure", lambda db, flt, _: charts.build_figure("theme_mix", db, flt)),
        Step("latest records", lambda db, flt, _: row_queries.latest_by_article(db, flt, LATEST_CARDS)),
    ),
    "timeline": (
        Step("headline", lambda db, flt, _: queries.headline(db, flt, articles=False)),
        Step(
            "timeline figure",
            lambda db, flt, done: charts.build_figure(
                "timeline", db, flt, period=auto_period(done["headline"].first, done["headline"].last).value
            ),
        ),
    ),
    "cooperation": (
        Step("scored count", lambda db, flt, _: queries.count(db, flt, queries.scored(False))),
        Step("dyad choices", lambda db, flt, _: charts.chart_dyads(db, flt, n=30)),
        Step(
            "cooperation figure",
            lambda db, flt, done: charts.build_figure(
                "cooperation", db, flt, period="year", window=3, dyads=_shown(done)
            ),
        ),
        Step(
            "quad mix figure",
            lambda db, flt, done: charts.build_figure("quad_mix", db, flt, dyads=_shown(done)),
        ),
        Step("heatmap figure", lambda db, flt, _: charts.build_figure("heatmap", db, flt)),
        Step("datasets", lambda db, flt, _: summary.compared_datasets(db, flt)),
        Step("agreement figure", _agreement),
    ),
    "network": (
        Step("graph and centrality", lambda db, flt, _: charts.network_data(db, flt)),
        Step("network figure", lambda db, flt, _: charts.build_figure("network", db, flt)),
    ),
    "records": (
        Step("headline", lambda db, flt, _: queries.headline(db, flt, articles=False)),
        Step("first page", lambda db, flt, _: row_queries.records_page(db, flt, RECORDS_PAGE)),
    ),
    "sidebar": (Step("choices", lambda db, flt, _: summary.choices(db)),),
}
