"""indicator-labels: every indicator's id, canonical name and the other names it goes by.

What ``targets --indicator`` resolves its text against (``queries.targets``), as
``department-labels`` is for ``portfolio``: it runs on the same backend as the question, and the
matching then happens once, in Python, so every backend is handed the same indicator ids. Rows:
``{"id", "name", "aliases"}`` by id; ``aliases`` are the synonyms of
``extractor/data/indicators.jsonl`` and every form a plan printed the indicator in.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from policykg.graph.schema import NodeType, RelType

from ..backends import cypher_records, query_text
from ..lookups import nodes_of
from ..rows import label_row, solution_labels

if TYPE_CHECKING:
    import networkx as nx

    from policykg.graph.sparql import Engine


@dataclass(frozen=True)
class Params:
    pass


def on_networkx(graph: "nx.MultiDiGraph", params: Params) -> list[dict[str, Any]]:
    printed: dict[str, list[str]] = {}
    for target, t in nodes_of(graph, NodeType.TARGET.value):
        for _, indicator, rel in graph.out_edges(target, keys=True):
            if rel == RelType.MEASURES.value:
                printed.setdefault(indicator, []).append(t["indicator"])
    return sorted((label_row(node, i["name"], [*i["synonyms"], *printed.get(node, ())])
                   for node, i in nodes_of(graph, NodeType.INDICATOR.value)),
                  key=lambda row: row["id"])


def on_sparql(engine: "Engine", params: Params) -> list[dict[str, Any]]:
    return solution_labels(engine.select(query_text(__name__, "indicator_labels.rq")), "i", engine.base)


def on_cypher(session: Any, params: Params) -> list[dict[str, Any]]:
    records = cypher_records(session, query_text(__name__, "indicator_labels.cypher"), {})
    return sorted((label_row(r["id"], r["name"], [*(r["synonyms"] or ()), *r["printed"]])
                   for r in records), key=lambda row: row["id"])
