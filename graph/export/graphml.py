"""GraphML, for network tools (Gephi, yEd, networkx): the property graph itself, not RDF.

GraphML holds only scalar attributes, so lists (spans, aliases, plans) are written as JSON
text and empty values are left out. The edge ``id`` is the relation type. Characters XML 1.0
cannot hold are left out of the values.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, BinaryIO

from .base import Exporter, xml_text

if TYPE_CHECKING:
    import networkx as nx


def _scalars(attrs: dict[str, Any]) -> dict[str, Any]:
    flat = {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
            for k, v in attrs.items() if v is not None}
    return {k: xml_text(v) if isinstance(v, str) else v for k, v in flat.items()}


class GraphMLExporter(Exporter):
    def write(self, graph: "nx.MultiDiGraph", out: BinaryIO) -> None:
        import networkx as nx

        flat = nx.MultiDiGraph()
        flat.add_nodes_from((n, _scalars(d)) for n, d in graph.nodes(data=True))
        flat.add_edges_from((s, t, k, _scalars(d))
                            for s, t, k, d in graph.edges(keys=True, data=True))
        nx.write_graphml(flat, out, encoding="utf-8")
