"""portfolio DEPT: the measures a department leads, supports or shares, across plans.

DEPT is resolved through the aliases the plans carry (``区发展改革委`` finds ``区发展改革局``):
departments whose name or an alias equals DEPT; if none does, those whose name or an alias
contains it. Each row adds ``department``, ``region`` and ``role`` (the department's own role)
to the measure row; rows come leads first, then supports, then shared, each in plan order.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from policykg.graph.schema import RELATION_ROLES

from .backends import sparql_template
from .lookups import DEPARTMENT, nodes_of, ref_of, units_of
from .rows import ROLE_ORDER, group, measure_ref, measure_row, ordered, solution_units

if TYPE_CHECKING:
    import networkx as nx

    from policykg.graph.sparql import Engine


@dataclass(frozen=True)
class Params:
    department: str
    plan: str | None = None


def on_networkx(graph: "nx.MultiDiGraph", params: Params) -> list[dict[str, Any]]:
    keyed = []
    for dept, data in _resolve(graph, params.department):
        for _, measure, rel, edge in graph.out_edges(dept, keys=True, data=True):
            if rel not in RELATION_ROLES or params.plan not in (None, edge["plan"]):
                continue
            m = graph.nodes[measure]
            role = RELATION_ROLES[rel]
            row = measure_row(m["plan"], ref_of(m), units_of(graph, measure),
                              department=data["name"], region=data.get("region"), role=role)
            keyed.append((row_key(row, m["order"]), row))
    return ordered(keyed)


def _resolve(graph: "nx.MultiDiGraph", name: str) -> list[tuple[str, dict[str, Any]]]:
    departments = list(nodes_of(graph, DEPARTMENT))
    exact = [(n, d) for n, d in departments if name == d["name"] or name in d["aliases"]]
    return exact or [(n, d) for n, d in departments
                     if any(name in label for label in (d["name"], *d["aliases"]))]


def on_sparql(engine: "Engine", params: Params) -> list[dict[str, Any]]:
    from policykg.graph.sparql import bind

    query = bind(sparql_template("portfolio"), name=params.department, planFilter=params.plan)
    keyed = []
    for (_, role, plan, order, local_id), found in group(
            engine.select(query), "d", "myRole", "plan", "order", "measure").items():
        first = found[0]
        row = measure_row(plan, measure_ref(local_id, first["path"], first["title"]),
                          solution_units(found), department=first["department"],
                          region=first["region"], role=role)
        keyed.append((row_key(row, order), row))
    return ordered(keyed)


def row_key(row: dict[str, Any], order: int) -> tuple:
    """Leads first, then plan order; a department name and region make the key unique."""
    return ROLE_ORDER[row["role"]], row["plan"], order, row["department"], row["region"] or ""


def on_cypher(session: Any, params: Params) -> list[dict[str, Any]]:
    """The same rows from a Neo4j (Bolt) session holding the graph ``graph.neo4j_loader`` loaded."""
    from .cypher import answer

    return answer("portfolio", session, params)
