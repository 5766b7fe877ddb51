"""Figure builders: explicit template, titles that say what is filtered, labelled axes, empty messages."""

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest
from conftest import SAMPLE_ROWS, make_interactions

from bilateral import charts
from bilateral.filters import Filter
from bilateral.model import Theme

ENERGY_CHN_RUS = Filter(themes=(Theme.ENERGY,), dyads=("CHN-RUS",))


@pytest.mark.parametrize("name", charts.FIGURE_NAMES)
def test_every_figure_uses_our_template(interactions, name):
    import streamlit  # noqa: F401  (importing streamlit swaps plotly's default template: the trap)

    fig = charts.build_figure(name, interactions, Filter())
    assert fig.layout.template.layout.paper_bgcolor == "white"
    assert fig.layout.template.layout.font.family == charts.FONT
    assert fig.layout.title.text
    json.dumps(fig.to_plotly_json(), default=str)  # serialisable for the browser and for exports
    # The template is cut to the trace types we draw: a new kind of trace needs its defaults kept there.
    assert {trace.type for trace in fig.data} <= set(charts.TRACE_TYPES)
    assert set(fig.layout.template.data.to_plotly_json()) == set(charts.TRACE_TYPES)


def test_template_keeps_only_what_figures_use():
    """The template is plotly_white cut to 2D axes and our trace types: a fraction of its weight in JSON."""
    import plotly.io as pio

    ours = json.dumps(charts.CHART_TEMPLATE.to_plotly_json())
    assert len(ours) < len(json.dumps(pio.templates["plotly_white"].to_plotly_json())) / 2
    assert "scene" not in charts.CHART_TEMPLATE.layout.to_plotly_json()
    assert charts.CHART_TEMPLATE.layout.colorscale.diverging  # plotly_white's 2D defaults are kept


@pytest.mark.parametrize("name", ["timeline", "cooperation", "heatmap", "quad_mix", "theme_mix", "net"])
def test_axes_are_labelled(interactions, name):
    layout = charts.build_figure(name, interactions, Filter()).layout
    titles = [
        layout[axis].title.text
        for axis in layout
        if axis.startswith(("xaxis", "yaxis")) and layout[axis].title.text
    ]
    assert titles, f"{name} has no axis title"


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (Filter(), "Cooperation vs tension · 2014-2024"),
        (ENERGY_CHN_RUS, "Cooperation vs tension · Energy · CHN-RUS · 2014-2016"),
        (
            Filter(themes=(Theme.ENERGY,), date_from=dt.date(2014, 1, 1), date_to=dt.date(2025, 12, 31)),
            "Cooperation vs tension · Energy · 2014-01-01 to 2025-12-31",
        ),
    ],
)
def test_titles_say_what_is_filtered(db, flt, expected):
    from bilateral.analysis import queries

    assert charts.figure_title("Cooperation vs tension", flt, queries.date_span(db, flt)) == expected


@pytest.mark.parametrize("name", charts.FIGURE_NAMES)
def test_empty_data_gives_a_message(interactions, name):
    fig = charts.build_figure(name, interactions.head(0), ENERGY_CHN_RUS)
    assert "No " in fig.layout.annotations[0].text
    assert fig.layout.template.layout.paper_bgcolor == "white"


def test_timeline_keeps_to_filtered_themes_and_marks_key_events(db):
    fig = charts.build_figure("timeline", db, ENERGY_CHN_RUS, period="year")
    bars = [t for t in fig.data if t.type == "bar"]
    assert {t.name for t in bars} == {"Energy"}
    events = next(t for t in fig.data if t.name == "Key events")
    assert {row[4] for row in events.customdata} == {"CHN-RUS"}


def test_the_timeline_legend_titles_only_the_themes_theme(interactions):
    fig = charts.build_figure("timeline", interactions, Filter(), period="year")
    assert not fig.layout.legend.title.text  # no title over every entry: key events are no theme
    bars = [t for t in fig.data if t.type == "bar"]
    events = next(t for t in fig.data if t.name == "Key events")
    assert {(t.legendgroup, t.legendgrouptitle.text) for t in bars} == {("themes", "Theme")}
    assert events.legendgroup != "themes" and not events.legendgrouptitle.text
    assert events.legendrank > max(t.legendrank for t in bars)  # listed after the themes
    tops = sorted(bars, key=lambda t: t.legendrank)
    assert [t.name for t in tops] == [t.name for t in reversed(bars)]  # listed top down, as stacked


