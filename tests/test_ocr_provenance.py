"""OCR provenance per fact: ``Source.ocr`` says which characters were read by OCR, and every fact
over them says ``origin: "ocr"`` in the plan JSON, the graph, RDF, the Neo4j exports and the web
app's plan page.

OCR itself is tested in test_ocr.py (it takes seconds per page); here the ranges are set on real
plan text by hand, so each expected fact below is known by reading which words the ranges cover.
"""
from __future__ import annotations

import csv
import hashlib
import io

import pytest
from pydantic import ValidationError
from rdflib import PROV, RDF, Literal, URIRef

from policykg.extractor.api import parse_text
from policykg.extractor.model import Plan, Source
from policykg.graph.build import build_graph
from policykg.graph.export.cypher import CypherExporter
from policykg.graph.export.neo4j_csv import Neo4jCsvExporter
from policykg.graph.rdf import PKG, to_rdflib
from policykg.graph.schema import DEFAULT_BASE, check
from policykg.graph.validate import validate
from tests.conftest import TXT

QINGYANG = TXT / "qingyang_tandafeng_2024.txt"
PLAN = "plan/qingyang-tandafeng-2024"


def test_a_span_is_from_ocr_when_it_shares_a_character_with_a_range():
    source = Source(sha256="0" * 64, chars=100, ocr=[(10, 20), (30, 40)])
    assert [source.from_ocr(span) for span in [(0, 10), (0, 11), (19, 25), (20, 30), (25, 45),
                                               (35, 35), (40, 40), (45, 50)]] == \
        [False, True, True, False, True, True, False, False]
    assert not Source(sha256="0" * 64, chars=100).from_ocr((0, 100))


def test_ocr_ranges_out_of_order_or_outside_the_text_are_refused(qingyang_plan):
    with pytest.raises(ValidationError, match="sorted and apart"):
        Source(sha256="0" * 64, chars=100, ocr=[(30, 40), (10, 20)])
    data = qingyang_plan.to_dict()
    data["source"]["ocr"] = [[0, data["source"]["chars"] + 1]]
    with pytest.raises(ValidationError, match="outside the source text"):
        Plan.from_dict(data)


HAND = ("某区碳达峰实施方案\n\n根据《国务院关于印发2030年前碳达峰行动方案的通知》，制定本方案。\n\n"
        "一、重点任务\n\n（一）推进能源转型\n\n"
        "1.推进光伏发电。到2025年，光伏装机容量达到10万千瓦。（责任单位：区发展改革局；完成时限：2025年底前）\n\n"
        "2.推进交通绿色转型。到2025年，新能源汽车占比达到30%。（责任单位：区交通局；完成时限：2023年6月）\n")


def test_every_kind_of_fact_over_an_ocr_range_says_so():
    # As if the title line, the words 根据《国务院关于 and measure 1 had been pictures.
    first, second, cited = HAND.index("1.推进"), HAND.index("2.推进"), HAND.index("根据")
    source = Source(sha256="0" * 64, chars=len(HAND), ocr=[(0, 9), (cited, cited + 10), (first, second)])
    plan = parse_text(HAND, source=source)
    data = plan.to_dict()
    assert data["metadata"]["ocr_fields"] == ["title"]
    assert [(m["id"], m["origin"], m["deadline"]["origin"], [u["origin"] for u in m["units"]])
            for m in data["measures"]] == [("m1", "ocr", "ocr", ["ocr"]), ("m2", None, None, [None])]
    assert [(t["id"], t["origin"]) for t in data["targets"]] == [("t1", "ocr"), ("t2", None)]
    assert [c["origin"] for c in data["citations"]] == ["ocr"]
    # read back, the origins follow the ranges: never stale
    data["source"]["ocr"] = [[second, len(HAND)]]
    again = Plan.from_dict(data)
    assert [(m.origin, m.deadline.origin) for m in again.measures] == [(None, None), ("ocr", "ocr")]
    assert [t.origin for t in again.targets] == [None, "ocr"]


