"""The actor graph: aggregation, roll-up, centrality, communities, ego view, layout."""

import networkx as nx
import pytest
from helpers import Watched

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


def _ties(*counts: tuple[int, int]) -> nx.Graph:
    """A graph whose ties A0-B0, A1-B1, ... have these (count, imported)."""
    g = nx.Graph()
    for n, (count, imported) in enumerate(counts):
        g.add_edge(f"A{n}", f"B{n}", count=count, imported=imported)
    return g


@pytest.mark.parametrize(
    ("counts", "mixed", "dashed"),
    [
        ([(5, 0), (3, 0)], False, set()),  # curated only: nothing drawn apart
        ([(5, 5), (3, 3)], False, set()),  # imported only: nothing to tell apart
        ([(5, 3), (4, 2), (3, 0)], True, {("A0", "B0")}),  # more than half imported; half is not
        ([(5, 1), (3, 0)], True, set()),  # mixed, but no tie rests mostly on imported rows
    ],
)
def test_imported_ties_only_where_sources_mix(counts, mixed, dashed):
    g = _ties(*counts)
    assert graph.mixes_sources(g) is mixed
    assert graph.imported_ties(g) == dashed


def test_curated_edges_have_no_imported_interactions(db, actors):
    g = build(db, actors)
    assert {d["imported"] for _, _, d in g.edges(data=True)} == {0}
    assert not graph.mixes_sources(g)


def test_eigenvector_matches_networkx_per_component():
    """The matrix power iteration gives networkx's eigenvector centrality scaled by component share."""
    import random

    rng = random.Random(7)
    g = nx.Graph()
    g.add_weighted_edges_from(
        ((f"A{i}", f"A{j}", rng.randint(1, 40)) for i in range(30) for j in range(i) if rng.random() < 0.3),
        weight="count",
    )
    g.add_weighted_edges_from(
        [("B1", "B2", 3), ("B2", "B3", 1), ("B3", "B1", 5), ("B3", "B4", 2)], weight="count"
    )
    g.add_edge("C1", "C2", count=9)  # too small to score
    scores = graph.eigenvector(g)
    for nodes in nx.connected_components(g):
        part = g.subgraph(nodes)
        expected = (
            nx.eigenvector_centrality(part, weight="count", max_iter=2000, tol=1e-8)
            if len(nodes) >= 3
            else dict.fromkeys(nodes, 0.0)
        )
        share = len(nodes) / g.number_of_nodes()
        for node in nodes:
            assert scores[node] == pytest.approx(expected[node] * share, abs=1e-12)


def test_the_network_page_builds_its_graph_once_and_no_one_can_change_it(db, actors):
    """The centrality table and the chart draw one graph, kept frozen in the database's memo."""

    from bilateral import charts
    from bilateral.page_steps import PAGES

    def edge_queries(memo: bool) -> int:
        watched = Watched(db, memo=memo)
        done = {}
        for step in PAGES["network"]:
            done[step.name] = step.run(watched, Filter(), done)
        return sum("AS pair, count(*) AS count, avg(score) AS mean_score" in sql for sql in watched.sql)

    assert edge_queries(memo=False) == 2 and edge_queries(memo=True) == 1
    kept = Watched(db, memo=True)
    first = charts.network_graph(kept, Filter(), actors=actors)
    assert charts.network_graph(kept, Filter(), actors=actors) is first
    assert charts.network_graph(kept, Filter(), rollup=False, actors=actors) is not first
    with pytest.raises(nx.NetworkXError):
        first.add_edge("CHN", "ZZZ")
    renamed = {**actors, "CHN": actors["CHN"].model_copy(update={"name": "People's Republic of China"})}
    other = charts.network_graph(kept, Filter(), actors=renamed)  # another registry: another graph
    assert other.nodes["CHN"]["name"] == "People's Republic of China"
    assert first.nodes["CHN"]["name"] == "China"


def test_strongest_ties_keep_every_actor_and_the_ties_with_most_interactions():
    g = nx.Graph()
    g.add_nodes_from(["A", "B", "C", "D", "E"], kind="state")
    g.add_edges_from([("A", "B", {"count": 9}), ("C", "D", {"count": 2}), ("B", "C", {"count": 5}),
                      ("A", "C", {"count": 5}), ("D", "A", {"count": 1})])  # fmt: skip
    kept = graph.strongest_ties(g, 3)
    assert sorted(kept.nodes) == ["A", "B", "C", "D", "E"] and kept.nodes["E"] == {"kind": "state"}
    assert {tuple(sorted(e)) for e in kept.edges} == {("A", "B"), ("A", "C"), ("B", "C")}
    assert sorted(e for e in graph.strongest_ties(g, 2).edges) == [("A", "B"), ("A", "C")]  # equal: by codes
    assert kept.edges["A", "B"]["count"] == 9
    assert graph.strongest_ties(g, 5) is g and graph.strongest_ties(g, None) is g
    for limit in (None, 1, 2, 3, 4, 5):
        assert graph.strongest_ties(g, limit).number_of_edges() == graph.ties_drawn(
            g.number_of_edges(), limit
        )


def test_a_network_of_several_parts_packs_the_small_ones_beneath_the_largest():
    main = nx.cycle_graph([f"M{i}" for i in range(8)])
    main.add_edges_from([("M0", "M4"), ("M2", "M6")])
    whole = main.copy()
    whole.add_edge("HUAWEI", "MTS", count=3)
    whole.add_node("LONE")
    for u, v in whole.edges:
        whole.edges[u, v].setdefault("count", 5)
    for n in whole.nodes:
        whole.nodes[n]["weighted_degree"] = whole.degree(n, weight="count")
    positions = graph.layout(whole)
    alone = graph.layout(whole.subgraph(main.nodes))
    assert {n: positions[n] for n in main.nodes} == alone  # the largest part as if drawn alone
    left, right = min(x for x, _ in alone.values()), max(x for x, _ in alone.values())
    bottom, top = min(y for _, y in alone.values()), max(y for _, y in alone.values())
    for small in ("HUAWEI", "MTS", "LONE"):
        x, y = positions[small]
        assert left <= x <= right and bottom - 0.6 < y < bottom  # beneath it, close, within its width
    assert positions["HUAWEI"] != positions["MTS"] and positions["MTS"][0] < positions["LONE"][0]
    assert graph.layout(whole) == positions and top > bottom
