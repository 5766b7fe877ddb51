"""The look every chart shares: one explicit template, colour-blind-safe palettes, titles and empty states.

Every figure is built with `template=CHART_TEMPLATE` explicitly: importing streamlit swaps plotly's
default template for one whose colours only a web page fills in, so exported images turn black without it.
"""

from __future__ import annotations

import copy

import plotly.graph_objects as go
import plotly.io as pio

from bilateral.filters import Filter
from bilateral.model import Theme

FONT = "Inter, 'Segoe UI', 'Helvetica Neue', Arial, sans-serif"
INK, MUTED, GRID = "#1f2933", "#616e7c", "#e4e7eb"
COOPERATION, TENSION, NET = "#2166ac", "#b2182b", "#1f2933"
# ColorBrewer RdBu, red = tension, blue = cooperation: legible with the common colour-vision deficiencies.
DIVERGING = [
    [0.0, "#b2182b"], [0.17, "#ef8a62"], [0.33, "#fddbc7"], [0.5, "#f7f7f7"],
    [0.67, "#d1e5f0"], [0.83, "#67a9cf"], [1.0, "#2166ac"],
]  # fmt: skip
# Paul Tol's "muted" palette (colour-blind safe), one fixed colour per theme in the vocabulary's order.
THEME_COLOURS = dict(
    zip(
        [t.value for t in Theme],
        [
            "#332288",
            "#DDCC77",
            "#117733",
            "#88CCEE",
            "#882255",
            "#44AA99",
            "#CC6677",
            "#999933",
            "#AA4499",
            "#888888",
        ],
        strict=True,
    )
)
# Okabe-Ito, for dyads and communities.
# Communities of the network: no blue or red, which the edges' diverging score scale already means, and the
# first four (green, purple, sand, orange) far apart, as most networks have no more: a teal fourth had read as
# the first's green, so the curated HUAWEI-MTS pair looked part of the main community.
COMMUNITY_COLOURS = ["#009E73", "#AA4499", "#DDCC77", "#E69F00", "#CC79A7", "#999933", "#888888", "#332288"]
SERIES_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
# Each series' marker, with its colour: lines that run together (near zero, say) and a report printed in grey
# still tell their dyads apart.
SERIES_SYMBOLS = ["circle", "square", "diamond", "triangle-up", "triangle-down", "cross", "x", "star"]
QUAD_COLOURS = {1: "#92c5de", 2: "#2166ac", 3: "#f4a582", 4: "#b2182b"}
# The axis of key events' scores: two points beyond ±10, so a marker at -10 or +10 is drawn whole, not cut
# in half by the plot's edge (at ±10.5 half a unit was 3 px, a marker's radius 6).
SCORE_AXIS = {"range": [-12, 12], "tickvals": [-10, -5, 0, 5, 10], "zeroline": True}
# Rows from the machine-coded field datasets, named alike wherever a chart draws them apart from curated ones.
FIELD_DATA = "imported (machine-coded field data)"
IMPORTED_LABEL = f"of which {FIELD_DATA}"  # the timeline's line: the imported part of each bar
IMPORTED_TIES_LABEL = f"Ties mostly {FIELD_DATA}"  # the network's dashed ties


# What our figures draw: the template keeps plotly_white's defaults for these trace types and 2D axes only.
TRACE_TYPES = ("bar", "scatter", "heatmap")
_UNUSED_LAYOUT = ("geo", "polar", "scene", "ternary")


