"""RDF/XML, for tools that read nothing else."""
from .base import RdfExporter


class RdfXmlExporter(RdfExporter):
    rdf_format = "xml"
