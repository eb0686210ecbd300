"""Named questions about the graph, each answerable on every backend with the same rows.

A query is one folder (``queries/who_owns/`` …): its ``__init__.py`` holds a ``Params`` dataclass
and one function per backend, ``on_<kind>(source, params)`` (``on_networkx`` over a networkx
graph, ``on_sparql`` over a ``graph.sparql`` engine, ``on_cypher`` over a Neo4j session), and its
SPARQL and Cypher texts are the ``.rq`` and ``.cypher`` files beside it. A query that takes a
name to resolve has a ``prepare(params, ask)`` that resolves it once, in Python, before any
backend runs, so every backend gets the same resolved ids. ``run`` picks the function by the
backend's ``kind``, so callers do not change with the backend. Rows are plain dicts in a
deterministic order (``queries.rows``).

Nothing here imports the parser, spaCy or rdflib unless a SPARQL backend is used.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .backends import Backend, CypherBackend, NetworkxBackend, SparqlBackend

if TYPE_CHECKING:
    from policykg.graph.store import Part

__all__ = ["QUERIES", "FOLLOWS_PLAN_LINKS", "part_read_by", "run", "Backend", "CypherBackend",
           "NetworkxBackend", "SparqlBackend", "UnsupportedBackend"]

QUERIES: dict[str, str] = {
    "who-owns": "policykg.queries.who_owns",
    "portfolio": "policykg.queries.portfolio",
    "targets": "policykg.queries.targets",
    "departments": "policykg.queries.departments",
    "department-labels": "policykg.queries.department_labels",
    "indicator-labels": "policykg.queries.indicator_labels",
    "lineage": "policykg.queries.lineage",
    "deadlines": "policykg.queries.deadlines",
}

FOLLOWS_PLAN_LINKS = frozenset({"lineage"})
"""The queries that read links between plans (``IMPLEMENTS``, and ``CITES`` from plan to plan).
The others are answered the same from a graph whose citations are left unresolved, which spares
a cold start ``graph.lineage`` and the title rules it imports from the parser."""


class UnsupportedBackend(Exception):
    """The query has no implementation for the backend asked for."""


def part_read_by(query: str) -> "Part | None":
    """The part of the graph the query's ``on_networkx`` reads, when its module names one
    (``READS``), so a caller can load only that; None when it may read anything."""
    return getattr(importlib.import_module(QUERIES[query]), "READS", None)


def run(query: str, backend: Backend, /, **params: Any) -> list[dict[str, Any]]:
    """Answer the named query on ``backend``; ``params`` are the fields of its ``Params``."""
    module = importlib.import_module(QUERIES[query])
    implementation = getattr(module, f"on_{backend.kind}", None)
    if implementation is None:
        raise UnsupportedBackend(f"{query} has no {backend.kind} implementation")
    resolved = module.Params(**params)
    prepare = getattr(module, "prepare", None)
    if prepare is not None:
        resolved = prepare(resolved, lambda name, **more: run(name, backend, **more))
    return implementation(backend.source, resolved)
