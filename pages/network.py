"""Actor network: who interacts with whom, how much and how warmly; centrality, communities, ego view."""

import streamlit as st

from bilateral.analysis import graph as actor_graph
from bilateral.charts.network import DEFAULT_TIES, TIE_CHOICES
from bilateral.charts.style import IMPORTED_TIES_LABEL
from ui import loaders, views
from ui.downloads import chart_downloads, graph_downloads
from ui.sidebar import filter_sidebar

SHARE = {"format": "%.2f", "min_value": 0.0, "max_value": 1.0}
DASHED_NOTE = (
    " Dashed lines: ties resting mostly on imported, machine-coded field data rather than curated records;"
    " a tie's dot says how many of its interactions are imported."
)

flt = filter_sidebar()
st.title("Actor network")
st.caption(flt.describe())

# The toggle has a row of its own: in a column beside the two selects its label was cut at 1100-1400 px.
rollup = st.toggle(
    "Roll leaders and state bodies up to their state", value=True, key="network_rollup",
    help="Off: Xi Jinping, Putin, ministries ... appear as actors of their own",
)  # fmt: skip
graph, centrality = loaders.network(flt, rollup)
if graph.number_of_nodes() == 0:
    views.nothing_matches(flt, "No ties between actors match")
ego_col, ties_col, _ = st.columns([3, 2, 2])

nodes = centrality["actor"].tolist()
if "network_ego" not in st.session_state and len(flt.actors) == 1 and flt.actors[0] in nodes:
    st.session_state["network_ego"] = flt.actors[0]
if st.session_state.get("network_ego") not in (None, *nodes):
    st.session_state["network_ego"] = None
names = {row.actor: row.name for row in centrality.itertuples()}
ego = ego_col.selectbox(
    "Ego network of", [None, *nodes], key="network_ego",
    format_func=lambda c: "Everyone (whole network)" if c is None else f"{c} · {names.get(c, c)}",
)  # fmt: skip

view = graph if ego is None else actor_graph.ego_graph(graph, ego)
ties = view.number_of_edges()
max_ties = DEFAULT_TIES
if ties > TIE_CHOICES[0]:  # a small network is drawn whole, with no control that would do nothing
    max_ties = ties_col.selectbox(
        "Ties drawn", TIE_CHOICES, index=TIE_CHOICES.index(DEFAULT_TIES), key="network_ties",
        format_func=lambda n: f"Every tie ({ties:,})" if n is None else f"Strongest {n:,}",
        help="The ties with most interactions; centrality, communities and the GraphML/GEXF downloads "
        "use every tie",
    )  # fmt: skip

fig = loaders.figure("network", flt, rollup=rollup, ego=ego, max_ties=max_ties)
picked = views.chart(fig, key="network_chart")
chart_downloads(fig, name="network", flt=flt, n_records=loaders.count(flt), key="network")
graph_downloads(graph, flt, key="network_graph")
dashed = IMPORTED_TIES_LABEL in {trace.name for trace in fig.data}
drawn = actor_graph.ties_drawn(ties, max_ties)
st.caption(
    "Node size: interactions; node colour: community (Louvain). Line width: interactions between the pair; "
    "line colour: their mean score, from tension (red) to cooperation (blue). Drag to pan, scroll to zoom."
    + (DASHED_NOTE if dashed else "")
    + (f" Drawn: the {drawn:,} strongest of {ties:,} ties." if drawn < ties else "")
)
views.selection(
    loaders.selection(flt, picked, rollup=rollup),
    key="network_records",
    prompt="Click an actor or the dot on a tie to list its records.",
)

st.subheader("Centrality and communities")
shown = centrality if ego is None else centrality[centrality["actor"].isin(view)]
st.dataframe(
    shown, hide_index=True, key="network_centrality",
    column_config={
        "actor": st.column_config.TextColumn("Code", width="small"),
        "name": st.column_config.TextColumn("Actor"),
        "interactions": st.column_config.NumberColumn("Interactions", help="weighted degree"),
        "degree": st.column_config.ProgressColumn("Degree", **SHARE),
        "betweenness": st.column_config.ProgressColumn("Betweenness", **SHARE),
        "eigenvector": st.column_config.ProgressColumn("Eigenvector", **SHARE),
        "community": st.column_config.NumberColumn("Community"),
    },
)  # fmt: skip
