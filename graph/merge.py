"""Rows of plan graphs merged into one networkx graph: the rule the build and the store share.

Kept apart from ``graph.build`` so that loading a store (every query's first step) imports
neither the parser's vocabularies nor the build's walk over a plan: only this rule and the schema.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from .schema import NODES, NodeType

if TYPE_CHECKING:
    import networkx as nx

Attrs = dict[str, Any]


def merge_into(graph: "nx.MultiDiGraph", nodes: Iterable[tuple[str, Attrs]],
               edges: Iterable[tuple[str, str, str, Attrs]]) -> None:
    """Add nodes and edges to ``graph``, merging shared ones that are already there.

    Shared nodes and edges follow ``schema.merge_shared`` (lists become the sorted union, a
    scalar keeps its first value). The lists are collected in sets and sorted once at the end, so
    a node that hundreds of plans share (an indicator, a region) costs the same per plan however
    many plans came before. The store calls this too when it loads, so a graph read back from disk
    is built by the same rule as one built from plans.
    """
    pending: dict[int, tuple[Attrs, dict[str, set]]] = {}

    def merge(target: Attrs, new: Attrs) -> None:
        lists = pending.setdefault(id(target), (target, {}))[1]
        for key, value in new.items():
            if isinstance(value, list):
                lists.setdefault(key, set(target.get(key) or ())).update(value)
            elif target.get(key) is None:
                target[key] = value

    node_data = graph.nodes
    for node, attrs in nodes:
        if node in node_data:
            if NODES[NodeType(attrs["type"])].shared:
                merge(node_data[node], attrs)
        else:
            graph.add_node(node, **attrs)
    for src, dst, rel, attrs in edges:
        if graph.has_edge(src, dst, rel):
            if "plans" in attrs:
                merge(graph.edges[src, dst, rel], attrs)
        else:
            graph.add_edge(src, dst, key=rel, **attrs)
    for target, lists in pending.values():
        for key, values in lists.items():
            target[key] = sorted(values)
