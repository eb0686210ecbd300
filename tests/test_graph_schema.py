"""The graph schema and the build: node and relation types, stable ids, shared nodes."""
from __future__ import annotations

import networkx as nx
import pytest

from policykg.graph.build import build_graph, plan_graph
from policykg.extractor.indicators import IndicatorIndex, Indicator, default_index, normalise
from policykg.graph.schema import (NODES, RELATIONS, _NEEDS_ENCODING, _UNSAFE, NodeType, RelType,
                                   _iri_char, check, merge_shared, segment)

from .graph_samples import alpha, sample_plans


@pytest.fixture(scope="module")
def sample() -> nx.MultiDiGraph:
    return build_graph(sample_plans())


def edges(graph, rel: str) -> set[tuple[str, str]]:
    return {(s, d) for s, d, k in graph.edges(keys=True) if k == rel}


def test_sample_graph_follows_the_schema(sample):
    assert check(sample) == []


def test_every_type_of_the_issue_is_in_the_schema():
    assert {t.value for t in NODES} == {"Plan", "Section", "Measure", "Department", "Target",
                                        "Indicator", "Goal", "CitedDocument", "Region"}
    for rel in ("HAS_SECTION", "HAS_MEASURE", "LEADS", "SUPPORTS", "HAS_TARGET", "MEASURES",
                "CITES", "ISSUED_BY", "IN_REGION"):
        assert RelType(rel) in RELATIONS


def test_check_reports_what_breaks_the_schema():
    graph = nx.MultiDiGraph()
    graph.add_node("x", type="Spaceship")
    graph.add_node("plan/p", type="Plan", plan="p", span=[0, 1], sha256="0", chars=1,
                   source_format="txt", colour="red")
    graph.add_node("plan/p/measure/m1", type="Measure", plan="p")
    graph.add_edge("plan/p/measure/m1", "plan/p", key="LEADS", plan="p")
    problems = check(graph)
    assert any("unknown node type 'Spaceship'" in p for p in problems)
    assert any("unknown properties colour" in p for p in problems)
    assert any("plan/p/measure/m1: missing" in p and "title" in p for p in problems)
    assert any("source type Measure not allowed" in p for p in problems)


def test_ids_come_from_plan_and_item_ids(sample):
    assert sample.nodes["plan/alpha-2024/measure/m1"]["title"] == "推进光伏发电"
    assert sample.nodes["plan/alpha-2024/section/s2.1"]["path"] == "二/（一）"
    t1 = sample.nodes["plan/alpha-2024/target/t1"]                # printed as 100 MW
    assert (t1["value"], t1["unit"], t1["printed_value"], t1["printed_unit"]) == (100000.0, "千瓦", 100.0, "MW")
    assert sample.nodes["plan/alpha-2024/goal/g1"]["year"] == 2030


def test_the_same_plan_built_twice_gives_the_same_graph():
    first, second = plan_graph(alpha()), plan_graph(alpha())
    assert list(first.nodes) == list(second.nodes)
    assert nx.utils.graphs_equal(first, second)


def test_real_plan_parsed_twice_gets_the_same_ids(qingyang_plan):
    from policykg.extractor import parse_file

    from .conftest import QINGYANG

    again = plan_graph(parse_file(QINGYANG))
    assert sorted(plan_graph(qingyang_plan).nodes) == sorted(again.nodes)


def test_tree_edges(sample):
    has_section = edges(sample, "HAS_SECTION")
    assert ("plan/alpha-2024", "plan/alpha-2024/section/s2") in has_section
    assert ("plan/alpha-2024/section/s2", "plan/alpha-2024/section/s2.1") in has_section
    has_measure = edges(sample, "HAS_MEASURE")
    assert ("plan/alpha-2024/section/s2.2", "plan/alpha-2024/measure/m4") in has_measure
    assert ("plan/gamma-2022", "plan/gamma-2022/measure/m1") in has_measure  # no section


