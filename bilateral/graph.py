"""The actor graph (networkx): actors as nodes, interactions aggregated by pair as edges.

Edges carry `count`, `mean_score` and `score_sum`; nodes carry `name`, `kind`, `weighted_degree` and,
once `add_communities` ran, `community`. Every random step takes a fixed seed, so the same records
always give the same picture.
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


def actor_columns(rollup: bool) -> tuple[str, str]:
    """The two actor columns of the frame: states (rolled up) or the codes as coded."""
    return ("state1", "state2") if rollup else ("actor1", "actor2")


def edge_table(frame: pd.DataFrame, rollup: bool = True) -> pd.DataFrame:
    """Interactions aggregated by unordered actor pair: source, target, count, mean_score, score_sum."""
    first, second = actor_columns(rollup)
    pairs = frame.loc[frame[first] != frame[second], [first, second, "score"]]
    if pairs.empty:
        return pd.DataFrame(columns=["source", "target", "count", "mean_score", "score_sum"])
    low = pairs[[first, second]].min(axis=1)
    high = pairs[[first, second]].max(axis=1)
    grouped = pairs.assign(source=low, target=high).groupby(["source", "target"])["score"]
    return grouped.agg(count="size", mean_score="mean", score_sum="sum").reset_index()


def build_actor_graph(frame: pd.DataFrame, actors: dict[str, Actor], rollup: bool = True) -> nx.Graph:
    """The undirected actor graph of the interactions; self-pairs (an actor with itself) are left out."""
    graph = nx.Graph()
    for row in edge_table(frame, rollup).itertuples(index=False):
        graph.add_edge(
            row.source,
            row.target,
            count=int(row.count),
            mean_score=float(row.mean_score),
            score_sum=float(row.score_sum),
        )
    for node in graph.nodes:
        actor = actors.get(node)
        graph.nodes[node]["name"] = actor.name if actor else node
        graph.nodes[node]["kind"] = actor.kind.value if actor else "other"
        graph.nodes[node]["weighted_degree"] = int(graph.degree(node, weight="count"))
    return graph


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
    """Eigenvector centrality per node, computed per connected component (it is undefined across them)."""
    scores: dict[str, float] = {}
    for nodes in nx.connected_components(graph):
        part = graph.subgraph(nodes)
        if part.number_of_nodes() < 3:
            scores.update({n: 0.0 for n in nodes})
            continue
        try:
            values = nx.eigenvector_centrality(part, weight="count", max_iter=2000, tol=1e-8)
        except nx.PowerIterationFailedConvergence:
            values = {n: 0.0 for n in nodes}
        share = len(nodes) / graph.number_of_nodes()
        scores.update({n: v * share for n, v in values.items()})
    return scores


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


def layout(graph: nx.Graph, seed: int = LAYOUT_SEED) -> dict[str, tuple[float, float]]:
    """Seeded spring layout, so the same graph is always drawn the same way.

    Ties pull by 1 + log(count), so one heavy pair does not collapse the picture; then a radial fisheye
    (r -> sqrt(r)) spreads the crowded core of hubs and draws in the long arms of the periphery.
    """
    if graph.number_of_nodes() == 0:
        return {}
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


def records_between(frame: pd.DataFrame, first: str, second: str, rollup: bool = True) -> pd.DataFrame:
    """The interactions behind one edge (either direction)."""
    one, two = actor_columns(rollup)
    pair = {first, second}
    return frame.loc[[{a, b} == pair for a, b in zip(frame[one], frame[two], strict=True)]]


def records_of(frame: pd.DataFrame, actor: str, rollup: bool = True) -> pd.DataFrame:
    """The interactions behind one node: those the actor takes part in."""
    one, two = actor_columns(rollup)
    return frame.loc[(frame[one] == actor) | (frame[two] == actor)]


def records_for_selection(frame: pd.DataFrame, picked: list[list], rollup: bool = True) -> pd.DataFrame:
    """The interactions behind selected nodes (["node", code, ...]) and edges (["edge", a, b, ...])."""
    keep = pd.Series(False, index=frame.index)
    for item in picked:
        if item and item[0] == "node":
            keep |= frame.index.isin(records_of(frame, item[1], rollup).index)
        elif item and item[0] == "edge":
            keep |= frame.index.isin(records_between(frame, item[1], item[2], rollup).index)
    return frame.loc[keep]
