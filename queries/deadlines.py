"""deadlines: measures that state a deadline (完成时限 / 完成期限), by the date they fall due.

Each row is a measure row (``queries.rows``: plan, measure, lead, support, joint) with
``deadline`` (the words as printed, ``2022年底前``) and ``date`` (the last day they allow, ISO;
``None`` for an open-ended ``长期坚持``). ``before`` keeps deadlines on or before a date (open-ended
ones are left out then), ``department`` keeps measures one of whose units' names contains it.
Each backend collects the measures; ``select`` filters and orders them, once for all backends:
by date (open-ended last), plan and measure order.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable

from .backends import sparql_template
from .lookups import MEASURE, nodes_of, ref_of, units_of
from .rows import Unit, group, measure_ref, measure_row, solution_units

if TYPE_CHECKING:
    import networkx as nx

    from policykg.graph.sparql import Engine


@dataclass(frozen=True)
class Params:
    before: str | None = None
    department: str | None = None
    plan: str | None = None


Found = tuple[str, int, dict[str, str], str, str | None, list[Unit]]
"""(plan, order, measure ref, deadline as printed, ISO date or None, units)"""


def select(found: Iterable[Found], params: Params) -> list[dict[str, Any]]:
    rows = []
    for plan, order, ref, deadline, date, units in found:
        if params.before is not None and (date is None or date > params.before):
            continue
        if params.department and not any(params.department in name for _, _, name in units):
            continue
        rows.append(((date is None, date or "", plan, order),
                     measure_row(plan, ref, units, deadline=deadline, date=date)))
    return [row for _, row in sorted(rows, key=lambda pair: pair[0])]


def on_networkx(graph: "nx.MultiDiGraph", params: Params) -> list[dict[str, Any]]:
    return select(((d["plan"], d["order"], ref_of(d), d["deadline"], d.get("deadline_date"),
                    units_of(graph, node))
                   for node, d in nodes_of(graph, MEASURE, params.plan) if d.get("deadline")), params)


def on_sparql(engine: "Engine", params: Params) -> list[dict[str, Any]]:
    from policykg.graph.sparql import bind

    query = bind(sparql_template("deadlines"), planFilter=params.plan)
    found = []
    for (plan, order, local_id), rows in group(engine.select(query), "plan", "order", "measure").items():
        first = rows[0]
        date = first.get("date")
        found.append((plan, order, measure_ref(local_id, first["path"], first["title"]),
                      first["deadline"], str(date) if date is not None else None, solution_units(rows)))
    return select(found, params)


CYPHER = """
MATCH (m:Measure) WHERE m.deadline IS NOT NULL AND ($plan IS NULL OR m.plan = $plan)
OPTIONAL MATCH (u:Department)-[r:LEADS|SUPPORTS|SHARES]->(m)
RETURN m.plan AS plan, m.order AS order, m.local_id AS id, m.path AS path, m.title AS title,
       m.deadline AS deadline, m.deadline_date AS date, collect([r.rank, type(r), u.name]) AS units
"""


def on_cypher(session: Any, params: Params) -> list[dict[str, Any]]:
    """The same rows from a Neo4j (Bolt) session holding the graph ``graph.neo4j_loader`` loaded."""
    from policykg.graph.schema import RELATION_ROLES

    found = [(r["plan"], r["order"], measure_ref(r["id"], r["path"], r["title"]), r["deadline"],
              r["date"], [(rank, RELATION_ROLES[rel], name) for rank, rel, name in r["units"]
                          if name is not None])
             for r in session.run(CYPHER, {"plan": params.plan})]
    return select(found, params)
