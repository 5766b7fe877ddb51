"""What moved: baseline arithmetic by hand, flags on steps and spikes (never on flat or merely noisy series),
the as-of replay, notes (stored, drawn, escaped), the report's section and the `watch` command."""

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest
from helpers import run_cli

from bilateral import charts, store
from bilateral.analysis import watch
from bilateral.analysis.enrichment import enrich
from bilateral.analysis.frames import frame_db
from bilateral.charts.style import CHART_TEMPLATE, INK
from bilateral.errors import StoreError
from bilateral.filters import Filter
from bilateral.model import Note, Theme, article_from_dict, interaction_from_dict
from bilateral.registry import load_actors, rollup_map
from bilateral.report import build_report
from bilateral.report.html import report_html
from bilateral.store import notes as note_store

ALL = Filter()
START = pd.Timestamp("2020-01-06")  # a Monday
SMALL = watch.WatchSettings(threshold=2.0, min_volume=3, recent_weeks=2, baseline_weeks=4)


def weekly_rows(weeks: list[list[float]], dyad=("CHN", "RUS"), theme="energy") -> pd.DataFrame:
    """Synthetic interactions: week i (from START) holds one interaction per score in weeks[i]."""
    records, n = [], 0
    for i, scores in enumerate(weeks):
        for j, score in enumerate(scores):
            day = START + pd.Timedelta(weeks=i, days=j % 5)
            records.append(
                {
                    "id": f"i-{n:05d}",
                    "article_id": f"a-{n:05d}",
                    "date": day,
                    "actor1": dyad[0],
                    "actor2": dyad[1],
                    "direction": "directed",
                    "event_type": "AGREE" if score > 0 else "ACCUSE",
                    "quad_class": 1 if score > 0 else 3,
                    "score": float(score),
                    "themes": theme,
                    "modality": "fact",
                    "evidence": f"Synthetic evidence {n}.",
                    "coder": "human",
                    "confidence": 1.0,
                    "title": f"Synthetic article {n}",
                    "source": "Test Wire",
                    "url": None,
                    "summary": "",
                    "status": "reviewed",
                    "title_kind": "descriptive",
                    "verbatim": False,
                }
            )
            n += 1
    return enrich(pd.DataFrame(records), rollup_map(load_actors()))


def series(counts, cooperation=None, tension=None) -> pd.DataFrame:
    weeks = pd.date_range(START, periods=len(counts), freq="7D")
    cooperation = cooperation if cooperation is not None else [4.0 * c for c in counts]
    tension = tension if tension is not None else [0.0] * len(counts)
    return pd.DataFrame({"week": weeks, "count": counts, "cooperation": cooperation, "tension": tension})


# --- the arithmetic, by hand ---


def test_weekly_baseline_by_hand():
    out = watch.with_baselines(series([2, 2, 3, 1, 6]), SMALL)
    last = out.iloc[-1]
    assert last["vol_mean"] == pytest.approx(2.0)  # (2 + 2 + 3 + 1) / 4
    assert last["vol_spread"] == pytest.approx(np.sqrt(0.5))  # population sd of 2, 2, 3, 1
    assert last["vol_mean4"] == pytest.approx(2.0)
    # the spread's floor is sqrt(mean) = 1.414 > 0.707: z = (6 - 2) / 1.414
    assert last["vol_z"] == pytest.approx(4 / np.sqrt(2.0))
    assert bool(last["flagged"]) and last["direction"] == "more activity"


def test_net_index_and_its_baseline_by_hand():
    coop = [4.0, 4.0, 6.0, 4.0, 0.0]
    tension = [0.0, -4.0, -2.0, 0.0, -12.0]
    out = watch.with_baselines(series([1, 2, 2, 1, 3], coop, tension), SMALL)
    assert out["net"].tolist()[:4] == pytest.approx([1.0, 0.0, 0.5, 1.0])
    last = out.iloc[-1]
    assert last["net"] == -1.0
    assert last["net_mean"] == pytest.approx(0.625)
    spread = np.std([1.0, 0.0, 0.5, 1.0])
    assert last["net_z"] == pytest.approx((-1.0 - 0.625) / spread)
    assert bool(last["flagged"]) and last["direction"] == "toward tension"


