"""lineage PLAN: the plans above a plan (what it implements, and what those implement) and the
plans of the store below it (what implements it), from the links ``graph.lineage`` resolved.

The chain follows IMPLEMENTS links at any depth; a plan only CITES is listed at depth 1 beside
it. Each backend fetches the plans and the plan-to-plan links; the walk is one function
(``walk``), so networkx, SPARQL and Cypher give the same rows: the plan itself (``direction``
``self``), then ``above`` and ``below``, each by depth and plan id. ``via`` is the plan the row
was reached from.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable

from policykg.graph.schema import NodeType, RelType

from .backends import sparql_template

if TYPE_CHECKING:
    import networkx as nx

    from policykg.graph.sparql import Engine

IMPLEMENTS, CITES = RelType.IMPLEMENTS.value, RelType.CITES.value
Link = tuple[str, str, str]
"""(citing plan id, cited plan id, IMPLEMENTS or CITES)"""


class UnknownPlan(LookupError):
    """The plan id is not in the graph."""


@dataclass(frozen=True)
class Params:
    plan: str


def walk(start: str, plans: dict[str, dict[str, Any]], links: Iterable[Link]) -> list[dict[str, Any]]:
    """The rows of ``lineage`` from every plan's description and every plan-to-plan link."""
    if start not in plans:
        raise UnknownPlan(start)
    links = sorted(set(links))
    up = {(src, dst) for src, dst, rel in links if rel == IMPLEMENTS}
    rows = [_row(start, plans, "self", 0, None, None)]
    for direction, pairs, cited in (("above", up, _cited(links, start, 0)),
                                    ("below", {(b, a) for a, b in up}, _cited(links, start, 1))):
        reached = _reach(start, pairs)
        found = [(depth, plan, via, IMPLEMENTS) for plan, (depth, via) in reached.items()]
        found += [(1, plan, start, CITES) for plan in cited if plan not in reached and plan != start]
        rows += [_row(plan, plans, direction, depth, via, rel) for depth, plan, via, rel in sorted(found)]
    return rows


def _reach(start: str, pairs: set[tuple[str, str]]) -> dict[str, tuple[int, str]]:
    """Each plan reachable from ``start`` along ``pairs``, with its depth and the plan before it.

    The depth is the longest path, so when 龙岩 implements both 福建省 and 国务院 and 福建省
    implements 国务院, the State Council stands above the province (depth 2), as in the
    hierarchy. Links that would close a cycle are not followed.
    """
    onward: dict[str, list[str]] = {}
    for src, dst in sorted(pairs):
        onward.setdefault(src, []).append(dst)
    order: list[str] = []          # reachable plans, each after every plan it is reached from
    state: dict[str, int] = {}     # 1: on the current path, 2: done
    stack = [(start, iter(onward.get(start, ())))]
    state[start] = 1
    while stack:
        plan, nexts = stack[-1]
        for nxt in nexts:
            if nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(onward.get(nxt, ()))))
                break
        else:
            stack.pop()
            state[plan] = 2
            order.append(plan)
    order.reverse()
    position = {plan: i for i, plan in enumerate(order)}
    reached: dict[str, tuple[int, str]] = {}
    depth = {start: 0}
    for plan in order:
        for nxt in onward.get(plan, ()):
            if position[nxt] < position[plan]:
                continue
            candidate = (depth[plan] + 1, plan)
            held = reached.get(nxt)
            if held is None or candidate[0] > held[0] or (candidate[0] == held[0] and plan < held[1]):
                depth[nxt] = candidate[0]
                reached[nxt] = candidate
    return reached


def _cited(links: list[Link], start: str, side: int) -> list[str]:
    """Plans ``start`` cites (side 0) or that cite it (side 1) without an IMPLEMENTS link."""
    return [link[1 - side] for link in links if link[2] == CITES and link[side] == start]


def _row(plan: str, plans: dict[str, dict[str, Any]], direction: str, depth: int, via: str | None,
         relation: str | None) -> dict[str, Any]:
    info = plans.get(plan, {})
    return {"plan": plan, "title": info.get("title"), "region": info.get("region"),
            "level": info.get("level"), "direction": direction, "depth": depth,
            "relation": relation, "via": via}


def on_networkx(graph: "nx.MultiDiGraph", params: Params) -> list[dict[str, Any]]:
    nodes = graph.nodes
    plans = {data["plan"]: data for _, data in graph.nodes(data=True)
             if data["type"] == NodeType.PLAN.value}
    links = [(nodes[src]["plan"], nodes[dst]["plan"], rel)
             for src, dst, rel in graph.edges(keys=True)
             if rel in (IMPLEMENTS, CITES) and nodes[dst]["type"] == NodeType.PLAN.value]
    return walk(params.plan, plans, links)


def on_sparql(engine: "Engine", params: Params) -> list[dict[str, Any]]:
    plans: dict[str, dict[str, Any]] = {}
    links: list[Link] = []
    for row in engine.select(sparql_template("lineage")):
        if row["kind"] == "link":
            links.append((row["src"], row["dst"], row["rel"]))
        else:
            plans[row["src"]] = {k: row.get(k) for k in ("title", "region", "level")}
    return walk(params.plan, plans, links)


CYPHER_PLANS = "MATCH (p:Plan) RETURN p.plan AS plan, p.title AS title, p.region AS region, p.level AS level"
CYPHER_LINKS = (f"MATCH (a:Plan)-[r:{IMPLEMENTS}|{CITES}]->(b:Plan) "
                "RETURN a.plan AS src, b.plan AS dst, type(r) AS rel")


def on_cypher(session: Any, params: Params) -> list[dict[str, Any]]:
    """The same rows from a Neo4j (Bolt) session holding the graph ``graph.neo4j_loader`` loaded."""
    plans = {r["plan"]: dict(r) for r in session.run(CYPHER_PLANS)}
    links = [(r["src"], r["dst"], r["rel"]) for r in session.run(CYPHER_LINKS)]
    return walk(params.plan, plans, links)
