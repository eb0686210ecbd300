"""Named questions about the graph, each answerable on every backend with the same rows.

A query is one module (``queries/who_owns.py`` …) holding a ``Params`` dataclass and one function
per backend, ``on_<kind>(source, params)``: ``on_networkx`` over a networkx graph, ``on_sparql``
over a ``graph.sparql`` engine, ``on_cypher`` over a Neo4j session (``queries.cypher``). ``run``
picks the function by the backend's ``kind``, so callers do not change with the backend. Rows are plain dicts in a deterministic order (``queries.rows``).

Nothing here imports the parser, spaCy or rdflib unless a SPARQL backend is used.
"""
from __future__ import annotations

import importlib
from typing import Any

from .backends import Backend, CypherBackend, NetworkxBackend, SparqlBackend

__all__ = ["QUERIES", "run", "Backend", "CypherBackend", "NetworkxBackend", "SparqlBackend",
           "UnsupportedBackend"]

QUERIES: dict[str, str] = {
    "who-owns": "policykg.queries.who_owns",
    "portfolio": "policykg.queries.portfolio",
    "targets": "policykg.queries.targets",
    "departments": "policykg.queries.departments",
    "lineage": "policykg.queries.lineage",
    "deadlines": "policykg.queries.deadlines",
}


class UnsupportedBackend(Exception):
    """The query has no implementation for the backend asked for."""


def run(query: str, backend: Backend, /, **params: Any) -> list[dict[str, Any]]:
    """Answer the named query on ``backend``; ``params`` are the fields of its ``Params``."""
    module = importlib.import_module(QUERIES[query])
    implementation = getattr(module, f"on_{backend.kind}", None)
    if implementation is None:
        raise UnsupportedBackend(f"{query} has no {backend.kind} implementation")
    return implementation(backend.source, module.Params(**params))
