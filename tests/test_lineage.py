"""Plans in their hierarchy: the implementation cue of a citation, title keys, citations resolved
to plans, the lineage query on every backend, the command, and real chains of the corpus."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import URIRef

from policykg.cli import cli
from policykg.extractor.citations import find_citations, relation_before, title_parts
from policykg.graph.build import build_graph
from policykg.graph.rdf import ELI, to_rdflib
from policykg.graph.schema import plan_node
from policykg.graph.sparql import open_engine
from policykg.graph.store import Store
from policykg.graph.validate import validate
from policykg.queries import NetworkxBackend, SparqlBackend, run
from policykg.queries.lineage import UnknownPlan

from .conftest import SHARED
from .lineage_samples import lineage_plans

# --- the extractor: cue words and title keys ----------------------------------------------------


def test_every_title_of_an_implementing_clause_implements():
    text = "为贯彻落实《A方案》、《B意见》，结合《C规划》，制定本方案。"
    found = {c.title: c.relation for c in find_citations(text)}
    assert found == {"A方案": "implements", "B意见": "implements", "C规划": "cites"}


def test_a_cue_inside_a_cited_title_is_not_a_cue():
    text = "。《中共中央国务院关于完整准确全面贯彻新发展理念做好碳达峰碳中和工作的意见》《X规划》"
    assert relation_before(text, text.index("《X")) == "cites"


def test_a_long_list_of_titles_keeps_its_cue():
    titles = "".join(f"《第{i}号关于某某某某某某某某某某某某某某工作的意见》" for i in range(12))
    text = "全面落实" + titles + "《最后一个方案》"
    assert relation_before(text, text.index("《最后")) == "implements"


@pytest.mark.parametrize("title,issuer,core", [
    ("国务院关于印发2030年前碳达峰行动方案的通知", "国务院", "2030年前碳达峰行动方案"),
    ("国务院关于加快建立健全绿色低碳循环发展经济体系的指导意见", "国务院",
     "加快建立健全绿色低碳循环发展经济体系的指导意见"),
    ("中共中央办公厅、国务院办公厅印发〈关于推动城乡建设绿色发展的意见〉的通知",
     "中共中央办公厅、国务院办公厅", "推动城乡建设绿色发展的意见"),
    ("关于建立降碳产品价值实现机制的实施方案（试行）", "", "建立降碳产品价值实现机制的实施方案"),
    ("四川省林草碳汇发展推进方案（2022—2025年）", "", "四川省林草碳汇发展推进方案"),
    ("关于加快建立健全绿色低碳循环发展经济体系实施方案的通知", "", "加快建立健全绿色低碳循环发展经济体系实施方案"),
    ("《福建省加快建立健全绿色低碳循环发展经济体系实施方案》", "", "福建省加快建立健全绿色低碳循环发展经济体系实施方案"),
])
def test_title_parts(title, issuer, core):
    parts = title_parts(title)
    assert (parts.issuer, parts.core) == (issuer, core)


def test_title_key_ignores_de():
    assert title_parts("甘肃省人民政府关于加快建立健全绿色低碳循环发展经济体系的实施方案").key == \
        title_parts("甘肃省关于加快建立健全绿色低碳循环发展经济体系实施方案").key


def test_citations_in_the_action_part_only_cite():
    from policykg.extractor import parse

    plan = parse("为贯彻落实《甲方案》，制定本方案。\n一、重点任务\n（一）推进光伏。根据《乙办法》开展光伏建设。\n")
    assert {c.title: c.relation for c in plan.citations} == {"甲方案": "implements", "乙办法": "cites"}


# --- the graph: citations resolved --------------------------------------------------------------

@pytest.fixture(scope="module")
def graph():
    return build_graph(lineage_plans())


def links(graph):
    return sorted((graph.nodes[a]["plan"], graph.nodes[b]["plan"], rel)
                  for a, b, rel in graph.edges(keys=True)
                  if rel in ("IMPLEMENTS", "CITES") and graph.nodes[b]["type"] == "Plan")


def test_citations_resolve_to_the_plans_they_name(graph):
    assert links(graph) == [
        ("fujian", "national", "IMPLEMENTS"),
        ("fujian-twin", "national", "IMPLEMENTS"),
        ("gansu", "national", "IMPLEMENTS"),
        ("longyan", "fujian", "IMPLEMENTS"),
        ("longyan", "fujian-twin", "IMPLEMENTS"),
        ("longyan", "national", "IMPLEMENTS"),
        ("tianshui", "gansu", "IMPLEMENTS"),
    ]


def test_one_link_pools_the_spans_of_every_citation(graph):
    spans = graph.edges[plan_node("longyan"), plan_node("fujian"), "IMPLEMENTS"]["spans"]
    assert spans == [[60, 85], [300, 325]]  # the title is 25 characters


def test_unresolved_citations_stay_cited_documents(graph):
    cited = sorted(d["title"] for _, d in graph.nodes(data=True) if d["type"] == "CitedDocument")
    assert cited == ["成都市碳达峰实施方案", "自治区人民政府关于加快建立健全绿色低碳循环发展经济体系的实施意见"]


def test_a_store_resolves_what_its_plans_cite(tmp_path):
    with Store.create(tmp_path) as store:
        store.put(lineage_plans())
    graph = Store.open(tmp_path).load_graph()
    assert ("tianshui", "gansu", "IMPLEMENTS") in links(graph)


def test_rdf_says_based_on_and_conforms(graph):
    rdf = to_rdflib(graph, "https://example.org/pkg/")
    longyan = URIRef("https://example.org/pkg/plan/longyan")
    assert (longyan, ELI.based_on, URIRef("https://example.org/pkg/plan/fujian")) in rdf
    report = validate(rdf)
    assert report.conforms, report.text


# --- the lineage query -------------------------------------------------------------------------

@pytest.fixture(scope="module", params=("networkx", "rdflib", "oxigraph"))
def backend(request, graph):
    if request.param == "networkx":
        return NetworkxBackend(graph)
    return SparqlBackend(open_engine(graph, request.param))


def test_lineage_of_a_city_climbs_the_chain(backend):
    rows = run("lineage", backend, plan="longyan")
    assert [(r["direction"], r["depth"], r["plan"], r["via"], r["relation"]) for r in rows] == [
        ("self", 0, "longyan", None, None),
        ("above", 1, "fujian", "longyan", "IMPLEMENTS"),
        ("above", 1, "fujian-twin", "longyan", "IMPLEMENTS"),
        ("above", 2, "national", "fujian", "IMPLEMENTS"),
    ]
    assert rows[1]["title"] == "福建省加快建立健全绿色低碳循环发展经济体系实施方案"
    assert (rows[1]["region"], rows[1]["level"]) == ("福建省", "province")


def test_lineage_of_the_national_plan_lists_the_plans_below(backend):
    rows = run("lineage", backend, plan="national")
    assert [(r["direction"], r["depth"], r["plan"]) for r in rows] == [
        ("self", 0, "national"),
        ("below", 1, "fujian"), ("below", 1, "fujian-twin"), ("below", 1, "gansu"),
        ("below", 2, "longyan"), ("below", 2, "tianshui"),
    ]


def test_lineage_of_an_unknown_plan(backend):
    with pytest.raises(UnknownPlan):
        run("lineage", backend, plan="nowhere")


# --- the command ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("lineage-store")
    with Store.create(directory) as store:
        store.put(lineage_plans())
    return directory


def test_lineage_command_json(store_dir):
    result = CliRunner().invoke(cli, ["lineage", "tianshui", "--store", str(store_dir),
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [r["plan"] for r in json.loads(result.stdout)] == ["tianshui", "gansu", "national"]


def test_lineage_command_tree(store_dir):
    result = CliRunner().invoke(cli, ["lineage", "longyan", "--store", str(store_dir),
                                      "--format", "tree"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "龙岩市加快建立健全绿色低碳循环发展经济体系实施方案"
    national = next(i for i, line in enumerate(lines) if "国务院关于加快" in line)
    fujian = next(i for i, line in enumerate(lines) if "福建省加快" in line)
    assert fujian < national


def test_lineage_command_of_a_plan_with_no_links_exits_1(store_dir):
    result = CliRunner().invoke(cli, ["lineage", "wuzhou", "--store", str(store_dir),
                                      "--format", "json"])
    assert result.exit_code == 1
    assert "linked to no other plan" in result.stderr


def test_lineage_command_of_an_unknown_plan_is_one_line(store_dir):
    result = CliRunner().invoke(cli, ["lineage", "nowhere", "--store", str(store_dir)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "no plan nowhere" in result.stderr


# --- the corpus: chains checked by reading --------------------------------------------------------

LINKS = json.loads((Path(__file__).parent / "data" / "lineage_links.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus_links():
    """The plans of every checked link, parsed from the corpus and built into one graph."""
    from policykg.extractor import parse_file

    files = sorted({link[end] for link in LINKS["links"] for end in ("citing", "cited")})
    missing = [f for f in files if not (SHARED / f).is_file()]
    assert not missing, f"the shared corpus is missing {missing[:3]}"
    graph = build_graph(parse_file(SHARED / f) for f in files)
    by_path = {Path(d["source_path"]).resolve(): d["plan"] for _, d in graph.nodes(data=True)
               if d["type"] == "Plan"}
    plan_of = {f: by_path[(SHARED / f).resolve()] for f in files}
    return plan_of, set(links(graph))


def test_at_least_thirty_real_links_are_checked():
    assert len(LINKS["links"]) >= 30


def test_every_checked_link_of_the_corpus_is_resolved(corpus_links):
    plan_of, found = corpus_links
    expected = {(plan_of[l["citing"]], plan_of[l["cited"]], l["relation"]) for l in LINKS["links"]}
    assert sorted(expected - found) == []


def test_longyan_stands_under_fujian_under_the_state_council(corpus_links):
    plan_of, found = corpus_links
    longyan = plan_of["bulk/354、龙岩市加快建立健全绿色低碳循环发展经济体系实施方案.pdf"]
    fujian = plan_of["bulk/75、福建省加快建立健全绿色低碳循环发展经济体系实施方案.pdf"]
    council = plan_of["bulk2/6、关于加快建立健全绿色低碳循环发展经济体系的指导意见.pdf"]
    assert {(longyan, fujian, "IMPLEMENTS"), (fujian, council, "IMPLEMENTS")} <= found
