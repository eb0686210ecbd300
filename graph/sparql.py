"""SPARQL over the graph's RDF form, on rdflib or pyoxigraph, with one result shape.

rdflib evaluates SPARQL in Python and is fine for a few plans; pyoxigraph (Rust) is much faster
once the graph is large, so ``open_engine`` picks it above ``LARGE`` triples. Both engines return
rows as dicts of plain Python values (``str``, ``int``, ``float``, ``bool``; IRIs as ``str``),
so a caller never sees which one ran.

Parameters go through each library's own bindings (rdflib's ``initBindings``, pyoxigraph's
``substitutions``), never by editing the query text, so a value from the user is always a term,
never SPARQL. A template uses a parameter ``?x`` as ``COALESCE(… ?x …, true)`` in a filter, so
it runs as it is with ``?x`` unbound (no filter), and names it in its ``SELECT`` (pyoxigraph
substitutes projected variables only).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from .schema import DEFAULT_BASE

if TYPE_CHECKING:
    import networkx as nx
    import rdflib

LARGE = 10_000
"""Above this many triples, ``open_engine("auto")`` uses pyoxigraph."""

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger",
                                "positiveInteger", "nonPositiveInteger", "negativeInteger",
                                "unsignedInt", "unsignedLong")}
_FLOATS = {XSD + t for t in ("decimal", "double", "float")}


class SparqlError(Exception):
    """A query that cannot be parsed or run; the message comes from the engine."""


@dataclass
class Result:
    """What a query gave: ``rows`` for SELECT, ``boolean`` for ASK, ``graph`` (Turtle text) for
    CONSTRUCT and DESCRIBE."""
    kind: str
    rows: list[dict[str, Any]] | None = None
    variables: list[str] | None = None
    boolean: bool | None = None
    graph: str | None = None


@dataclass(frozen=True)
class IRI:
    """A parameter value that is an IRI, not a string literal."""
    value: str


Binding = str | int | float | bool | IRI
"""What a parameter can be bound to; ``None`` in a bindings dict leaves the variable unbound."""


class Engine(Protocol):
    name: str
    base: str

    def query(self, text: str, bindings: dict[str, Binding | None] | None = None) -> Result: ...

    def select(self, text: str, bindings: dict[str, Binding | None] | None = None) -> list[dict[str, Any]]: ...


def plain(lexical: str, datatype: str | None) -> Any:
    """A literal's Python value by its datatype; unknown datatypes stay strings."""
    if datatype in _INTEGERS:
        return int(lexical)
    if datatype in _FLOATS:
        return float(lexical)
    if datatype == XSD + "gYear":
        return int(re.match(r"-?\d+", lexical).group())  # drops a time zone: 2025Z, 2025+08:00
    if datatype == XSD + "boolean":
        return lexical in ("true", "1")
    return lexical


class _Engine:
    name = ""
    base = DEFAULT_BASE

    def query(self, text: str, bindings: dict[str, Binding | None] | None = None) -> Result:
        raise NotImplementedError

    def select(self, text: str, bindings: dict[str, Binding | None] | None = None) -> list[dict[str, Any]]:
        result = self.query(text, bindings)
        if result.rows is None:
            raise SparqlError(f"expected a SELECT query, got {result.kind}")
        return result.rows


class RdflibEngine(_Engine):
    """SPARQL evaluated by rdflib."""
    name = "rdflib"

    def __init__(self, graph: "rdflib.Graph", base: str = DEFAULT_BASE):
        self.graph = graph
        self.base = base

    def query(self, text: str, bindings: dict[str, Binding | None] | None = None) -> Result:
        from rdflib import Literal, URIRef

        refuse_remote(text)
        from .rdf import PREFIXES

        namespaces = {prefix: ns._NS for prefix, ns in PREFIXES.items()}
        terms = {name: URIRef(value.value) if isinstance(value, IRI) else Literal(value)
                 for name, value in (bindings or {}).items() if value is not None}
        try:
            result = self.graph.query(text, initNs=namespaces, initBindings=terms)
        except Exception as exc:  # rdflib raises pyparsing and assorted errors
            raise SparqlError(_one_line(exc)) from None
        if result.type == "ASK":
            return Result("ASK", boolean=bool(result.askAnswer))
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return Result(result.type, graph=result.graph.serialize(format="turtle"))
        names = [str(v) for v in result.vars]

        def value(term):
            if term is None:
                return None
            if isinstance(term, Literal):
                return plain(str(term), str(term.datatype) if term.datatype else None)
            return str(term)

        rows = [{name: value(row[i]) for i, name in enumerate(names)} for row in result]
        return Result("SELECT", rows=rows, variables=names)


