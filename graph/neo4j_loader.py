"""Load the networkx graph into Neo4j (or any Bolt server) with batched ``UNWIND … MERGE``.

Nodes are merged on their stable id (``graph.schema``) under their type as label, relationships
on (source id, type, target id); each statement carries only parameters, labels and relation
types come from the schema enums. Every node and relationship written is stamped with the load's
token (``policykg_load``); once every batch is in, what the loaded plans held before and this load
did not write again is deleted. So loading twice leaves the same counts, a re-parsed plan is
updated in place, and a load cut short leaves no duplicates: the next complete load finishes it.
There is no transaction around the whole load (servers without rollback could not honour one).

Property values are stored as Neo4j holds them: scalars and lists of scalars; a list of lists
(the spans of a citation) becomes JSON text.

The loader needs only something with ``run(query, parameters)`` (a driver session); ``neo4j``
is imported inside the functions that talk to a server, for its exception types.
"""
from __future__ import annotations

import json
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterator, Protocol

from .schema import NODES, NodeType, RelType

if TYPE_CHECKING:
    import networkx as nx

LOAD_PROPERTY = "policykg_load"
"""Stamped on every node and relationship a load writes; also marks them as policykg's."""

Row = dict[str, Any]


class Runner(Protocol):
    """What the loader needs of a connection: a neo4j ``Session`` has it."""

    def run(self, query: str, parameters: dict[str, Any] | None = None) -> Any: ...


@dataclass(frozen=True)
class LoadSettings:
    batch_size: int = 1000
    """Rows per ``UNWIND`` statement at most."""
    max_batch_bytes: int | None = None
    """Cut a batch before its rows exceed this many bytes (FalkorDB's Bolt endpoint crashes on
    messages over about 4 KB); ``None``: no limit."""

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise ValueError("the batch size must be at least 1")


@dataclass(frozen=True)
class Statement:
    """One parameterised statement and the rows it is run with, batch by batch."""
    query: str
    rows: list[Row]
    nodes: bool


@dataclass
class LoadReport:
    nodes: int = 0
    relationships: int = 0
    batches: int = 0
    deleted_nodes: int = 0
    deleted_relationships: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return self.nodes + self.relationships


class LoadError(Exception):
    """The load stopped; the message says where (what was written so far stays)."""


# --- statements --------------------------------------------------------------------------------

def constraint_statement(label: NodeType) -> str:
    """The Neo4j 5 uniqueness constraint on a label's id (it brings its own index)."""
    return (f"CREATE CONSTRAINT policykg_{label.value.lower()}_id IF NOT EXISTS "
            f"FOR (n:{label.value}) REQUIRE n.id IS UNIQUE")


def index_statement(label: NodeType) -> str:
    """A plain index on a label's id, for servers that refuse constraints (FalkorDB)."""
    return f"CREATE INDEX FOR (n:{label.value}) ON (n.id)"


INDEX_LISTINGS = (
    "CALL db.indexes() YIELD label, properties RETURN [label] AS labels, properties",
    "SHOW INDEXES YIELD labelsOrTypes AS labels, properties",
)
"""How FalkorDB, then Neo4j 5 (which has no ``db.indexes``), list their indexes. FalkorDB's
first: it answers a refused statement only after tens of ms, Neo4j at once."""


def node_query(label: NodeType) -> str:
    return (f"UNWIND $rows AS r MERGE (n:{label.value} {{id: r.id}}) "
            f"SET n = r.props, n.{LOAD_PROPERTY} = $load")


def relationship_query(rel: RelType, source: NodeType, target: NodeType) -> str:
    return (f"UNWIND $rows AS r MATCH (a:{source.value} {{id: r.src}}) "
            f"MATCH (b:{target.value} {{id: r.dst}}) MERGE (a)-[e:{rel.value}]->(b) "
            f"SET e = r.props, e.{LOAD_PROPERTY} = $load")


_LOADED = f"MATCH (p:Plan {{{LOAD_PROPERTY}: $load}}) WITH collect(p.plan) AS loaded "
_STALE = (f"{{x}}.{LOAD_PROPERTY} IS NOT NULL AND {{x}}.{LOAD_PROPERTY} <> $load AND "
          "({x}.plan IN loaded OR ({x}.plans IS NOT NULL AND size({x}.plans) > 0 AND "
          "all(p IN {x}.plans WHERE p IN loaded)))")
PRUNE_RELATIONSHIPS = (_LOADED + "MATCH ()-[e]->() WHERE " + _STALE.format(x="e")
                       + " DELETE e RETURN count(*) AS deleted")
PRUNE_NODES = (_LOADED + "MATCH (n) WHERE " + _STALE.format(x="n")
               + " DETACH DELETE n RETURN count(*) AS deleted")
"""Delete what the plans of this load held before and this load did not write again: nodes
and relationships of one loaded plan, and shared ones all of whose plans were loaded."""


