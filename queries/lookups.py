"""Small walks over the networkx graph that several queries make."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from policykg.graph.schema import RELATION_ROLES, NodeType

from .rows import Unit, measure_ref

if TYPE_CHECKING:
    import networkx as nx

MEASURE = NodeType.MEASURE.value
DEPARTMENT = NodeType.DEPARTMENT.value


def nodes_of(graph: "nx.MultiDiGraph", node_type: str,
             plan: str | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """Nodes of one type, optionally of one plan only."""
    for node, data in graph.nodes(data=True):
        if data["type"] == node_type and (plan is None or data.get("plan") == plan):
            yield node, data


def units_of(graph: "nx.MultiDiGraph", measure: str) -> list[Unit]:
    """The responsible units of a measure as (rank, role, name)."""
    names = graph.nodes
    return [(data["rank"], RELATION_ROLES[rel], names[dept]["name"])
            for dept, _, rel, data in graph.in_edges(measure, keys=True, data=True)
            if rel in RELATION_ROLES]


def ref_of(data: dict[str, Any]) -> dict[str, str]:
    """The ``measure`` field of a row, from a measure node's attributes."""
    return measure_ref(data["local_id"], data["path"], data["title"])