def test_cooperation_compares_up_to_four_dyads_on_one_scale(interactions):
    fig = charts.build_figure("cooperation", interactions, Filter(), dyads=("CHN-RUS", "RUS-USA"))
    assert [a.text for a in fig.layout.annotations] == ["CHN-RUS", "RUS-USA"]
    assert fig.layout.yaxis2.matches == "y"
    assert fig.layout.barmode == "relative"


@pytest.mark.parametrize(
    ("name", "period"),
    [("timeline", "year"), ("timeline", "week"), ("cooperation", "year"), ("cooperation", "month")],
)
def test_a_lone_bar_takes_a_fifth_of_the_plot_not_all_of_it(name, period):
    fig = charts.build_figure(name, make_interactions(SAMPLE_ROWS[:1]), Filter(), period=period)
    bar = next(t for t in fig.data if t.type == "bar")
    first, last = (pd.Timestamp(end) for end in fig.layout.xaxis.range)
    assert first < pd.Timestamp(bar.x[0]) < last
    assert bar.width[0] / 1000 <= 0.2 * (last - first).total_seconds()  # width in ms: 85% of one period of 5


@pytest.mark.parametrize(("name", "axis"), [("timeline", "yaxis"), ("theme_mix", "xaxis")])
def test_a_count_axis_over_a_record_or_two_ticks_whole_numbers(name, axis):
    """One interaction had ticks at 0.2, 0.4, ...: counts no record can have."""
    fig = charts.build_figure(name, make_interactions(SAMPLE_ROWS[:1]), Filter(), period="week")
    ticks = fig.layout[axis]
    assert (ticks.tick0, ticks.dtick, ticks.rangemode) == (0, 1, "tozero")


def test_the_theme_mix_ticks_stay_upright_and_few(interactions):
    """In the Overview's narrow column (1100 px window) five tick labels had been turned on end."""
    axis = charts.build_figure("theme_mix", interactions, Filter()).layout.xaxis
    assert axis.tickangle == 0 and axis.nticks == 4


def test_a_count_axis_of_larger_counts_keeps_plotlys_ticks():
    from bilateral.charts.axes import count_axis

    assert count_axis(4) == {"rangemode": "tozero", "tick0": 0, "dtick": 1}
    assert count_axis(5) == count_axis(250) == {"rangemode": "tozero"}


def test_bars_over_many_periods_keep_plotlys_own_range(interactions):
    assert charts.build_figure("timeline", interactions, Filter(), period="year").layout.xaxis.range is None


@pytest.mark.parametrize("name", ["timeline", "cooperation"])
def test_the_time_axis_holds_the_filters_dates_not_only_the_records(curated_mirror, name):
    """A quarter's filter (CHN-RUS, January to March 2024) drew the weeks from 1 January to 18 February,
    where its records end: the empty weeks after them were not on the chart at all."""
    quarter = Filter(dyads=("CHN-RUS",), date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 3, 31))
    fig = charts.build_figure(name, curated_mirror, quarter, period="week")
    bars = [pd.Timestamp(x) for t in fig.data if t.type == "bar" for x in t.x]
    assert max(bars) < pd.Timestamp("2024-02-19")  # the records end in February
    assert [pd.Timestamp(end) for end in fig.layout.xaxis.range] == [pd.Timestamp("2024-01-01"),
                                                                     pd.Timestamp("2024-04-01")]  # fmt: skip
    since = Filter(dyads=("CHN-RUS",), date_from=dt.date(2023, 12, 1), date_to=None)
    first, last = charts.build_figure(name, curated_mirror, since, period="month").layout.xaxis.range
    assert pd.Timestamp(first) == pd.Timestamp("2023-12-01")
    assert pd.Timestamp(last) == pd.Timestamp("2026-01-01")  # the records' last month: December 2025


