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
    try:
        graph = Graph().parse(path, format=guess_format(str(path)) or "turtle")
    except Exception as exc:  # rdflib's parsers raise many unrelated types
        raise UnreadableRdf(f"{path}: not readable as RDF ({' '.join(str(exc).split())})") from None
    if not len(graph):
        raise UnreadableRdf(f"{path}: holds no RDF triples (empty file?)")
    return graph


def validate(data: "rdflib.Graph") -> Report:
    """SHACL validation of ``data`` against the shapes, without inference (the export states
    every type it relies on)."""
    from pyshacl import validate as shacl
    from rdflib.namespace import RDF, SH

    conforms, results, text = shacl(data, shacl_graph=shapes(), inference="none")
    violations = len(set(results.subjects(RDF.type, SH.ValidationResult)))
    return Report(bool(conforms), len(data), violations, text)
