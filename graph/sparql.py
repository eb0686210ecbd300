"""SPARQL over the graph's RDF form, on rdflib or pyoxigraph, with one result shape.

rdflib evaluates SPARQL in Python and is fine for a few plans; pyoxigraph (Rust) is much faster
once the graph is large, so ``open_engine`` picks it above ``LARGE`` triples. Both engines return
rows as dicts of plain Python values (``str``, ``int``, ``float``, ``bool``; IRIs as ``str``),
so a caller never sees which one ran.

Query templates take parameters through ``VALUES ?name { … }`` blocks (see ``bind``), which keeps
every example ``.rq`` file a valid query that runs as it is.
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


class Engine(Protocol):
    name: str

    def query(self, text: str) -> Result: ...

    def select(self, text: str) -> list[dict[str, Any]]: ...


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

    def select(self, text: str) -> list[dict[str, Any]]:
        result = self.query(text)
        if result.rows is None:
            raise SparqlError(f"expected a SELECT query, got {result.kind}")
        return result.rows


class RdflibEngine(_Engine):
    """SPARQL evaluated by rdflib."""
    name = "rdflib"

    def __init__(self, graph: "rdflib.Graph"):
        self.graph = graph

    def query(self, text: str) -> Result:
        from rdflib import Literal

        refuse_remote(text)
        from .rdf import PREFIXES

        namespaces = {prefix: ns._NS for prefix, ns in PREFIXES.items()}
        try:
            result = self.graph.query(text, initNs=namespaces)
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

    def __init__(self, rdf: "rdflib.Graph"):
        import pyoxigraph as ox

        self.store = ox.Store()
        data = rdf.serialize(format="nt", encoding="utf-8")
        self.store.load(data, format=ox.RdfFormat.N_TRIPLES)

    def query(self, text: str) -> Result:
        import pyoxigraph as ox

        refuse_remote(text)
        from .rdf import PREFIXES

        prefixes = {prefix: str(ns._NS) for prefix, ns in PREFIXES.items()}
        try:
            result = self.store.query(text, prefixes=prefixes)
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
        return RdflibEngine(rdf)
    if engine == "oxigraph":
        return OxigraphEngine(rdf)
    raise ValueError(f"unknown SPARQL engine {engine!r} (rdflib, oxigraph or auto)")


_VALUES = r"VALUES\s+\?{name}\s*\{{[^}}]*\}}"


def literal(value: Any) -> str:
    """``value`` as a SPARQL term: a quoted, escaped string, a number, or UNDEF for None."""
    if value is None:
        return "UNDEF"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    for char, escape in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t")):
        text = text.replace(char, escape)
    return f'"{text}"'


def bind(query: str, **values: Any) -> str:
    """Set the parameters of a query template: every ``VALUES ?name { … }`` block gets
    ``values[name]`` (``None`` leaves the variable unbound, so its filter lets everything pass)."""
    for name, value in values.items():
        pattern = re.compile(_VALUES.format(name=re.escape(name)))
        if not pattern.search(query):
            raise KeyError(f"the query has no VALUES block for ?{name}")
        query = pattern.sub(lambda _: f"VALUES ?{name} {{ {literal(value)} }}", query)
    return query


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