def test_roles_become_relations_with_their_basis_and_rank(sample):
    lead = sample.edges["department/甲区/区住建局", "plan/alpha-2024/measure/m2", "LEADS"]
    assert lead == {"plan": "alpha-2024", "lead_basis": "explicit", "raw": "区住建局", "rank": 0,
                    "span": [250, 255]}
    support = sample.edges["department/甲区/区执法局", "plan/alpha-2024/measure/m2", "SUPPORTS"]
    assert support["rank"] == 2
    assert ("department/甲区/区交通局", "plan/alpha-2024/measure/m3") in edges(sample, "SHARES")


def test_departments_are_shared_within_a_region_only(sample):
    dept = sample.nodes["department/甲区/区发展改革局"]
    assert dept["plans"] == ["alpha-2024", "beta-2023"]
    assert dept["aliases"] == ["区发展改革委", "发展改革局"]
    assert sample.nodes["department/乙市/区发展改革局"]["plans"] == ["gamma-2022"]
    # no region: the department is the plan's own
    assert sample.nodes["plan/delta/department/发展改革局"]["name"] == "发展改革局"
    assert ("department/甲区/区发展改革局", "region/甲区") in edges(sample, "IN_REGION")
    shared_edge = sample.edges["department/甲区/区发展改革局", "region/甲区", "IN_REGION"]
    assert shared_edge == {"plans": ["alpha-2024", "beta-2023"]}


def test_issuer_publisher_and_suborganization(sample):
    assert ("plan/alpha-2024", "department/甲区/某市甲区人民政府") in edges(sample, "ISSUED_BY")
    assert ("plan/alpha-2024", "department/甲区/某市甲区人民政府办公室") in edges(sample, "PUBLISHED_BY")
    assert ("department/甲区/某市甲区人民政府办公室", "department/甲区/某市甲区人民政府") in \
        edges(sample, "SUB_ORGANIZATION_OF")


def test_targets_hang_on_measure_section_or_plan(sample):
    has_target = edges(sample, "HAS_TARGET")
    assert ("plan/alpha-2024/measure/m1", "plan/alpha-2024/target/t1") in has_target
    assert ("plan/alpha-2024/section/s1", "plan/alpha-2024/target/t2") in has_target
    assert ("plan/alpha-2024", "plan/alpha-2024/target/t3") in has_target
    assert ("plan/alpha-2024/section/s1", "plan/alpha-2024/goal/g1") in edges(sample, "HAS_GOAL")


def test_indicators_are_shared_under_their_canonical_name(sample):
    measures = edges(sample, "MEASURES")
    assert ("plan/alpha-2024/target/t2", "indicator/非化石能源消费比重") in measures
    assert ("plan/beta-2023/target/t1", "indicator/非化石能源消费比重") in measures
    assert ("plan/alpha-2024/target/t3", "indicator/单位地区生产总值能耗") in measures
    assert ("plan/alpha-2024/target/t1", "indicator/光伏装机容量") in measures
    assert sample.nodes["indicator/非化石能源消费比重"]["plans"] == ["alpha-2024", "beta-2023"]
    # the printed words stay on the target
    assert sample.nodes["plan/alpha-2024/target/t2"]["indicator"] == "全区非化石能源占能源消费总量比重"


def test_citations_are_shared_documents_with_every_mention(sample):
    cites = sample.edges["plan/alpha-2024", "document/2030年前碳达峰行动方案", "CITES"]
    assert cites["spans"] == [[5, 17], [80, 92]]
    assert sample.nodes["document/number/国发〔2021〕23号"]["doc_number"] == "国发〔2021〕23号"
    assert sum(1 for n, d in sample.nodes(data=True) if d["type"] == "CitedDocument") == 2
    # the notice that issues the plan and the plan's own title are one document, both forms kept
    assert sample.nodes["document/2030年前碳达峰行动方案"]["printed"] == [
        "2030年前碳达峰行动方案", "国务院关于印发2030年前碳达峰行动方案的通知"]