@pytest.mark.parametrize(
    ("period", "axis", "date"), [("week", "Week", "%d %b %Y"), ("month", "Month", "%b %Y")]
)
def test_the_net_chart_marks_a_lone_point_and_names_its_bin(period, axis, date):
    fig = charts.build_figure("net", make_interactions(SAMPLE_ROWS[:1]), Filter(), period=period)
    (line,) = fig.data
    assert "markers" in line.mode  # a line of one point draws nothing
    assert fig.layout.xaxis.title.text == axis
    assert f"%{{x|{date}}}" in line.hovertemplate
    first, last = (pd.Timestamp(end) for end in fig.layout.xaxis.range)
    assert last - first >= pd.Timedelta(days=28)  # weeks around the point, not sub-second ticks
    assert pd.Timestamp(fig.layout.xaxis.tick0) == pd.Timestamp(line.x[0])  # a tick at each bin's start


def test_the_net_chart_names_the_net_score_and_its_window_not_the_index(interactions):
    """'Net cooperation' is the -1..+1 index on the Overview: the chart beside it draws sums of scores."""
    fig = charts.build_figure("net", interactions, Filter(), period="year", window=4)
    assert fig.layout.title.text == "Net score per year, 4-year rolling mean · 2014-2024"
    assert fig.layout.yaxis.title.text == "Net score (sum of scores)"
    assert all("<br>Net score, 4-year rolling mean %{y" in t.hovertemplate for t in fig.data)
    single = charts.build_figure("net", interactions, Filter(), period="quarter", window=1)
    assert single.layout.title.text == "Net score per quarter · 2014-2024"  # no mean of one period


def test_the_net_charts_dyads_differ_by_marker_as_well_as_colour(curated_mirror):
    """Three of the leading dyads run together near zero on the curated set; in grey print only the marker
    tells them apart."""
    dyads = tuple(charts.chart_dyads(curated_mirror, Filter()))
    fig = charts.build_figure("net", curated_mirror, Filter(), dyads=dyads)
    assert len(fig.data) == len(dyads) == 4
    assert len({t.marker.symbol for t in fig.data}) == len({t.line.color for t in fig.data}) == 4


def _room_px(fig, axis: str, value: float) -> float:
    """Pixels between `value` and the nearer end of a y-axis's range (the axis's share of the plot height)."""
    layout, template = fig.layout, fig.layout.template.layout
    top = layout.margin.t if layout.margin.t is not None else template.margin.t
    bottom = layout.margin.b if layout.margin.b is not None else template.margin.b
    low, high = layout[axis].range
    domain = layout[axis].domain or (0, 1)
    pixels_per_unit = (layout.height - top - bottom) * (domain[1] - domain[0]) / (high - low)
    return min(value - low, high - value) * pixels_per_unit


@pytest.mark.parametrize(("name", "axis"), [("timeline", "yaxis2"), ("watch", "yaxis3")])
def test_a_key_event_scored_minus_ten_is_drawn_whole(name, axis):
    strongest = ("2024-01-25", "RUS", "UKR", "ASSAULT", 4, -10.0, "military", "fact", "AP", None)
    rows = [*SAMPLE_ROWS, strongest]  # not in the latest week: Watch's events end on that week's Monday
    fig = charts.build_figure(name, make_interactions(rows), Filter(dyads=("RUS-UKR",)), first="2023-01-01")
    events = next(t for t in fig.data if t.name == "Key events")
    assert min(events.y) == -10
    assert _room_px(fig, axis, -10) >= events.marker.size / 2 + events.marker.line.width


def test_the_cooperation_charts_net_marker_at_its_extreme_is_drawn_whole(interactions):
    fig = charts.build_figure("cooperation", interactions, Filter(), dyads=("RUS-UKR", "CHN-RUS"))
    net = next(t for t in fig.data if t.name == "Net")
    assert min(net.y) == -9  # the lowest point of the chart: the bar beneath ends there too
    assert _room_px(fig, "yaxis", -9) >= net.marker.size / 2 + 1
    assert _room_px(fig, "yaxis", max(net.y)) > 0  # the top is in range as well


def test_network_sizes_colours_and_selection_handles(interactions):
    fig = charts.build_figure("network", interactions, Filter(), ego="UKR")
    nodes = next(t for t in fig.data if t.name == "Actors")
    assert sorted(nodes.text) == ["RUS", "UKR"]
    handles = next(t for t in fig.data if t.name == "Ties")
    assert handles.marker.cmin == -10 and handles.marker.cmax == 10
    assert (
        charts.selected_customdata(fig, [{"curve_number": fig.data.index(handles), "point_index": 0}])[0][0]
        == "edge"
    )