def _make_template() -> go.layout.Template:
    """plotly_white cut to what our figures use, with our fonts, colours and margins.

    Why cut: plotly validates the whole template for every figure built (13 ms with all 24 trace types and the
    3D, polar and map axes, 3 ms with ours), and every figure's JSON carries it to the browser."""
    white = pio.templates["plotly_white"]
    layout = {k: v for k, v in white.layout.to_plotly_json().items() if k not in _UNUSED_LAYOUT}
    template = go.layout.Template(
        layout=copy.deepcopy(layout), data={kind: copy.deepcopy(white.data[kind]) for kind in TRACE_TYPES}
    )
    template.layout.update(
        font={"family": FONT, "size": 13, "color": INK},
        title={
            "x": 0.01,
            "xref": "container",
            "xanchor": "left",
            "y": 0.985,
            "yref": "container",
            "yanchor": "top",
            "font": {"size": 16, "color": INK},
        },
        colorway=SERIES_COLOURS,
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin={"l": 64, "r": 24, "t": 100, "b": 56},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0},
        hoverlabel={"font": {"family": FONT, "size": 12}, "align": "left"},
        xaxis={"gridcolor": GRID, "linecolor": "#9aa5b1", "ticks": "outside", "title": {"standoff": 8}},
        yaxis={"gridcolor": GRID, "zerolinecolor": "#9aa5b1", "title": {"standoff": 8}},
    )
    return template


CHART_TEMPLATE = _make_template()


def figure_title(subject: str, flt: Filter, span: tuple | None = None) -> str:
    """'Interactions by theme · Energy · CHN-RUS · 2014-2025': what is shown, for what, over which years.

    `span` is the (first, last) date of the records drawn; the years are added when the filter sets no period.
    """
    parts = [subject]
    described = flt.describe()
    if described != "All records":
        parts.append(plotly_text(described))
    if not (flt.date_from or flt.date_to) and span and span[0] is not None:
        first, last = span[0].year, span[1].year
        parts.append(str(first) if first == last else f"{first}-{last}")
    return " · ".join(parts)


def plotly_text(text: str) -> str:
    """Text as plotly shows it literally: the brackets of its pseudo-HTML tags (<b>, <a href>) escaped.

    Why: a title carries the filter's words, and a text filter typed (or sent in a link) as
    "<a href=...>" was drawn as a link in the chart and its exported files. An ampersand stays: plotly
    draws "Security & sovereignty" as it is, and without brackets an entity makes no tag."""
    return text.replace("<", "&lt;").replace(">", "&gt;")


TITLE_LINE_PX = 18  # each extra title line (13 px text) widens the top margin by this much
TITLE_CHAR_PX = 9.5  # the mean advance of a 16 px title's character, measured on our titles in Chromium


def title_chars(width_px: int) -> int:
    """How many characters of title fit on one line of a chart `width_px` wide (its left inset taken off)."""
    return int((width_px - 2 * 0.01 * width_px - 24) / TITLE_CHAR_PX)


def wrap_title(fig: go.Figure, max_chars: int) -> go.Figure:
    """The figure with a title longer than `max_chars` broken into lines at its " · " separators: the subject
    as the title, the filter and years as its subtitle in smaller type (plotly places a subtitle under its
    title; a title of several lines anchored at its top was cut at the top), the top margin widened.

    Why: plotly never wraps a title, and in the Overview's narrow columns a filter's words ran past the
    chart's edge and were cut ("Interactions by theme · Trade · CH")."""
    text = fig.layout.title.text or ""
    subject, *parts = text.split(" · ")
    if len(text) <= max_chars or not parts:
        return fig
    lines = parts[:1]
    for part in parts[1:]:
        if len(lines[-1]) + len(" · ") + len(part) > max_chars:
            lines.append(part)
        else:
            lines[-1] += f" · {part}"
    top = fig.layout.margin.t if fig.layout.margin.t is not None else CHART_TEMPLATE.layout.margin.t
    return fig.update_layout(
        title={"text": subject, "subtitle": {"text": "<br>".join(lines), "font": {"size": 13, "color": INK}}},
        margin_t=top + TITLE_LINE_PX * len(lines),
    )


def empty_figure(title: str, message: str = "No interactions match the filter.") -> go.Figure:
    """A blank figure that says why it is blank."""
    fig = go.Figure(layout={"template": CHART_TEMPLATE, "title": {"text": title}, "height": 320})
    fig.add_annotation(
        text=message,
        showarrow=False,
        font={"size": 15, "color": MUTED},
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig
