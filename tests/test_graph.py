"""The actor graph: aggregation, roll-up, centrality, communities, ego view, layout."""

import networkx as nx
import pytest

from bilateral import graph
from bilateral.registry import load_actors


@pytest.fixture(scope="module")
def actors():
    return load_actors()


def test_edges_aggregate_pairs_in_either_direction(interactions, actors):
    g = graph.build_actor_graph(interactions, actors)
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
def test_rollup_switch(interactions, actors, rollup, nodes):
    assert set(graph.build_actor_graph(interactions, actors, rollup).nodes) == nodes


def test_centrality_table_and_communities(interactions, actors):
    g = graph.add_communities(graph.build_actor_graph(interactions, actors))
    table = graph.centrality_table(g)
    assert list(table.columns) == graph.CENTRALITY_COLUMNS
    assert table.iloc[0]["actor"] == "RUS"
    assert table.set_index("actor").loc["RUS", "betweenness"] > 0
    assert table["community"].notna().all()
    again = graph.centrality_table(graph.add_communities(graph.build_actor_graph(interactions, actors)))
    assert table.equals(again)  # fixed seeds: same input, same table


def test_ego_graph(interactions, actors):
    g = graph.build_actor_graph(interactions, actors)
    ego = graph.ego_graph(g, "UKR")
    assert set(ego.nodes) == {"UKR", "RUS"}
    assert graph.ego_graph(g, "NOPE").number_of_nodes() == 0


def test_layout_is_seeded(interactions, actors):
    g = graph.build_actor_graph(interactions, actors)
    assert graph.layout(g) == graph.layout(g.copy())
    assert graph.layout(nx.Graph()) == {}


def test_records_for_selection(interactions):
    node = graph.records_for_selection(interactions, [["node", "UKR", "Ukraine"]])
    assert node["id"].tolist() == ["i-011"]
    edge = graph.records_for_selection(interactions, [["edge", "RUS", "USA"]])
    assert edge["id"].tolist() == ["i-002"]
    raw = graph.records_for_selection(interactions, [["edge", "CHN_XI", "RUS_PUTIN"]], rollup=False)
    assert raw["id"].tolist() == ["i-001", "i-007"]


def test_empty_graph(interactions, actors):
    g = graph.build_actor_graph(interactions.head(0), actors)
    assert g.number_of_nodes() == 0 and graph.centrality_table(g).empty
