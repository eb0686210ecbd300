"""who-owns TEXT: the measures whose number, title or body matches TEXT, with their units.

TEXT matches a measure whose number (``12``) or path (``三/（四）/12``) equals it, or whose title
or body contains it, ignoring case. Rows come in plan order: by plan id, then measure order.
The SPARQL and Cypher texts are the files beside this one.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from policykg.graph.schema import RELATION_ROLES
from policykg.graph.store import Part

from ..backends import cypher_records, query_text
from ..lookups import DEPARTMENT, MEASURE, nodes_of, ref_of, units_of
from ..rows import cypher_units, group, matches, measure_ref, measure_row, ordered, solution_units

if TYPE_CHECKING:
    import networkx as nx

    from policykg.graph.sparql import Engine


READS = Part(types=(MEASURE, DEPARTMENT), relations=tuple(RELATION_ROLES))
"""All that ``on_networkx`` reads: measures, and the departments responsible for them."""


@dataclass(frozen=True)
class Params:
    text: str
    plan: str | None = None


def on_networkx(graph: "nx.MultiDiGraph", params: Params) -> list[dict[str, Any]]:
    keyed = []
    for node, data in nodes_of(graph, MEASURE, params.plan):
        if params.text in (data["number"], data["path"]) or matches(params.text, data["title"],
                                                                     data["text"]):
            row = measure_row(data["plan"], ref_of(data), units_of(graph, node))
            keyed.append(((data["plan"], data["order"]), row))
    return ordered(keyed)


def on_sparql(engine: "Engine", params: Params) -> list[dict[str, Any]]:
    solutions = engine.select(query_text(__name__, "who_owns.rq"),
                              {"text": params.text, "planFilter": params.plan})
    keyed = []
    for (plan, order, local_id), found in group(solutions, "plan", "order", "measure").items():
        ref = measure_ref(local_id, found[0]["path"], found[0]["title"])
        keyed.append(((plan, order), measure_row(plan, ref, solution_units(found))))
    return ordered(keyed)


def on_cypher(session: Any, params: Params) -> list[dict[str, Any]]:
    """The same rows from a Neo4j (Bolt) session holding the graph ``graph.neo4j_loader`` loaded."""
    records = cypher_records(session, query_text(__name__, "who_owns.cypher"),
                             {"text": params.text, "plan": params.plan})
    return ordered(((r["plan"], r["order"]),
                    measure_row(r["plan"], measure_ref(r["id"], r["path"], r["title"]),
                                cypher_units(r["units"])))
                   for r in records)
