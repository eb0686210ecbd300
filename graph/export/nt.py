"""N-Triples: one triple per line, for streaming and line-based tools."""
from .base import RdfExporter


class NTriplesExporter(RdfExporter):
    rdf_format = "nt"

    def options(self) -> dict:
        return {"encoding": "utf-8"}
