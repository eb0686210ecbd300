"""Turtle, written straight from the triples of ``graph.rdf`` without building an rdflib Graph.

rdflib's Turtle serializer first loads every triple into an indexed store, then sorts and
analyses it; for the corpus that costs seconds. Here triples are grouped by subject in a dict
and written in one pass, in a stable order (subjects, predicates and objects sorted, ``rdf:type``
first as ``a``), vocabulary terms as prefixed names and node IRIs in full (their ``/`` cannot
stand in a prefixed name). The output
parses back to the very graph ``graph.rdf.to_rdflib`` builds (tests check isomorphism).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, BinaryIO, Iterable

from .base import Exporter

if TYPE_CHECKING:
    import networkx as nx

_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?\d*\.\d+$")
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


class TurtleExporter(Exporter):
    def write(self, graph: "nx.MultiDiGraph", out: BinaryIO) -> None:
        from ..rdf import PREFIXES, all_triples

        prefixes = {str(ns._NS): prefix for prefix, ns in PREFIXES.items()}
        text = "".join(TurtleWriter(prefixes).lines(all_triples(graph, self.base)))
        out.write(text.encode("utf-8"))


class TurtleWriter:
    """Formats triples of rdflib terms as Turtle, grouped by subject."""

    def __init__(self, prefixes: dict[str, str]):
        self.prefixes = prefixes  # namespace IRI -> prefix
        self._names: dict[str, str] = {}

    def lines(self, triples: Iterable[tuple]) -> Iterable[str]:
        from rdflib import Literal

        subjects: dict = {}
        for s, p, o in triples:
            subjects.setdefault(s, {}).setdefault(p, {})[o] = None  # a dict keeps order, drops repeats
        for namespace, prefix in sorted(self.prefixes.items(), key=lambda item: item[1]):
            yield f"@prefix {prefix}: <{namespace}> .\n"
        for subject in sorted(subjects, key=str):
            predicates = subjects[subject]
            parts = []
            for predicate in sorted(predicates, key=lambda p: (str(p) != RDF_TYPE, str(p))):
                verb = "a" if str(predicate) == RDF_TYPE else self.iri(predicate)
                objects = ", ".join(sorted(self.literal(o) if isinstance(o, Literal)
                                           else self.node(o) for o in predicates[predicate]))
                parts.append(f"{verb} {objects}")
            yield f"\n{self.node(subject)} " + " ;\n    ".join(parts) + " .\n"

    def node(self, term) -> str:
        from rdflib import BNode

        return f"_:{term}" if isinstance(term, BNode) else self.iri(term)

    def iri(self, term) -> str:
        text = str(term)
        name = self._names.get(text)
        if name is None:
            name = f"<{text}>"
            cut = max(text.rfind("#"), text.rfind("/")) + 1
            prefix = self.prefixes.get(text[:cut])
            if prefix is not None and _LOCAL.match(text[cut:]):
                name = f"{prefix}:{text[cut:]}"
            self._names[text] = name
        return name

    def literal(self, term) -> str:
        lexical = str(term)
        if term.language:
            return f'"{lexical.translate(_ESCAPES)}"@{term.language}'
        datatype = str(term.datatype) if term.datatype else None
        if datatype == XSD + "integer" and _INTEGER.match(lexical):
            return lexical
        if datatype == XSD + "decimal" and _DECIMAL.match(lexical):
            return lexical
        quoted = f'"{lexical.translate(_ESCAPES)}"'
        return f"{quoted}^^{self.iri(term.datatype)}" if datatype else quoted
