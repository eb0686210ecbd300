"""What every exporter is: a graph in, bytes out. Exporters know the graph, never the store."""
from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, ClassVar

from ..schema import DEFAULT_BASE

if TYPE_CHECKING:
    import networkx as nx


class Exporter(ABC):
    """Writes a networkx graph built by ``graph.build`` in one format.

    ``base`` is where node ids become IRIs; formats without IRIs ignore it.
    """

    def __init__(self, base: str = DEFAULT_BASE):
        self.base = base

    @abstractmethod
    def write(self, graph: "nx.MultiDiGraph", out: BinaryIO | Path) -> None:
        """Write ``graph`` to the binary stream ``out``, or, for a format registered with
        ``directory=True``, into the existing folder ``out``."""


class RdfExporter(Exporter):
    """An RDF syntax written by rdflib from the mapping in ``graph.rdf``."""
    rdf_format: ClassVar[str]

    def write(self, graph: "nx.MultiDiGraph", out: BinaryIO) -> None:
        from ..rdf import to_rdflib

        to_rdflib(graph, self.base).serialize(destination=out, format=self.rdf_format,
                                              **self.options())

    def options(self) -> dict:
        """Extra keyword arguments for rdflib's serializer."""
        return {}
