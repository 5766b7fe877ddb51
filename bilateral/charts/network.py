"""The actor-network figure: nodes sized by interactions, coloured by community; ties by count and mean.

Where the ties mix curated and imported rows, a tie resting mostly on imported (machine-coded) field data
is dashed, with a legend entry saying so, and each tie's hover says how many of its interactions are
imported; on curated data alone the figure is as it always was.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from bilateral.analysis.graph import imported_ties, mixes_sources, strongest_ties
from bilateral.charts.payloads import NetworkData
from bilateral.charts.style import (
    CHART_TEMPLATE,
    COMMUNITY_COLOURS,
    DIVERGING,
    IMPORTED_TIES_LABEL,
    INK,
    empty_figure,
)

MAX_EDGE_TRACES = 300  # beyond this many ties, ties share traces by width and colour band (and dash)
DEFAULT_TIES = 250  # the strongest ties drawn unless the analyst asks for more (graph.strongest_ties)
TIE_CHOICES = (100, DEFAULT_TIES, 500, 1000, None)  # None: every tie
WIDTH_BANDS, COLOUR_BANDS = 6, 11


def _dash(dashed: bool) -> dict:
    """The line's dash when it is drawn as imported, else nothing (the line stays as it always was)."""
    return {"dash": "dash"} if dashed else {}


def _edge_traces(graph, positions: dict, dashed: set, banded: bool) -> list[go.Scatter]:
    """One line per edge (a trace has one width and colour): width by count, colour by mean score; the
    ties in `dashed` dashed.

    Why bands for large graphs: thousands of traces take seconds to build and to draw; drawn in bands of
    width and colour (at most 66 traces, twice that with dashed ties), a dense network keeps the same look
    at a fraction of the cost. `banded` is decided on the whole network, not on the ties drawn, so drawing
    fewer of a large network's ties keeps its look.
    """
    top = max((d["count"] for _, _, d in graph.edges(data=True)), default=1)
    if banded:
        return _banded_edge_traces(graph, positions, top, dashed)
    traces = []
    for u, v, data in graph.edges(data=True):
        (x0, y0), (x1, y1) = positions[u], positions[v]
        colour = sample_colorscale(DIVERGING, [(data["mean_score"] + 10) / 20])[0]
        width = 1.5 + 8.5 * (data["count"] / top) ** 0.5
        traces.append(
            go.Scatter(
                x=[x0, x1],
                y=[y0, y1],
                mode="lines",
                hoverinfo="skip",
                showlegend=False,
                line={"width": width, "color": colour, **_dash((u, v) in dashed)},
            )
        )
    return traces


def _banded_edge_traces(graph, positions: dict, top: int, dashed: set) -> list[go.Scatter]:
    """Edges grouped by width band, colour band and dash, each group one trace of segments split by gaps."""
    groups: dict[tuple[int, int, bool], tuple[list, list]] = {}
    for u, v, data in graph.edges(data=True):
        width_band = min(int((data["count"] / top) ** 0.5 * WIDTH_BANDS), WIDTH_BANDS - 1)
        colour_band = min(int((data["mean_score"] + 10) / 20 * COLOUR_BANDS), COLOUR_BANDS - 1)
        xs, ys = groups.setdefault((width_band, colour_band, (u, v) in dashed), ([], []))
        (x0, y0), (x1, y1) = positions[u], positions[v]
        xs += [x0, x1, None]
        ys += [y0, y1, None]
    traces = []
    for (width_band, colour_band, imported), (xs, ys) in sorted(groups.items()):
        colour = sample_colorscale(DIVERGING, [(colour_band + 0.5) / COLOUR_BANDS])[0]
        width = 1.5 + 8.5 * ((width_band + 0.5) / WIDTH_BANDS)
        line = {"width": width, "color": colour, **_dash(imported)}
        traces.append(go.Scatter(x=_points(xs), y=_points(ys), mode="lines", hoverinfo="skip",
                                 showlegend=False, line=line))  # fmt: skip
    return traces


def _points(values: list) -> np.ndarray:
    """Coordinates as one float array, a gap (None) as NaN, which breaks a line as null does.

    Why: plotly checks a list item by item (about 30 ms for the 3,500 points of 1,176 ties), an array at
    once; the chart draws the same (the exported image is identical)."""
    return np.array(values, dtype=float)


def _rows(items: list[list]) -> np.ndarray:
    """Per-point customdata as one object array: plotly checks a list of lists item by item (28 ms for
    1,082 ties), an array at once; the figure's JSON is the same."""
    return np.array(items, dtype=object)


