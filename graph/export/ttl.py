"""Turtle: the readable RDF syntax, with the prefixes of ``graph.rdf.PREFIXES``."""
from .base import RdfExporter


class TurtleExporter(RdfExporter):
    rdf_format = "turtle"
