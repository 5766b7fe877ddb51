"""The actor graph: aggregation, roll-up, centrality, communities, ego view, layout."""

import networkx as nx
import pytest

from bilateral.analysis import graph, queries
from bilateral.filters import Filter
from bilateral.registry import load_actors


@pytest.fixture(scope="module")
def actors():
    return load_actors()


def build(db, actors, rollup=True):
    return graph.build_actor_graph(queries.edge_table(db, Filter(), rollup), actors)


def test_edges_aggregate_pairs_in_either_direction(db, actors):
    g = build(db, actors)
    data = g.edges["CHN", "RUS"]
    assert data["count"] == 7
    assert data["mean_score"] == pytest.approx(sum([4, 6, 1, 6, -4, 4, 3.5]) / 7)
    assert g.nodes["CHN"]["name"] == "China"
    assert g.nodes["RUS"]["weighted_degree"] == 7 + 1 + 1 + 1


@pytest.mark.parametrize(
    ("rollup", "nodes"),
    [
        (True, {"CHN", "RUS", "USA", "EU", "UKR"}),
        (False, {"CHN", "RUS", "USA", "EU", "UKR", "CHN_XI", "RUS_PUTIN"}),
    ],
)
def test_rollup_switch(db, actors, rollup, nodes):
    assert set(build(db, actors, rollup).nodes) == nodes


def test_centrality_table_and_communities(db, actors):
    g = graph.add_communities(build(db, actors))
    table = graph.centrality_table(g)
    assert list(table.columns) == graph.CENTRALITY_COLUMNS
    assert table.iloc[0]["actor"] == "RUS"
    assert table.set_index("actor").loc["RUS", "betweenness"] > 0
    assert table["community"].notna().all()
    again = graph.centrality_table(graph.add_communities(build(db, actors)))
    assert table.equals(again)  # fixed seeds: same input, same table


def test_ego_graph(db, actors):
    g = build(db, actors)
    ego = graph.ego_graph(g, "UKR")
    assert set(ego.nodes) == {"UKR", "RUS"}
    assert graph.ego_graph(g, "NOPE").number_of_nodes() == 0


def test_layout_is_seeded(db, actors):
    g = build(db, actors)
    assert graph.layout(g) == graph.layout(g.copy())
    assert graph.layout(nx.Graph()) == {}


def test_empty_graph(db, actors):
    g = graph.build_actor_graph(queries.edge_table(db, Filter(text="nothing like this"), True), actors)
    assert g.number_of_nodes() == 0 and graph.centrality_table(g).empty
