"""targets [--year Y] [--indicator TEXT] [--plan ID]: quantitative targets with their owners.

A row is a measure row (``measure`` is null for a target stated outside any measure, and its
owner lists are then empty) plus ``scope`` (the path of the measure or section the target sits
in, ``""`` for the plan itself) and ``target`` (id, indicator as printed, canonical
``indicator_name``, value, value_max, unit, comparator, direction, year, baseline_year,
modality, text). TEXT matches the printed indicator, its canonical name or a synonym, ignoring
case. Rows come in plan order.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from policykg.graph.schema import NodeType, RelType

from .backends import sparql_template
from .lookups import MEASURE, nodes_of, ref_of, units_of
from .rows import group, matches, measure_ref, measure_row, ordered, solution_units

if TYPE_CHECKING:
    import networkx as nx

    from policykg.graph.sparql import Engine

TARGET = NodeType.TARGET.value


@dataclass(frozen=True)
class Params:
    year: int | None = None
    indicator: str | None = None
    plan: str | None = None


def on_networkx(graph: "nx.MultiDiGraph", params: Params) -> list[dict[str, Any]]:
    keyed = []
    for node, t in nodes_of(graph, TARGET, params.plan):
        if params.year is not None and t["year"] != params.year:
            continue
        indicator = _indicator(graph, node)
        if params.indicator is not None and not matches(
                params.indicator, t["indicator"], indicator["name"], *indicator["synonyms"]):
            continue
        holder = next(src for src, _, rel in graph.in_edges(node, keys=True)
                      if rel == RelType.HAS_TARGET.value)
        h = graph.nodes[holder]
        is_measure = h["type"] == MEASURE
        row = measure_row(t["plan"], ref_of(h) if is_measure else None,
                          units_of(graph, holder) if is_measure else [],
                          scope=h.get("path", ""),
                          target=target_fields(t["local_id"], t, indicator["name"]))
        keyed.append(((t["plan"], t["order"]), row))
    return ordered(keyed)


def _indicator(graph: "nx.MultiDiGraph", target: str) -> dict[str, Any]:
    return next(graph.nodes[dst] for _, dst, rel in graph.out_edges(target, keys=True)
                if rel == RelType.MEASURES.value)


def target_fields(local_id: str, t: dict[str, Any], indicator_name: str) -> dict[str, Any]:
    return {"id": local_id, "indicator": t["indicator"], "indicator_name": indicator_name,
            "value": t["value"], "value_max": t.get("value_max"), "unit": t["unit"],
            "printed_value": t["printed_value"], "printed_unit": t["printed_unit"],
            "comparator": t["comparator"], "direction": t["direction"], "year": t["year"],
            "baseline_year": t.get("baseline_year"), "modality": t.get("modality"),
            "text": t["text"]}


def on_sparql(engine: "Engine", params: Params) -> list[dict[str, Any]]:
    from policykg.graph.sparql import bind

    query = bind(sparql_template("targets"), yearFilter=params.year,
                 indicatorFilter=params.indicator, planFilter=params.plan)
    keyed = []
    for (plan, order), found in group(engine.select(query), "plan", "order").items():
        s = found[0]
        measure = (measure_ref(s["measure"], s["measurePath"], s["measureTitle"])
                   if s["measure"] is not None else None)
        fields = {"indicator": s["indicatorText"], "value": s["value"],
                  "value_max": s["valueMax"], "unit": s["unit"], "printed_value": s["printedValue"],
                  "printed_unit": s["printedUnit"], "comparator": s["comparator"],
                  "direction": s["direction"], "year": s["year"],
                  "baseline_year": s["baselineYear"], "modality": s["modality"],
                  "text": s["text"]}
        row = measure_row(plan, measure, solution_units(found, name="owner"),
                          scope=s["scope"] or "", target=target_fields(s["target"], fields,
                                                                 s["indicator"]))
        keyed.append(((plan, order), row))
    return ordered(keyed)


def on_cypher(session: Any, params: Params) -> list[dict[str, Any]]:
    """The same rows from a Neo4j (Bolt) session holding the graph ``graph.neo4j_loader`` loaded."""
    from .cypher import answer

    return answer("targets", session, params)
