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
    """One parameterised statement and the rows it is run with, batch by batch. ``one`` is the
    pattern matching the element ``n`` of a single row by ``$id`` (or ``$src``/``$dst``)."""
    query: str
    rows: list[Row]
    nodes: bool
    one: str = ""


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
    return ([Statement(node_query(label), nodes[label], True, f"(n:{label.value} {{id: $id}})")
             for label in NODES if nodes[label]]
            + [Statement(relationship_query(*key), rows, False,
                         f"(:{key[1].value} {{id: $src}})-[n:{key[0].value}]->(:{key[2].value} {{id: $dst}})")
               for key, rows in sorted(rels.items())])


def neo4j_value(value: Any) -> Any:
    """A property value Neo4j can hold: a list of lists becomes JSON text."""
    if isinstance(value, list) and any(isinstance(v, (list, dict)) for v in value):
        return json.dumps(value, ensure_ascii=False)
    return value


def batches(rows: list[Row], settings: LoadSettings,
            size_of: Callable[[Row], int] | None = None) -> Iterator[list[Row]]:
    """``rows`` cut into batches of at most ``batch_size`` rows and ``max_batch_bytes`` bytes
    (each row sized by ``size_of``, by default its JSON form)."""
    size_of = size_of or _size
    batch: list[Row] = []
    size = 0
    for row in rows:
        row_size = size_of(row) if settings.max_batch_bytes else 0
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


# --- rows over the byte budget -----------------------------------------------------------------

@dataclass(frozen=True)
class Append:
    """One piece of a property too large for one statement, added to what is already there."""
    query: str
    params: dict[str, Any]


def split_oversized(statement: Statement, rows: list[Row], budget: int,
                    size_of: Callable[[Any], int]) -> tuple[list[Row], list[Append]]:
    """Rows that fit ``budget`` bytes, and the appends that complete the ones that did not.

    A row over the budget keeps its small properties; each large string is written empty and then
    appended piece by piece, each large list item group by item group (a single item too large
    is itself appended piece by piece), so no statement exceeds the budget and nothing is refused.
    """
    fitting, appends = [], []
    for row in rows:
        if size_of(row) <= budget:
            fitting.append(row)
            continue
        keys = {k: row[k] for k in ("id", "src", "dst") if k in row}
        props = dict(row["props"])
        base = {**row, "props": props}
        for key in sorted(props, key=lambda k: -size_of(props[k])):
            if size_of(base) <= budget:
                break
            if key == "id":
                continue
            value, props[key] = props[key], "" if isinstance(props[key], str) else []
            appends.extend(_appends(statement.one, key, value, keys, budget, size_of))
        fitting.append(base)
    return fitting, appends


def _appends(one: str, key: str, value: Any, keys: dict[str, Any], budget: int,
             size_of: Callable[[Any], int]) -> list[Append]:
    prop = f"n.`{key}`"
    add = f"MATCH {one} SET {prop} = {prop} + $piece"
    extend_last = f"MATCH {one} SET {prop} = {prop}[0..size({prop}) - 1] + [last({prop}) + $piece]"
    room = budget - len(extend_last.encode("utf-8")) - size_of(keys) - 32
    if room < 64:
        raise LoadError(f"{keys}: the ids alone leave no room within {budget} bytes")
    if isinstance(value, str):
        return [Append(add, {**keys, "piece": piece}) for piece in _pieces(value, room, size_of)]
    out, group = [], []
    for item in value:
        if size_of(group + [item]) <= room:
            group.append(item)
            continue
        if group:
            out.append(Append(add, {**keys, "piece": group}))
            group = []
        if size_of([item]) <= room:
            group = [item]
            continue
        first, *rest = _pieces(item, room, size_of)   # an item too large on its own
        out.append(Append(add, {**keys, "piece": [first]}))
        out.extend(Append(extend_last, {**keys, "piece": piece}) for piece in rest)
    if group:
        out.append(Append(add, {**keys, "piece": group}))
    return out