def test_window_measure_by_hand():
    sums = pd.DataFrame(
        [
            {
                "kind": "undirected",
                "pair": "CHN-RUS",
                "theme": "all",
                "recent_count": 8,
                "recent_cooperation": 0.0,
                "recent_tension": -24.0,
                "recent_active": 2,
                "base_count": 8,
                "base_squares": 16,
                "base_cooperation": 32.0,
                "base_tension": 0.0,
                "base_index_weeks": 4,
                "base_index_spread": 0.0,
            }
        ]
    )
    out = watch.measure_moves(sums, SMALL).iloc[0]
    assert out["volume_recent"] == 4.0 and out["volume_base"] == 2.0
    # spread of weekly counts 0 (2, 2, 2, 2); floor sqrt(2 / 2) = 1: z = (4 - 2) / 1
    assert out["volume_z"] == pytest.approx(2.0)
    # index: now -1, before +1; spread floor 0.15: z = -2 / 0.15
    assert out["net_z"] == pytest.approx(-2 / watch.NET_SPREAD_FLOOR)
    assert out["flagged"] and out["direction"] == "toward tension"


# --- flags on generated series ---


def week_end(week: int) -> dt.date:
    """The Sunday that ends week `week` (from START): the recent weeks of a move end on their as-of day."""
    return (START + pd.Timedelta(weeks=week, days=6)).date()


def step_db(step_at: int = 60, weeks: int = 70):
    """Two cooperative events a week, then (from week step_at) five hostile ones a week."""
    return frame_db(weekly_rows([[4.0, 4.0] if i < step_at else [-6.0] * 5 for i in range(weeks)]))


def test_a_step_is_flagged_in_its_week_and_direction():
    db = step_db()
    out = watch.watch_series(
        db,
        ALL,
        "CHN-RUS",
        "all",
        (START + pd.Timedelta(weeks=55)).date(),
        (START + pd.Timedelta(weeks=69)).date(),
    )
    flagged = out.loc[out["flagged"]]
    assert flagged["week"].iloc[0] == START + pd.Timedelta(weeks=60)
    assert flagged["direction"].iloc[0] == "toward tension"
    assert not out.loc[out["week"] < START + pd.Timedelta(weeks=60), "flagged"].any()


def test_a_spike_is_flagged_and_the_weeks_around_it_are_not():
    weeks = [[4.0]] * 70
    weeks[64] = [4.0] * 9
    db = frame_db(weekly_rows(weeks))
    out = watch.watch_series(
        db,
        ALL,
        "CHN-RUS",
        "all",
        (START + pd.Timedelta(weeks=53)).date(),
        (START + pd.Timedelta(weeks=69)).date(),
    )
    assert out.loc[out["flagged"], "week"].tolist() == [START + pd.Timedelta(weeks=64)]
    assert out.loc[out["flagged"], "direction"].tolist() == ["more activity"]


@pytest.mark.parametrize(
    "pattern",
    [
        [[4.0, 4.0, -2.0]] * 80,  # flat
        [[4.0, -2.0], [4.0, 4.0, -6.0], [4.0, 2.0, -2.0], [6.0], [4.0, -2.0, 2.0]] * 16,  # merely noisy
    ],
)
def test_flat_and_noisy_series_are_never_flagged(pattern):
    db = frame_db(weekly_rows(pattern))
    out = watch.watch_series(
        db,
        ALL,
        "CHN-RUS",
        "all",
        (START + pd.Timedelta(weeks=53)).date(),
        (START + pd.Timedelta(weeks=79)).date(),
    )
    assert not out["flagged"].any()
    for as_of in (60, 70, 79):
        found = watch.moves(db, ALL, week_end(as_of))
        assert not found["flagged"].any(), as_of


def test_few_events_are_not_flagged_on_noise():
    weeks = [[]] * 60 + [[-6.0]] + [[]] * 5  # one hostile event after a year of nothing
    db = frame_db(weekly_rows(weeks))
    found = watch.moves(db, ALL, week_end(62))
    assert len(found) and not found["flagged"].any()


