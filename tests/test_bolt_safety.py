"""Parameters stay values on a server that pastes them into the query text (issue 12, finding 1).

The test server (FalkorDB's Bolt endpoint, see bolt_server.py) is such a server, so these tests
run the hostile values through the real thing: nothing they hold may run as Cypher, and every
string must come back as it went in.
"""
from __future__ import annotations

import pytest

from policykg.extractor.api import parse_text
from policykg.graph.bolt_params import (EXACT_FLOAT, SafeRunner, escape_for_literal, exact_float,
                                        float_decimals, inlines_parameters)
from policykg.graph.build import build_graph
from policykg.graph.neo4j_loader import LoadSettings, Statement, load, split_oversized, statements

from .test_neo4j import invoke, server, session  # noqa: F401  (fixtures)

HOSTILE = ["a'b", "a\\b", "a\\", "\\'", "x'}}] CREATE (:Pwn) /* a", "x' CREATE (:Pwn) WITH 1 AS one //",
           "x'}}] RETURN 1 AS pwn //", 'say "hi"', "tab\tline\nend\r", "\\b\\n\\u0041", "{}$x`",
           "中文（责任单位：区发展改革局）", "\U0001F600\ufffd\ue000"]

PLAN = """关于印发测试实施方案的通知
三、重点任务
（一）测试行动
1．措施 x'}}] RETURN 1 AS pwn // 推进。（责任单位：区发展改革局、区财政局）
2．措施 a\\b 与 'x' 推进。{long}（责任单位：区发展改革局）
3．到2025年，比重达到25%。x'}}] CREATE (:Pwn) /* （责任单位：区财政局）
"""


def pwn_nodes(session) -> int:
    return session.run("MATCH (n:Pwn) RETURN count(n) AS c").single()["c"]


def test_escaping_is_the_inverse_of_the_servers_literal_reader():
    assert escape_for_literal("a'b\\c") == "a\\'b\\\\c"
    assert escape_for_literal("a\x00b") == "a\ufffdb"
    runner = SafeRunner(None, inlines=True)
    assert runner.encode({"rows": [{"id": "x'"}], "n": 3}) == {"rows": [{"id": "x\\'"}], "n": 3}
    assert SafeRunner(None, inlines=False).encode({"v": "x'"}) == {"v": "x'"}


def test_oversized_rows_are_split_not_refused():
    text = "长" * 5000 + "'\\" * 300
    plans = ["p'%d" % i for i in range(400)]
    rows = [{"id": "m1", "props": {"id": "m1", "text": text, "plans": plans, "title": "t"}},
            {"id": "m2", "props": {"id": "m2", "text": "short"}}]
    statement = Statement("UNWIND $rows AS r MERGE (n:Measure {id: r.id}) SET n = r.props", rows, True,
                          "(n:Measure {id: $id})")
    runner = SafeRunner(None, inlines=True)
    fitting, appends = split_oversized(statement, rows, 2000, runner.size)
    assert [r["props"].get("text") for r in fitting] == ["", "short"]
    assert fitting[0]["props"]["plans"] == [] and fitting[0]["props"]["title"] == "t"
    assert all(runner.size(a.params) + len(a.query.encode()) < 2000 for a in appends)
    assert "".join(a.params["piece"] for a in appends if isinstance(a.params["piece"], str)) == text
    assert [p for a in appends if isinstance(a.params["piece"], list) for p in a.params["piece"]] == plans


@pytest.mark.bolt
def test_the_test_server_inlines_and_hostile_strings_come_back_exact(session):
    assert inlines_parameters(session)
    runner = SafeRunner(session, inlines=True)
    for value in HOSTILE:
        assert runner.run("RETURN $v AS v", {"v": value}).single()["v"] == value, value
    listed = runner.run("RETURN $m AS v", {"m": {"k": HOSTILE, "n": 1}}).single()["v"]
    assert listed == {"k": HOSTILE, "n": 1}
    assert runner.run("RETURN $v AS v", {"v": "a\x00b"}).single()["v"] == "a\ufffdb"
    assert runner.nul_replaced == 1
    assert pwn_nodes(session) == 0


