"""RDF: the mapping, every export format's round trip, SHACL, the ontology, export speed."""
from __future__ import annotations

import io
import json

import networkx as nx
import pytest
from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from policykg.graph.build import build_graph
from policykg.graph.export import FORMATS, UnknownFormat, find
from policykg.graph.export.ttl import TurtleExporter
from policykg.graph.schema import DEFAULT_BASE
from policykg.graph.rdf import (
    ELI, OA, PKG, PKG_COMPARATOR, PKG_DIRECTION, PKG_LEAD_BASIS, PKG_ROLE, PKG_UNIT, UNIT,
    data_file, to_rdflib, unit_table,
)
from policykg.graph.sparql import RdflibEngine
from policykg.graph.validate import validate

from .graph_samples import sample_plans

RDF_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml"}
BASE = "https://example.org/pkg/"


@pytest.fixture(scope="module")
def sample_graph() -> nx.MultiDiGraph:
    return build_graph(sample_plans())


@pytest.fixture(scope="module")
def sample_rdf(sample_graph) -> Graph:
    return to_rdflib(sample_graph, BASE)


@pytest.fixture(scope="module")
def corpus_graph(corpus_plans) -> nx.MultiDiGraph:
    return build_graph(corpus_plans)


@pytest.fixture(scope="module")
def corpus_rdf(corpus_graph) -> Graph:
    return to_rdflib(corpus_graph)


@pytest.fixture(scope="module")
def corpus_turtle(corpus_graph) -> Graph:
    """The corpus exported as Turtle and parsed back by rdflib."""
    return Graph().parse(data=exported(corpus_graph, "ttl", base=DEFAULT_BASE), format="turtle")


def exported(graph: nx.MultiDiGraph, name: str, base: str = BASE) -> bytes:
    out = io.BytesIO()
    FORMATS[name].load(base=base).write(graph, out)
    return out.getvalue()


# --- the mapping -------------------------------------------------------------------------------

def test_measure_and_its_units(sample_rdf):
    m = URIRef(BASE + "plan/alpha-2024/measure/m2")
    assert (m, RDF.type, ELI.LegalResourceSubdivision) in sample_rdf
    assert (m, ELI.title, Literal("发展绿色建筑", lang="zh")) in sample_rdf
    assert (URIRef(BASE + "plan/alpha-2024/section/s2.1"), ELI.has_part, m) in sample_rdf
    lead = URIRef(f"{m}/unit/0")
    assert (lead, URIRef("http://www.w3.org/ns/prov#agent"),
            URIRef(BASE + "department/甲区/区住建局")) in sample_rdf
    assert (lead, URIRef("http://www.w3.org/ns/prov#hadRole"), PKG_ROLE.lead) in sample_rdf
    assert (lead, PKG.leadBasis, PKG_LEAD_BASIS.explicit) in sample_rdf
    selector = URIRef(f"{lead}/span/selector")
    assert (selector, RDF.type, OA.TextPositionSelector) in sample_rdf
    assert (selector, OA.start, Literal(250, datatype=XSD.nonNegativeInteger)) in sample_rdf


def test_target_as_observation(sample_rdf):
    t = URIRef(BASE + "plan/alpha-2024/target/t3")
    sdmx_attr = "http://purl.org/linked-data/sdmx/2009/attribute#"
    sdmx_dim = "http://purl.org/linked-data/sdmx/2009/dimension#"
    assert (t, URIRef(sdmx_attr + "unitMeasure"), UNIT.PERCENT) in sample_rdf
    assert (t, URIRef(sdmx_dim + "refPeriod"), Literal("2025", datatype=XSD.gYear)) in sample_rdf
    assert (t, URIRef(sdmx_dim + "refArea"), URIRef(BASE + "region/甲区")) in sample_rdf
    assert (t, PKG.comparator, PKG_COMPARATOR.range) in sample_rdf
    assert (t, PKG.direction, PKG_DIRECTION.decrease) in sample_rdf
    assert (t, PKG.indicator, URIRef(BASE + "indicator/单位地区生产总值能耗")) in sample_rdf
    assert float(sample_rdf.value(t, PKG.targetValueMax).toPython()) == 14.0