def _edge_handles(graph, positions: dict, mixed: bool) -> go.Scatter:
    """Markers at edge midpoints: they carry the hover text and make edges selectable; where the ties mix
    curated and imported rows, the hover says how many of each tie's interactions are imported."""
    edges = list(graph.edges(data=True))
    custom = [["edge", u, v, d["count"], d["mean_score"]] for u, v, d in edges]
    imported = ""
    if mixed:
        custom = [[*row, d.get("imported", 0)] for row, (_, _, d) in zip(custom, edges, strict=True)]
        imported = ", %{customdata[5]} of them imported (field data)"
    return go.Scatter(
        x=_points([(positions[u][0] + positions[v][0]) / 2 for u, v, _ in edges]),
        y=_points([(positions[u][1] + positions[v][1]) / 2 for u, v, _ in edges]),
        mode="markers",
        showlegend=False,
        name="Ties",
        marker={
            "size": 9,
            "color": _points([d["mean_score"] for _, _, d in edges]),
            "colorscale": DIVERGING,
            "cmin": -10,
            "cmax": 10,
            "opacity": 0.85,
            "line": {"width": 0.5, "color": "white"},
            "colorbar": {"title": {"text": "Mean score"}, "thickness": 14, "len": 0.6},
        },
        customdata=_rows(custom),
        hovertemplate=f"%{{customdata[1]}} – %{{customdata[2]}}<br>Interactions: %{{customdata[3]}}{imported}"
        " · mean score %{customdata[4]:+.1f}<extra></extra>",
    )


# Where the actors are drawn on a page, in pixels: a 1400-pixel-wide window shows the chart's actors over
# about 690 x 460 (the plot area less the colour bar and the room the axes leave around the markers); a wider
# window spreads them more, so names that clear each other here clear there too.
PLOT_PIXELS = (690, 460)
CHAR_PIXELS, LINE_PIXELS = 7.5, 15  # a name's width per character and its height at the chart's font size
GAP_PIXELS = 3  # between a node's marker and a name beside it


def marker_size(weighted_degree: float, top: float) -> float:
    """A node's marker diameter in pixels: 14 to 48 by the square root of its share of the busiest node."""
    return 14 + 34 * (weighted_degree / top) ** 0.5