class OxigraphEngine(_Engine):
    """SPARQL evaluated by pyoxigraph's in-memory store."""
    name = "oxigraph"

    def __init__(self, rdf: "rdflib.Graph", base: str = DEFAULT_BASE):
        import pyoxigraph as ox

        self.base = base
        self.store = ox.Store()
        data = rdf.serialize(format="nt", encoding="utf-8")
        self.store.load(data, format=ox.RdfFormat.N_TRIPLES)

    def query(self, text: str, bindings: dict[str, Binding | None] | None = None) -> Result:
        import pyoxigraph as ox

        refuse_remote(text)
        from .rdf import PREFIXES

        prefixes = {prefix: str(ns._NS) for prefix, ns in PREFIXES.items()}
        substitutions = {ox.Variable(name): _ox_term(value)
                         for name, value in (bindings or {}).items() if value is not None}
        try:
            result = self.store.query(text, prefixes=prefixes, substitutions=substitutions or None)
        except (SyntaxError, OSError, ValueError) as exc:
            raise SparqlError(_one_line(exc)) from None
        if isinstance(result, ox.QueryBoolean):
            return Result("ASK", boolean=bool(result))
        if isinstance(result, ox.QueryTriples):
            data = result.serialize(format=ox.RdfFormat.TURTLE)
            return Result("CONSTRUCT", graph=data.decode("utf-8"))
        names = [v.value for v in result.variables]

        def value(term):
            if term is None:
                return None
            if isinstance(term, ox.Literal):
                return plain(term.value, term.datatype.value if term.datatype else None)
            return term.value

        rows = [{name: value(solution[name]) for name in names} for solution in result]
        return Result("SELECT", rows=rows, variables=names)


def open_engine(graph: "nx.MultiDiGraph", engine: str = "auto",
                base: str = DEFAULT_BASE) -> _Engine:
    """An engine over the RDF form of ``graph``: ``rdflib``, ``oxigraph`` or ``auto``."""
    from .rdf import to_rdflib

    rdf = to_rdflib(graph, base)
    if engine == "auto":
        engine = "oxigraph" if len(rdf) > LARGE else "rdflib"
    if engine == "rdflib":
        return RdflibEngine(rdf, base)
    if engine == "oxigraph":
        return OxigraphEngine(rdf, base)
    raise ValueError(f"unknown SPARQL engine {engine!r} (rdflib, oxigraph or auto)")


def _ox_term(value: Binding):
    """A parameter value as a pyoxigraph term (numbers and booleans typed as rdflib types them)."""
    import pyoxigraph as ox

    if isinstance(value, IRI):
        return ox.NamedNode(value.value)
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(XSD + "double"))
    return ox.Literal(value)


_INERT = re.compile(r"<[^<>\s]*>|\"\"\".*?\"\"\"|'\'\'.*?'\'\'|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|#[^\n\r]*",
                    re.DOTALL)
_REMOTE = re.compile(r"\b(SERVICE|FROM|LOAD)\b", re.IGNORECASE)


def refuse_remote(text: str) -> None:
    """Refuse federated queries and remote datasets (``SERVICE``, ``FROM``, ``LOAD``, outside IRIs,
    strings and comments): a query over the local graph never sends a request out."""
    if found := _REMOTE.search(_INERT.sub(" ", text)):
        raise SparqlError(f"{found.group(1).upper()} is refused: queries run on the local graph only")


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