def test_units_map_to_qudt_or_our_own(sample_graph):
    units = unit_table()
    assert units["千瓦时"] == UNIT["KiloW-HR"] and units["%"] == UNIT.PERCENT
    assert units["吨标准煤"] == PKG_UNIT.TCE and units["亩"] == PKG_UNIT.MU
    graph = sample_graph.copy()
    graph.nodes["plan/alpha-2024/target/t1"]["unit"] = "只"  # a unit the table lacks
    rdf = to_rdflib(graph, BASE)
    minted = URIRef(BASE + "unit/只")
    assert (URIRef(BASE + "plan/alpha-2024/target/t1"),
            URIRef("http://purl.org/linked-data/sdmx/2009/attribute#unitMeasure"), minted) in rdf
    assert validate(rdf).conforms


def test_extreme_values_stay_valid_decimals(sample_graph):
    graph = sample_graph.copy()
    graph.nodes["plan/alpha-2024/target/t1"]["value"] = 1e20
    graph.nodes["plan/alpha-2024/target/t2"]["value"] = 2.5e-05
    rdf = to_rdflib(graph, BASE)
    values = {str(o) for o in rdf.objects(None, PKG.targetValue)}
    assert {"100000000000000000000", "0.000025"} <= values
    back = Graph().parse(data=exported(graph, "ttl"), format="turtle")
    assert isomorphic(back, rdf) and validate(back).conforms


def test_chinese_text_is_tagged_zh(corpus_rdf):
    concepts = Graph().parse(data=data_file("concepts.ttl"), format="turtle")
    ours = [o for s, p, o in corpus_rdf if isinstance(o, Literal) and o.language
            and (s, p, o) not in concepts]
    assert ours and {o.language for o in ours} == {"zh"}


def test_iris_live_under_the_chosen_base(sample_graph):
    rdf = to_rdflib(sample_graph, "https://data.example.cn/")
    plans = set(rdf.subjects(RDF.type, PKG.Plan))
    assert URIRef("https://data.example.cn/plan/alpha-2024") in plans and len(plans) == 4


def test_namespaces_refuse_unknown_terms():
    with pytest.raises(AttributeError):
        ELI.has_parts  # noqa: B018 - a typo must fail, not mint an IRI
    with pytest.raises(AttributeError):
        PKG.hasTargets  # noqa: B018


def test_every_pkg_term_is_defined():
    defined = Graph().parse(data=data_file("ontology.ttl"), format="turtle")
    defined.parse(data=data_file("concepts.ttl"), format="turtle")
    for namespace in (PKG, PKG_UNIT, PKG_ROLE, PKG_LEAD_BASIS, PKG_COMPARATOR, PKG_DIRECTION):
        terms = [*namespace.__annotations__, *getattr(namespace, "_extras", [])]
        for term in terms:
            assert (namespace[term], RDF.type, None) in defined, namespace[term]


def test_concept_schemes_cover_the_model_vocabularies():
    from policykg.extractor.labels import Comparator, Direction, LeadBasis, Role

    for namespace, labels in ((PKG_ROLE, Role), (PKG_LEAD_BASIS, LeadBasis),
                              (PKG_COMPARATOR, Comparator), (PKG_DIRECTION, Direction)):
        assert set(namespace.__annotations__) == {label.value for label in labels}


# --- export formats ----------------------------------------------------------------------------

@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own JSON-LD parser
@pytest.mark.parametrize("name", sorted(RDF_FORMATS))
def test_sample_round_trip(sample_graph, sample_rdf, name):
    back = Graph().parse(data=exported(sample_graph, name), format=RDF_FORMATS[name])
    assert len(back) == len(sample_rdf)
    assert isomorphic(back, sample_rdf)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize("name", sorted(RDF_FORMATS))
