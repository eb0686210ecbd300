"""Load a whole store into a Bolt server with default settings and check what comes back.

``python -m benchmarks.bolt_corpus STORE --uri bolt://127.0.0.1:PORT`` empties the server's
graph, loads the store with ``LoadSettings()`` (as ``policykg neo4j load`` does without
options), then reads every node and relationship back and compares every property with the
store's graph, value for value, and answers the named queries on both sides (who-owns for every
measure path, portfolio for every department, targets for every year, departments). It prints
one JSON object of counts and timings; the issue-12 figures in the README come from it.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--uri", required=True)
    args = parser.parse_args()

    import neo4j

    from policykg.graph.bolt_params import SafeRunner, inlines_parameters
    from policykg.graph.neo4j_loader import LoadSettings, load, neo4j_value
    from policykg.graph.store import Store
    from policykg.queries import CypherBackend, NetworkxBackend, run

    with Store.open(args.store) as store:
        graph = store.load_graph()
    figures: dict = {"nodes": graph.number_of_nodes(), "relationships": graph.number_of_edges()}
    with neo4j.GraphDatabase.driver(args.uri, auth=None) as driver, driver.session() as session:
        session.run("MATCH (n) DETACH DELETE n").consume()
        report = load(session, graph, LoadSettings())
        figures.update(loaded_rows=report.rows, batches=report.batches, seconds=round(report.seconds, 2),
                       warnings=report.warnings)
        figures["pwn_nodes"] = session.run("MATCH (n:Pwn) RETURN count(n) AS c").single()["c"]
        figures["server_nodes"] = session.run("MATCH (n) RETURN count(n) AS c").single()["c"]
        figures["server_relationships"] = session.run("MATCH ()-[e]->() RETURN count(e) AS c").single()["c"]

        differing, compared, with_quote, with_backslash = [], 0, 0, 0
        back = {r["id"]: dict(r["p"]) for r in session.run("MATCH (n) RETURN n.id AS id, properties(n) AS p")}
        for node, data in graph.nodes(data=True):
            got = back.get(node, {})
            for key, value in data.items():
                if key == "type" or value is None:
                    continue
                compared += 1
                if isinstance(value, str):
                    with_quote += "'" in value
                    with_backslash += "\\" in value
                if got.get(key) != neo4j_value(value):
                    differing.append((node, key))
        figures.update(properties_compared=compared, properties_differing=len(differing),
                       first_differences=differing[:5], strings_with_quote=with_quote,
                       strings_with_backslash=with_backslash)

        runner = SafeRunner(session, inlines_parameters(session))
        data = [d for _, d in graph.nodes(data=True)]
        cases = ([("departments", {})]
                 + [("portfolio", {"department": name})
                    for name in sorted({d["name"] for d in data if d["type"] == "Department"})]
                 + [("targets", {"year": year}) for year in sorted({d["year"] for d in data if d["type"] == "Target"})]
                 + [("who-owns", {"text": d["path"], "plan": d["plan"]}) for d in data if d["type"] == "Measure"])
        started, unequal, rows = time.perf_counter(), [], 0
        for name, params in cases:
            expected = run(name, NetworkxBackend(graph), **params)
            got = session.execute_read(lambda tx: run(name, CypherBackend(SafeRunner(tx, runner.inlines)), **params))
            rows += len(expected)
            if got != expected:
                unequal.append((name, params))
        figures.update(named_queries=len(cases), named_query_rows=rows, named_queries_unequal=len(unequal),
                       first_unequal=unequal[:5], query_seconds=round(time.perf_counter() - started, 1))
    print(json.dumps(figures, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