def test_moves_rank_the_step_first_and_replay_the_past():
    db = step_db()
    now = watch.moves(db, ALL, week_end(62), limit=3)
    top = now.iloc[0]
    assert (top["pair"], bool(top["flagged"]), top["direction"]) == ("CHN-RUS", True, "toward tension")
    assert top["recent_start"] == START + pd.Timedelta(weeks=59) and len(top["trend"]) == 56
    before = watch.moves(db, ALL, week_end(55))
    assert not before["flagged"].any()
    # the replay sees only the data up to its date: later records change nothing
    truncated = frame_db(weekly_rows([[4.0, 4.0] if i < 60 else [-6.0] * 5 for i in range(63)]))
    again = watch.moves(truncated, ALL, week_end(62), limit=3)
    pd.testing.assert_frame_equal(now.drop(columns="trend"), again.drop(columns="trend"))


def test_directed_dyads_and_themes_are_measured_apart():
    db = step_db()
    found = watch.moves(db, ALL, week_end(62), kinds=("undirected", "directed"))
    keys = set(zip(found["kind"], found["pair"], found["theme"], strict=True))
    assert {
        ("undirected", "CHN-RUS", "all"),
        ("undirected", "CHN-RUS", "energy"),
        ("directed", "CHN→RUS", "all"),
    } <= keys


def test_only_the_kinds_asked_for_are_read_and_they_measure_the_same():
    """The Overview asks for undirected moves only: the directed cells are not computed for it, and the
    undirected moves are the same as when both kinds are measured."""
    db = step_db()
    day = week_end(62)
    last = watch.week_of(day)
    first = last - 55 * watch.WEEK
    cells = watch.weekly_cells(db, ALL, first, last, kinds=("undirected",))
    assert set(cells["kind"]) == {"undirected"}
    assert set(watch.weekly_cells(db, ALL, first, last)["kind"]) == {"undirected", "directed"}
    both = watch.moves(db, ALL, day, kinds=("undirected", "directed"))
    alone = watch.moves(db, ALL, day)
    expected = both.loc[both["kind"] == "undirected"].reset_index(drop=True)
    pd.testing.assert_frame_equal(alone.drop(columns="trend"), expected.drop(columns="trend"))
    assert alone["trend"].tolist() == expected["trend"].tolist()


@pytest.mark.parametrize(
    ("net", "baseline", "volume_z", "expected"),
    [
        (0.5, np.nan, -1.0, "toward cooperation"),  # no baseline index: by its sign
        (-0.5, np.nan, 1.0, "toward tension"),
        (0.0, np.nan, 1.0, "more activity"),
        (0.2, 0.6, 3.0, "toward tension"),  # the index moved
        (0.6, 0.2, -3.0, "toward cooperation"),
        (0.4, 0.4, 2.0, "more activity"),  # it did not: activity, by the volume
        (0.4, 0.4, -2.0, "less activity"),
        (np.nan, 0.4, np.nan, "less activity"),
    ],
)
def test_each_direction_by_hand(net, baseline, volume_z, expected):
    assert watch.directions([net], [baseline], [volume_z]).tolist() == [expected]
    mixed = watch.directions([net, 0.9], [baseline, np.nan], [volume_z, 0.0])
    assert mixed.tolist() == [expected, "toward cooperation"]


def test_each_moves_trend_is_its_weeks_completed_with_zeros():
    db = step_db()
    day = week_end(62)
    found = watch.moves(db, ALL, day, kinds=("undirected", "directed"))
    last = watch.week_of(day)
    first = last - 55 * watch.WEEK
    cells = watch.weekly_cells(db, ALL, first, last)
    for move in found.itertuples():
        mine = cells.loc[
            (cells["kind"] == move.kind) & (cells["pair"] == move.pair) & (cells["theme"] == move.theme)
        ]
        assert move.trend == watch.complete(mine, first, last)["count"].astype(float).tolist()
    assert len(found) >= 3