def statements(graph: "nx.MultiDiGraph") -> list[Statement]:
    """Every statement of a load of ``graph``, nodes first, each with all its rows."""
    nodes: dict[NodeType, list[Row]] = defaultdict(list)
    for node, data in graph.nodes(data=True):
        label = NodeType(data["type"])
        props = {k: neo4j_value(v) for k, v in data.items() if k != "type" and v is not None}
        nodes[label].append({"id": node, "props": {"id": node, **props}})
    rels: dict[tuple[RelType, NodeType, NodeType], list[Row]] = defaultdict(list)
    for src, dst, rel, data in graph.edges(keys=True, data=True):
        key = (RelType(rel), NodeType(graph.nodes[src]["type"]), NodeType(graph.nodes[dst]["type"]))
        props = {k: neo4j_value(v) for k, v in data.items() if v is not None}
        rels[key].append({"src": src, "dst": dst, "props": props})
    return ([Statement(node_query(label), nodes[label], True) for label in NODES if nodes[label]]
            + [Statement(relationship_query(*key), rows, False) for key, rows in sorted(rels.items())])


def neo4j_value(value: Any) -> Any:
    """A property value Neo4j can hold: a list of lists becomes JSON text."""
    if isinstance(value, list) and any(isinstance(v, (list, dict)) for v in value):
        return json.dumps(value, ensure_ascii=False)
    return value


def batches(rows: list[Row], settings: LoadSettings) -> Iterator[list[Row]]:
    """``rows`` cut into batches of at most ``batch_size`` rows and ``max_batch_bytes`` bytes."""
    batch: list[Row] = []
    size = 0
    for row in rows:
        row_size = _size(row) if settings.max_batch_bytes else 0
        if batch and (len(batch) >= settings.batch_size
                      or (settings.max_batch_bytes and size + row_size > settings.max_batch_bytes)):
            yield batch
            batch, size = [], 0
        if settings.max_batch_bytes and row_size > settings.max_batch_bytes:
            raise LoadError(f"{row.get('id') or row.get('src')}: one row is {row_size} bytes, "
                            f"over the batch limit of {settings.max_batch_bytes}")
        batch.append(row)
        size += row_size
    if batch:
        yield batch


def _size(row: Row) -> int:
    return len(json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


# --- loading -----------------------------------------------------------------------------------

def ensure_schema(session: Runner) -> list[str]:
    """Make sure every label's ``id`` is indexed; return warnings for what the server refused.

    Labels already indexed are left alone, so a second load sends no schema statement. The
    uniqueness constraint is tried first; once the server refuses one, the other labels get
    plain indexes (a refused statement costs a round trip and, on FalkorDB, tens of ms).
    """
    from neo4j.exceptions import Neo4jError

    indexed = _indexed_labels(session)
    missing = [label for label in NodeType if label.value not in indexed]
    constraints, refused = True, []
    for label in missing:
        for statement in ([constraint_statement(label)] if constraints else []) + [
                index_statement(label)]:
            try:
                session.run(statement).consume()
                break
            except Neo4jError:
                constraints = constraints and statement != constraint_statement(label)
        else:
            refused.append(label.value)
    warnings = []
    if missing and not constraints:
        warnings.append("the server refused uniqueness constraints (CREATE CONSTRAINT … REQUIRE "
                        "n.id IS UNIQUE); ids are kept unique by MERGE alone")
    if refused:
        warnings.append(f"the server refused an index on id for {', '.join(refused)}; "
                        f"loading without it")
    return warnings


def _indexed_labels(session: Runner) -> set[str]:
    """Labels with an index whose first property is ``id`` (empty if the server cannot say)."""
    from neo4j.exceptions import Neo4jError

    for listing in INDEX_LISTINGS:
        try:
            return {label for record in session.run(listing)
                    for label in (record["labels"] or ()) if (record["properties"] or [""])[0] == "id"}
        except Neo4jError:
            continue
    return set()


def load(session: Runner, graph: "nx.MultiDiGraph", settings: LoadSettings = LoadSettings(),
         on_batch: Callable[[int], None] | None = None) -> LoadReport:
    """Write ``graph`` through ``session`` and prune what the loaded plans no longer hold;
    ``on_batch(rows)`` is told after each batch (for a progress bar).

    A server error stops the load with ``LoadError``; what was written stays (see the module).
    """
    from neo4j.exceptions import DriverError, Neo4jError

    report = LoadReport()
    started = time.perf_counter()
    token = uuid.uuid4().hex
    try:
        report.warnings.extend(ensure_schema(session))
        for statement in statements(graph):
            for batch in batches(statement.rows, settings):
                session.run(statement.query, {"rows": batch, "load": token}).consume()
                report.batches += 1
                if on_batch is not None:
                    on_batch(len(batch))
                if statement.nodes:
                    report.nodes += len(batch)
                else:
                    report.relationships += len(batch)
        report.deleted_relationships = _single(session.run(PRUNE_RELATIONSHIPS, {"load": token}))
        report.deleted_nodes = _single(session.run(PRUNE_NODES, {"load": token}))
    except (Neo4jError, DriverError, OSError) as exc:
        raise LoadError(f"load stopped after {report.rows} of {count_rows(graph)} rows "
                        f"({describe(exc)}); run it again to complete it") from exc
    report.seconds = time.perf_counter() - started
    return report


def count_rows(graph: "nx.MultiDiGraph") -> int:
    return graph.number_of_nodes() + graph.number_of_edges()


def _single(result: Any) -> int:
    record = result.single()
    return int(record[0]) if record is not None else 0


def describe(exc: BaseException) -> str:
    """A driver error in one line, without the driver's multi-part dump."""
    from neo4j.exceptions import Neo4jError

    if isinstance(exc, Neo4jError):
        return exc.message or exc.code or "the server gave no reason"
    return " ".join(str(exc).split()) or type(exc).__name__

