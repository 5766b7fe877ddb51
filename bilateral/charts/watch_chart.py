"""The Watch chart: one dyad and theme, week by week, against its own baseline, flagged weeks marked."""

from __future__ import annotations

import html

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from bilateral.charts.axes import count_axis
from bilateral.charts.payloads import WatchData
from bilateral.charts.style import (
    CHART_TEMPLATE,
    COOPERATION,
    INK,
    MUTED,
    NET,
    SCORE_AXIS,
    TENSION,
    empty_figure,
)

BAND = "rgba(120, 130, 140, 0.18)"
DIRECTION_COLOURS = {"toward cooperation": COOPERATION, "toward tension": TENSION}
HEIGHT = 600
# The legend hangs from a fixed line below the title (pixels from the top of the figure) and grows downward,
# so however many rows it wraps to in a narrow window it never reaches the title; the top margin holds
# three rows (seven entries at most: they wrap to three rows at 1100 px).
LEGEND_TOP = 38
TOP_MARGIN = LEGEND_TOP + 3 * 24
LEGEND = {
    "orientation": "h",
    "yref": "container",
    "y": 1 - LEGEND_TOP / HEIGHT,
    "yanchor": "top",
    "x": 0,
    "xanchor": "left",
}


def _band(fig, x, low, high, name: str, row: int, show: bool) -> None:
    fig.add_scatter(
        x=x,
        y=high,
        mode="lines",
        line={"width": 0},
        hoverinfo="skip",
        showlegend=False,
        legendgroup=name,
        row=row,
        col=1,
    )
    fig.add_scatter(
        x=x,
        y=low,
        mode="lines",
        line={"width": 0},
        fill="tonexty",
        fillcolor=BAND,
        name=name,
        hoverinfo="skip",
        showlegend=show,
        legendgroup=name,
        row=row,
        col=1,
    )


def watch_figure(data: WatchData) -> go.Figure:
    """Weekly events (bars) and net cooperation index (line), each with its 52-week baseline band
    (mean ± threshold × spread); flagged weeks ringed in the direction's colour; key events on hover."""
    series, k = data.series, data.threshold
    if series.empty or series["count"].sum() == 0:
        return empty_figure(data.title, "No scored interactions for this dyad and theme in the period.")
    theme = "" if data.theme == "all" else data.theme
    custom = [["period", w.date().isoformat(), theme, data.pair] for w in series["week"]]
    fig = make_subplots(
        rows=3, cols=1, shared_xaxes=True, row_heights=[0.4, 0.38, 0.22], vertical_spacing=0.06
    )
    weeks = series["week"] + np.timedelta64(3, "D") + np.timedelta64(12, "h")
    _band(
        fig,
        weeks,
        (series["vol_mean"] - k * series["vol_spread"]).clip(lower=0),
        series["vol_mean"] + k * series["vol_spread"],
        f"Baseline ±{k:g} spread",
        1,
        True,
    )
    fig.add_bar(
        x=weeks,
        y=series["count"],
        name="Events per week",
        marker_color=MUTED,
        customdata=custom,
        hovertemplate="Week of %{customdata[1]}: %{y} events<extra></extra>",
        row=1,
        col=1,
    )
    fig.add_scatter(
        x=weeks,
        y=series["vol_mean"],
        mode="lines",
        name="52-week mean",
        line={"color": INK, "width": 1.2, "dash": "dot"},
        hoverinfo="skip",
        row=1,
        col=1,
    )
    _band(
        fig,
        weeks,
        (series["net_mean"] - k * series["net_spread"]).clip(lower=-1),
        (series["net_mean"] + k * series["net_spread"]).clip(upper=1),
        "Index baseline",
        2,
        False,
    )
    fig.add_scatter(
        x=weeks,
        y=series["net"],
        mode="lines+markers",
        name="Net cooperation index",
        line={"color": NET, "width": 2},
        marker={"size": 5},
        connectgaps=False,
        customdata=custom,
        hovertemplate="Week of %{customdata[1]}<br>Net index %{y:+.2f}<extra></extra>",
        row=2,
        col=1,
    )
    flagged = series.loc[series["flagged"]]
    for direction, part in flagged.groupby("direction"):
        colour = DIRECTION_COLOURS.get(direction, INK)
        at = part["week"] + np.timedelta64(3, "D") + np.timedelta64(12, "h")
        fig.add_scatter(
            x=at,
            y=part["count"],
            mode="markers",
            name=f"Flagged: {direction}",
            row=1,
            col=1,
            # an open symbol is drawn in the marker's colour (its line colour alone left the ring in the
            # template's next colour: a week toward cooperation ringed in black)
            marker={
                "size": 14,
                "symbol": "circle-open",
                "color": colour,
                "line": {"width": 3, "color": colour},
            },
            customdata=[["period", w.date().isoformat(), theme, data.pair] for w in part["week"]],
            hovertemplate=f"Flagged week of %{{customdata[1]}}: {direction}<br>%{{y}} events<extra></extra>",
        )
    if not data.events.empty:
        events = data.events
        text = [
            f"{html.escape(str(t), quote=False)}<br>{html.escape(str(e), quote=False)} · {d:%Y-%m-%d}"
            f" · score {s:+.1f}"
            for t, e, d, s in zip(
                events["title"], events["event_type"], events["date"], events["score"], strict=True
            )
        ]
        fig.add_scatter(
            x=events["date"],
            y=events["score"],
            mode="markers",
            name="Key events",
            row=3,
            col=1,
            marker={
                "symbol": "diamond",
                "size": 10,
                "color": events["score"],
                "colorscale": [[0, TENSION], [0.5, "#f0f0f0"], [1, COOPERATION]],
                "cmin": -10,
                "cmax": 10,
                "line": {"width": 1, "color": INK},
            },
            hovertext=text,
            hoverinfo="text",
            customdata=[["record", i] for i in events["id"]],
        )
    fig.update_layout(
        template=CHART_TEMPLATE,
        title={"text": data.title},
        height=HEIGHT,
        bargap=0.1,
        legend=LEGEND,
        margin={"t": TOP_MARGIN},
    )
    fig.update_yaxes(title_text="Events per week", **count_axis(series["count"].max()), row=1, col=1)
    fig.update_yaxes(title_text="Net index", range=[-1.15, 1.15], zeroline=True, row=2, col=1)
    fig.update_yaxes(title_text="Key events", **SCORE_AXIS, row=3, col=1)
    fig.update_xaxes(title_text="Week (ringed: beyond the baseline band); key events by score", row=3, col=1)
    return fig
