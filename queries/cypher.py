"""The named queries in Cypher, for a graph loaded by ``graph.neo4j_loader``, and raw read-only Cypher.

Each named query is one Cypher text that takes every user value as a parameter (``$text``,
``$plan`` …); labels and relation types are the schema's own. The server finds the facts, and
the rows are made by the same helpers as the networkx and SPARQL answers (``queries.rows``),
so the three backends give equal rows in the same order. ``run`` takes the fields of the query
module's ``Params``, like ``queries.run``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from policykg.graph.schema import RELATION_ROLES

from .departments import department_row
from .portfolio import row_key
from .rows import Unit, measure_ref, measure_row, ordered
from .targets import target_fields

_RESPONSIBLE = "|".join(RELATION_ROLES)
_UNITS = "collect([r.rank, type(r), u.name]) AS units"

WHO_OWNS = f"""
MATCH (m:Measure)
WHERE ($plan IS NULL OR m.plan = $plan)
  AND (m.number = $text OR m.path = $text OR toLower(m.title) CONTAINS toLower($text)
       OR toLower(m.text) CONTAINS toLower($text))
OPTIONAL MATCH (u:Department)-[r:{_RESPONSIBLE}]->(m)
RETURN m.plan AS plan, m.order AS order, m.local_id AS id, m.path AS path, m.title AS title,
       {_UNITS}
"""

PORTFOLIO = f"""
OPTIONAL MATCH (x:Department) WHERE x.name = $department OR $department IN x.aliases
WITH count(x) AS exact
MATCH (d:Department)
WHERE CASE WHEN exact > 0 THEN d.name = $department OR $department IN d.aliases
      ELSE any(label IN [d.name] + coalesce(d.aliases, []) WHERE label CONTAINS $department) END
MATCH (d)-[mine:{_RESPONSIBLE}]->(m:Measure)
WHERE $plan IS NULL OR mine.plan = $plan
OPTIONAL MATCH (u:Department)-[r:{_RESPONSIBLE}]->(m)
RETURN d.id AS dept, d.name AS department, d.region AS region, type(mine) AS rel,
       m.plan AS plan, m.order AS order, m.local_id AS id, m.path AS path, m.title AS title,
       {_UNITS}
"""

TARGETS = f"""
MATCH (h)-[:HAS_TARGET]->(t:Target)-[:MEASURES]->(i:Indicator)
WHERE ($plan IS NULL OR t.plan = $plan) AND ($year IS NULL OR t.year = $year)
  AND ($indicator IS NULL OR any(label IN [t.indicator, i.name] + coalesce(i.synonyms, [])
                                 WHERE toLower(label) CONTAINS toLower($indicator)))
OPTIONAL MATCH (u:Department)-[r:{_RESPONSIBLE}]->(h)
RETURN t AS target, i.name AS indicator, h AS holder, 'Measure' IN labels(h) AS is_measure,
       {_UNITS}
"""

DEPARTMENTS = f"""
MATCH (d:Department)-[r:{_RESPONSIBLE}]->(m:Measure)
WHERE $plan IS NULL OR r.plan = $plan
RETURN d.id AS dept, d.name AS department, d.region AS region,
       count(DISTINCT CASE WHEN type(r) = 'LEADS' THEN m.id END) AS leads,
       count(DISTINCT CASE WHEN type(r) = 'SUPPORTS' THEN m.id END) AS supports,
       count(DISTINCT CASE WHEN type(r) = 'SHARES' THEN m.id END) AS joint,
       count(DISTINCT m.id) AS measures, count(DISTINCT r.plan) AS plans
"""


@dataclass(frozen=True)
class NamedQuery:
    cypher: str
    rows: Callable[[list[dict[str, Any]]], list[dict[str, Any]]]
    """Turns the server's records into the rows the networkx query gives."""


def _units(found: Iterable[list]) -> list[Unit]:
    """(rank, role, name) from collected ``[rank, type, name]`` (a measure with none: [])."""
    return [(rank, RELATION_ROLES[rel], name) for rank, rel, name in found if name is not None]


def _who_owns(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return ordered(((r["plan"], r["order"]),
                    measure_row(r["plan"], measure_ref(r["id"], r["path"], r["title"]),
                                _units(r["units"])))
                   for r in records)


def _portfolio(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    keyed = []
    for r in records:
        row = measure_row(r["plan"], measure_ref(r["id"], r["path"], r["title"]),
                          _units(r["units"]), department=r["department"], region=r["region"],
                          role=RELATION_ROLES[r["rel"]])
        keyed.append((row_key(row, r["order"]), row))
    return ordered(keyed)


def _targets(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    keyed = []
    for r in records:
        t, holder = dict(r["target"]), dict(r["holder"])
        measure = (measure_ref(holder["local_id"], holder["path"], holder["title"])
                   if r["is_measure"] else None)
        row = measure_row(t["plan"], measure, _units(r["units"]) if r["is_measure"] else [],
                          scope=holder.get("path", ""),
                          target=target_fields(t["local_id"], t, r["indicator"]))
        keyed.append(((t["plan"], t["order"]), row))
    return ordered(keyed)


def _departments(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return ordered(department_row(r["department"], r["region"], r["leads"], r["supports"],
                                  r["joint"], r["measures"], r["plans"]) for r in records)


NAMED: dict[str, NamedQuery] = {
    "who-owns": NamedQuery(WHO_OWNS, _who_owns),
    "portfolio": NamedQuery(PORTFOLIO, _portfolio),
    "targets": NamedQuery(TARGETS, _targets),
    "departments": NamedQuery(DEPARTMENTS, _departments),
}


def answer(name: str, session: Any, params: Any) -> list[dict[str, Any]]:
    """Answer the named query over a driver ``session`` (or transaction); ``params`` is the query
    module's ``Params``. The query modules' ``on_cypher`` call this."""
    query = NAMED[name]
    return query.rows([record.data() if hasattr(record, "data") else dict(record)
                       for record in session.run(query.cypher, vars(params))])


# --- raw Cypher ---------------------------------------------------------------------------------

class WriteRefused(ValueError):
    """Raw Cypher that would change the graph."""


# Neo4j ends a // comment at \n or \r
_LITERALS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n\r]*|/\*.*?\*/",
                       re.DOTALL)
_WRITES = re.compile(r"\b(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP|FOREACH|LOAD|CALL|INSERT|ALTER|"
                     r"RENAME|GRANT|DENY|REVOKE|START|STOP|TERMINATE|ENABLE|DEALLOCATE|REALLOCATE)\b",
                     re.IGNORECASE)


def check_read_only(cypher: str) -> None:
    """Refuse clauses that write (and procedure calls, which may), outside strings and comments.

    The driver also runs raw Cypher in a read transaction, which Neo4j enforces; this check
    covers servers that do not (FalkorDB) and gives a clear message before anything is sent.
    """
    if found := _WRITES.search(_LITERALS.sub(" ", cypher)):
        raise WriteRefused(f"raw Cypher must only read; {found.group(1).upper()} is not allowed")