@pytest.mark.parametrize(
    "flt", [ALL, Filter(themes=(Theme.TRADE,)), Filter(themes=(Theme.ENERGY, Theme.TRADE))], ids=str
)
def test_each_moves_trend_counts_its_own_theme_as_the_weekly_cells_do(flt):
    """Rows carrying several themes (energy and trade) beside rows of one (trade): each move's trend is the
    weekly count of its pair under its theme alone, for undirected and directed moves alike."""
    mixed = weekly_rows([[4.0, 4.0] if i < 60 else [-6.0] * 5 for i in range(63)], theme="energy;trade")
    trade_only = weekly_rows([[4.0] * (i % 4) for i in range(63)], dyad=("CHN", "USA"), theme="trade").assign(
        id=lambda f: "t" + f["id"], article_id=lambda f: "t" + f["article_id"]
    )
    db = frame_db(pd.concat([mixed, trade_only], ignore_index=True))
    day = week_end(62)
    found = watch.moves(db, flt, day, kinds=("undirected", "directed"))
    last = watch.week_of(day)
    first = last - 55 * watch.WEEK
    cells = watch.weekly_cells(db, flt, first, last)
    assert set(found["kind"]) == {"undirected", "directed"} and found["pair"].nunique() >= 4
    for move in found.itertuples():
        mine = cells.loc[
            (cells["kind"] == move.kind) & (cells["pair"] == move.pair) & (cells["theme"] == move.theme)
        ]
        assert move.trend == watch.complete(mine, first, last)["count"].astype(float).tolist()


def test_a_theme_filter_measures_only_its_themes():
    """Records of the filtered theme that carry other themes too are not counted under those themes."""
    energy_and_trade = weekly_rows(
        [[4.0, 4.0] if i < 60 else [-6.0] * 5 for i in range(63)], theme="energy;trade"
    )
    trade_only = weekly_rows([[4.0] * 3] * 63, dyad=("CHN", "USA"), theme="trade").assign(
        id=lambda f: "t" + f["id"], article_id=lambda f: "t" + f["article_id"]
    )
    db = frame_db(pd.concat([energy_and_trade, trade_only], ignore_index=True))
    unfiltered = watch.moves(db, ALL, week_end(62))
    assert {"energy", "trade", "all"} <= set(unfiltered["theme"])  # the data holds trade moves
    energy = watch.moves(db, Filter(themes=(Theme.ENERGY,)), week_end(62))
    assert len(energy) and set(energy["theme"]) == {"energy"} and set(energy["pair"]) == {"CHN-RUS"}
    both = watch.moves(db, Filter(themes=(Theme.ENERGY, Theme.TRADE)), week_end(62))
    assert set(both["theme"]) == {"energy", "trade"}  # no "all": it would read as every theme


def test_the_recent_weeks_end_on_the_filters_end_date_or_its_last_record():
    """Records a day after the filter's end count nowhere; a window past the data ends on its last record."""
    db = step_db(weeks=70)  # events Monday to Friday of every week
    wednesday = START + pd.Timedelta(weeks=62, days=2)
    found = watch.moves(db, Filter(date_to=wednesday.date()))
    top = found.iloc[0]
    assert top["as_of_week"] + pd.Timedelta(days=6) == wednesday
    assert top["recent_start"] == wednesday - pd.Timedelta(days=27)
    # the 28 days from Thursday of week 58 to Wednesday of week 62: 0 + 2 + 5 + 5 + 3 events
    rows = weekly_rows([[4.0, 4.0] if i < 60 else [-6.0] * 5 for i in range(70)])
    inside = rows["date"].between(top["recent_start"], wednesday)
    all_themes = found.loc[found["theme"] == "all"].iloc[0]
    assert all_themes["recent_count"] == inside.sum() == 15
    # the filter's end lies after the last record: the window ends on the last record (a Friday)
    later = watch.moves(db, Filter(date_to=(START + pd.Timedelta(weeks=80)).date())).iloc[0]
    assert later["as_of_week"] + pd.Timedelta(days=6) == START + pd.Timedelta(weeks=69, days=4)
    # the filter's start date narrows nothing: the baseline still reaches 52 weeks back
    narrowed = watch.moves(db, Filter(date_from=wednesday.date(), date_to=wednesday.date()))
    pd.testing.assert_frame_equal(narrowed.drop(columns="trend"), found.drop(columns="trend"))


