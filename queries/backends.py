"""The things a query can run on. Each names its ``kind``; ``queries.run`` calls ``on_<kind>``."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

if TYPE_CHECKING:
    import networkx as nx

    from policykg.graph.sparql import Engine


class Backend(Protocol):
    kind: ClassVar[str]
    source: Any


@dataclass
class NetworkxBackend:
    """The graph in memory, as ``graph.store.Store.load_graph`` or ``graph.build`` give it."""
    source: "nx.MultiDiGraph"
    kind: ClassVar[str] = "networkx"


@dataclass
class SparqlBackend:
    """A SPARQL engine over the graph's RDF form (``graph.sparql.open_engine``)."""
    source: "Engine"
    kind: ClassVar[str] = "sparql"


@dataclass
class CypherBackend:
    """A Neo4j driver session (or read transaction) on a graph loaded by ``graph.neo4j_loader``."""
    source: Any
    kind: ClassVar[str] = "cypher"


@lru_cache(maxsize=None)
def query_text(package: str, name: str) -> str:
    """The text of a query file shipped beside a query's code (``queries/who_owns/who_owns.rq``)."""
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")


def cypher_records(session: Any, text: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """The records of one Cypher query as dicts; every user value goes in as a parameter."""
    return [record.data() if hasattr(record, "data") else dict(record)
            for record in session.run(text, params)]