@pytest.mark.bolt
def test_hostile_plan_loads_whole_with_default_settings(session):
    text = PLAN.replace("{long}", "很长的正文，" * 1500)   # one measure of ~27 KB
    plan = parse_text(text, path="x'}}] CREATE (:Pwn) /* a.txt")
    graph = build_graph([plan])
    report = load(session, graph, LoadSettings())
    assert pwn_nodes(session) == 0
    assert report.nodes == graph.number_of_nodes()
    assert session.run("MATCH (n) RETURN count(n) AS c").single()["c"] == graph.number_of_nodes()
    assert session.run("MATCH ()-[e]->() RETURN count(e) AS c").single()["c"] == graph.number_of_edges()
    measures = {r["id"]: (r["title"], r["text"])
                for r in session.run("MATCH (m:Measure) RETURN m.id AS id, m.title AS title, m.text AS text")}
    assert measures == {n: (d["title"], d["text"]) for n, d in graph.nodes(data=True) if d["type"] == "Measure"}
    assert any("x'}}]RETURN 1 AS pwn//" in title for title, _ in measures.values())   # spaces normalised
    assert any("a\\b" in title for title, _ in measures.values())
    assert max(len(text) for _, text in measures.values()) >= 9000
    path = session.run("MATCH (p:Plan) RETURN p.source_path AS path").single()["path"]
    assert path == "x'}}] CREATE (:Pwn) /* a.txt"


@pytest.mark.bolt
def test_named_and_raw_queries_cannot_write(server, session):
    for args in (["query", "who-owns", "x' CREATE (:Pwn) WITH 1 AS one //"],
                 ["query", "portfolio", "x'}) CREATE (:Pwn) WITH 1 AS one //"],
                 ["query", "RETURN $v AS v", "-p", "v=x' CREATE (:Pwn) //"]):
        result = invoke(server, *args)
        assert "Traceback" not in result.output
        assert pwn_nodes(session) == 0, args
    result = invoke(server, "query", "RETURN $v AS v", "-p", "v=a'\\b", "--format", "json")
    assert result.exit_code == 0, result.output
    assert '"a\'\\\\b"' in result.output


EXTREME_FLOATS = [1 / 3, 100 / 3, 2.5e-07, -0.1, 1e300, -1e-300, 5e-324, 2.2250738585072014e-308,
                  1.7976931348623157e308, 123456789.12345679, 0.0, 7.0]


def test_a_float_taken_apart_into_integers_is_rebuilt_exactly():
    for value in EXTREME_FLOATS:
        parts = exact_float(value)
        assert all(isinstance(v, int) and abs(v) < 2 ** 53 for v in parts.values()), value
        assert parts["m"] * 2.0 ** parts["e1"] * 2.0 ** parts["e2"] == value, value
    assert exact_float(0.5) == {"m": 2 ** 52, "e1": -27, "e2": -26}


@pytest.mark.bolt
def test_floats_the_server_would_round_come_back_exact(session):
    """FalkorDB prints a float parameter into its query with six decimals (and its toFloat of a
    string keeps single precision): plain floats lose digits, and are counted; the loader sends
    them as integer parts instead, so a load gives back every float bit for bit."""
    assert float_decimals(session) == 6
    runner = SafeRunner(session, inlines=True, decimals=6)
    assert runner.run("RETURN $v AS v", {"v": [0.25, 1234567890123.5, 2.5e-07, 1 / 3]}).single()["v"] \
        == [0.25, 1234567890123.5, 0.0, 0.333333]
    assert runner.floats_rounded == 2
    rebuilt = [runner.run(f"RETURN {EXACT_FLOAT} AS v", exact_float(v)).single()["v"] for v in EXTREME_FLOATS]
    assert rebuilt == EXTREME_FLOATS
    plan = parse_text("某区碳达峰实施方案\n一、主要目标\n到2025年，外受电比重超过三分之一。\n"
                      "二、重点任务\n（一）推进绿电。\n（责任单位：区发展改革委）\n", path="floats.txt")
    graph = build_graph([plan])
    report = load(session, graph)
    assert not any("decimals" in w for w in report.warnings), report.warnings
    values = [r["v"] for r in session.run("MATCH (t:Target) RETURN t.value AS v")]
    assert len(values) == 1 and abs(values[0] - 100 / 3) < 1e-9   # more than the six decimals
    expected = {(n, k): v for n, d in graph.nodes(data=True) for k, v in d.items() if isinstance(v, float)}
    stored = {(r["id"], k): v for r in session.run("MATCH (n) RETURN n.id AS id, properties(n) AS p")
              for k, v in r["p"].items() if isinstance(v, float)}
    assert stored == expected
