"""targets [--year Y] [--indicator TEXT] [--plan ID]: quantitative targets with their owners.

A row is a measure row (``measure`` is null for a target stated outside any measure, and its
owner lists are then empty) plus ``scope`` (the path of the measure or section the target sits
in, ``""`` for the plan itself) and ``target`` (id, indicator as printed, canonical
``indicator_name``, value, value_max, unit, comparator, direction, year, baseline_year,
modality, text). Rows come in plan order.

TEXT is resolved once, in Python, before any backend runs (``prepare``), as ``portfolio``
resolves a department: to every indicator whose canonical name, a synonym or a form some plan
printed it in contains TEXT, ignoring case (``queries.rows.matching`` over ``indicator-labels``).
Every backend then receives the same indicator ids and matches no text itself; a target is
found by its indicator, so ``单位生产总值能源消耗`` finds the target printed ``单位GDP能耗``. Values and units are the canonical ones the parser gave
(``extractor/data/units.jsonl``), with ``printed_value`` and ``printed_unit`` as printed. The
SPARQL and Cypher texts are the files beside this one.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from policykg.graph.schema import NodeType, RelType

from ..backends import cypher_records, query_text
from ..lookups import MEASURE, nodes_of, ref_of, units_of
from ..rows import cypher_units, group, matching, measure_ref, measure_row, ordered, solution_units

if TYPE_CHECKING:
    import networkx as nx

    from policykg.graph.sparql import Engine

TARGET = NodeType.TARGET.value


@dataclass(frozen=True)
class Params:
    year: int | None = None
    indicator: str | None = None
    plan: str | None = None


@dataclass(frozen=True)
class Resolved:
    """What the backends answer: the indicators TEXT names (``None``: no indicator filter)."""
    year: int | None = None
    indicators: tuple[str, ...] | None = None
    plan: str | None = None


def prepare(params: Params, ask: Callable[..., list[dict[str, Any]]]) -> Resolved:
    """Resolve the indicator text against the indicators the backend holds (``indicator-labels``)."""
    indicators = (None if params.indicator is None
                  else matching(ask("indicator-labels"), params.indicator))
    return Resolved(params.year, indicators, params.plan)


def on_networkx(graph: "nx.MultiDiGraph", params: Resolved) -> list[dict[str, Any]]:
    wanted = None if params.indicators is None else set(params.indicators)
    keyed = []
    for node, t in nodes_of(graph, TARGET, params.plan):
        if params.year is not None and t["year"] != params.year:
            continue
        indicator = _indicator(graph, node)
        if wanted is not None and indicator not in wanted:
            continue
        holder = next(src for src, _, rel in graph.in_edges(node, keys=True)
                      if rel == RelType.HAS_TARGET.value)
        h = graph.nodes[holder]
        is_measure = h["type"] == MEASURE
        row = measure_row(t["plan"], ref_of(h) if is_measure else None,
                          units_of(graph, holder) if is_measure else [],
                          scope=h.get("path", ""),
                          target=target_fields(t["local_id"], t, graph.nodes[indicator]["name"]))
        keyed.append(((t["plan"], t["order"]), row))
    return ordered(keyed)


def _indicator(graph: "nx.MultiDiGraph", target: str) -> str:
    """The id of the indicator node a target measures."""
    return next(dst for _, dst, rel in graph.out_edges(target, keys=True)
                if rel == RelType.MEASURES.value)


def target_fields(local_id: str, t: dict[str, Any], indicator_name: str) -> dict[str, Any]:
    return {"id": local_id, "indicator": t["indicator"], "indicator_name": indicator_name,
            "value": t["value"], "value_max": t.get("value_max"), "unit": t["unit"],
            "printed_value": t["printed_value"], "printed_unit": t["printed_unit"],
            "comparator": t["comparator"], "direction": t["direction"], "year": t["year"],
            "baseline_year": t.get("baseline_year"), "modality": t.get("modality"),
            "text": t["text"]}


def on_sparql(engine: "Engine", params: Resolved) -> list[dict[str, Any]]:
    from policykg.graph.sparql import IRI

    text = query_text(__name__, "targets.rq")
    filters = {"yearFilter": params.year, "planFilter": params.plan}
    # ?i bound once per indicator TEXT resolved to (a target measures one indicator, so the
    # answers do not overlap); unbound when there is no indicator filter
    each = [None] if params.indicators is None else [IRI(engine.base + i) for i in params.indicators]
    solutions = [s for indicator in each for s in engine.select(text, {**filters, "i": indicator})]
    keyed = []
    for (plan, order), found in group(solutions, "plan", "order").items():
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


def on_cypher(session: Any, params: Resolved) -> list[dict[str, Any]]:
    """The same rows from a Neo4j (Bolt) session holding the graph ``graph.neo4j_loader`` loaded."""
    indicators = None if params.indicators is None else list(params.indicators)
    records = cypher_records(session, query_text(__name__, "targets.cypher"), {
        "year": params.year, "indicators": indicators, "plan": params.plan})
    keyed = []
    for r in records:
        t, holder = dict(r["target"]), dict(r["holder"])
        measure = (measure_ref(holder["local_id"], holder["path"], holder["title"])
                   if r["is_measure"] else None)
        row = measure_row(t["plan"], measure, cypher_units(r["units"]) if r["is_measure"] else [],
                          scope=holder.get("path", ""),
                          target=target_fields(t["local_id"], t, r["indicator"]))
        keyed.append(((t["plan"], t["order"]), row))
    return ordered(keyed)