def test_watch_follows_the_most_active_dyads_unless_the_filter_names_some():
    busy = weekly_rows([[4.0, 4.0, 4.0]] * 63)  # CHN-RUS, three a week
    spike = weekly_rows([[]] * 62 + [[-6.0, -6.0]], dyad=("CHN", "JPN"))  # the largest move, two events
    old = weekly_rows([[4.0] * 30] * 10, dyad=("CHN", "USA"))  # busier, but long before the weeks shown
    parts = zip("abc", (busy, spike, old), strict=True)
    frames = [f.assign(id=p + f["id"], article_id=p + f["article_id"]) for p, f in parts]
    db = frame_db(pd.concat(frames, ignore_index=True))
    first, last = (START + pd.Timedelta(weeks=20)).date(), week_end(62)
    assert watch.moves(db, ALL, last).iloc[0]["pair"] == "CHN-JPN"
    assert watch.watched_dyads(db, ALL, first, last) == ["CHN-RUS", "CHN-JPN"]
    assert watch.watched_dyads(db, ALL, START.date(), last, n=1) == ["CHN-USA"]
    # the filter's own dates narrow the weeks, and its dyads are an explicit choice that wins
    assert watch.watched_dyads(db, Filter(date_from=week_end(61)), first, last) == ["CHN-RUS", "CHN-JPN"]
    assert watch.watched_dyads(db, Filter(date_from=week_end(61), date_to=week_end(61)), first, last) == []
    # a tie within the filter's dates goes to the dyad more active over all the weeks shown
    monday = START + pd.Timedelta(weeks=62)
    tied = Filter(date_from=monday.date(), date_to=(monday + pd.Timedelta(days=1)).date())  # two each
    assert watch.watched_dyads(db, tied, first, last, n=1) == ["CHN-RUS"]
    chosen = Filter(dyads=("CHN-JPN",))
    assert watch.watched_dyads(db, chosen, first, last) == ["CHN-JPN"]


def test_flagged_weeks_are_ringed_in_their_directions_colour():
    """An open marker is drawn in marker.color, not its line colour: a week toward cooperation was ringed
    in whatever colour the template gave the trace next (black on one dyad, blue on another)."""
    from bilateral.charts.watch_chart import DIRECTION_COLOURS

    fig = charts.build_figure("watch", step_db(), ALL, pair="CHN-RUS")
    rings = [t for t in fig.data if (t.name or "").startswith("Flagged: ")]
    assert rings
    for ring in rings:
        colour = DIRECTION_COLOURS.get(ring.name.removeprefix("Flagged: "), INK)
        assert ring.marker.symbol == "circle-open" and ring.marker.color == colour == ring.marker.line.color


def test_the_watch_legend_hangs_below_the_title_and_never_reaches_it():
    fig = charts.build_figure("watch", step_db(), ALL, pair="CHN-RUS")
    layout = fig.layout
    assert layout.legend.yref == "container" and layout.legend.yanchor == "top"
    title_bottom = (
        1 - CHART_TEMPLATE.layout.title.y
    ) * layout.height + CHART_TEMPLATE.layout.title.font.size * 1.4
    legend_top = (1 - layout.legend.y) * layout.height
    assert legend_top >= title_bottom + 4
    assert layout.margin.t >= legend_top + 3 * 20  # three legend rows fit above the plot


# --- notes ---


@pytest.fixture
def db_store(tmp_path):
    return store.connect(str(tmp_path / "notes.sqlite3"), seed=False)


