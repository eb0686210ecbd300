"""A Cypher script for ``cypher-shell``: the same statements as ``policykg neo4j load``.

Administrators who cannot open a Bolt connection from policykg's machine run it on the server
(``cypher-shell -f graph.cypher``). It makes the uniqueness constraints, then merges nodes and
relationships in batches and prunes what the loaded plans no longer hold, exactly like
``graph.neo4j_loader.load``; the rows are written as Cypher literals in place of ``$rows`` and
the load token is derived from the content, so exporting the same graph twice gives the same
script. The values are policykg's own graph, never text typed by a user at query time.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
from typing import TYPE_CHECKING, Any, BinaryIO

from .base import Exporter

if TYPE_CHECKING:
    import networkx as nx

ROWS_PER_STATEMENT = 500
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def literal(value: Any) -> str:
    """``value`` as a Cypher literal (strings single-quoted with backslash escapes)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value} has no Cypher literal")
        return repr(value)
    if isinstance(value, str):
        return "'" + "".join(_ESCAPES.get(ch) or (f"\\u{ord(ch):04x}" if ch < " " or ch == "\x7f" else ch)
                             for ch in value) + "'"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)}: {literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"{type(value).__name__} has no Cypher literal")


def _key(name: str) -> str:
    return name if _NAME.match(name) else "`" + name.replace("`", "``") + "`"


class CypherExporter(Exporter):
    """One statement per line; ``rows_per_statement`` bounds the size of each."""

    def __init__(self, *args: Any, rows_per_statement: int = ROWS_PER_STATEMENT, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.rows_per_statement = rows_per_statement

    def write(self, graph: "nx.MultiDiGraph", out: BinaryIO) -> None:
        from ..neo4j_loader import (
            PRUNE_NODES, PRUNE_RELATIONSHIPS, LoadSettings, batches, constraint_statement,
            statements,
        )
        from ..schema import NodeType

        found = statements(graph)
        digest = hashlib.sha256(json.dumps([s.rows for s in found], ensure_ascii=False,
                                           sort_keys=True).encode("utf-8")).hexdigest()
        token = literal(f"export-{digest[:16]}")
        lines = ["// policykg graph for Neo4j 5: cypher-shell -f FILE (see docs/neo4j.md)"]
        lines += [f"{constraint_statement(label)};" for label in NodeType]
        settings = LoadSettings(batch_size=self.rows_per_statement)
        for statement in found:
            for batch in batches(statement.rows, settings):
                lines.append(statement.query.replace("$load", token)
                             .replace("$rows", literal(batch)) + ";")
        lines += [f"{query.replace('$load', token)};"
                  for query in (PRUNE_RELATIONSHIPS, PRUNE_NODES)]
        out.write(("\n".join(lines) + "\n").encode("utf-8"))