def _pieces(text: str, room: int, size_of: Callable[[Any], int]) -> list[str]:
    """``text`` cut into pieces of at most ``room`` bytes once encoded (quotes included)."""
    pieces, start, used = [], 0, 2
    for i, ch in enumerate(text):
        width = size_of(ch) - 2
        if used + width > room and i > start:
            pieces.append(text[start:i])
            start, used = i, 2
        used += width
    pieces.append(text[start:])
    return pieces


def exact_floats(statement: Statement, rows: list[Row],
                 decimals: int | None) -> tuple[list[Row], list[Append]]:
    """``rows`` without the float properties a server keeping ``decimals`` decimals would round,
    and the statements that then set each of them exactly (``bolt_params.EXACT_FLOAT``)."""
    from .bolt_params import EXACT_FLOAT, exact_float, loses_digits

    out, fixes = [], []
    for row in rows:
        inexact = [key for key, value in row["props"].items() if loses_digits(value, decimals)]
        if not inexact:
            out.append(row)
            continue
        keys = {k: row[k] for k in ("id", "src", "dst") if k in row}
        out.append({**row, "props": {k: v for k, v in row["props"].items() if k not in inexact}})
        fixes.extend(Append(f"MATCH {statement.one} SET n.`{key}` = {EXACT_FLOAT}",
                            {**keys, **exact_float(row["props"][key])}) for key in inexact)
    return out, fixes


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

    On a server that pastes parameters into the query text (``graph.bolt_params``) every value
    is escaped to stay a value, and batches are cut at ``INLINED_MESSAGE_BYTES`` unless
    ``settings`` say otherwise; a float such a server would round is set afterwards from its
    exact parts (:func:`exact_floats`). A server error stops the load with ``LoadError``; what was
    written stays (see the module).
    """
    from neo4j.exceptions import DriverError, Neo4jError

    from .bolt_params import (INLINED_MESSAGE_BYTES, ParameterError, SafeRunner, float_decimals,
                              inlines_parameters)

    report = LoadReport()
    started = time.perf_counter()
    token = uuid.uuid4().hex
    try:
        inlines = inlines_parameters(session)
        runner = SafeRunner(session, inlines, float_decimals(session) if inlines else None)
        if runner.inlines and settings.max_batch_bytes is None:
            settings = LoadSettings(settings.batch_size, INLINED_MESSAGE_BYTES)
        report.warnings.extend(ensure_schema(session))
        for statement in statements(graph):
            rows, fixes = exact_floats(statement, statement.rows, runner.decimals)
            appends, row_settings = [], settings
            if settings.max_batch_bytes:
                # the budget holds the query text and the token too
                budget = settings.max_batch_bytes - len(statement.query.encode("utf-8")) - 128
                rows, appends = split_oversized(statement, rows, budget, runner.size)
                row_settings = LoadSettings(settings.batch_size, budget)
            for batch in batches(rows, row_settings, runner.size):
                runner.run(statement.query, {"rows": batch, "load": token}).consume()
                report.batches += 1
                if on_batch is not None:
                    on_batch(len(batch))
                if statement.nodes:
                    report.nodes += len(batch)
                else:
                    report.relationships += len(batch)
            for append in appends + fixes:
                runner.run(append.query, append.params).consume()
                report.batches += 1
        report.deleted_relationships = _single(runner.run(PRUNE_RELATIONSHIPS, {"load": token}))
        report.deleted_nodes = _single(runner.run(PRUNE_NODES, {"load": token}))
    except (Neo4jError, DriverError, OSError, ParameterError) as exc:
        raise LoadError(f"load stopped after {report.rows} of {count_rows(graph)} rows "
                        f"({describe(exc)}); run it again to complete it") from exc
    if runner.nul_replaced:
        report.warnings.append(f"{runner.nul_replaced} values held a NUL character, which this "
                               f"server cannot store; each was stored with U+FFFD in its place")
    if runner.floats_rounded:
        report.warnings.append(f"{runner.floats_rounded} numbers have more than the {runner.decimals} "
                               f"decimals this server keeps of a parameter; each was stored rounded")
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

