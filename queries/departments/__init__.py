"""departments [--plan ID]: departments ranked by the measures they lead and support.

One row per department that is responsible for at least one measure: ``department``,
``region``, ``leads``, ``supports``, ``joint`` (measures counted once per role), ``measures``
(distinct measures) and ``plans`` (distinct plans). Ranked by leads, then supports, then shared,
most first; ties by name and region. The SPARQL and Cypher texts are the files beside this one.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from policykg.graph.schema import RELATION_ROLES

from ..backends import cypher_records, query_text
from ..lookups import DEPARTMENT, nodes_of
from ..rows import ordered

if TYPE_CHECKING:
    import networkx as nx

    from policykg.graph.sparql import Engine


@dataclass(frozen=True)
class Params:
    plan: str | None = None


def on_networkx(graph: "nx.MultiDiGraph", params: Params) -> list[dict[str, Any]]:
    keyed = []
    for dept, data in nodes_of(graph, DEPARTMENT):
        by_role: dict[str, set[str]] = {"lead": set(), "support": set(), "joint": set()}
        plans = set()
        for _, measure, rel, edge in graph.out_edges(dept, keys=True, data=True):
            if rel in RELATION_ROLES and params.plan in (None, edge["plan"]):
                by_role[RELATION_ROLES[rel]].add(measure)
                plans.add(edge["plan"])
        if plans:
            measures = set().union(*by_role.values())
            keyed.append(department_row(data["name"], data.get("region"), len(by_role["lead"]),
                                len(by_role["support"]), len(by_role["joint"]), len(measures),
                                len(plans)))
    return ordered(keyed)


def on_sparql(engine: "Engine", params: Params) -> list[dict[str, Any]]:
    solutions = engine.select(query_text(__name__, "departments.rq"), {"planFilter": params.plan})
    return ordered(department_row(s["department"], s["region"], s["leads"], s["supports"], s["joint"],
                                  s["measures"], s["plans"]) for s in solutions)


def department_row(name: str, region: str | None, leads: int, supports: int, joint: int,
           measures: int, plans: int) -> tuple[tuple, dict[str, Any]]:
    row = {"department": name, "region": region, "leads": leads, "supports": supports,
           "joint": joint, "measures": measures, "plans": plans}
    return (-leads, -supports, -joint, name, region or ""), row


def on_cypher(session: Any, params: Params) -> list[dict[str, Any]]:
    """The same rows from a Neo4j (Bolt) session holding the graph ``graph.neo4j_loader`` loaded."""
    records = cypher_records(session, query_text(__name__, "departments.cypher"), {"plan": params.plan})
    return ordered(department_row(r["department"], r["region"], r["leads"], r["supports"],
                                  r["joint"], r["measures"], r["plans"]) for r in records)
