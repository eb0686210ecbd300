"""RDF/XML, for tools that read nothing else.

XML 1.0 cannot hold some characters at all (most C0 controls, U+FFFE); literals holding one
are written without it, since one such character would make the whole file unreadable.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, BinaryIO

from .base import RdfExporter, xml_text

if TYPE_CHECKING:
    import networkx as nx


class RdfXmlExporter(RdfExporter):
    rdf_format = "xml"

    def write(self, graph: "nx.MultiDiGraph", out: BinaryIO) -> None:
        from rdflib import Literal

        from ..rdf import to_rdflib

        rdf = to_rdflib(graph, self.base)
        unfit = [(s, p, o) for s, p, o in rdf if isinstance(o, Literal) and xml_text(o) != str(o)]
        for s, p, o in unfit:
            rdf.remove((s, p, o))
            rdf.add((s, p, Literal(xml_text(o), lang=o.language, datatype=o.datatype)))
        rdf.serialize(destination=out, format=self.rdf_format)
