"""Neo4j loading and Cypher queries, against a live Bolt server (FalkorDB, see bolt_server.py).

Tests marked ``bolt`` start the server and fail (never skip) when it cannot start. The others
need no server: batching, the statements, the read-only check, the offline exports and the
errors raised before a connection is made.
"""
from __future__ import annotations

import csv
import io
import json
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from policykg.graph.build import build_graph
from policykg.graph.neo4j_loader import LoadError, LoadSettings, batches, load, statements
from policykg.graph.store import Store
from policykg.cli import cli
from policykg.queries import NetworkxBackend
from policykg.queries import run as run_networkx
from policykg.queries import CypherBackend, run
from policykg.queries.cypher import WriteRefused, check_read_only

from .bolt_server import BoltServer, ServerFailed, free_port
from .terminal import stderr_on_a_terminal
from .graph_samples import alpha, beta, gamma, sample_plans

SMALL = LoadSettings(batch_size=50, max_batch_bytes=3500)
"""FalkorDB's Bolt endpoint crashes on messages over about 4 KB."""
SMALL_OPTIONS = ["--batch-size", "50", "--max-batch-bytes", "3500"]


def start_server(directory: Path) -> BoltServer:
    try:
        return BoltServer(directory).start()
    except ServerFailed as exc:
        pytest.fail(f"the Bolt test server cannot start: {exc}")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    started = start_server(tmp_path_factory.mktemp("falkordb"))
    yield started
    started.stop()


@pytest.fixture
def session(server):
    """A session on an empty graph."""
    with server.driver() as driver, driver.session() as opened:
        opened.run("MATCH (n) DETACH DELETE n").consume()
        yield opened


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory, corpus_plans) -> Path:
    directory = tmp_path_factory.mktemp("store")
    with Store.create(directory) as store:
        store.put(corpus_plans)
    return directory


def stored_graph(directory: Path) -> nx.MultiDiGraph:
    with Store.open(directory) as store:
        return store.load_graph()


def counts(session) -> tuple[int, int, int]:
    """Nodes, relationships, distinct node ids."""
    return (session.run("MATCH (n) RETURN count(n) AS c").single()["c"],
            session.run("MATCH ()-[e]->() RETURN count(e) AS c").single()["c"],
            session.run("MATCH (n) RETURN count(DISTINCT n.id) AS c").single()["c"])


def invoke(server: BoltServer, *args: str, env: dict[str, str] | None = None):
    """Run ``policykg neo4j …`` against ``server`` (knocking after, see bolt_server.py)."""
    result = CliRunner().invoke(cli, ["neo4j", *args, "--uri", server.uri], env=env)
    if server.process is not None and server.process.poll() is None:
        server.knock()
    return result


def one_line_error(result) -> str:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    return lines[0]


# --- without a server ---------------------------------------------------------------------------

def test_batches_cut_at_rows_and_bytes():
    rows = [{"id": str(i), "props": {"text": "字" * 100}} for i in range(10)]  # ~330 bytes each
    assert [len(b) for b in batches(rows, LoadSettings(batch_size=4))] == [4, 4, 2]
    assert [len(b) for b in batches(rows, LoadSettings(batch_size=100, max_batch_bytes=1000))] \
        == [3, 3, 3, 1]
    with pytest.raises(LoadError, match="one row is"):
        list(batches(rows, LoadSettings(max_batch_bytes=300)))


def test_statements_hold_every_node_and_edge_once():
    graph = build_graph(sample_plans())
    found = statements(graph)
    node_rows = [r for s in found if s.nodes for r in s.rows]
    edge_rows = [r for s in found if not s.nodes for r in s.rows]
    assert sorted(r["id"] for r in node_rows) == sorted(graph.nodes)
    assert len(edge_rows) == graph.number_of_edges()
    assert all("$" not in s.query.replace("$rows", "").replace("$load", "") for s in found)
    cites = [r for s in found if ":CITES]" in s.query for r in s.rows]
    # alpha cites 2030年前碳达峰行动方案 twice: a list of spans, stored as JSON text
    spans = {r["dst"]: r["props"]["spans"] for r in cites if "碳达峰" in r["dst"]}
    assert json.loads(spans["document/2030年前碳达峰行动方案"]) == [[5, 17], [80, 92]]


def test_raw_cypher_must_only_read():
    check_read_only("MATCH (m:Measure) WHERE m.title CONTAINS 'SET' RETURN m.title // DELETE")
    for text in ("MATCH (n) DETACH DELETE n", "CREATE (:X)", "match (n) set n.a = 1",
                 "CALL db.clearQueryCaches()", "MERGE (n:X {id: 1})"):
        with pytest.raises(WriteRefused):
            check_read_only(text)