def test_corpus_round_trip(corpus_graph, corpus_rdf, corpus_turtle, name):
    back = corpus_turtle if name == "ttl" else Graph().parse(
        data=exported(corpus_graph, name, base=DEFAULT_BASE), format=RDF_FORMATS[name])
    assert len(back) == len(corpus_rdf)
    assert isomorphic(back, corpus_rdf)


def test_graphml_round_trip(corpus_graph):
    back = nx.read_graphml(io.BytesIO(exported(corpus_graph, "graphml")))
    assert set(back.nodes) == set(corpus_graph.nodes)
    assert back.number_of_edges() == corpus_graph.number_of_edges()
    node = next(n for n, d in corpus_graph.nodes(data=True) if d["type"] == "Department")
    assert json.loads(back.nodes[node]["plans"]) == corpus_graph.nodes[node]["plans"]


def test_every_rdf_format_is_registered_with_its_suffix():
    assert {name for name in FORMATS} >= {*RDF_FORMATS, "graphml"}
    assert find(path="out.TTL").name == "ttl" and find(path="x.rdf").name == "xml"
    assert find().name == "ttl"
    with pytest.raises(UnknownFormat):
        find(path="x.docx")
    with pytest.raises(UnknownFormat):
        find("neo5j")


# --- SHACL -------------------------------------------------------------------------------------

def test_corpus_export_conforms(corpus_turtle):
    report = validate(corpus_turtle)
    assert report.conforms, report.text[:2000]


def test_shapes_catch_broken_data(sample_rdf):
    broken = Graph()
    for triple in sample_rdf:
        broken.add(triple)
    measure = URIRef(BASE + "plan/alpha-2024/measure/m1")
    broken.remove((measure, ELI.title, None))
    target = URIRef(BASE + "plan/alpha-2024/target/t1")
    broken.set((target, PKG.comparator, PKG_ROLE.lead))  # a role is no comparator
    report = validate(broken)
    assert not report.conforms and report.violations == 2


# --- SPARQL on the export ----------------------------------------------------------------------

def test_sparql_leads_on_the_turtle_export_match_networkx(corpus_graph, corpus_turtle):
    from policykg.queries.backends import query_text

    rows = RdflibEngine(corpus_turtle).select(query_text("policykg.queries", "sparql/leads.rq"))
    found = {(r["plan"], r["measure"], r["lead"]) for r in rows}
    expected = {(corpus_graph.nodes[m]["plan"], corpus_graph.nodes[m]["local_id"],
                 corpus_graph.nodes[d]["name"])
                for d, m, rel in corpus_graph.edges(keys=True) if rel == "LEADS"}
    assert found == expected and len(expected) > 200




def test_closed_vocabularies_are_the_model_s():
    """Role, lead basis, comparator and direction IRIs are made from the plan model's enums:
    each value has its term, and a value the model lacks is refused, not minted."""
    from policykg.extractor.labels import Comparator
    from policykg.graph.rdf import PKG_COMPARATOR, PKG_DIRECTION, PKG_LEAD_BASIS, PKG_ROLE

    assert PKG_COMPARATOR["ge"] == URIRef("https://w3id.org/policykg/comparator/ge")
    assert PKG_LEAD_BASIS["first_listed"] == URIRef("https://w3id.org/policykg/lead-basis/first_listed")
    assert PKG_ROLE.joint == URIRef("https://w3id.org/policykg/role/joint")
    assert [PKG_COMPARATOR[c.value] for c in Comparator] == [
        URIRef(f"https://w3id.org/policykg/comparator/{c}") for c in ("eq", "ge", "le", "approx", "range")]
    with pytest.raises(AttributeError):
        PKG_DIRECTION["sideways"]
