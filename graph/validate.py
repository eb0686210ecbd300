"""Check RDF against the SHACL shapes shipped in ``graph/data/shapes.ttl`` (needs pyshacl)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import rdflib


class UnreadableRdf(Exception):
    """A file that rdflib cannot parse; the message names the file and the problem."""


@dataclass(frozen=True)
class Report:
    conforms: bool
    triples: int
    violations: int
    text: str
    """pyshacl's report, one paragraph per violation."""


def shapes() -> "rdflib.Graph":
    from rdflib import Graph

    from .rdf import data_file

    return Graph().parse(data=data_file("shapes.ttl"), format="turtle")


def read_rdf(path: Path) -> "rdflib.Graph":
    """Parse an RDF file, its syntax guessed from the suffix (Turtle when it says nothing)."""
    from rdflib import Graph
    from rdflib.util import guess_format

    if not path.is_file():
        raise UnreadableRdf(f"{path}: no such file")
    syntax = guess_format(str(path)) or "turtle"
    if syntax in ("xml", "trix"):
        _refuse_entity_declarations(path)
    try:
        graph = Graph().parse(path, format=syntax)
    except Exception as exc:  # rdflib's parsers raise many unrelated types
        raise UnreadableRdf(f"{path}: not readable as RDF ({' '.join(str(exc).split())})") from None
    if not len(graph):
        raise UnreadableRdf(f"{path}: holds no RDF triples (empty file?)")
    return graph


class _RootReached(Exception):
    """The XML prolog is over: no entity can be declared after it."""


def _refuse_entity_declarations(path: Path) -> None:
    """Refuse an XML file whose prolog declares entities (``<!ENTITY lol "&lol1;&lol1;…">``):
    a 1 KB "billion laughs" file expands to gigabytes in the RDF/XML parser, and no RDF export
    needs a declaration. Only the prolog is read; a file that is not XML is left to rdflib."""
    from xml.parsers import expat

    def declared(*_) -> None:
        raise UnreadableRdf(f"{path}: declares XML entities (<!ENTITY …>), refused: expanding "
                            f"them can take any amount of memory and time")

    def root(*_) -> None:
        raise _RootReached

    parser = expat.ParserCreate()
    parser.EntityDeclHandler = declared
    parser.StartElementHandler = root
    try:
        with path.open("rb") as data:
            parser.ParseFile(data)
    except (_RootReached, expat.ExpatError):
        pass


def validate(data: "rdflib.Graph") -> Report:
    """SHACL validation of ``data`` against the shapes, without inference (the export states
    every type it relies on)."""
    from pyshacl import validate as shacl
    from rdflib.namespace import RDF, SH

    conforms, results, text = shacl(data, shacl_graph=shapes(), inference="none")
    violations = len(set(results.subjects(RDF.type, SH.ValidationResult)))
    return Report(bool(conforms), len(data), violations, text)
