"""The actor graph (networkx): actors as nodes, interactions aggregated by pair as edges.

Edges carry `count`, `mean_score`, `score_sum` and `imported` (how many of the count are machine-coded
field data); nodes carry `name`, `kind`, `weighted_degree` and, once `add_communities` ran, `community`.
Every random step takes a fixed seed, so the same records always give the same picture.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd

from bilateral.model import Actor

LAYOUT_SEED = 7
COMMUNITY_SEED = 7
CENTRALITY_COLUMNS = ["actor", "name", "interactions", "degree", "betweenness", "eigenvector", "community"]


def build_actor_graph(edges: pd.DataFrame, actors: dict[str, Actor]) -> nx.Graph:
    """The undirected actor graph from an edge table (queries.edge_table: source, target, count, mean_score,
    score_sum, imported); edges are added in the table's order, so the same records give the same graph."""
    graph = nx.Graph()
    for row in edges.itertuples(index=False):
        graph.add_edge(
            row.source,
            row.target,
            count=int(row.count),
            mean_score=float(row.mean_score),
            score_sum=float(row.score_sum),
            imported=int(row.imported),
        )
    for node in graph.nodes:
        actor = actors.get(node)
        graph.nodes[node]["name"] = actor.name if actor else node
        graph.nodes[node]["kind"] = actor.kind.value if actor else "other"
        graph.nodes[node]["weighted_degree"] = int(graph.degree(node, weight="count"))
    return graph


def mixes_sources(graph: nx.Graph) -> bool:
    """True when the graph's ties rest on both curated and imported (machine-coded field data) rows."""
    ties = list(graph.edges(data=True))
    imported = sum(d.get("imported", 0) for _, _, d in ties)
    return 0 < imported < sum(d["count"] for _, _, d in ties)


def imported_ties(graph: nx.Graph) -> set[tuple[str, str]]:
    """The ties (u, v) resting mostly (more than half their count) on imported field data, when the
    graph mixes sources; none when its ties are all of one kind (as the timeline marks only mixed bars)."""
    if not mixes_sources(graph):
        return set()
    return {(u, v) for u, v, d in graph.edges(data=True) if 2 * d.get("imported", 0) > d["count"]}


def add_communities(graph: nx.Graph, seed: int = COMMUNITY_SEED) -> nx.Graph:
    """A copy of the graph with a `community` number on each node (Louvain; 0 is the largest)."""
    out = graph.copy()
    if out.number_of_nodes() == 0:
        return out
    found = nx.community.louvain_communities(out, weight="count", seed=seed)
    ordered = sorted(found, key=lambda c: (-len(c), sorted(c)))
    for number, members in enumerate(ordered):
        for node in members:
            out.nodes[node]["community"] = number
    return out


def eigenvector(graph: nx.Graph) -> dict[str, float]:
    """Eigenvector centrality per node, computed per connected component (it is undefined across them).

    Each component's share of the nodes scales its values, so a small island does not outrank the main
    component's hubs. A component that does not converge scores 0.
    """
    scores: dict[str, float] = {}
    for nodes in nx.connected_components(graph):
        if len(nodes) < 3:
            scores.update({n: 0.0 for n in nodes})
            continue
        values = _power_iteration(graph.subgraph(nodes))
        share = len(nodes) / graph.number_of_nodes()
        scores.update({n: v * share for n, v in values.items()})
    return scores


def _power_iteration(part: nx.Graph, max_iter: int = 2000, tol: float = 1e-8) -> dict[str, float]:
    """networkx's eigenvector_centrality (weight "count", same start, step and stopping rule) on a matrix.

    Why not networkx's own: its power iteration walks every tie in Python on each of hundreds of steps
    (56 ms for 49 actors and 1,176 ties); the same steps as a matrix product take under a millisecond,
    and scipy (which networkx's matrix variant needs) is not a dependency."""
    nodes = list(part)
    step = nx.to_numpy_array(part, nodelist=nodes, weight="count") + np.eye(len(nodes))
    x = np.full(len(nodes), 1.0 / len(nodes))
    for _ in range(max_iter):
        last = x
        x = step @ last
        x /= np.linalg.norm(x) or 1.0
        if np.abs(x - last).sum() < len(nodes) * tol:
            return dict(zip(nodes, x.tolist(), strict=True))
    return dict.fromkeys(nodes, 0.0)


def centrality_table(graph: nx.Graph) -> pd.DataFrame:
    """Per actor: interactions (weighted degree), degree, betweenness, eigenvector centrality, community."""
    if graph.number_of_nodes() == 0:
        return pd.DataFrame(columns=CENTRALITY_COLUMNS)
    degree = nx.degree_centrality(graph)
    betweenness = nx.betweenness_centrality(graph)
    eigen = eigenvector(graph)
    rows = [
        {
            "actor": node,
            "name": data.get("name", node),
            "interactions": data.get("weighted_degree", 0),
            "degree": degree[node],
            "betweenness": betweenness[node],
            "eigenvector": eigen[node],
            "community": data.get("community"),
        }
        for node, data in graph.nodes(data=True)
    ]
    table = pd.DataFrame(rows, columns=CENTRALITY_COLUMNS)
    return table.sort_values(["interactions", "actor"], ascending=[False, True]).reset_index(drop=True)


