"""A plan against the plans above it: relative and absolute indicators, stricter or weaker
targets, measure counterparts (hand-written plans and hand-labelled corpus pairs), the command."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from policykg.cli import cli
from policykg.extractor.model import Plan
from policykg.graph.store import Store
from policykg.queries.chain import compare_with_parents, is_relative, target_pairs
from policykg.queries.compare import align_indicators
from policykg.queries.indicator_match import default_matcher
from policykg.queries.measure_match import THRESHOLD, match_measures, score_pairs

from .conftest import SHARED

PROVINCE_TITLE = "福建省碳达峰实施方案"


def _target(tid: str, indicator: str, value: float, unit: str, comparator: str = "ge",
            direction: str = "level", year: int = 2025) -> dict:
    return {"id": tid, "measure": None, "section": None, "indicator": indicator, "value": value,
            "unit": unit, "comparator": comparator, "direction": direction, "year": year,
            "text": f"到{year}年，{indicator}", "span": [0, 10]}


def _measure(mid: str, title: str, text: str) -> dict:
    return {"id": mid, "section": None, "path": mid, "number": mid, "title": title, "text": text,
            "span": [0, 10], "units": []}


def _plan(pid: str, title: str, region: str, level: str, targets=(), measures=(), citations=()) -> Plan:
    return Plan.from_dict({
        "schema": "policykg/plan@1", "id": pid,
        "source": {"path": f"{pid}.txt", "format": "txt",
                   "sha256": hashlib.sha256(pid.encode()).hexdigest(), "chars": 500},
        "metadata": {"title": title, "region": region, "level": level},
        "targets": list(targets), "measures": list(measures), "citations": list(citations)})


def province() -> Plan:
    return _plan("province", PROVINCE_TITLE, "福建省", "province",
                 targets=[_target("t1", "非化石能源消费比重", 26, "%"),
                          _target("t2", "光伏装机容量", 2000, "万千瓦", "eq"),
                          _target("t3", "单位地区生产总值能耗", 14, "%", "ge", "decrease")],
                 measures=[_measure("m1", "大力发展光伏发电", "推进分布式光伏发电建设，建设光伏电站。"),
                           _measure("m2", "推进交通运输绿色转型", "推广新能源汽车，建设充电基础设施。"),
                           _measure("m3", "加强森林资源保护", "实施国土绿化行动，提升森林覆盖率和蓄积量。")])


def city() -> Plan:
    return _plan("city", "龙岩市碳达峰实施方案", "龙岩市", "city",
                 targets=[_target("t1", "非化石能源消费比重", 20, "%"),
                          _target("t2", "光伏装机容量", 100, "万千瓦", "eq"),
                          _target("t3", "单位GDP能耗", 15, "%", "ge", "decrease")],
                 measures=[_measure("m1", "加快发展光伏发电", "推进屋顶分布式光伏发电，建设光伏电站。"),
                           _measure("m2", "发展数字经济", "建设数据中心和工业互联网平台。"),
                           _measure("m3", "推动交通运输绿色低碳转型", "推广新能源汽车，建设充电桩。")],
                 citations=[{"title": PROVINCE_TITLE, "doc_number": None, "span": [0, 9],
                             "relation": "implements"}])


@pytest.mark.parametrize("indicator,unit,relative", [
    ("非化石能源消费比重", "%", True), ("单位地区生产总值能耗", "%", True),
    ("公共充电桩密度", "个/平方公里", True), ("城市生活污水集中收集率", "", True),
    ("森林蓄积量", "立方米", False), ("光伏装机容量", "千瓦", False), ("新能源汽车", "辆", False),
])
def test_relative_and_absolute_indicators(indicator, unit, relative):
    assert is_relative(indicator, unit) is relative


def test_compare_never_ranks_absolute_quantities_of_different_regions():
    rows = {r.indicator: r for r in align_indicators([province(), city()], default_matcher())}
    solar = rows["光伏装机容量"].ambition[0]
    assert (solar.more_ambitious, solar.basis) == (None, "absolute quantities of different regions are not ranked")
    share = rows["非化石能源消费比重"].ambition[0]
    assert share.more_ambitious == "province"


def test_target_pairs_flag_a_weaker_rate_and_leave_quantities_unranked():
    pairs = {p.indicator: p for p in target_pairs(city(), province())}
    assert (pairs["非化石能源消费比重"].verdict, pairs["非化石能源消费比重"].weaker) == ("weaker", True)
    assert pairs["光伏装机容量"].verdict == "not ranked: absolute quantity"
    assert pairs["光伏装机容量"].weaker is False
    assert pairs["单位地区生产总值能耗"].verdict == "at least as strict"  # −15% against −14%


def test_measures_paired_lacking_and_added():
    found = match_measures(province(), city())
    assert {p.parent: p.child for p in found.pairings} == {"m1": "m1", "m2": "m3", "m3": None}
    assert found.lacks == ["m3"] and found.adds == ["m2"]


def test_compare_with_parents_model():
    chain = compare_with_parents(city(), [(province(), 1)])
    assert chain.threshold == THRESHOLD
    parent = chain.parents[0]
    assert (parent.parent.id, parent.depth) == ("province", 1)
    assert [m.title for m in parent.lacks] == ["加强森林资源保护"]
    assert [m.title for m in parent.adds] == ["发展数字经济"]


@pytest.fixture()
def chain_store(tmp_path):
    with Store.create(tmp_path) as store:
        store.put([province(), city()])
    return tmp_path


def test_compare_with_parents_command(chain_store):
    result = CliRunner().invoke(cli, ["compare", "city", "--with-parents", "--store", str(chain_store)])
    assert result.exit_code == 0, result.output
    assert "| 非化石能源消费比重 | 2025 | ≥20% | ≥26% | **weaker** |" in result.stdout
    assert "| 光伏装机容量 | 2025 | 100万千瓦 | 2,000万千瓦 | not ranked: absolute quantity |" in result.stdout
    assert "Parent measures this plan lacks: m3 加强森林资源保护" in result.stdout
    data = json.loads(CliRunner().invoke(cli, ["compare", "city", "--with-parents", "--format", "json",
                                               "--store", str(chain_store)]).stdout)
    assert [p["parent"]["id"] for p in data["parents"]] == ["province"]


def test_compare_with_parents_refuses_two_plans_and_unknown_ids(chain_store):
    two = CliRunner().invoke(cli, ["compare", "city", "province", "--with-parents", "--store", str(chain_store)])
    assert two.exit_code == 2 and "takes one plan id" in two.stderr
    unknown = CliRunner().invoke(cli, ["compare", "nowhere", "--with-parents", "--store", str(chain_store)])
    assert unknown.exit_code == 2 and unknown.stderr.count("\n") == 1 and "no plan nowhere" in unknown.stderr


def test_measure_counterparts_on_hand_labelled_corpus_pairs():
    pairs = Path(__file__).parent / "data" / "measure_pairs.json"
    assert len(json.loads(pairs.read_text(encoding="utf-8"))["pairs"]) >= 40
    assert (SHARED / "bulk").is_dir(), "the shared corpus is missing"
    scored = score_pairs(pairs, SHARED, [THRESHOLD])[0]
    assert scored.precision >= 0.95 and scored.recall >= 0.9, scored
