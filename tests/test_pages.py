"""AppTest of every page: runs cleanly, the filter changes what is shown, the URL sets the filter."""

import base64
import datetime as dt
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from bilateral.analysis.periods import Period
from bilateral.filters import FIELDS, Filter
from bilateral.model import Status
from ui.sidebar import MORE_KEY, widget_key

PAGES = ["overview", "timeline", "cooperation", "network", "records"]
TIMEOUT = 60


def page(name: str, **query) -> AppTest:
    at = AppTest.from_file(f"../pages/{name}.py", default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def figures(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def param(at: AppTest, key: str) -> list[str]:
    """A query parameter as a list, however AppTest holds it."""
    value = at.query_params.get(key, [])
    return value if isinstance(value, list) else [value]


def table(at: AppTest, index: int = 0):
    return at.dataframe[index].value


@pytest.fixture(autouse=True)
def _database(app_db):
    return app_db


@pytest.mark.parametrize("name", PAGES)
def test_page_runs(name):
    at = page(name)
    assert not at.exception
    assert at.title[0].value
    assert at.multiselect(key="filter_theme").value == []
    if name != "records":
        assert figures(at), f"{name} drew no chart"


def test_router_lists_every_page_and_switches():
    at = AppTest.from_file("../app.py", default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.title[0].value == "Overview"
    for name, title in [("timeline", "Timeline"), ("network", "Actor network"), ("records", "Records")]:
        at.switch_page(f"pages/{name}.py").run()
        assert not at.exception
        assert at.title[0].value == title


def test_theme_filter_changes_records_and_url():
    at = page("records")
    everything = len(table(at))
    at.multiselect(key="filter_theme").select("Energy").run()
    assert not at.exception
    rows = table(at)
    assert 0 < len(rows) < everything
    assert rows["themes"].str.contains("Energy").all()
    assert param(at, "theme") == ["energy"]


def test_deep_link_timeline_shows_only_energy_between_china_and_russia():
    at = page("timeline", theme="energy", dyad="CHN-RUS")
    assert not at.exception
    assert [t.value for t in at.multiselect(key="filter_theme").value] == ["energy"]
    assert at.multiselect(key="filter_dyad").value == ["CHN-RUS"]
    spec = figures(at)[0]
    bars = [t for t in spec["data"] if t["type"] == "bar"]
    assert bars and {t["name"] for t in bars} == {"Energy"}
    events = [t for t in spec["data"] if t.get("name") == "Key events"]
    assert all(row[4] == "CHN-RUS" for t in events for row in t["customdata"])
    assert "Energy · CHN-RUS" in spec["layout"]["title"]["text"]


def test_selecting_a_bar_lists_its_records():
    at = page("timeline", theme="energy", dyad="CHN-RUS")
    at.session_state["timeline_chart"] = {
        "selection": {"points": [{"curve_number": 0, "point_index": 0}], "point_indices": [0], "box": [],
                      "lasso": []}
    }  # fmt: skip
    at.run()
    assert not at.exception
    rows = table(at)
    assert len(rows) > 0
    assert set(rows["dyad"]) == {"CHN-RUS"} and rows["themes"].str.contains("Energy").all()


def test_overview_and_report_count_the_articles_behind_a_filter():
    """The two pages that show an article count still ask for it (the others leave it out)."""

    def articles(at: AppTest) -> int:
        (value,) = [m.value for m in at.metric if m.label == "Articles"]
        return int(value.replace(",", ""))

    everything = articles(page("overview"))
    filtered = articles(page("overview", dyad="CHN-RUS"))
    assert 0 < filtered < everything
    report = AppTest.from_file("../pages/report.py", default_timeout=TIMEOUT)
    report.query_params["dyad"] = "CHN-RUS"
    report.run()
    assert not report.exception
    assert any(f"from {filtered:,} articles" in c.value for c in report.caption)


def test_bad_url_values_are_ignored_with_a_note():
    at = page("overview", theme=["energy", "astrology"], quad="9", **{"from": "yesterday"})
    assert not at.exception
    notes = " ".join(w.value for w in at.warning)
    assert "astrology" in notes and "quad" in notes and "from" in notes
    assert [t.value for t in at.multiselect(key="filter_theme").value] == ["energy"]
    assert param(at, "theme") == ["energy"] and "quad" not in at.query_params
    # a mistyped actor code is named with the nearest codes, the good one kept
    typo = page("overview", dyad=["CHN-RSU", "CHN-USA"])
    assert "RSU is not in the actor registry: did you mean SAU, RUS, BRICS?" in " ".join(
        w.value for w in typo.warning
    )
    assert param(typo, "dyad") == ["CHN-USA"]


def test_network_deep_link_shows_the_ego_network_of_russia():
    at = page("network", actor="RUS")
    assert not at.exception
    assert at.selectbox(key="network_ego").value == "RUS"
    spec = figures(at)[0]
    assert spec["layout"]["title"]["text"].startswith("Ego network of RUS")
    nodes = next(t for t in spec["data"] if t.get("name") == "Actors")
    assert "RUS" in nodes["text"] and len(nodes["text"]) >= 2


def test_a_network_of_many_ties_offers_how_many_to_draw_and_says_so():
    at = page("network")
    assert not at.get("selectbox") or "network_ties" not in [s.key for s in at.selectbox]  # 75 ties: all
    at.toggle(key="network_rollup").set_value(False).run()  # leaders apart: 178 ties
    assert not at.exception
    assert at.selectbox(key="network_ties").value == 250
    assert "strongest" not in figures(at)[0]["layout"]["title"]["text"]
    at.selectbox(key="network_ties").set_value(100).run()
    spec = figures(at)[0]
    assert spec["layout"]["title"]["text"].endswith("· strongest 100 of 178 ties")
    assert len(next(t for t in spec["data"] if t.get("name") == "Ties")["customdata"]) == 100
    assert any("Drawn: the 100 strongest of 178 ties." in c.value for c in at.caption)
    assert len(table(at)) == len(next(t for t in spec["data"] if t.get("name") == "Actors")["text"])


def test_filter_survives_a_page_change():
    at = AppTest.from_file("../app.py", default_timeout=TIMEOUT).run()
    at.multiselect(key="filter_theme").select("Energy").run()
    at.switch_page("pages/records.py")
    at.query_params.clear()  # st.navigation's page links drop the query string
    at.run()
    assert not at.exception
    assert [t.value for t in at.multiselect(key="filter_theme").value] == ["energy"]
    assert param(at, "theme") == ["energy"]


def test_reset_clears_the_filter():
    at = page("records", theme="energy", dyad="CHN-RUS")
    at.button(key="filter_reset").click().run()
    assert not at.exception
    assert at.multiselect(key="filter_theme").value == [] and at.multiselect(key="filter_dyad").value == []
    assert "theme" not in at.query_params


def test_empty_result_shows_a_clear_message():
    at = page("cooperation", text="no record says this 9f8e7d")
    assert not at.exception
    assert at.info and "No" in at.info[0].value


def test_cooperation_controls():
    at = page("cooperation")
    at.toggle(key="include_commentary").set_value(True).run()
    at.segmented_control(key="cooperation_period").set_value(Period.QUARTER).run()
    assert not at.exception
    assert "Quarter" in json.dumps(figures(at)[0]["layout"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, Period.YEAR),
        ({"from": "2025-11-01", "to": "2025-12-31"}, Period.WEEK),
        ({"dyad": "BRICS-SAU"}, Period.WEEK),
    ],
)
def test_cooperation_bins_to_suit_the_filters_dates_as_the_timeline_does(query, expected):
    at = page("cooperation", **query)
    assert not at.exception
    assert at.segmented_control(key="cooperation_period").value == expected
    assert expected.label in json.dumps(figures(at)[0]["layout"])  # the chart's axis: bins the control shows


def test_records_row_shows_escaped_evidence():
    at = page("records")
    at.session_state["records_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    assert any(m.value.startswith("> ") for m in at.markdown)


def test_watch_page_saves_a_note_and_keeps_the_text_when_a_save_fails():
    at = page("watch", dyad="CHN-RUS")
    assert not at.exception and figures(at)
    at.text_area(key="watch_note_text_0").set_value("Summit postponed")
    at.text_input(key="watch_note_author_0").set_value("   ")
    at.get("form_submit_button")[0].click()
    at.run()
    assert [e.value for e in at.error] == ["Not saved: author: is required"]
    assert at.text_area(key="watch_note_text_0").value == "Summit postponed"  # what was typed survives
    at.text_input(key="watch_note_author_0").set_value("ana")
    at.get("form_submit_button")[0].click()
    at.run()
    assert not at.exception and at.success[0].value.startswith("Note saved")
    assert any(m.value == "**Notes in the period (1)**" for m in at.markdown)
    assert "watch_note_text_1" in [t.key for t in at.text_area]  # a fresh form for the next note


def values(data) -> list[float]:
    """A trace's numbers from the figure's JSON, plain or as plotly's base64 typed array."""
    if isinstance(data, dict):
        return np.frombuffer(base64.b64decode(data["bdata"]), dtype=data["dtype"]).tolist()
    return list(data)


def moved_caption(at: AppTest) -> str:
    return next(c.value for c in at.caption if c.value.startswith("The four weeks"))


def test_overview_shows_what_moved():
    at = page("overview")
    assert not at.exception
    assert any(s.value == "What moved" for s in at.subheader)
    table = at.dataframe(key="overview_moves").value
    assert {"timeline", "move", "trend", "index"} <= set(table.columns) and len(table) >= 1
    assert table["timeline"].str.startswith("timeline?").all() and table["move"].str.contains(" σ").all()


def test_records_are_ordered_in_the_database_and_a_new_order_starts_at_its_first_page():
    """ "Most tension first" shows the lowest scores of every matching record, not of the page on screen."""
    at = page("records")
    assert at.selectbox(key="records_order").value == "newest"
    newest = table(at)
    assert list(newest["date"]) == sorted(newest["date"], reverse=True)
    at.number_input(key="records_page").set_value(2).run()
    at.selectbox(key="records_order").set_value("tension").run()
    assert not at.exception and at.number_input(key="records_page").value == 1
    shown = table(at)
    scores = shown["score"].dropna()
    assert shown["score"].iloc[0] == min(scores) == -10  # the curated set's most hostile records
    assert list(scores) == sorted(scores)
    assert any("most tension first, 1–500 shown" in c.value for c in at.caption)
    at.selectbox(key="records_order").set_value("oldest").run()
    assert str(table(at)["date"].iloc[0]).startswith("2001-06-15")  # the SCO's founding


def test_select_filters_name_their_no_choice_state_and_keep_the_url_round_trip():
    """A select filter with nothing chosen reads "Any" (its table placeholder), never "Choose an option"."""
    selects = [f for f in FIELDS if f.widget.kind == "select"]
    assert selects
    at = page("records")
    at.session_state[MORE_KEY] = True  # the analyst opens "More filters"
    at.run()
    for f in selects:
        box = at.selectbox(key=widget_key(f))
        assert box.value is None
        assert box.proto.placeholder == f.widget.placeholder != "Choose an option"
        assert box.proto.options[0] == f.widget.placeholder  # the None choice in the menu, the same words
    status = at.selectbox(key="filter_status")
    assert status.proto.placeholder == "Any"
    status.set_value(Status.DRAFT).run()
    assert not at.exception and param(at, "status") == ["draft"]
    linked = page("records", status="reviewed")
    assert linked.selectbox(key="filter_status").value == Status.REVIEWED
    linked.selectbox(key="filter_status").set_value(None).run()
    assert not linked.exception and "status" not in linked.query_params


def test_more_filters_are_drawn_only_when_open_and_keep_their_values_while_closed():
    """Closed, "More filters" sends none of its widgets (they cost every page ~0.15 s in the browser); a
    value set in it stays applied while it is closed, and a link that sets one opens it."""
    more = {widget_key(f) for f in FIELDS if f.widget.group == "more"}
    at = page("records")
    drawn = {w.key for kind in ("multiselect", "text_input", "slider", "selectbox") for w in at.get(kind)}
    assert not more & drawn and not at.session_state[MORE_KEY]
    at.session_state[MORE_KEY] = True
    at.run()
    at.text_input(key="filter_text").input("pipeline").run()
    assert param(at, "text") == ["pipeline"]
    at.session_state[MORE_KEY] = False  # closed again: the text filter stays
    at.run()
    assert not at.get("text_input")
    at.multiselect(key="filter_theme").select("Energy").run()  # widgets elsewhere still work
    at.run()
    assert not at.exception
    assert param(at, "text") == ["pipeline"] and param(at, "theme") == ["energy"]
    assert any("text “pipeline”" in c.value for c in at.caption)
    at.session_state[MORE_KEY] = True
    at.run()
    assert at.text_input(key="filter_text").value == "pipeline"
    linked = page("records", text="pipeline")
    assert linked.session_state[MORE_KEY] and linked.text_input(key="filter_text").value == "pipeline"


def test_sidebar_dates_each_take_the_sidebar_width():
    """From and To sit one under the other, not in half-width columns that cut the date to "yyyy/mm/"."""
    at = page("records")
    assert [d.label for d in at.sidebar.date_input] == ["From", "To"]
    assert not at.sidebar.columns


def test_counts_on_pages_take_the_noun_in_the_right_number():
    """One interaction from one article reads so, not "1 interactions from 1 articles"."""
    report = page("report", dyad="BRICS-SAU")
    assert not report.exception
    assert any(c.value.startswith("1 interaction from 1 article. ") for c in report.caption)
    records = page("records", dyad="BRICS-SAU")
    assert any(c.value.startswith("1 interaction · BRICS-SAU") for c in records.caption)


@pytest.mark.parametrize("name", ["records", "network", "cooperation"])
def test_an_empty_result_names_the_active_filter_and_offers_the_reset(name):
    """The empty state says which filter matched nothing (in the words the titles use) and resets it."""
    at = page(name, text="zzzqqq", dyad="CHN-RUS")
    assert not at.exception
    message = at.info[0].value.replace("\\", "")  # the page escapes markdown in the typed words
    assert "CHN-RUS · text “zzzqqq”" in message
    at.button(key="empty_reset").click().run()
    assert not at.exception and not at.info
    assert at.text_input(key="filter_text").value == "" and "text" not in at.query_params


def test_the_network_toggle_has_a_row_of_its_own():
    """In a column beside the ego and ties selects, the toggle's long label was cut off."""
    at = page("network")
    assert not at.exception
    assert at.toggle(key="network_rollup").label == "Roll leaders and state bodies up to their state"
    assert not any(column.toggle for column in at.main.columns)
    assert any(column.selectbox for column in at.main.columns)  # the selects still share a row


def test_overview_cards_are_of_distinct_articles_without_curator_notes():
    """The latest interactions, one per article (the newest of each), each saying how many more it has; the
    curators' link-check note is the source button's tooltip, not text on the card."""
    at = page("overview")
    assert not at.exception
    titles = [m.value for m in at.markdown if m.value.startswith("**")]
    assert len(titles) == 6 and len(set(titles)) == 6
    assert not any("Link checked" in c.value for c in at.caption)
    assert any(c.value.startswith("This article has 1 more interaction under the filter") for c in at.caption)
    notes = [b.proto.help for b in at.get("link_button")]
    assert any(n.startswith("Link checked") for n in notes)


def test_every_what_moved_column_has_a_short_header_and_a_set_width():
    """Headers fit a 1100-pixel window: a label of a word or two, a width in pixels (about 640 in all)."""
    at = page("overview")
    config = json.loads(at.dataframe(key="overview_moves").proto.columns)
    shown = [c for name, c in config.items() if not c.get("hidden") and name != "_index"]
    labels = [c.get("label") for c in shown]
    assert labels == ["Dyad", "Theme", "Move", "Events", "Net index", "Trend"]
    assert all(isinstance(c.get("width"), int) for c in shown)
    assert sum(c["width"] for c in shown) <= 640 - 33  # the selection column takes the rest


def test_what_moved_under_a_theme_filter_shows_only_that_theme():
    at = page("overview", theme="energy")
    assert not at.exception
    table = at.dataframe(key="overview_moves").value
    assert len(table) and set(table["theme_label"]) == {"Energy"}
    (lead,) = [c.value for c in at.caption if c.value.startswith("Largest move")]
    assert "· Energy," in lead


def test_what_moved_ends_on_the_filters_end_date_or_its_last_record_and_says_so():
    at = page("overview", **{"from": "2025-11-01", "to": "2025-12-09"})  # records follow on 10 December
    assert not at.exception
    caption = moved_caption(at)
    assert "12 Nov 2025 – 9 Dec 2025 (to the filter's end date)" in caption
    assert "start date does not shorten it" in caption
    assert "to=2025-12-09" in at.dataframe(key="overview_moves").value["timeline"].iloc[0]
    # the filter ends after its last record (23 October): the four weeks end there
    at = page("overview", **{"from": "2025-10-01", "to": "2025-11-30"})
    assert "26 Sep 2025 – 23 Oct 2025 (to the filter's latest record)" in moved_caption(at)


def test_watch_opens_on_the_most_active_dyads_and_an_explicit_dyad_wins():
    def panels(at: AppTest) -> list[tuple[str, int]]:
        out = []
        for spec in figures(at):
            bars = next(t for t in spec["data"] if t.get("name") == "Events per week")
            out.append((spec["layout"]["title"]["text"].split(" · ")[0], sum(values(bars["y"]))))
        return out

    at = page("watch")
    assert not at.exception
    shown = panels(at)
    assert len(shown) == 3 and [n for _, n in shown] == sorted((n for _, n in shown), reverse=True)
    assert shown[0][1] >= 20  # not a near-empty dyad
    chosen = page("watch", dyad="CHN-JPN")
    assert [pair for pair, _ in panels(chosen)] == ["CHN-JPN"]


def test_watch_starts_at_the_filters_from_date_and_as_of_follows_its_to_date():
    """As of and Weeks shown keep the analyst's choice, but a new To moves As of, and a From date sets the
    first week shown (it drew two years before As of whatever From said)."""

    def first_week(at: AppTest) -> str:
        spec = figures(at)[0]
        bars = next(t for t in spec["data"] if t.get("name") == "Events per week")
        return min(bars["x"])[:10]

    def as_of(at: AppTest) -> dt.date:
        return next(d for d in at.date_input if d.label == "As of").value

    at = page("watch", dyad="CHN-RUS")
    assert at.slider[0].value == 104 and as_of(at) == dt.date(2025, 12, 9)
    at.slider[0].set_value(36).run()  # the analyst's choice holds while From is unset
    at.date_input(key="filter_to").set_value(dt.date(2024, 6, 30)).run()
    assert as_of(at) == dt.date(2024, 6, 30)  # As of follows the new To
    assert at.slider[0].value == 36
    at.date_input(key="filter_from").set_value(dt.date(2024, 1, 1)).run()
    assert not at.exception
    assert at.slider[0].value == 26  # Monday 1 January to Sunday 30 June 2024
    assert "2024-01-01" <= first_week(at) <= "2024-01-07"  # the bar of the week of From (drawn mid-week)


def test_the_records_event_column_holds_the_longest_plover_type():
    """The grid draws on a canvas and cuts what does not fit: at "small" (75 px) COOPERATE read "COOPERAT".
    Upper-case letters of the grid's 14 px Source Sans run up to ~9 px, plus 8 px padding a side."""
    from bilateral.model import EventType
    from ui.views import RECORD_COLUMNS

    longest = max(len(t.value) for t in EventType)
    assert RECORD_COLUMNS["event_type"]["width"] >= longest * 9 + 16


def test_overview_period_card_says_the_years_and_its_help_the_dates():
    """'2001-06 – 2025-12' was cut to '2001-06 …' at 1100 px: the card says the years, its help the dates."""
    at = page("overview")
    (card,) = [m for m in at.metric if m.label == "Period"]
    spring = page("overview", dyad="CHN-RUS", **{"from": "2024-03-01", "to": "2024-06-30"})
    (lone,) = [m for m in spring.metric if m.label == "Period"]
    assert card.value == "2001–2025" and "From 2001-" in card.proto.help and "to 2025-" in card.proto.help
    assert lone.value.endswith("2024") and "–" in lone.value


def test_curated_records_alone_get_no_dataset_column():
    """With one dataset loaded the column said "Curated" on every row; it shows only beside field data."""
    order = list(page("records").dataframe(key="records_table").proto.column_order)
    assert "dataset" not in order and order[:2] == ["date", "dyad"] and "evidence" in order


def test_a_short_page_of_records_gets_a_table_of_its_size():
    """Six records sat above a stack of empty grid lines in a table of fixed height; a table is as tall
    as its rows, up to its most, then it scrolls."""
    from ui.views import HEADER_PX, ROW_PX, table_height

    assert table_height(6, 460) == HEADER_PX + 6 * ROW_PX + 2 < 460
    assert table_height(500, 460) == 460 and table_height(0, 460) == HEADER_PX + ROW_PX + 2


def test_an_unchanged_index_card_is_grey_without_an_arrow():
    """EU-RUS's index had not moved and its card said "+0.00" in green with an arrow up."""
    cards = {m.label: m.proto for m in page("overview").metric}
    steady = [p for p in cards.values() if p.delta == "0.00"]
    moved = [p for p in cards.values() if p.delta.startswith(("+", "-"))]
    assert steady and moved and "+0.00" not in {p.delta for p in cards.values()}
    from streamlit.proto.Metric_pb2 import Metric

    gray, none = Metric.MetricColor.GRAY, Metric.MetricDirection.NONE
    assert all(p.color == gray and p.direction == none for p in steady)
    assert all(p.color != gray and p.direction != none for p in moved)


def test_overview_index_cards_leave_out_dyads_idle_in_the_period_and_name_them():
    """Leading dyads of the whole filter without a scored interaction in the index's 12 months get no "n/a"
    card: a caption names them."""
    at = page("overview", text="pipeline")
    assert not at.exception
    assert "n/a" not in [m.value for m in at.metric]
    idle = [c.value for c in at.caption if c.value.startswith("No scored interaction in the period for ")]
    assert len(idle) == 1
    named = idle[0].removeprefix("No scored interaction in the period for ").split(" (")[0].split(", ")
    cards = {m.label for m in at.metric}
    assert named and not cards & set(named) and "CHN-RUS" in cards


def test_the_review_status_menu_says_what_the_filter_description_says():
    """One wording per status: the menu's entry is the label the filter describes itself with."""
    at = page("records")
    at.session_state[MORE_KEY] = True  # the analyst opens "More filters"
    at.run()
    options = at.selectbox(key="filter_status").proto.options[1:]
    statuses = (Status.REVIEWED, Status.DRAFT, Status.MACHINE)
    assert options == [f"{s.label} only" for s in statuses]
    for status, option in zip(statuses, options, strict=True):
        assert Filter(status=status).describe() == option.lower()