def ego_graph(graph: nx.Graph, actor: str, radius: int = 1) -> nx.Graph:
    """The actor with its neighbours up to `radius` steps and the edges among them; empty if unknown."""
    if actor not in graph:
        return nx.Graph()
    return nx.ego_graph(graph, actor, radius=radius).copy()


def ties_drawn(ties: int, limit: int | None) -> int:
    """How many of `ties` ties strongest_ties keeps with this limit (None: every tie)."""
    return ties if limit is None else min(ties, limit)


def strongest_ties(graph: nx.Graph, limit: int | None) -> nx.Graph:
    """The graph with every actor but only its `limit` strongest ties (most interactions; ties of equal
    count by the pair's codes, so the choice is stable); the graph itself when it has no more than that.

    Why: a million machine-coded rows tie nearly every actor to every other (1,176 ties among 49 actors):
    drawn all at once they are a hairball that says nothing and takes a browser ~0.1 s a draw. The strongest
    few hundred are the network's backbone; centrality and communities still come from every tie."""
    if ties_drawn(graph.number_of_edges(), limit) == graph.number_of_edges():
        return graph
    ranked = sorted(graph.edges(data=True), key=lambda e: (-e[2].get("count", 0), *sorted((e[0], e[1]))))
    kept = nx.Graph()
    kept.add_nodes_from(graph.nodes(data=True))
    kept.add_edges_from(ranked[:limit])
    return kept


def layout(graph: nx.Graph, seed: int = LAYOUT_SEED) -> dict[str, tuple[float, float]]:
    """Seeded spring layout, so the same graph is always drawn the same way.

    Ties pull by 1 + log(count), so one heavy pair does not collapse the picture; then a radial fisheye
    (r -> sqrt(r)) spreads the crowded core of hubs and draws in the long arms of the periphery. A network
    of several parts lays out its largest part so, and packs the others in a row beneath it, small.

    Why the packing: laid out together, parts that share no tie drift apart with nothing to hold them;
    the curated network's lone HUAWEI-MTS pair sat in a far corner, and the main network shrank into half
    of the chart."""
    if graph.number_of_nodes() == 0:
        return {}
    parts = sorted(nx.connected_components(graph), key=lambda part: (-len(part), min(part)))
    if len(parts) == 1:
        return _spread(graph, seed)
    main = _spread(graph.subgraph(parts[0]), seed)
    return {**main, **_packed_below(main, [_spread(graph.subgraph(part), seed) for part in parts[1:]])}


def _spread(graph: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    """The layout of one connected part (see layout)."""
    if graph.number_of_nodes() == 1:
        return {next(iter(graph.nodes)): (0.0, 0.0)}
    pulled = nx.Graph()
    pulled.add_nodes_from(sorted(graph.nodes))
    pulled.add_edges_from(
        (u, v, {"pull": 1 + math.log(d.get("count", 1))}) for u, v, d in graph.edges(data=True)
    )
    k = 2.0 / graph.number_of_nodes() ** 0.5
    positions = nx.spring_layout(pulled, weight="pull", seed=seed, k=k, iterations=300)
    return _fisheye(positions, [graph.nodes[n].get("weighted_degree", 1) for n in positions])


PART_SIZE, PART_GAP = 0.22, 0.12  # a small part's width per sqrt(actor), and the space around each


def _packed_below(main: dict, parts: list[dict]) -> dict[str, tuple[float, float]]:
    """The small parts, each scaled to PART_SIZE * sqrt(its actors), side by side from the main part's left
    edge in rows beneath it (a row is as wide as the main part, at least one part)."""
    xs, ys = [x for x, _ in main.values()], [y for _, y in main.values()]
    left, right = min(xs), max(xs)
    x, top, row_height, placed = left, min(ys) - PART_GAP, 0.0, {}
    for part in parts:
        size = PART_SIZE * len(part) ** 0.5
        if x > left and x + size > right:  # the row is full: start the next one beneath it
            x, top, row_height = left, top - row_height - PART_GAP, 0.0
        points = np.array(list(part.values()), dtype=float)
        span = np.ptp(points, axis=0).max()
        scaled = (points - points.min(axis=0)) / span * size if span else np.full_like(points, size / 2)
        for node, (px, py) in zip(part, scaled, strict=True):
            placed[node] = (round(float(x + px), 6), round(float(top - size + py), 6))
        x, row_height = x + size + PART_GAP, max(row_height, size)
    return placed


def _fisheye(positions: dict, weights: list[float], power: float = 0.5) -> dict[str, tuple[float, float]]:
    xy = np.array(list(positions.values()), dtype=float)
    centre = np.average(xy, axis=0, weights=np.maximum(weights, 1))
    offset = xy - centre
    radius = np.hypot(offset[:, 0], offset[:, 1])
    largest = radius.max() or 1.0
    scale = np.where(radius > 0, (radius / largest) ** power * largest / np.where(radius > 0, radius, 1), 0)
    moved = centre + offset * scale[:, None]
    return {
        node: (round(float(x), 6), round(float(y), 6)) for node, (x, y) in zip(positions, moved, strict=True)
    }