def test_notes_are_created_edited_listed_and_deleted(db_store):
    engine = db_store.engine
    revision = db_store.revision()
    note = note_store.add_note(
        engine, Note(author="ana", date_from="2024-02-09", text="Call", dyad="rus-chn")
    )
    assert note.dyad == "CHN-RUS" and db_store.revision() == revision + 1
    period = note_store.add_note(
        engine,
        Note(
            author="bo", date_from="2024-05-01", date_to="2024-06-30", text="Summit season", theme="diplomacy"
        ),
    )
    assert [n.id for n in note_store.list_notes(engine, dt.date(2024, 6, 1), dt.date(2024, 12, 31))] == [
        period.id
    ]
    assert note_store.list_notes(engine, dyads=["CHN-USA"], themes=["energy"]) == []
    edited = note_store.update_note(engine, note.id, text="Call postponed")
    assert note_store.get_note(engine, note.id).text == "Call postponed" == edited.text
    note_store.delete_note(engine, note.id)
    assert [n.id for n in note_store.list_notes(engine)] == [period.id]
    with pytest.raises(StoreError, match="no note"):
        note_store.delete_note(engine, note.id)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"date_to": "2024-01-01"}, "before date_from"),
        ({"text": "x" * 2001}, "at most 2,000"),
        ({"dyad": "CHN"}, "two different actor codes"),
        ({"text": "  "}, "is required"),
    ],
)
def test_bad_notes_are_refused_with_the_field_named(fields, message):
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match=message):
        Note.model_validate({"author": "ana", "date_from": "2024-02-09", "text": "ok", **fields})


def test_notes_are_drawn_on_the_charts_as_inert_text():
    db = step_db()
    hostile = Note(
        author="<b>ana</b>", date_from="2021-03-01", text='<a href="javascript:alert(1)">x</a> & co'
    )
    period = Note(author="bo", date_from="2021-01-04", date_to="2021-02-01", text="A period")
    for name in ("timeline", "cooperation", "watch"):
        fig = charts.build_figure(name, db, ALL, notes=(hostile, period))
        labels = [a.text for a in fig.layout.annotations if a.name == "note"]
        assert len(labels) == 2, name
        assert "&lt;a href" in labels[0] and "<a " not in labels[0] and "&lt;b&gt;ana" in labels[0]
        kinds = {s.type for s in fig.layout.shapes}
        assert {"line", "rect"} <= kinds, name
    assert not [
        a
        for a in charts.build_figure("network", db, ALL, notes=(hostile,)).layout.annotations
        if a.name == "note"
    ]


# --- the report and the command ---


def test_report_says_what_changed_with_evidence_and_notes():
    db = step_db()
    flt = Filter(date_to=week_end(62))
    note = Note(author="ana", date_from="2021-03-01", text="<script>Talks collapsed</script>")
    report = build_report(db, flt, figures={}, notes=[note])
    assert report.changes.flagged and report.changes.moves["Dyad"].tolist()[0] == "CHN-RUS"
    label, evidence = report.changes.evidence[0]
    assert label.startswith("CHN-RUS") and len(evidence) == 3 and set(evidence["Event"]) == {"ACCUSE"}
    page = report_html(report).decode()
    assert "What changed" in page and "toward tension" in page
    assert "&lt;script&gt;Talks collapsed&lt;/script&gt;" in page and "<script>Talks" not in page