def test_selected_customdata_ignores_bad_points(interactions):
    fig = charts.build_figure("theme_mix", interactions, Filter())
    assert (
        charts.selected_customdata(fig, [{"curve_number": 9}, {}, {"curve_number": 0, "point_index": 99}])
        == []
    )
    assert charts.selected_customdata(fig, [{"curve_number": 0, "point_index": 1}]) == [["theme", "energy"]]


def test_unknown_figure_name(interactions):
    with pytest.raises(ValueError, match="unknown figure"):
        charts.build_figure("pie", interactions, Filter())


def test_static_export_is_not_black(interactions, tmp_path):
    """The exported-charts trap: with streamlit imported, a PNG must still have a white background."""
    import shutil

    import streamlit  # noqa: F401

    if not shutil.which("chromium"):
        pytest.skip("chromium is not installed: no static export")
    fig = charts.build_figure("heatmap", interactions, Filter())
    png = fig.to_image(format="png", width=400, height=300)
    import io

    from PIL import Image

    corner = Image.open(io.BytesIO(png)).convert("RGB").getpixel((2, 2))
    assert corner == (255, 255, 255)


def _drawn(trace) -> int:
    """The points of a line trace, its gaps (None or NaN) left out."""
    return int(np.isfinite(np.asarray(trace.x, dtype=float)).sum())


def test_a_dense_network_draws_its_ties_in_bands():
    """Beyond MAX_EDGE_TRACES ties, ties share traces by width and colour band: same look, fewer traces."""
    import networkx as nx

    from bilateral.analysis import graph as actor_graph
    from bilateral.charts.network import COLOUR_BANDS, MAX_EDGE_TRACES, WIDTH_BANDS, network_figure
    from bilateral.charts.payloads import NetworkData

    dense = nx.complete_graph([f"A{i}" for i in range(30)])
    for n, (u, v) in enumerate(dense.edges):
        dense.edges[u, v].update(count=1 + n % 7, mean_score=(n % 21) - 10.0, score_sum=0.0)
    for node in dense.nodes:
        dense.nodes[node].update(name=node, kind="state", weighted_degree=dense.degree(node, weight="count"))
    assert dense.number_of_edges() > MAX_EDGE_TRACES
    graph = actor_graph.add_communities(dense)
    fig = network_figure(NetworkData(graph, actor_graph.layout(graph), "Dense"))
    lines = [t for t in fig.data if t.mode == "lines"]
    assert len(lines) <= WIDTH_BANDS * COLOUR_BANDS
    # each tie is two points and a gap (NaN, which breaks a line as null does)
    assert sum(_drawn(t) for t in lines) == 2 * dense.number_of_edges()
    assert sum(len(t.x) - _drawn(t) for t in lines) == dense.number_of_edges()
    handles = next(t for t in fig.data if t.name == "Ties")
    assert len(handles.x) == dense.number_of_edges()  # every tie still has its hover and selection handle


def test_a_large_network_draws_its_strongest_ties_with_every_actor_where_the_whole_one_put_them():
    """max_ties: the strongest ties are drawn (in the bands of the whole network), every actor stays where the
    whole network's layout put it, and the title says how many ties of how many are drawn."""
    import networkx as nx

    from bilateral.analysis import graph as actor_graph
    from bilateral.charts.network import network_figure
    from bilateral.charts.payloads import NetworkData

    dense = nx.complete_graph([f"A{i:02d}" for i in range(30)])
    for n, (u, v) in enumerate(dense.edges):
        dense.edges[u, v].update(count=1 + n, mean_score=(n % 21) - 10.0, score_sum=0.0)
    for node in dense.nodes:
        dense.nodes[node].update(name=node, kind="state", weighted_degree=dense.degree(node, weight="count"))
    positions = actor_graph.layout(dense)
    whole = network_figure(NetworkData(dense, positions, "Dense"))
    fig = network_figure(NetworkData(dense, positions, "Dense", max_ties=40))
    assert fig.layout.title.text == "Dense · strongest 40 of 435 ties"
    assert whole.layout.title.text == "Dense"
    handles = next(t for t in fig.data if t.name == "Ties")
    strongest = sorted(dense.edges(data=True), key=lambda e: -e[2]["count"])[:40]
    assert {(row[1], row[2]) for row in handles.customdata} == {(u, v) for u, v, _ in strongest}
    lines = [t for t in fig.data if t.mode == "lines"]
    assert len(lines) < 40 and sum(_drawn(t) for t in lines) == 2 * 40  # banded, as the whole network is
    actors, whole_actors = (next(t for t in f.data if t.name == "Actors") for f in (fig, whole))
    assert list(actors.text) == list(whole_actors.text) and list(actors.x) == list(whole_actors.x)
    assert network_figure(NetworkData(dense, positions, "Dense", max_ties=435)).layout.title.text == "Dense"


