"""Graph build and store load for the whole text corpus (plans parsed once, before timing).

Baselines: for the build, networkx alone inserting the very nodes and edges the build produced
(``add_nodes_from``/``add_edges_from``), so the ratio is what walking the plans, minting ids and
merging shared nodes costs on top of storing them. For the load, reading the same SQLite rows and
decoding their JSON without making a graph, so the ratio is what rebuilding the graph costs.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from .core import Figure, paired_medians, time_figure
from .corpus import Context


def bare_networkx(nodes: list, edges: list):
    import networkx as nx

    graph = nx.MultiDiGraph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    return graph


def bare_rows(path: Path) -> int:
    """Read and decode every node and edge row of a store file; return the row count."""
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = [json.loads(props) for (props,) in db.execute("SELECT props FROM nodes")]
        rows += [json.loads(props) for (props,) in db.execute("SELECT props FROM edges")]
    finally:
        db.close()
    return len(rows)


def measure(ctx: Context) -> list[Figure]:
    from policykg.graph.build import build_graph
    from policykg.graph.store import FILENAME, Store

    plans = ctx.plans
    graph = ctx.graph
    nodes = list(graph.nodes(data=True))
    edges = list(graph.edges(keys=True, data=True))
    size = f"{len(plans)} plans, {len(nodes)} nodes, {len(edges)} edges, median of {ctx.runs}"
    ours, theirs = paired_medians(lambda: build_graph(plans), lambda: bare_networkx(nodes, edges), ctx.runs)
    figures = [time_figure("graph", "graph build", ours, "networkx add_nodes_from/add_edges_from",
                           theirs, note=size)]
    directory = ctx.store_dir

    def load() -> None:
        with Store.open(directory) as store:
            store.load_graph()

    ours, theirs = paired_medians(load, lambda: bare_rows(directory / FILENAME), ctx.runs)
    figures.append(time_figure("graph", "store load", ours,
                               "sqlite SELECT + json.loads of the same rows", theirs, note=size))
    return figures