def test_segment_escapes_only_what_an_iri_cannot_hold():
    assert segment("区发展改革局") == "区发展改革局"
    assert segment("各县（市、区）人民政府") == "各县（市、区）人民政府"
    assert segment("a/b c") == "a%2Fb%20c"
    assert segment('x<y>"z"') == "x%3Cy%3E%22z%22"
    assert segment("50%") == "50%25"


def test_segment_fast_path_passes_only_what_needs_no_encoding():
    # what the regex lets through unchanged, the character rules keep too; within the BMP they
    # agree exactly (above it the regex sends everything to the rules)
    for code in range(0x110000):
        char = chr(code)
        kept = char not in _UNSAFE and not char.isspace() and code >= 0x20 and code != 0x7F \
            and _iri_char(code)
        if not _NEEDS_ENCODING.search(char):
            assert kept, hex(code)
        elif code < 0x10000:
            assert not kept, hex(code)


def test_merge_shared_unions_lists_and_keeps_first_scalar():
    merged = merge_shared({"name": "A", "region": None, "aliases": ["b"], "plans": ["p2"]},
                          {"name": "X", "region": "R", "aliases": ["a", "b"], "plans": ["p1"]})
    assert merged == {"name": "A", "region": "R", "aliases": ["a", "b"], "plans": ["p1", "p2"]}


def test_indicator_synonyms_from_the_data_file():
    index = default_index()
    assert index.canonical("非化石能源占能源消费总量比重").name == "非化石能源消费比重"
    assert index.canonical("单位GDP能耗").name == "单位地区生产总值能耗"
    assert index.canonical("单位生产总值能源消耗").name == "单位地区生产总值能耗"
    assert index.canonical("全市 森林覆盖率").name == "森林覆盖率"
    assert index.canonical("新奇指标").name == "新奇指标"
    assert normalise("数据中心PUE(值)") == "数据中心PUE（值）"


def test_indicator_file_entries_are_unambiguous():
    seen: dict[str, str] = {}
    for ind in default_index().indicators:
        for form in (ind.name, *ind.synonyms):
            assert seen.setdefault(normalise(form), ind.name) == ind.name, form


def test_a_user_file_of_indicators_comes_first(tmp_path, monkeypatch):
    path = tmp_path / "mine.jsonl"
    path.write_text('{"name": "森林覆盖率", "synonyms": ["林木绿化率"], "unit": "%"}\n',
                    encoding="utf-8")
    monkeypatch.setenv("POLICYKG_INDICATORS", str(path))
    default_index.cache_clear()
    try:
        assert default_index().canonical("全区林木绿化率").name == "森林覆盖率"
        assert default_index().canonical("单位GDP能耗").name == "单位地区生产总值能耗"
    finally:
        default_index.cache_clear()


def test_indicator_file_errors_name_the_line(tmp_path):
    path = tmp_path / "ind.jsonl"
    path.write_text('{"name": "甲"}\n{"synonyms": []}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="ind.jsonl:2"):
        IndicatorIndex.from_file(path)
    assert IndicatorIndex([Indicator("甲", ("乙",))]).canonical("乙").name == "甲"


def test_whole_corpus_graph_follows_the_schema(corpus_plans):
    graph = build_graph(corpus_plans)
    assert check(graph) == []
    types = [d["type"] for _, d in graph.nodes(data=True)]
    assert types.count(NodeType.PLAN.value) == len(corpus_plans)
    assert types.count(NodeType.MEASURE.value) == sum(len(p.measures) for p in corpus_plans)
    assert types.count(NodeType.TARGET.value) == sum(len(p.targets) for p in corpus_plans)
    # every measure hangs in its plan's tree exactly once
    for node, data in graph.nodes(data=True):
        if data["type"] == "Measure":
            parents = [s for s, _, k in graph.in_edges(node, keys=True) if k == "HAS_MEASURE"]
            assert len(parents) == 1, node
