"""What every exporter is: a graph in, bytes out. Exporters know the graph, never the store."""
from __future__ import annotations

import os
from abc import ABC, abstractmethod
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, ClassVar, Iterator

from policykg.extractor.serializers.xml_chars import NOT_XML

from ..schema import DEFAULT_BASE

if TYPE_CHECKING:
    import networkx as nx

def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (``NOT_XML``)."""
    return NOT_XML.sub("", text)


class ExportError(ValueError):
    """A graph a format cannot carry faithfully (the CLI names the output and the value)."""


@contextmanager
def replace_when_done(path: Path) -> Iterator[BinaryIO]:
    """A binary stream for ``path`` that becomes ``path`` only once the block ends without an
    error: a failed or killed export leaves the old file (or none), never half of a new one."""
    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        with open(part, "wb") as out:
            yield out
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)


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