def _pixels(positions: dict, nodes: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The nodes' approximate pixels in the drawing (PLOT_PIXELS), and pixels per layout unit on each axis."""
    xy = np.array([positions[n] for n in nodes], dtype=float).reshape(-1, 2)
    scale = np.array(PLOT_PIXELS, dtype=float) / np.maximum(np.ptp(xy, axis=0), 1e-9)
    return (xy - xy.min(axis=0)) * scale, scale


SEPARATION_ROUNDS = 60  # passes of pairwise pushing; the curated networks settle in under ten


def separated(positions: dict, nodes: list[str], sizes: list[float]) -> dict[str, tuple[float, float]]:
    """The positions, with markers that overlap in the drawing pushed apart until a gap shows between them.

    Why: the spring layout places points, not discs; a hub's 48-pixel marker then hides a neighbour drawn
    a few pixels away (in the curated network Ukraine sat under China). Each overlapping pair moves apart
    along the line between them, the smaller marker the more, so hubs stay where the layout put them."""
    if len(nodes) < 2:
        return dict(positions)
    px, scale = _pixels(positions, nodes)
    origin = np.array([positions[n] for n in nodes], dtype=float).min(axis=0)
    radii = np.asarray(sizes, dtype=float) / 2
    need = radii[:, None] + radii[None, :] + GAP_PIXELS
    share = radii[None, :] / (radii[:, None] + radii[None, :])  # i's part of the push: its partner's radius
    np.fill_diagonal(need, 0)
    order = np.sign(np.arange(len(nodes))[:, None] - np.arange(len(nodes))[None, :])
    for _ in range(SEPARATION_ROUNDS):
        delta = px[:, None, :] - px[None, :, :]
        distance = np.hypot(delta[..., 0], delta[..., 1])
        overlap = np.where(distance < need, need - distance, 0.0)
        if not overlap.any():
            break
        coincident = distance == 0  # two nodes on one point: parted along x, the later one to the right
        delta[..., 0] = np.where(coincident, order, delta[..., 0])
        distance = np.where(coincident, 1.0, distance)
        push = (overlap * share / distance)[..., None] * delta
        px = px + 0.5 * push.sum(axis=1)  # half of each overlap a pass: several neighbours push at once
    moved = origin + px / scale
    return {n: (round(float(x), 6), round(float(y), 6)) for n, (x, y) in zip(nodes, moved, strict=True)}


def label_positions(positions: dict, nodes: list[str], sizes: list[float]) -> list[str]:
    """Per node, where its name goes: above it, else below, else right, else left, whichever first covers
    no other node and no name already placed (busiest nodes placed first); above when none is clear.

    Why: two actors of a small component, or two hubs, are often drawn nearly on top of each other, and
    names above both then overprint. Positions are turned into approximate pixels of the drawing."""
    pixels, _ = _pixels(positions, nodes)
    px, py = pixels[:, 0], pixels[:, 1]
    radii = np.asarray(sizes, dtype=float) / 2
    placed: list[tuple[float, float, float, float]] = []
    out = ["top center"] * len(nodes)
    for i in sorted(range(len(nodes)), key=lambda k: -sizes[k]):
        x, y, r = px[i], py[i], radii[i]
        wide, half_line = len(nodes[i]) * CHAR_PIXELS, LINE_PIXELS / 2
        boxes = {
            "top center": (x - wide / 2, x + wide / 2, y + r, y + r + LINE_PIXELS),
            "bottom center": (x - wide / 2, x + wide / 2, y - r - LINE_PIXELS, y - r),
            "middle right": (x + r + GAP_PIXELS, x + r + GAP_PIXELS + wide, y - half_line, y + half_line),
            "middle left": (x - r - GAP_PIXELS - wide, x - r - GAP_PIXELS, y - half_line, y + half_line),
        }
        clear = [where for where, box in boxes.items() if not _covers(box, i, px, py, radii, placed)]
        out[i] = clear[0] if clear else "top center"
        placed.append(boxes[out[i]])
    return out


def _covers(box, own: int, px, py, radii, placed) -> bool:
    """True when the label box overlaps another node's marker or a label already placed."""
    x0, x1, y0, y1 = box
    nearest_x, nearest_y = np.clip(px, x0, x1), np.clip(py, y0, y1)
    hits = (px - nearest_x) ** 2 + (py - nearest_y) ** 2 < radii**2
    hits[own] = False
    return bool(hits.any()) or any(x0 < b1 and b0 < x1 and y0 < c1 and c0 < y1 for b0, b1, c0, c1 in placed)


def marker_sizes(graph) -> list[float]:
    """Each node's marker diameter, in the graph's node order."""
    top = max((d.get("weighted_degree", 1) for _, d in graph.nodes(data=True)), default=1)
    return [marker_size(d.get("weighted_degree", 1), top) for _, d in graph.nodes(data=True)]


def _node_trace(graph, positions: dict, focus: str | None, sizes: list[float]) -> go.Scatter:
    nodes = list(graph.nodes(data=True))
    colours = [COMMUNITY_COLOURS[d.get("community", 0) % len(COMMUNITY_COLOURS)] for _, d in nodes]
    return go.Scatter(
        x=[positions[n][0] for n, _ in nodes],
        y=[positions[n][1] for n, _ in nodes],
        mode="markers+text",
        text=[n for n, _ in nodes],
        textposition=label_positions(positions, [n for n, _ in nodes], sizes),
        showlegend=False,
        textfont={"size": 12, "color": INK},
        name="Actors",
        marker={
            "size": sizes,
            "color": colours,
            "opacity": 0.9,
            "line": {"width": [3 if n == focus else 1 for n, _ in nodes], "color": INK},
        },
        customdata=_rows(
            [
                ["node", n, d.get("name", n), d.get("weighted_degree", 0), d.get("community", 0)]
                for n, d in nodes
            ]
        ),
        hovertemplate="<b>%{customdata[2]}</b> (%{customdata[1]})<br>Interactions: %{customdata[3]} · "
        "community %{customdata[4]}<extra></extra>",
    )


def _imported_key() -> go.Scatter:
    """The legend entry of the dashed ties: a line with no points."""
    return go.Scatter(
        x=[None],
        y=[None],
        mode="lines",
        name=IMPORTED_TIES_LABEL,
        hoverinfo="skip",
        line={"width": 2, "color": INK, "dash": "dash"},
    )


def network_figure(data: NetworkData) -> go.Figure:
    """Actors as nodes (size: interactions, colour: community); ties as lines (width: count, colour: mean)."""
    graph, positions, title, focus = data.graph, data.positions, data.title, data.focus
    if graph.number_of_nodes() == 0:
        return empty_figure(title, "No ties between actors match the filter.")
    sizes = marker_sizes(graph)
    positions = separated(positions, list(graph.nodes), sizes)
    drawn = strongest_ties(graph, data.max_ties)
    if drawn is not graph:
        title = f"{title} · strongest {drawn.number_of_edges():,} of {graph.number_of_edges():,} ties"
    dashed = imported_ties(drawn)
    fig = go.Figure(_edge_traces(drawn, positions, dashed, graph.number_of_edges() > MAX_EDGE_TRACES))
    fig.add_trace(_edge_handles(drawn, positions, mixed=mixes_sources(graph)))
    fig.add_trace(_node_trace(graph, positions, focus, sizes))
    hidden = {"visible": False, "showgrid": False, "zeroline": False}
    fig.update_layout(
        template=CHART_TEMPLATE,
        title={"text": title},
        height=620,
        xaxis=hidden,
        yaxis=hidden,
        margin={"l": 16, "r": 16, "t": 70, "b": 16},
        dragmode="pan",
    )
    if dashed:
        fig.add_trace(_imported_key())
        fig.update_layout(
            showlegend=True,
            legend={"orientation": "h", "x": 0, "y": 1, "xanchor": "left", "yanchor": "bottom"},
        )
    return fig
