"""JSON-LD, compacted with the standard prefixes so keys read ``eli:title``, not full IRIs."""
from .base import RdfExporter


class JsonLdExporter(RdfExporter):
    rdf_format = "json-ld"

    def options(self) -> dict:
        from ..rdf import PREFIXES

        context = {prefix: str(ns._NS) for prefix, ns in PREFIXES.items()}
        return {"context": context, "auto_compact": True}
