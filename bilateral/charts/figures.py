"""Plotly figure builders: a named payload in, a figure out; one template, one look.

Every figure is built with `template=CHART_TEMPLATE` explicitly: importing streamlit swaps plotly's
default template for one whose colours only a web page fills in, so exported images turn black without it.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from bilateral.analysis.periods import Period, full_range
from bilateral.charts.axes import (
    PERIOD_HOVER,
    bar_geometry,
    bars_axis,
    count_axis,
    rolling_label,
    sums_range,
    time_axis,
)
from bilateral.charts.payloads import CooperationData, HeatmapData, QuadMixData, ThemeMixData, TimelineData
from bilateral.charts.style import (
    CHART_TEMPLATE,
    COOPERATION,
    DIVERGING,
    IMPORTED_LABEL,
    INK,
    MUTED,
    NET,
    QUAD_COLOURS,
    SCORE_AXIS,
    SERIES_COLOURS,
    SERIES_SYMBOLS,
    TENSION,
    THEME_COLOURS,
    empty_figure,
)
from bilateral.model import QuadClass, Theme

THEMES_LEGEND = {"legendgroup": "themes", "legendgrouptitle": {"text": "Theme"}}  # the title over themes only


def timeline_figure(data: TimelineData) -> go.Figure:
    """Stacked bars of interactions per period by theme, with key events as scored markers beneath."""
    counts, events, title, period = data.counts, data.events, data.title, data.period
    if counts.empty:
        return empty_figure(title)
    period = Period(period)
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.7, 0.3], vertical_spacing=0.08)
    for order, theme in enumerate(Theme):
        rows = counts.loc[counts["theme"] == theme.value]
        if rows.empty:
            continue
        middles, widths = bar_geometry(rows["period"], period)
        fig.add_bar(
            x=middles,
            width=widths,
            y=rows["count"],
            name=theme.label,
            **THEMES_LEGEND,
            legendrank=len(Theme) - order,  # listed as stacked: the last theme is the top of each bar
            marker_color=THEME_COLOURS[theme.value],
            customdata=[["period", p.date().isoformat(), theme.value, ""] for p in rows["period"]],
            hovertemplate=f"{theme.label}<br>{period.label} of %{{customdata[1]}}: %{{y}}<extra></extra>",
        )
    if data.imported is not None and not data.imported.empty:
        middles, _ = bar_geometry(data.imported["period"], period)
        fig.add_scatter(
            x=middles,
            y=data.imported["count"],
            mode="lines+markers",
            name=IMPORTED_LABEL,
            legendgroup="imported",
            legendrank=len(Theme) + 1,
            line={"color": INK, "width": 1.5, "dash": "dot", "shape": "hvh"},
            marker={"size": 4, "color": INK},
            customdata=[["period", p.date().isoformat(), "", ""] for p in data.imported["period"]],
            hovertemplate=f"{IMPORTED_LABEL}<br>{period.label} of %{{customdata[1]}}: %{{y}}<extra></extra>",
        )
    if not events.empty:
        fig.add_scatter(
            x=events["date"],
            y=events["score"],
            mode="markers",
            name="Key events",
            legendgroup="events",  # a group of its own, below the themes: a key event is no theme
            legendrank=len(Theme) + 2,
            row=2,
            col=1,
            marker={
                "size": 10,
                "color": events["score"],
                "colorscale": DIVERGING,
                "cmin": -10,
                "cmax": 10,
                "line": {"width": 1, "color": INK},
            },
            customdata=events[["id", "title", "source", "dyad", "event_type"]]
            .assign(kind="record")[["kind", "id", "title", "source", "dyad", "event_type"]]
            .to_numpy(),
            hovertemplate="<b>%{customdata[2]}</b><br>%{customdata[3]}<br>%{x|%Y-%m-%d} · %{customdata[4]}"
            " · %{customdata[5]} · score %{y:+.1f}<extra></extra>",
        )
    fig.update_layout(
        template=CHART_TEMPLATE,
        title={"text": title},
        barmode="stack",
        height=560,
        margin={"t": 64, "r": 16},
        legend={"orientation": "v", "x": 1.01, "y": 1, "yanchor": "top", "traceorder": "grouped"},
    )
    peak = counts.groupby("period")["count"].sum().max()  # the stacked bars' tallest
    fig.update_yaxes(title_text="Interactions (by theme)", **count_axis(peak), row=1, col=1)
    fig.update_yaxes(title_text="Score", **SCORE_AXIS, row=2, col=1)
    fig.update_xaxes(title_text=f"{period.label} (key events: strongest scores)", row=2, col=1)
    fig.update_xaxes(**bars_axis(counts["period"], period, data.span))
    return fig


def cooperation_figure(data: CooperationData) -> go.Figure:
    """Per dyad, side by side on one scale: cooperation up, tension down, net line and rolling mean."""
    coop, title, period = data.coop, data.title, data.period
    if coop.empty or coop["count"].sum() == 0:
        return empty_figure(title)
    dyads = list(dict.fromkeys(coop["dyad"]))
    cols = min(len(dyads), 2)
    rows = (len(dyads) + 1) // 2
    # the gap between the columns holds a tick label at one plot's right end and another at the next plot's
    # left end: at 0.05 "Jan 2025" ran into "Jan 2024" under a year of months at 1100 px
    fig = make_subplots(
        rows=rows,
        cols=cols,
        shared_yaxes="all",
        shared_xaxes="all",
        subplot_titles=dyads,
        vertical_spacing=0.14,
        horizontal_spacing=0.1,
    )
    for i, dyad in enumerate(dyads):
        part = coop.loc[coop["dyad"] == dyad]
        where = {"row": i // 2 + 1, "col": i % 2 + 1}
        custom = [["period", p.date().isoformat(), "", dyad] for p in part["period"]]
        centres, widths = bar_geometry(part["period"], period)
        first = i == 0
        for column, colour, label in (
            ("cooperation", COOPERATION, "Cooperation"),
            ("tension", TENSION, "Tension"),
        ):
            fig.add_bar(
                x=centres,
                width=widths,
                y=part[column],
                name=label,
                marker_color=colour,
                legendgroup=column,
                showlegend=first,
                customdata=custom,
                **where,
                hovertemplate=f"{dyad} %{{customdata[1]}}<br>{label} %{{y:+.1f}}<extra></extra>",
            )
        fig.add_scatter(
            x=centres,
            y=part["net"],
            name="Net",
            mode="lines+markers",
            legendgroup="net",
            line={"color": NET, "width": 1.5},
            marker={"size": 5},
            showlegend=first,
            customdata=custom,
            hovertemplate=f"{dyad} %{{customdata[1]}}<br>Net %{{y:+.1f}}<extra></extra>",
            **where,
        )
        fig.add_scatter(
            x=centres,
            y=part["rolling"],
            name="Rolling mean of net",
            mode="lines",
            legendgroup="rolling",
            line={"color": "#E69F00", "width": 2.5, "dash": "dot"},
            showlegend=first,
            hoverinfo="skip",
            **where,
        )
    fig.update_layout(
        template=CHART_TEMPLATE,
        title={"text": title},
        barmode="relative",
        bargap=0.2,
        height=300 + 240 * rows,
        legend={"y": 1.0 + 0.12 / rows},
    )
    fig.update_yaxes(range=sums_range(coop))
    fig.update_yaxes(title_text="Sum of scores", col=1)
    fig.update_xaxes(title_text=Period(period).label, row=rows)
    fig.update_xaxes(**bars_axis(coop["period"], period, data.span))
    fig.update_annotations(font={"size": 13, "color": INK})
    return fig


def net_figure(data: CooperationData) -> go.Figure:
    """Compact: the net score (the sum of scores: cooperation plus tension) per period and dyad, as a rolling
    mean, one line each around a zero line. Not the net cooperation index, which runs from -1 to +1."""
    coop, title, period = data.coop, data.title, Period(data.period)
    if coop.empty or coop["count"].sum() == 0:
        return empty_figure(title)
    measure = f"Net score{rolling_label(period, data.window, ', ')}"
    fig = go.Figure()
    for i, (dyad, part) in enumerate(coop.groupby("dyad", sort=False)):
        fig.add_scatter(
            x=part["period"],
            y=part["rolling"],
            name=dyad,
            mode="lines+markers",  # a lone point is a marker: a line needs two
            line={"color": SERIES_COLOURS[i % len(SERIES_COLOURS)], "width": 2.5},
            marker={"symbol": SERIES_SYMBOLS[i % len(SERIES_SYMBOLS)], "size": 7},
            hovertemplate=f"{dyad} {PERIOD_HOVER[period]}<br>{measure} %{{y:+.1f}}<extra></extra>",
        )
    fig.add_hline(y=0, line={"color": MUTED, "width": 1}, layer="below")  # a series at zero stays visible
    fig.update_layout(
        template=CHART_TEMPLATE,
        title={"text": title},
        height=360,
        yaxis_title="Net score (sum of scores)",
        xaxis={"title": {"text": period.label}, **time_axis(*coop["period"].agg(["min", "max"]), period)},
    )
    return fig


def quad_mix_figure(data: QuadMixData) -> go.Figure:
    """Per dyad, the share of each quad class as one 100% bar."""
    mix, title = data.mix, data.title
    if mix.empty or mix["count"].sum() == 0:
        return empty_figure(title)
    fig = go.Figure()
    for quad in QuadClass:
        part = mix.loc[mix["quad_class"] == quad.value]
        fig.add_bar(
            y=part["dyad"],
            x=part["share"] * 100,
            name=quad.label,
            orientation="h",
            marker_color=QUAD_COLOURS[quad.value],
            customdata=part[["count"]].to_numpy(),
            hovertemplate=f"%{{y}} · {quad.label}<br>%{{x:.0f}}%% (%{{customdata[0]}})<extra></extra>",
        )
    fig.update_layout(
        template=CHART_TEMPLATE,
        title={"text": title},
        barmode="stack",
        height=170 + 44 * mix["dyad"].nunique(),
        margin={"t": 88},
        legend={"traceorder": "normal"},
        xaxis_title="Share of interactions (%)",
        yaxis={"autorange": "reversed", "title": {"text": "Dyad"}},
    )
    return fig


LABELLED_COLUMNS = 15  # cells wider than "+0.0" in the Cooperation page's column at 1100 px


def heatmap_figure(data: HeatmapData) -> go.Figure:
    """Theme x year (or month), coloured by mean score on the diverging scale centred on 0; each cell
    labelled with its mean when the columns are few enough for the labels to fit (the hover says it always).

    Why not always: over 25 years the cells are ~17 px wide at 1100 px and the labels ran into each other."""
    scores, title, period = data.scores, data.title, Period(data.period)
    if scores.empty:
        return empty_figure(title)
    key = period.value
    themes = [t for t in Theme if t.value in set(scores["theme"])]
    if period is Period.YEAR:
        columns = list(range(int(scores[key].min()), int(scores[key].max()) + 1))
    else:
        columns = list(full_range(scores[key].min(), scores[key].max(), period))
    grid = scores.pivot(index="theme", columns=key, values="mean_score").reindex([t.value for t in themes])
    counts = scores.pivot(index="theme", columns=key, values="count").reindex(grid.index)
    grid, counts = grid.reindex(columns=columns), counts.reindex(columns=columns).fillna(0)
    names = columns if period is Period.YEAR else [_column_name(start, period) for start in columns]
    labels = {}
    if len(columns) <= LABELLED_COLUMNS:
        text = grid.map(lambda v: "" if pd.isna(v) else f"{v:+.1f}")
        labels = {"text": text.to_numpy(), "texttemplate": "%{text}", "textfont": {"size": 10}}
    fig = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(),
            x=names,
            y=[t.label for t in themes],
            colorscale=DIVERGING,
            zmid=0,
            zmin=-10,
            zmax=10,
            **labels,
            customdata=counts.to_numpy(),
            xgap=1,
            ygap=1,
            colorbar={"title": {"text": "Mean score", "side": "right"}, "thickness": 14},
            hovertemplate="%{y} · %{x}<br>Mean score %{z:+.2f} (%{customdata} interactions)<extra></extra>",
        )
    )
    if period is Period.YEAR:
        xaxis = {"dtick": 1 if labels else 2}
    else:
        xaxis = _period_ticks(
            columns, names, period, every=1 if labels else 3 if period is Period.MONTH else 2
        )
    fig.update_layout(
        template=CHART_TEMPLATE,
        title={"text": title},
        height=max(340, 150 + 34 * len(themes)),
        margin={"t": 64},  # no legend above the plot to make room for
        xaxis={"title": {"text": period.label}, **xaxis, "showgrid": False},
        yaxis={"autorange": "reversed", "showgrid": False},
    )
    return fig


def _column_name(start: pd.Timestamp, period: Period) -> str:
    """A heatmap column's name: "Mar 2024" for a month, "3 Jun 2024" for the week starting that Monday."""
    return f"{start:%b %Y}" if period is Period.MONTH else f"{start.day} {start:%b %Y}"