def test_connection_refused_is_one_line(corpus_store):
    result = CliRunner().invoke(cli, ["neo4j", "load", "--store", str(corpus_store),
                                      "--uri", f"bolt://127.0.0.1:{free_port()}"])
    assert result.exit_code == 2
    assert "cannot reach" in one_line_error(result) and "refused" in result.output


def test_password_variable_must_be_set(corpus_store):
    result = CliRunner().invoke(cli, ["neo4j", "load", "--store", str(corpus_store),
                                      "--password-env", "POLICYKG_TEST_NO_SUCH_VAR"])
    assert result.exit_code == 2
    assert "POLICYKG_TEST_NO_SUCH_VAR is not set" in one_line_error(result)


def test_named_query_needs_its_argument():
    result = CliRunner().invoke(cli, ["neo4j", "query", "who-owns"])
    assert result.exit_code == 2
    assert "needs a TEXT argument" in one_line_error(result)


def test_neo4j_csv_headers_and_rows(tmp_path):
    from policykg.graph.export.neo4j_csv import Neo4jCsvExporter

    graph = build_graph(sample_plans())
    written = Neo4jCsvExporter().write(graph, tmp_path)
    with (tmp_path / "nodes_Department.csv").open(encoding="utf-8") as f:
        departments = list(csv.reader(f))
    assert departments[0] == ["id:ID", ":LABEL", "aliases:string[]", "name:string",
                              "plans:string[]", "region:string"]
    assert ["department/甲区/区发展改革局", "Department", "区发展改革委;发展改革局", "区发展改革局",
            "alpha-2024;beta-2023", "甲区"] in departments
    with (tmp_path / "relationships_LEADS.csv").open(encoding="utf-8") as f:
        leads = list(csv.reader(f))
    assert leads[0] == [":START_ID", ":END_ID", ":TYPE", "lead_basis:string", "plan:string",
                        "rank:long", "raw:string", "span:long[]"]
    assert ["department/甲区/区住建局", "plan/alpha-2024/measure/m2", "LEADS", "explicit",
            "alpha-2024", "0", "区住建局", "250;255"] in leads
    node_lines = sum(len(p.read_text(encoding="utf-8").splitlines()) - 1
                     for p in written if p.name.startswith("nodes_"))
    assert node_lines == graph.number_of_nodes()
    assert "neo4j-admin database import full" in (tmp_path / "import.sh").read_text()


def test_neo4j_csv_chooses_an_array_delimiter_no_value_holds(tmp_path):
    """A ``;`` inside a printed department name once stopped the export."""
    import csv

    from policykg.graph.export.neo4j_csv import Neo4jCsvExporter

    data = beta().to_dict()
    data["departments"][0]["aliases"] = ["发展改革局;区发改局", "发改局"]
    Neo4jCsvExporter().write(build_graph([type(beta()).from_dict(data)]), tmp_path)
    assert "--array-delimiter='|' --multiline-fields=true" in (tmp_path / "import.sh").read_text()
    with open(tmp_path / "nodes_Department.csv", encoding="utf-8", newline="") as f:
        header, *rows = list(csv.reader(f))
    aliases = header.index("aliases:string[]")
    assert "发展改革局;区发改局|发改局" in [row[aliases] for row in rows]


def test_cypher_literals_escape_quotes_and_lines():
    from policykg.graph.export.cypher import literal

    assert literal("它's\\x\n") == r"'它\'s\\x\n'"
    assert literal({"a b": [1, 2.5, None, True]}) == "{`a b`: [1, 2.5, null, true]}"


# --- against the live server --------------------------------------------------------------------

@pytest.mark.bolt
def test_load_twice_leaves_the_same_counts(server, session, corpus_store):
    graph = stored_graph(corpus_store)
    expected = (graph.number_of_nodes(), graph.number_of_edges(), graph.number_of_nodes())
    first = invoke(server, "load", "--store", str(corpus_store), *SMALL_OPTIONS)
    assert first.exit_code == 0, first.output
    assert counts(session) == expected
    second = invoke(server, "load", "--store", str(corpus_store), *SMALL_OPTIONS)
    assert second.exit_code == 0, second.output
    assert counts(session) == expected
    assert "removed 0 stale nodes and 0 stale relationships" in second.output
    labels = dict(session.run("MATCH (n) RETURN labels(n)[0] AS t, count(n) AS n").values())
    assert labels == Counter(graph.nodes[n]["type"] for n in graph)


