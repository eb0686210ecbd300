"""portfolio DEPT: the measures a department leads, supports or shares, across plans.

DEPT is resolved once, in Python, before any backend runs (``prepare``): every department of
every plan whose canonical name or one of whose aliases contains DEPT, ignoring case
(``区发展改革委`` finds ``区发展改革局``, which carries it as an alias; ``发展改革委`` finds the
发展改革委 of every city; the rule is ``queries.rows.matching``).
Every backend then receives the same department ids. Each row adds ``department``, ``region``
and ``role`` (the department's own role) to the measure row; rows come leads first, then
supports, then shared, each in plan order. The SPARQL and Cypher texts are the files beside
this one.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from policykg.graph.schema import RELATION_ROLES

from ..backends import cypher_records, query_text
from ..lookups import ref_of, units_of
from ..rows import (ROLE_ORDER, cypher_units, group, matching, measure_ref, measure_row, ordered,
                    solution_units)

if TYPE_CHECKING:
    import networkx as nx

    from policykg.graph.sparql import Engine


@dataclass(frozen=True)
class Params:
    department: str
    plan: str | None = None


@dataclass(frozen=True)
class Resolved:
    """What the backends answer: the departments DEPT names, and the plan filter."""
    departments: tuple[str, ...]
    plan: str | None = None


def prepare(params: Params, ask: Callable[..., list[dict[str, Any]]]) -> Resolved:
    """Resolve the name against the departments the backend holds (``department-labels``)."""
    return Resolved(matching(ask("department-labels"), params.department), params.plan)


def on_networkx(graph: "nx.MultiDiGraph", params: Resolved) -> list[dict[str, Any]]:
    keyed = []
    for dept in params.departments:
        data = graph.nodes[dept]
        for _, measure, rel, edge in graph.out_edges(dept, keys=True, data=True):
            if rel not in RELATION_ROLES or params.plan not in (None, edge["plan"]):
                continue
            m = graph.nodes[measure]
            row = measure_row(m["plan"], ref_of(m), units_of(graph, measure),
                              department=data["name"], region=data.get("region"),
                              role=RELATION_ROLES[rel])
            keyed.append((row_key(row, m["order"]), row))
    return ordered(keyed)


def on_sparql(engine: "Engine", params: Resolved) -> list[dict[str, Any]]:
    from policykg.graph.sparql import IRI

    text = query_text(__name__, "portfolio.rq")
    keyed = []
    for dept in params.departments:
        solutions = engine.select(text, {"d": IRI(engine.base + dept), "planFilter": params.plan})
        for (role, plan, order, local_id), found in group(
                solutions, "myRole", "plan", "order", "measure").items():
            first = found[0]
            row = measure_row(plan, measure_ref(local_id, first["path"], first["title"]),
                              solution_units(found), department=first["department"],
                              region=first["region"], role=role)
            keyed.append((row_key(row, order), row))
    return ordered(keyed)


def on_cypher(session: Any, params: Resolved) -> list[dict[str, Any]]:
    """The same rows from a Neo4j (Bolt) session holding the graph ``graph.neo4j_loader`` loaded."""
    records = cypher_records(session, query_text(__name__, "portfolio.cypher"),
                             {"ids": list(params.departments), "plan": params.plan})
    keyed = []
    for r in records:
        row = measure_row(r["plan"], measure_ref(r["id"], r["path"], r["title"]),
                          cypher_units(r["units"]), department=r["department"], region=r["region"],
                          role=RELATION_ROLES[r["rel"]])
        keyed.append((row_key(row, r["order"]), row))
    return ordered(keyed)


def row_key(row: dict[str, Any], order: int) -> tuple:
    """Leads first, then plan order; a department name and region make the key unique."""
    return ROLE_ORDER[row["role"]], row["plan"], order, row["department"], row["region"] or ""
