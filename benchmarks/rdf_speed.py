"""RDF export of the corpus graph as Turtle (triples/s), against two bare serialisers.

Ours is the whole ``policykg export`` path: the ``ttl`` exporter of ``graph.export`` mapping the
networkx graph to triples (``graph.rdf``) and writing Turtle. The baselines write the very same
triples, already built, as Turtle: rdflib's serialiser and pyoxigraph's (Rust). So the first ratio
is our mapping plus writer against the stock Python serialiser, the second against a native one.
"""
from __future__ import annotations

import io

from .core import Figure, Skip, cost_figure, paired_medians
from .corpus import Context


def to_oxigraph(rdf) -> list:
    """The rdflib graph's triples as pyoxigraph terms (done before timing)."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal

    def term(value):
        if isinstance(value, Literal):
            datatype = ox.NamedNode(str(value.datatype)) if value.datatype else None
            return ox.Literal(str(value), datatype=datatype, language=value.language)
        if isinstance(value, BNode):
            return ox.BlankNode(str(value))
        return ox.NamedNode(str(value))

    return [ox.Triple(term(s), term(p), term(o)) for s, p, o in rdf]


def measure(ctx: Context) -> list[Figure]:
    try:
        import pyoxigraph as ox
        import rdflib  # noqa: F401
    except ImportError as exc:
        raise Skip(f"{exc.name} is not installed (pip install 'policykg[rdf]')") from None
    from policykg.graph.export import find
    from policykg.graph.rdf import to_rdflib

    graph = ctx.graph
    exporter = find("ttl").load()
    rdf = to_rdflib(graph)
    count = len(rdf)
    prefixes = {prefix: str(namespace) for prefix, namespace in rdf.namespaces()}
    triples = to_oxigraph(rdf)
    note = f"{count} triples from {len(ctx.plans)} plans, median of {ctx.runs}"

    def ours() -> None:
        exporter.write(graph, io.BytesIO())

    mine, rdflib_time = paired_medians(ours, lambda: rdf.serialize(format="turtle"), ctx.runs)
    figures = [cost_figure("rdf", "RDF export (Turtle)", count, "triples/s", mine,
                           "rdflib serialize, same triples", rdflib_time, note=note)]
    mine, oxigraph_time = paired_medians(
        ours, lambda: ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes), ctx.runs)
    figures.append(cost_figure("rdf", "RDF export (Turtle)", count, "triples/s", mine,
                               "pyoxigraph serialize, same triples", oxigraph_time, note=note))
    return figures