@pytest.mark.bolt
def test_named_queries_equal_networkx_on_the_corpus(session, corpus_store):
    graph = stored_graph(corpus_store)
    load(session, graph, SMALL)
    plan = "qingyang-tandafeng-2024"
    cases = [("who-owns", {"text": "交通运输结构"}), ("who-owns", {"text": "能源"}),
             ("who-owns", {"text": "1"}), ("who-owns", {"text": "绿色", "plan": plan}),
             ("portfolio", {"department": "区执法局"}), ("portfolio", {"department": "发展改革"}),
             ("portfolio", {"department": "区发展改革委"}),
             ("portfolio", {"department": "区执法局", "plan": plan}),
             ("targets", {}), ("targets", {"year": 2025}), ("targets", {"indicator": "非化石"}),
             ("targets", {"indicator": "单位生产总值能源消耗"}), ("targets", {"indicator": "gdp能耗"}),
             ("indicator-labels", {}), ("department-labels", {}), ("targets", {"plan": plan}), ("departments", {}), ("departments", {"plan": plan}),
             ("who-owns", {"text": "没有这样的措施"})]
    for name, params in cases:
        expected = run_networkx(name, NetworkxBackend(graph), **params)
        assert run(name, CypherBackend(session), **params) == expected, (name, params)
    assert sum(len(run(n, CypherBackend(session), **p)) for n, p in cases) > 500
    # the indicator name is resolved before the backend runs, to the same ids on Bolt as in memory
    from policykg.queries import targets

    asked = targets.Params(indicator="单位生产总值能源消耗")   # a synonym, not a canonical name
    on_bolt = targets.prepare(asked, lambda n, **p: run(n, CypherBackend(session), **p))
    assert on_bolt == targets.prepare(asked, lambda n, **p: run_networkx(n, NetworkxBackend(graph), **p))
    assert on_bolt.indicators == ("indicator/单位地区生产总值能耗",)
    data = [d for _, d in graph.nodes(data=True)]
    cases = ([("portfolio", {"department": name})
              for name in sorted({d["name"] for d in data if d["type"] == "Department"})]
             + [("targets", {"year": year})
                for year in sorted({d["year"] for d in data if d["type"] == "Target"})]
             + [("who-owns", {"text": d["path"], "plan": d["plan"]})
                for d in data if d["type"] == "Measure"][::4])
    answered = 0
    for name, params in cases:
        expected = run_networkx(name, NetworkxBackend(graph), **params)
        assert run(name, CypherBackend(session), **params) == expected, (name, params)
        answered += bool(expected)
    assert answered > 240   # the text corpus: its departments and every fourth measure
    assert all(run(n, CypherBackend(session), **p) for n, p in cases if p.get("plan"))