@pytest.fixture(scope="module")
def qingyang_ocr() -> Plan:
    """The Qingyang plan as if its 文号 block and measure 12 (构建绿色高效的交通运输结构, its four
    units and five targets) had been read by OCR."""
    text = QINGYANG.read_text(encoding="utf-8")
    measure = text.index("12.构建绿色高效的交通运输结构")
    ocr = [(text.index("文 号:"), text.index("各街道办事处")),
           (measure, text.index("13.推进", measure))]
    source = Source(path=str(QINGYANG), format="txt", chars=len(text), ocr=ocr,
                    sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
    return parse_text(text, source=source)


OCR_TARGETS = ["t10", "t11", "t12", "t13", "t14"]
OCR_UNITS = ["区住建交局", "区规划和自然资源局", "区执法局", "交警四分局"]


def test_the_plan_marks_the_facts_of_the_ranges(qingyang_ocr):
    plan = qingyang_ocr
    assert plan.metadata.ocr_fields == ["doc_number"]
    assert [m.id for m in plan.measures if m.origin] == ["m12"]
    assert [u.name for m in plan.measures for u in m.units if u.origin] == OCR_UNITS
    assert [t.id for t in plan.targets if t.origin] == OCR_TARGETS
    assert [g.id for g in plan.goals if g.origin] == []


@pytest.fixture(scope="module")
def graph(qingyang_ocr):
    return build_graph([qingyang_ocr])


def test_graph_nodes_and_unit_edges_carry_the_origin(graph):
    assert check(graph) == []
    marked = sorted(n for n, d in graph.nodes(data=True) if d.get("origin") == "ocr")
    assert marked == [f"{PLAN}/measure/m12", *(f"{PLAN}/target/{t}" for t in OCR_TARGETS)]
    units = [d["raw"] for _, _, d in graph.in_edges(f"{PLAN}/measure/m12", data=True)
             if d.get("origin") == "ocr"]
    assert sorted(units) == sorted(OCR_UNITS)
    assert all("origin" not in d for _, _, d in graph.in_edges(f"{PLAN}/measure/m11", data=True))
    assert graph.nodes[PLAN]["ocr_fields"] == ["doc_number"]


def test_rdf_spans_read_by_ocr_were_generated_by_the_plan_reading(graph):
    rdf = to_rdflib(graph)
    reading = URIRef(DEFAULT_BASE + PLAN + "/ocr")
    generated = sorted(str(s) for s in rdf.subjects(PROV.wasGeneratedBy, reading))
    measure = DEFAULT_BASE + PLAN + "/measure/m12"
    assert generated == sorted([f"{measure}/span", *(f"{measure}/unit/{i}/span" for i in range(4)),
                                *(f"{DEFAULT_BASE}{PLAN}/target/{t}/span" for t in OCR_TARGETS)])
    assert set(rdf.objects(reading, RDF.type)) == {PROV.Activity, PKG.OcrReading}
    assert list(rdf.objects(URIRef(DEFAULT_BASE + PLAN), PKG.ocrField)) == [Literal("doc_number")]
    report = validate(rdf)
    assert report.conforms, report.text[:2000]


def test_neo4j_csv_and_cypher_carry_the_origin(graph, tmp_path):
    Neo4jCsvExporter().write(graph, tmp_path)
    with open(tmp_path / "nodes_Target.csv", encoding="utf-8", newline="") as rows:
        targets = list(csv.DictReader(rows))
    assert [r["local_id:string"] for r in targets if r["origin:string"] == "ocr"] == OCR_TARGETS
    with open(tmp_path / "relationships_LEADS.csv", encoding="utf-8", newline="") as rows:
        leads = [r for r in csv.DictReader(rows) if r["origin:string"] == "ocr"]
    assert [r["raw:string"] for r in leads] == ["区住建交局"]
    out = io.BytesIO()
    CypherExporter().write(graph, out)
    # one measure, five targets, four units
    assert out.getvalue().decode("utf-8").count("origin: 'ocr'") == 10


def test_the_plan_page_marks_each_ocr_fact(qingyang_ocr, tmp_path):
    from policykg.web.app import create_app
    from tests.web_server import build_store

    store = build_store(tmp_path / "store", [qingyang_ocr])
    page = create_app(store, warm=False).test_client().get("/plan/qingyang-tandafeng-2024")
    assert page.status_code == 200
    # the 文号, measure 12, its four units and five targets
    assert page.get_data(as_text=True).count('<span class="ocr"') == 11


def test_tables_and_the_outline_mark_the_ocr_facts(qingyang_ocr):
    from policykg.extractor.serializers.markdown import plan_to_markdown
    from policykg.extractor.serializers.tables import plan_tables

    tables = {t.name: t for t in plan_tables([qingyang_ocr])}
    assert [r["id"] for r in tables["measures"].rows if r["origin"] == "ocr"] == ["m12"]
    assert [r["name"] for r in tables["units"].rows if r["origin"] == "ocr"] == OCR_UNITS
    assert [r["id"] for r in tables["targets"].rows if r["origin"] == "ocr"] == OCR_TARGETS
    assert tables["units"].headers(chinese=True)[-1] == "识别来源"
    outline = plan_to_markdown(qingyang_ocr)
    assert outline.count("(OCR)") == 1 + 5
    assert "- **12. 构建绿色高效的交通运输结构** (OCR) — 牵头 区住建交局" in outline
