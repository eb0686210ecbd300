"""department-labels: every department's id, canonical name and aliases, from any backend.

What name resolution reads (``queries.portfolio``): it runs on the same backend as the question,
so resolution sees what that backend holds, and then happens once, in Python, for all of them.
Rows: ``{"id", "name", "aliases"}``, by id.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..backends import cypher_records, query_text
from ..lookups import DEPARTMENT, nodes_of
from ..rows import label_row, solution_labels

if TYPE_CHECKING:
    import networkx as nx

    from policykg.graph.sparql import Engine


@dataclass(frozen=True)
class Params:
    pass


def on_networkx(graph: "nx.MultiDiGraph", params: Params) -> list[dict[str, Any]]:
    return sorted((label_row(node, d["name"], d["aliases"]) for node, d in nodes_of(graph, DEPARTMENT)),
                  key=lambda row: row["id"])


def on_sparql(engine: "Engine", params: Params) -> list[dict[str, Any]]:
    return solution_labels(engine.select(query_text(__name__, "department_labels.rq")), "d", engine.base)


def on_cypher(session: Any, params: Params) -> list[dict[str, Any]]:
    records = cypher_records(session, query_text(__name__, "department_labels.cypher"), {})
    return sorted((label_row(r["id"], r["name"], r["aliases"]) for r in records),
                  key=lambda row: row["id"])