@pytest.mark.bolt
def test_cli_answers_who_owns_for_qingyang(server, session, corpus_store):
    load(session, stored_graph(corpus_store), SMALL)
    result = invoke(server, "query", "who-owns", "交通运输结构", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    row = next(r for r in rows if r["measure"]["title"] == "构建绿色高效的交通运输结构")
    assert row["lead"] == ["区住建交局"]
    raw = invoke(server, "query", "MATCH (m:Measure) WHERE m.title = $t RETURN m.plan AS plan",
                 "-p", "t=构建绿色高效的交通运输结构", "--format", "json")
    assert raw.exit_code == 0, raw.output
    assert json.loads(raw.stdout) == [{"plan": "qingyang-tandafeng-2024"}]
    refused = invoke(server, "query", "MATCH (n) DETACH DELETE n")
    assert refused.exit_code == 2 and "must only read" in one_line_error(refused)
    assert counts(session)[0] > 0


@pytest.mark.bolt
def test_load_draws_a_bar_on_a_terminal_only(server, session, corpus_store):
    """neo4j load counts the rows written on a terminal; piped, only its report line."""
    args = ["neo4j", "load", "--store", str(corpus_store), "--uri", server.uri]
    drawn = stderr_on_a_terminal(*args)
    server.knock()
    assert "loading rows" in drawn
    piped = subprocess.run([sys.executable, "-m", "policykg", *args], capture_output=True, text=True)
    server.knock()
    assert piped.returncode == 0, piped.stderr
    assert "loading rows" not in piped.stderr and piped.stderr.startswith("loaded ")
    assert piped.stderr.count("\n") == 1


def trimmed_alpha():
    """alpha with measure m4 gone, 区执法局 no longer supporting m2, and m1 retitled."""
    data = alpha().to_dict()
    data["measures"] = [m for m in data["measures"] if m["id"] != "m4"]
    m1, m2 = data["measures"][0], data["measures"][1]
    m1["title"] = "大力推进光伏发电"
    m2["units"] = [u for u in m2["units"] if u["name"] != "区执法局"]
    return type(alpha()).from_dict(data)


@pytest.mark.bolt
def test_reloading_a_reparsed_plan_updates_it_in_place(session):
    load(session, build_graph(sample_plans()), SMALL)
    changed = [trimmed_alpha(), beta(), gamma()]
    report = load(session, build_graph(changed), SMALL)
    graph = build_graph(changed + [sample_plans()[3]])
    assert counts(session) == (graph.number_of_nodes(), graph.number_of_edges(),
                               graph.number_of_nodes())
    assert report.deleted_nodes == 1 and report.deleted_relationships == 2  # m4 + its 2 edges
    titles = dict(session.run("MATCH (m:Measure {plan: 'alpha-2024'}) "
                              "RETURN m.local_id, m.title").values())
    assert titles == {"m1": "大力推进光伏发电", "m2": "发展绿色建筑", "m3": "优化交通运输结构"}
    supports = session.run("MATCH (:Department {name: '区执法局'})-[:SUPPORTS]->(m) "
                           "RETURN m.local_id").values()
    assert supports == []
    assert run("portfolio", CypherBackend(session), department="区执法局") == run_networkx(
        "portfolio", NetworkxBackend(graph), department="区执法局")


@pytest.mark.bolt
def test_credentials_the_server_refuses(server, corpus_store):
    secret = "s3cret-Wrong-pw"
    result = invoke(server, "load", "--store", str(corpus_store), "--user", "analyst",
                    "--password-env", "POLICYKG_TEST_PW", env={"POLICYKG_TEST_PW": secret})
    assert result.exit_code == 2
    line = one_line_error(result)
    assert "refused the login of user 'analyst'" in line and secret not in result.output


@pytest.mark.bolt
def test_server_dying_mid_load_then_rerun(tmp_path, corpus_store, monkeypatch):
    """A load cut short: one line, exit 1; what it left has no duplicates; a re-run completes."""
    import policykg.graph.neo4j_loader as loader

    dying = start_server(tmp_path / "dying")
    try:
        graph = stored_graph(corpus_store)
        written = []

        def killing_batches(rows, settings, *more):
            for batch in batches(rows, settings, *more):
                if len(written) == 30:
                    # SIGTERM: the server saves its data and exits, so the restart below sees
                    # exactly what the cut load left behind
                    dying.stop(signal.SIGTERM)
                written.append(batch)
                yield batch

        monkeypatch.setattr(loader, "batches", killing_batches)
        cut = invoke(dying, "load", "--store", str(corpus_store), *SMALL_OPTIONS)
        assert cut.exit_code == 1
        assert "load stopped after" in one_line_error(cut)
        monkeypatch.undo()

        dying.start()
        with dying.driver() as driver, driver.session() as opened:
            nodes, _, ids = counts(opened)
            assert 0 < nodes < graph.number_of_nodes() and ids == nodes
            rerun = invoke(dying, "load", "--store", str(corpus_store), *SMALL_OPTIONS)
            assert rerun.exit_code == 0, rerun.output
            assert counts(opened) == (graph.number_of_nodes(), graph.number_of_edges(),
                                      graph.number_of_nodes())
    finally:
        dying.stop()


@pytest.mark.bolt
def test_cypher_script_export_loads_the_same_graph(session):
    """The exported script, run statement by statement (FalkorDB refuses the constraints)."""
    from policykg.graph.export.cypher import CypherExporter

    graph = build_graph(sample_plans())
    out = io.BytesIO()
    CypherExporter(rows_per_statement=1).write(graph, out)
    lines = out.getvalue().decode("utf-8").splitlines()
    assert sum(line.startswith("CREATE CONSTRAINT") for line in lines) == 9
    for line in lines:
        if line.startswith(("UNWIND", "MATCH")):
            session.run(line.rstrip(";")).consume()
    assert counts(session) == (graph.number_of_nodes(), graph.number_of_edges(),
                               graph.number_of_nodes())
    assert run("portfolio", CypherBackend(session), department="区发展改革委") == run_networkx(
        "portfolio", NetworkxBackend(graph), department="区发展改革委")


@pytest.mark.bolt
def test_lineage_on_bolt_equals_networkx(session):
    from .lineage_samples import lineage_plans

    graph = build_graph(lineage_plans())
    load(session, graph, SMALL)
    for plan in ("longyan", "national", "tianshui", "wuzhou"):
        expected = run_networkx("lineage", NetworkxBackend(graph), plan=plan)
        assert run("lineage", CypherBackend(session), plan=plan) == expected, plan
    assert len(run("lineage", CypherBackend(session), plan="national")) == 6


@pytest.mark.bolt
def test_deadlines_on_bolt_equal_networkx(session):
    from .test_deadlines_coverage import plans

    graph = build_graph(plans())
    load(session, graph, SMALL)
    for params in ({}, {"before": "2022-06-30"}, {"department": "发展改革委"}, {"plan": "alpha"}):
        expected = run_networkx("deadlines", NetworkxBackend(graph), **params)
        assert run("deadlines", CypherBackend(session), **params) == expected, params
    assert len(run("deadlines", CypherBackend(session))) == 3