def test_watch_command_prints_flagged_moves_with_evidence(tmp_path):
    path = tmp_path / "watch.sqlite3"
    db = store.connect(str(path), seed=False)
    found_articles, found_interactions = [], []
    # the CLI seeds the curated records too: a dyad they do not hold keeps the synthetic one apart
    for row in weekly_rows(
        [[4.0, 4.0] if i < 60 else [-6.0] * 5 for i in range(63)], ("SWE", "FIN")
    ).itertuples():
        a, problems = article_from_dict(
            {"id": row.article_id, "title": row.title, "date": f"{row.date:%Y-%m-%d}", "source": "Test Wire"}
        )
        item, more = interaction_from_dict(
            {
                "article_id": row.article_id,
                "date": f"{row.date:%Y-%m-%d}",
                "actor1": "SWE",
                "actor2": "FIN",
                "event_type": row.event_type,
                "score": row.score,
                "themes": ["energy"],
                "evidence": row.evidence,
            }
        )
        assert not problems and not more
        found_articles.append(a)
        found_interactions.append(item)
    store.add_records(db, found_articles, found_interactions)
    note_store.add_note(
        db.engine, Note(author="ana", date_from="2021-03-01", text="Talks collapsed", dyad="FIN-SWE")
    )
    result = run_cli("watch", "--json", "--dyad", "SWE-FIN", db=path)
    assert result.returncode == 0, result.stderr
    moves = json.loads(result.stdout)["moves"]
    assert moves[0]["dyad"] == "FIN-SWE" and moves[0]["direction"] == "toward tension" and moves[0]["flagged"]
    # the four weeks end on the dyad's last record (Friday 2021-03-19): its last week starts on the Saturday
    assert (moves[0]["as_of_week"], moves[0]["recent_end"]) == ("2021-03-13", "2021-03-19")
    assert moves[0]["evidence"][0]["event_type"] == "ACCUSE"
    assert moves[0]["notes"][0]["text"] == "Talks collapsed"
    text = run_cli("watch", "--theme", "energy", "--actor", "FIN", db=path)
    assert (
        text.returncode == 0 and "⚑ FIN-SWE · Energy: toward tension" in text.stdout
    )  # the theme by its label
    past = run_cli("watch", "--as-of", "2021-01-01", "--dyad", "FIN-SWE", db=path)
    assert past.returncode == 0 and "Nothing moved beyond 2 σ from 20" in past.stdout
    assert "--all lists the largest moves" in past.stdout
    bad = run_cli("watch", "--as-of", "soon", db=path)
    assert bad.returncode == 1 and "--as-of 'soon'" in bad.stderr
    # a threshold, volume or limit of zero or below is a typo named, not "nothing moved beyond -1 σ"
    for flag, value, kind in [
        ("--threshold", "-1", "a number"),
        ("--min-volume", "0", "a whole number"),
        ("--min-volume", "1.5", "a whole number"),
        ("--limit", "0", "a whole number"),
    ]:
        wrong = run_cli("watch", flag, value, db=path)
        assert wrong.returncode == 2 and f"argument {flag}: '{value}' is not {kind} above 0" in wrong.stderr


def test_a_moves_theme_in_words_is_its_label():
    assert watch.theme_label(watch.ALL_THEMES) == "All themes"
    assert watch.theme_label("supply_chain") == "Supply chain"


def test_the_watch_chart_by_default_runs_to_the_end_of_the_latest_week():
    """Its key events reached only the Monday of the latest week: the days after it were left out."""
    fig = charts.build_figure("watch", step_db(), ALL, pair="CHN-RUS")
    events = next(t for t in fig.data if t.name == "Key events")
    assert max(pd.to_datetime(events.x)) == START + pd.Timedelta(weeks=69, days=4)  # the last week's Friday


@pytest.mark.parametrize(
    ("date_from", "as_of", "expected"),
    [
        (None, dt.date(2025, 12, 9), 104),  # no From: two years
        (dt.date(2025, 1, 1), dt.date(2025, 12, 9), 50),  # from the week of From (Monday 30 December)
        (dt.date(2025, 11, 1), dt.date(2025, 12, 9), 12),  # the fewest the slider shows
        (dt.date(2001, 1, 1), dt.date(2025, 12, 9), 260),  # the most
        (dt.date(2025, 12, 10), dt.date(2025, 12, 9), 104),  # From after As of: two years
        (dt.date(2025, 9, 15), dt.date(2025, 12, 7), 12),  # Monday to Sunday: exactly 12 weeks
        (dt.date(2025, 9, 14), dt.date(2025, 12, 7), 13),  # a day earlier: the week before too
    ],
)
def test_weeks_shown_start_at_the_week_of_the_filters_from_date(date_from, as_of, expected):
    assert watch.weeks_shown(date_from, as_of) == expected
    if date_from is not None and date_from <= as_of and 12 < expected < 260:
        first = watch.week_of(as_of) - pd.Timedelta(weeks=expected - 1)
        assert first <= pd.Timestamp(date_from) < first + pd.Timedelta(weeks=1)  # the week of From
