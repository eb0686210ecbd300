"""Deadlines by date and who owns them; coverage of the national actions across a store.
Expected rows are worked out by hand from the plans below."""
from __future__ import annotations

import hashlib

import pytest
from click.testing import CliRunner

from policykg.cli import cli
from policykg.extractor.model import Plan
from policykg.graph.build import build_graph
from policykg.graph.sparql import open_engine
from policykg.graph.store import Store
from policykg.queries import NetworkxBackend, SparqlBackend, run
from policykg.queries.frame_coverage import frame_coverage


def _unit(name: str, role: str, rank: int) -> dict:
    return {"name": name, "raw": name, "role": role, "lead_basis": "first_listed",
            "span": [rank * 10, rank * 10 + 5]}


def _measure(mid: str, title: str, text: str, deadline: tuple[str, str | None] | None,
             units: list[dict]) -> dict:
    return {"id": mid, "section": None, "path": mid[1:], "number": mid[1:], "title": title,
            "text": text, "span": [0, 100], "units": units,
            "deadline": {"text": deadline[0], "date": deadline[1], "span": [90, 99]} if deadline else None}


def _plan(pid: str, level: str, measures: list[dict]) -> Plan:
    return Plan.from_dict({
        "schema": "policykg/plan@1", "id": pid,
        "source": {"path": f"{pid}.txt", "format": "txt",
                   "sha256": hashlib.sha256(pid.encode()).hexdigest(), "chars": 500},
        "metadata": {"title": f"{pid}实施方案", "region": "福建省", "level": level},
        "measures": measures})


def plans() -> list[Plan]:
    return [
        _plan("alpha", "province", [
            _measure("m1", "大力发展光伏发电", "推进分布式光伏和风电建设，提高非化石能源消费比重。",
                     ("2022年底前", "2022-12-31"), [_unit("省发展改革委", "lead", 0), _unit("省能源局", "support", 1)]),
            _measure("m2", "推广新能源汽车", "推动公交车、出租车电动化，建设充电基础设施。",
                     ("长期坚持", None), [_unit("省交通运输厅", "lead", 0)]),
            _measure("m3", "加强宣传", "开展节能宣传周活动。", None, [])]),
        _plan("beta", "city", [
            _measure("m1", "完善统计核算", "建立碳排放统计核算体系。", ("2021年四季度", "2021-12-31"),
                     [_unit("市统计局", "lead", 0), _unit("市发展改革委", "support", 1)])]),
        _plan("notice", "city", []),
    ]


@pytest.fixture(scope="module", params=("networkx", "rdflib"))
def backend(request):
    graph = build_graph(plans())
    if request.param == "networkx":
        return NetworkxBackend(graph)
    return SparqlBackend(open_engine(graph, "rdflib"))


def test_deadlines_by_date_open_ended_last(backend):
    rows = run("deadlines", backend)
    assert [(r["date"], r["deadline"], r["plan"], r["measure"]["title"], r["lead"]) for r in rows] == [
        ("2021-12-31", "2021年四季度", "beta", "完善统计核算", ["市统计局"]),
        ("2022-12-31", "2022年底前", "alpha", "大力发展光伏发电", ["省发展改革委"]),
        (None, "长期坚持", "alpha", "推广新能源汽车", ["省交通运输厅"]),
    ]


def test_deadlines_before_a_day_and_of_a_department(backend):
    assert [r["plan"] for r in run("deadlines", backend, before="2022-06-30")] == ["beta"]
    rows = run("deadlines", backend, department="发展改革委")
    assert [(r["plan"], r["measure"]["title"]) for r in rows] == [("beta", "完善统计核算"),
                                                                   ("alpha", "大力发展光伏发电")]
    assert run("deadlines", backend, plan="alpha", before="2021-12-31") == []


def test_deadlines_command(tmp_path):
    with Store.create(tmp_path) as store:
        store.put(plans())
    result = CliRunner().invoke(cli, ["deadlines", "--before", "2022-12-31", "--store", str(tmp_path),
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"deadline": "2022年底前"' in result.stdout and "长期坚持" not in result.stdout
    bad = CliRunner().invoke(cli, ["deadlines", "--before", "2022-13-01", "--store", str(tmp_path)])
    assert bad.exit_code == 2


def test_coverage_counts_plans_per_action_and_level():
    found = frame_coverage(plans())
    assert (found["plans"], found["without_measures"]) == (2, ["notice"])
    by_action = {a["action"]: a for a in found["actions"]}
    energy = next(a for name, a in by_action.items() if name.startswith("能源绿色低碳转型"))
    transport = next(a for name, a in by_action.items() if name.startswith("交通运输"))
    assert (energy["plans"], energy["by_level"]["province"], energy["missing"]) == (1, 1, ["beta"])
    assert (transport["plans"], transport["by_level"]["province"]) == (1, 1)
    assert len(found["actions"]) == 10


def test_coverage_command(tmp_path):
    with Store.create(tmp_path) as store:
        store.put(plans())
    result = CliRunner().invoke(cli, ["coverage", "--store", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"without_measures": [\n    "notice"\n  ]' in result.stdout