def test_a_dense_network_dashes_its_mostly_imported_ties_band_by_band():
    """In the banded path too, ties resting mostly on imported rows are dashed (a dashed trace per band),
    with one legend entry, and the hover counts the imported interactions."""
    import networkx as nx

    from bilateral.analysis import graph as actor_graph
    from bilateral.charts.network import COLOUR_BANDS, WIDTH_BANDS, network_figure
    from bilateral.charts.payloads import NetworkData
    from bilateral.charts.style import IMPORTED_TIES_LABEL

    dense = nx.complete_graph([f"A{i}" for i in range(30)])
    for n, (u, v) in enumerate(dense.edges):
        count = 1 + n % 7
        dense.edges[u, v].update(
            count=count, mean_score=(n % 21) - 10.0, score_sum=0.0, imported=count * (n % 3 == 0)
        )
    for node in dense.nodes:
        dense.nodes[node].update(name=node, kind="state", weighted_degree=dense.degree(node, weight="count"))
    fig = network_figure(NetworkData(dense, actor_graph.layout(dense), "Dense"))
    lines = [t for t in fig.data if t.mode == "lines" and t.showlegend is False]
    dashed = [t for t in lines if t.line.dash == "dash"]
    assert len(lines) <= 2 * WIDTH_BANDS * COLOUR_BANDS
    imported = {tie for n, tie in enumerate(dense.edges) if n % 3 == 0}
    assert actor_graph.imported_ties(dense) == imported
    assert sum(_drawn(t) // 2 for t in dashed) == len(imported)
    (key,) = [t for t in fig.data if t.name == IMPORTED_TIES_LABEL]
    assert key.line.dash == "dash" and fig.layout.showlegend
    handles = next(t for t in fig.data if t.name == "Ties")
    assert "of them imported (field data)" in handles.hovertemplate
    assert [row[5] for row in handles.customdata] == [d["imported"] for _, _, d in dense.edges(data=True)]


def test_network_names_go_below_a_node_when_above_would_cover_another():
    """Names go above their node unless that would cover another node or a name already placed."""
    from bilateral.charts.network import label_positions

    positions = {"HUAWEI": (-1.0, -0.56), "MTS": (-0.985, -0.58), "CHN": (0.5, 0.3), "RUS": (0.0, 0.0)}
    nodes, sizes = list(positions), [14, 14, 48, 40]
    placed = dict(zip(nodes, label_positions(positions, nodes, sizes), strict=True))
    assert placed == {
        "HUAWEI": "top center",
        "MTS": "bottom center",
        "CHN": "top center",
        "RUS": "top center",
    }
    alone = label_positions({"A": (0.0, 0.0), "B": (1.0, 1.0)}, ["A", "B"], [14, 14])
    assert alone == ["top center", "top center"]


def test_a_name_boxed_in_above_and_below_goes_beside_its_node():
    """A column of close actors: the middle one's name goes right of it, then left when right is taken."""
    from bilateral.charts.network import label_positions

    column = {"A": (0.0, 0.0), "B": (0.0, 0.04), "C": (0.0, -0.04), "Z": (1.0, 1.0), "Y": (-1.0, -1.0)}
    placed = dict(zip(column, label_positions(column, list(column), [14] * 5), strict=True))
    assert placed == {
        "A": "middle right",
        "B": "top center",
        "C": "bottom center",
        "Z": "top center",
        "Y": "top center",
    }
    beside = {**column, "R": (0.03, 0.0)}
    assert label_positions(beside, list(beside), [14] * 6)[0] == "middle left"


def test_overlapping_markers_are_pushed_apart_the_smaller_the_more():
    """Two markers drawn over each other part until a gap shows; the hub moves least; clear nodes stay."""
    from bilateral.charts.network import GAP_PIXELS, _pixels, separated

    positions = {"CHN": (0.5, 0.5), "UKR": (0.51, 0.49), "A": (0.0, 0.0), "B": (1.0, 1.0)}
    nodes, sizes = list(positions), [48, 14, 14, 14]
    moved = separated(positions, nodes, sizes)
    pixels, _ = _pixels(moved, nodes)
    assert np.hypot(*(pixels[0] - pixels[1])) >= (48 + 14) / 2 + GAP_PIXELS * 0.5
    shift = {n: np.hypot(moved[n][0] - positions[n][0], moved[n][1] - positions[n][1]) for n in nodes}
    assert shift["CHN"] < shift["UKR"] / 2
    assert moved["A"] == positions["A"] and moved["B"] == positions["B"]
    clear = {"A": (0.0, 0.0), "B": (1.0, 1.0), "C": (0.0, 1.0)}
    assert separated(clear, list(clear), [14, 14, 14]) == clear
    same = separated({"X": (0.0, 0.0), "Y": (0.0, 0.0), "Z": (1.0, 1.0)}, ["X", "Y", "Z"], [14, 14, 14])
    assert same["X"] != same["Y"]


def test_no_actor_of_the_curated_network_is_drawn_over_another(curated_mirror):
    """In the default Network view (curated data/) every pair of markers clears each other in the drawing.

    Ukraine's marker had sat under China's."""
    from bilateral.charts.network import _pixels
    from bilateral.registry import load_actors

    fig = charts.build_figure("network", curated_mirror, Filter(), actors=load_actors())
    nodes = next(t for t in fig.data if t.mode == "markers+text")
    names = list(nodes.text)
    pixels, _ = _pixels(dict(zip(names, zip(nodes.x, nodes.y, strict=True), strict=True)), names)
    radii = np.asarray(nodes.marker.size) / 2
    gaps = np.hypot(*(pixels[:, None, :] - pixels[None, :, :]).transpose(2, 0, 1)) - radii[:, None] - radii
    np.fill_diagonal(gaps, np.inf)
    assert gaps.min() > 0, [(names[i], names[j]) for i, j in zip(*np.where(gaps <= 0), strict=True)]
    colours = dict(zip(names, nodes.marker.color, strict=True))
    assert colours["HUAWEI"] != colours["CHN"]  # the lone pair is its own community, in a colour of its own


@pytest.mark.parametrize("name", charts.FIGURE_NAMES)
def test_a_cached_figure_comes_back_as_the_figure_it_was(curated_mirror, name):
    """The pages rebuild cached figures without plotly's checks (ui.loaders.figure_from_json): what they
    draw must be the very figure build_figure made, as the checked rebuild gives it."""
    import plotly.graph_objects as go
    import plotly.io as pio

    from bilateral.registry import load_actors
    from ui.loaders import figure_from_json

    text = charts.build_figure(name, curated_mirror, Filter(), actors=load_actors()).to_json()
    rebuilt = figure_from_json(text)
    assert isinstance(rebuilt, go.Figure) and rebuilt.data
    assert rebuilt.to_dict() == pio.from_json(text).to_dict()


def test_a_long_title_wraps_its_filter_into_a_subtitle_and_short_ones_stay():
    """Plotly never wraps a title: in the Overview's narrow columns the filter's words were cut at the
    chart's edge."""
    from bilateral.charts.style import CHART_TEMPLATE, TITLE_LINE_PX, wrap_title

    flt = Filter(themes=(Theme.TRADE, Theme.ENERGY, Theme.MILITARY), dyads=("CHN-USA", "CHN-RUS", "RUS-USA"))
    fig = charts.build_figure("theme_mix", make_interactions(SAMPLE_ROWS), flt)
    full = fig.layout.title.text
    wrap_title(fig, 34)
    lines = fig.layout.title.subtitle.text.split("<br>")
    assert fig.layout.title.text == "Interactions by theme" and len(lines) >= 2
    assert " · ".join([fig.layout.title.text, *lines]) == full and all(len(line) <= 34 for line in lines)
    assert fig.layout.margin.t == CHART_TEMPLATE.layout.margin.t + TITLE_LINE_PX * len(lines)
    short = charts.build_figure("theme_mix", make_interactions(SAMPLE_ROWS), Filter())
    before = short.to_json()
    assert wrap_title(short, 60).to_json() == before


def test_a_title_shows_the_filters_text_literally():
    """A text filter typed (or sent in a link) as "<a href=...>" was drawn as a link in the chart's title."""
    from bilateral.charts.style import figure_title

    title = figure_title("Interactions", Filter(text='<a href="https://example.org">x</a> & <b>y</b>'))
    assert "<a" not in title and "<b>" not in title
    assert "&lt;a href=" in title and "& &lt;b&gt;y&lt;/b&gt;" in title


def test_the_heatmap_of_a_short_span_bins_by_month_or_week():
    """A year's filter drew one wide column: rows within two calendar years are binned by month (every
    month of the span a column, labelled while they fit), within three months by week, a longer span by
    year."""

    def heatmap(dates: list[str]):
        rows = [
            (day, "CHN", "RUS", "AGREE", 1, 4.0 if i % 2 else -2.0, "energy", "fact", "Reuters", None)
            for i, day in enumerate(dates)
        ]
        return charts.build_figure("heatmap", make_interactions(rows), Filter())

    year = heatmap(["2024-01-15", "2024-01-20", "2024-03-02", "2024-11-30"])
    trace = year.data[0]
    assert list(trace.x) == [f"{pd.Timestamp(2024, m, 1):%b %Y}" for m in range(1, 12)]
    first = trace.z[0]
    assert first[0] == pytest.approx(1.0) and np.isnan(first[1]) and first[2] == pytest.approx(-2.0)  # no Feb
    assert trace.text[0][0] == "+1.0" and trace.customdata[0][0] == 2
    assert "by theme and month" in year.layout.title.text and year.layout.xaxis.title.text == "Month"
    assert year.layout.xaxis.type == "category" and year.layout.xaxis.ticktext[:2] == ("Jan<br>2024", "Feb")
    two = heatmap(["2023-06-01", "2024-12-31"])
    assert len(two.data[0].x) == 19 and two.data[0].text is None  # June 2023 to December 2024: no labels
    ticks = two.layout.xaxis  # every third month, the year under the first and under January
    assert ticks.tickvals[:3] == ("Jun 2023", "Sep 2023", "Dec 2023") and ticks.ticktext[3] == "Mar<br>2024"
    june = heatmap(["2024-06-01", "2024-06-12", "2024-06-30"])  # a Saturday, a Wednesday, a Sunday
    assert list(june.data[0].x) == ["27 May 2024", "3 Jun 2024", "10 Jun 2024", "17 Jun 2024", "24 Jun 2024"]
    assert (
        june.layout.xaxis.ticktext[:2] == ("27 May<br>2024", "3 Jun")
        and june.layout.xaxis.title.text == "Week"
    )
    assert "by theme and week" in june.layout.title.text
    three = heatmap(["2022-12-31", "2024-01-01"])
    assert list(three.data[0].x) == [2022, 2023, 2024] and "by theme and year" in three.layout.title.text


def test_heatmap_cells_are_labelled_only_while_the_labels_fit():
    """Over 25 years the cells' printed means ran into each other at 1100 px: past LABELLED_COLUMNS years the
    cells carry colour and hover only; a shorter span keeps its labels, each the cell's mean."""
    from bilateral.charts.figures import LABELLED_COLUMNS

    def heatmap(first_year: int, last_year: int):
        rows = [
            (f"{year}-06-01", "CHN", "RUS", "AGREE", 1, 4.0, "energy", "fact", "Reuters", None)
            for year in (first_year, last_year)
        ]
        return charts.build_figure("heatmap", make_interactions(rows), Filter()).data[0]

    short = heatmap(2020, 2020 + LABELLED_COLUMNS - 1)
    assert len(short.x) == LABELLED_COLUMNS and short.texttemplate == "%{text}"
    assert short.text[0][0] == "+4.0" and short.text[0][1] == ""
    long = heatmap(2001, 2025)
    assert len(long.x) == 25 and long.text is None and long.texttemplate is None
    assert "%{z:+.2f}" in long.hovertemplate