def _period_ticks(starts: list[pd.Timestamp], names: list[str], period: Period, every: int) -> dict:
    """A month or week axis as categories (the columns' `names`), ticked every `every` columns: the month
    (or the week's first day) under its column, the year under the first tick and where the year changes.

    Why categories: on a date axis a heatmap's cells straddle their ticks, and "Jan 2024" written under
    every narrow column had to be tilted."""
    shown = starts[::every]
    text = []
    for i, start in enumerate(shown):
        short = f"{start:%b}" if period is Period.MONTH else f"{start.day} {start:%b}"
        new_year = i == 0 or start.year != shown[i - 1].year
        text.append(f"{short}<br>{start:%Y}" if new_year else short)
    return {"type": "category", "tickvals": names[::every], "ticktext": text, "tickangle": 0}


def theme_mix_figure(data: ThemeMixData) -> go.Figure:
    """Interactions per theme as horizontal bars (an interaction with two themes counts in both)."""
    totals, title = data.totals, data.title
    if totals.empty or totals["count"].sum() == 0:
        return empty_figure(title)
    fig = go.Figure(
        go.Bar(
            y=totals["label"],
            x=totals["count"],
            orientation="h",
            customdata=[["theme", t] for t in totals["theme"]],
            marker_color=[THEME_COLOURS[t] for t in totals["theme"]],
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig.update_layout(
        template=CHART_TEMPLATE,
        title={"text": title},
        height=380,
        # at most four upright ticks: in the Overview's narrow column at 1100 px plotly turned five on end
        xaxis={"title": "Interactions", "nticks": 4, "tickangle": 0, **count_axis(totals["count"].max())},
        yaxis={"autorange": "reversed"},
        showlegend=False,
    )
    return fig


def selected_customdata(fig: go.Figure, points: list[dict]) -> list[list]:
    """The customdata of selected points, looked up in the figure by curve and point index."""
    found = []
    for point in points:
        curve = point.get("curve_number")
        index = point.get("point_index", point.get("point_number"))
        if curve is None or index is None or curve >= len(fig.data):
            continue
        custom = fig.data[curve].customdata
        if custom is not None and index < len(custom):
            found.append(list(custom[index]))
    return found
