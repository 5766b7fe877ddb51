"""The actor network as GraphML and GEXF (Gephi), with every attribute a scalar those formats can hold.

networkx refuses None, tuples, lists, dicts and numpy scalars in GraphML; a graph built for the charts
carries such things (themes as tuples, positions), so the exported copy flattens them first.
"""

from __future__ import annotations

import io
import numbers

import networkx as nx


def safe_value(value):
    """A GraphML/GEXF-safe scalar: bool, int, float or str; None when the attribute should be dropped."""
    if value is None:
        return None
    if isinstance(value, bool | str):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        return number if number == number else None  # NaN means "unknown": leave the attribute out
    if isinstance(value, list | tuple | set | frozenset):
        return ";".join(str(v) for v in value)
    return str(value)


def _safe_attrs(attrs: dict) -> dict:
    out = {}
    for key, value in attrs.items():
        safe = safe_value(value)
        if safe is not None:
            out[str(key)] = safe
    return out


def safe_graph(graph: nx.Graph) -> nx.Graph:
    """A copy of the graph (same class, same nodes and edges) whose ids are text and attributes scalars."""
    out = graph.__class__()
    out.graph.update(_safe_attrs(graph.graph))
    for node, attrs in graph.nodes(data=True):
        out.add_node(str(node), **_safe_attrs(attrs))
    if graph.is_multigraph():
        for u, v, key, attrs in graph.edges(keys=True, data=True):
            out.add_edge(str(u), str(v), key=key, **_safe_attrs(attrs))
    else:
        for u, v, attrs in graph.edges(data=True):
            out.add_edge(str(u), str(v), **_safe_attrs(attrs))
    return out


def graph_graphml(graph: nx.Graph) -> bytes:
    """GraphML bytes that nx.read_graphml loads back with the same nodes and edges."""
    buffer = io.BytesIO()
    nx.write_graphml(safe_graph(graph), buffer, encoding="utf-8", named_key_ids=True)
    return buffer.getvalue()


def graph_gexf(graph: nx.Graph) -> bytes:
    """GEXF 1.2 bytes for Gephi; nx.read_gexf loads them back with the same nodes and edges."""
    buffer = io.BytesIO()
    nx.write_gexf(safe_graph(graph), buffer, encoding="utf-8")
    return buffer.getvalue()
