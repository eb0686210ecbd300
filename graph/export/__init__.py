"""Export formats: a registry of names and file suffixes, each loaded on first use.

A format is a module and a class named by strings (``Format``), so listing the formats or
guessing one from ``-o graph.ttl`` imports nothing; only the chosen exporter's module is
imported, and with it its library (rdflib for RDF). To add a format (``neo4j-csv``,
``cypher``), write ``graph/export/<name>.py`` with an ``Exporter`` subclass and add one
``Format`` line to ``FORMATS``.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .base import Exporter


@dataclass(frozen=True)
class Format:
    name: str
    module: str
    cls: str
    suffixes: tuple[str, ...]
    description: str
    directory: bool = False
    """True for a format written as a folder of files rather than one file."""

    def load(self, **options: Any) -> "Exporter":
        """An instance of the exporter class, its module imported now."""
        return getattr(importlib.import_module(self.module), self.cls)(**options)


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("ttl", "policykg.graph.export.ttl", "TurtleExporter", (".ttl",), "RDF Turtle"),
    Format("nt", "policykg.graph.export.nt", "NTriplesExporter", (".nt",), "RDF N-Triples"),
    Format("jsonld", "policykg.graph.export.jsonld", "JsonLdExporter", (".jsonld",), "RDF JSON-LD"),
    Format("xml", "policykg.graph.export.xml", "RdfXmlExporter", (".rdf", ".xml"), "RDF/XML"),
    Format("graphml", "policykg.graph.export.graphml", "GraphMLExporter", (".graphml",),
           "GraphML, for network tools (Gephi, yEd, networkx)"),
    Format("cypher", "policykg.graph.export.cypher", "CypherExporter", (".cypher", ".cql"),
           "Cypher script for cypher-shell"),
    Format("neo4j-csv", "policykg.graph.export.neo4j_csv", "Neo4jCsvExporter", (),
           "CSV files and import.sh for neo4j-admin database import full", directory=True),
)}


class UnknownFormat(ValueError):
    pass


def find(name: str | None = None, path: str | PurePath | None = None) -> Format:
    """The format named ``name``, else the one ``path``'s suffix tells, else Turtle."""
    if name is not None:
        if name not in FORMATS:
            raise UnknownFormat(f"unknown export format {name!r} (known: {', '.join(FORMATS)})")
        return FORMATS[name]
    if path is not None:
        suffix = PurePath(path).suffix.lower()
        for fmt in FORMATS.values():
            if suffix in fmt.suffixes:
                return fmt
        if suffix:
            raise UnknownFormat(f"cannot tell the export format from {suffix!r}; "
                                f"give --format ({', '.join(FORMATS)})")
    return FORMATS["ttl"]
