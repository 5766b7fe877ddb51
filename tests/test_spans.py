"""Date spans: a page asks for the span of its rows once, gets what it got asking each time, and a sync
that changes the rows makes it ask again."""

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import pytest
from helpers import Watched
from test_mirror import add
from test_queries import _random_rows

from bilateral import store
from bilateral.analysis import queries, spans
from bilateral.analysis.frames import frame_db
from bilateral.analysis.memo import Memo
from bilateral.analysis.mirror import Mirror
from bilateral.filters import Filter
from bilateral.model import Theme
from bilateral.page_steps import PAGES

SPAN_ONLY = "SELECT min(date), max(date) FROM "  # rows, or the rows a search kept
FILTERS = [
    Filter(),
    Filter(themes=(Theme("energy"),), date_from=dt.date(2016, 1, 1), date_to=dt.date(2022, 12, 31)),
    Filter(dyads=("CHN-RUS",)),
    Filter(text="evidence 1"),
]


@pytest.fixture(scope="module")
def rows_db():
    return frame_db(_random_rows(600, seed=11))


def _run_page(db, flt, page: str) -> dict:
    done = {}
    for step in PAGES[page]:
        done[step.name] = step.run(db, flt, done)
    return done


def _same(one, two) -> bool:
    if isinstance(one, go.Figure):
        return one.to_json() == two.to_json()
    if isinstance(one, pd.DataFrame):
        return one.equals(two)
    if isinstance(one, tuple) and len(one) == 2 and isinstance(one[1], pd.DataFrame):  # (graph, centrality)
        return one[1].equals(two[1]) and sorted(one[0].edges(data=True)) == sorted(two[0].edges(data=True))
    return one == two


@pytest.mark.parametrize("flt", FILTERS, ids=["all", "dated energy", "dyad", "text"])
@pytest.mark.parametrize("page", list(PAGES))
def test_a_page_gets_what_it_got_asking_for_each_span(rows_db, flt, page):
    plain, kept = Watched(rows_db, memo=False), Watched(rows_db, memo=True)
    asked, remembered = _run_page(plain, flt, page), _run_page(kept, flt, page)
    assert asked.keys() == remembered.keys()
    for name in asked:
        assert _same(asked[name], remembered[name]), f"{page}: {name} differs with the span memo"


@pytest.mark.parametrize("flt", FILTERS, ids=["all", "dated energy", "dyad", "text"])
def test_the_overview_asks_for_each_span_once_at_most(rows_db, flt):
    plain, kept = Watched(rows_db, memo=False), Watched(rows_db, memo=True)
    _run_page(plain, flt, "overview")
    _run_page(kept, flt, "overview")
    asked = [sql for sql in plain.sql if sql.startswith(SPAN_ONLY)]
    remembered = [sql for sql in kept.sql if sql.startswith(SPAN_ONLY)]
    assert len(asked) >= 4 and len(asked) > len(remembered)
    assert len(set(remembered)) == len(remembered), remembered  # each span asked for once at most
    if flt == Filter():  # the headline and the leading dyads read both spans on their way
        assert remembered == []


def test_the_cooperation_page_counting_its_scored_rows_reads_their_span_on_the_way(rows_db):
    flt = Filter(dyads=("CHN-RUS",))  # the page's dyads come from the filter: no leading-dyads scan
    kept = Watched(rows_db, memo=True)
    _run_page(kept, flt, "cooperation")
    assert [sql for sql in kept.sql if sql.startswith(SPAN_ONLY)] == []
    plain = Watched(rows_db, memo=False)
    assert queries.count(kept, flt, queries.scored(False)) == queries.count(plain, flt, queries.scored(False))
    assert spans.span_of(kept, flt, "scored", lambda: None) == queries.date_span(
        plain, flt, queries.scored(False)
    )


def test_spans_of_all_rows_and_of_scored_rows_are_kept_apart(rows_db):
    db = Watched(rows_db, memo=True)
    every = queries.date_span(db, Filter())
    scored = queries.date_span(db, Filter(), queries.scored(False))
    assert every == queries.date_span(Watched(rows_db, memo=False), Filter())
    assert scored == queries.date_span(Watched(rows_db, memo=False), Filter(), queries.scored(False))
    asked = len(db.sql)
    assert queries.date_span(db, Filter()) == every
    assert queries.date_span(db, Filter(), queries.scored(True)) == every  # commentary in: every row
    assert queries.date_span(db, Filter(), queries.scored(False)) == scored
    assert len(db.sql) == asked
    # other conditions are not kept: the span of two dyads is asked for each time
    queries.date_span(db, Filter(), queries.in_dyads(["CHN-RUS"]))
    queries.date_span(db, Filter(), queries.in_dyads(["CHN-RUS"]))
    assert len(db.sql) == asked + 2


def test_the_memo_forgets_its_oldest_spans_past_its_limit():
    memo = Memo()
    for i in range(Memo.LIMIT + 5):
        memo.put((None, i, "all"), (pd.Timestamp(2020, 1, 1), None))
    assert len(memo) == Memo.LIMIT
    assert memo.get((None, 0, "all")) is None and memo.get((None, Memo.LIMIT + 4, "all")) is not None


def test_a_sync_that_brings_later_rows_gives_the_new_span(store_url):
    db = store.connect(store_url, seed=False)
    add(db, 2)
    mirror = Mirror(db)
    mirror.sync()
    before = queries.date_span(mirror, Filter())
    assert queries.headline(mirror, Filter(), articles=True).last == before[1]
    later = (before[1] + pd.Timedelta(days=400)).date().isoformat()
    _add_dated(db, later)
    assert mirror.sync() == 1
    assert queries.date_span(mirror, Filter()) == (before[0], pd.Timestamp(later))
    assert queries.date_span(mirror, Filter(), queries.scored(False))[1] == pd.Timestamp(later)


def _add_dated(db, day: str) -> None:
    from helpers import article, interaction

    from bilateral.model import article_from_dict, interaction_from_dict

    a, _ = article_from_dict(article(title="A later one", date=day))
    item, _ = interaction_from_dict(interaction(article_id=a.id, date=day, evidence="Later evidence."))
    store.add_records(db, [a], [item])


def test_values_whose_lifetime_is_over_leave_the_memo_at_the_next_put(monkeypatch):
    from bilateral.analysis import memo as memo_module

    clock = [100.0]
    monkeypatch.setattr(memo_module.time, "monotonic", lambda: clock[0])
    memo = Memo()
    memo.put(("graph", 1), "a big graph", lifetime=10)
    memo.put(("span", 1), (None, None))
    clock[0] += 11
    memo.put(("span", 2), (None, None))
    assert len(memo) == 2 and memo.get(("graph", 1)) is None and memo.get(("span", 1)) == (None, None)
