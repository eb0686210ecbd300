"""The graph as RDF on standard vocabularies (needs the ``rdf`` extra: rdflib).

Mapping, by node type (``graph.schema``):

- Plan → ``eli:LegalResource`` (``eli:id_local``, ``eli:title``, ``eli:number`` = 文号, dates,
  ``eli:passed_by`` issuer, ``eli:publisher_agent``, ``eli:cites``, ``eli:based_on`` (a plan of the
  store it implements), ``dcterms:spatial``).
- Section, Measure → ``eli:LegalResourceSubdivision`` joined by ``eli:has_part``; a measure is
  also a ``prov:Activity`` whose units are ``prov:qualifiedAssociation``s with ``prov:agent``
  and ``prov:hadRole`` (lead / support / joint, SKOS concepts in ``graph/data/concepts.ttl``).
- Department → ``org:Organization`` (``skos:prefLabel``, ``skos:altLabel`` for aliases,
  ``org:subOrganizationOf``); Region → ``dcterms:Location``.
- Target → ``qb:Observation`` with ``sdmx-attribute:unitMeasure`` (QUDT where a unit exists,
  the project's own otherwise), ``sdmx-dimension:refArea`` and ``refPeriod``; Indicator →
  ``skos:Concept``; CitedDocument → ``eli:LegalResource``; Goal → ``pkg:Goal``.
- Every span → ``oa:SpecificResource`` over the plan's text with an ``oa:TextPositionSelector``;
  one whose words were read by OCR (``origin``) is ``prov:wasGeneratedBy`` the plan's
  ``pkg:OcrReading`` (``<plan>/ocr``), and header fields read by OCR are ``pkg:ocrField``.

Chinese text is tagged ``@zh``. IRIs are the node ids of ``graph.schema`` under a base the user
chooses (``DEFAULT_BASE`` otherwise), so they are stable across runs and machines.
"""
from __future__ import annotations

import re
import types
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Callable, Iterator

from rdflib import DCTERMS, ORG, PROV, QB, RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DefinedNamespace, Namespace

from policykg.extractor.labels import Comparator, Direction, LeadBasis, Role

from .schema import (
    DEFAULT_BASE, RELATION_ROLES, RESPONSIBILITY, NodeType, RelType, check_base, plan_node,
    region_node, segment,
)

if TYPE_CHECKING:
    import networkx as nx

PKG_BASE = "https://w3id.org/policykg/"


class ELI(DefinedNamespace):
    """European Legislation Identifier ontology: the terms policykg uses."""
    _fail = True
    _NS = Namespace("http://data.europa.eu/eli/ontology#")

    LegalResource: URIRef
    LegalResourceSubdivision: URIRef
    has_part: URIRef
    cites: URIRef
    based_on: URIRef
    id_local: URIRef
    title: URIRef
    number: URIRef
    date_document: URIRef
    date_publication: URIRef
    first_date_entry_in_force: URIRef
    passed_by: URIRef
    publisher_agent: URIRef


class OA(DefinedNamespace):
    """W3C Web Annotation vocabulary: where in the text a fact was read."""
    _fail = True
    _NS = Namespace("http://www.w3.org/ns/oa#")

    SpecificResource: URIRef
    TextPositionSelector: URIRef
    hasSource: URIRef
    hasSelector: URIRef
    start: URIRef
    end: URIRef


class SDMX_ATTRIBUTE(DefinedNamespace):
    _fail = True
    _NS = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")

    unitMeasure: URIRef


class SDMX_DIMENSION(DefinedNamespace):
    _fail = True
    _NS = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")

    refArea: URIRef
    refPeriod: URIRef


class QUDT(DefinedNamespace):
    _fail = True
    _NS = Namespace("http://qudt.org/schema/qudt/")

    Unit: URIRef


class UNIT(DefinedNamespace):
    """QUDT units named in the unit table ``extractor/data/units.jsonl``."""
    _fail = True
    _NS = Namespace("http://qudt.org/vocab/unit/")
    _extras = ["KiloW-HR", "TONNE-PER-YR", "TONNE-PER-DAY"]

    PERCENT: URIRef
    KiloW: URIRef
    GigaW: URIRef
    M2: URIRef
    M3: URIRef
    KiloM: URIRef
    TONNE: URIRef
    DAY: URIRef
    YR: URIRef
    NUM: URIRef
    UNITLESS: URIRef


class PKG(DefinedNamespace):
    """policykg's own classes and properties, defined in ``graph/data/ontology.ttl``."""
    _fail = True
    _NS = Namespace(PKG_BASE + "ns#")

    Plan: URIRef
    Section: URIRef
    Measure: URIRef
    Target: URIRef
    Goal: URIRef
    Department: URIRef
    Indicator: URIRef
    CitedDocument: URIRef
    Region: URIRef
    TextSource: URIRef
    OcrReading: URIRef
    plan: URIRef
    path: URIRef
    text: URIRef
    order: URIRef
    rank: URIRef
    level: URIRef
    sectionKind: URIRef
    adminLevel: URIRef
    indexNumber: URIRef
    textSource: URIRef
    textSpan: URIRef
    sha256: URIRef
    chars: URIRef
    sourceFormat: URIRef
    ocrField: URIRef
    hasTarget: URIRef
    hasGoal: URIRef
    indicator: URIRef
    indicatorText: URIRef
    targetValue: URIRef
    targetValueMax: URIRef
    unitText: URIRef
    printedValue: URIRef
    printedUnit: URIRef
    comparator: URIRef
    direction: URIRef
    baselineYear: URIRef
    modality: URIRef
    rate: URIRef
    deadline: URIRef
    deadlineText: URIRef
    year: URIRef
    leadBasis: URIRef
    rawName: URIRef
    roles: URIRef
    leadBases: URIRef
    comparators: URIRef
    directions: URIRef
    indicators: URIRef
    targetStructure: URIRef


def _closed(name: str, path: str, vocabulary: type[Enum]) -> type[DefinedNamespace]:
    """A closed namespace whose terms are the values of one of the plan model's vocabularies
    (``extractor.labels``), so the RDF terms cannot drift from the model; any other term raises."""
    def body(namespace: dict) -> None:
        namespace.update({"_fail": True, "_NS": Namespace(PKG_BASE + path),
                          "__annotations__": {term.value: URIRef for term in vocabulary}})
    return types.new_class(name, (DefinedNamespace,), exec_body=body)


PKG_ROLE = _closed("PKG_ROLE", "role/", Role)
PKG_LEAD_BASIS = _closed("PKG_LEAD_BASIS", "lead-basis/", LeadBasis)
PKG_COMPARATOR = _closed("PKG_COMPARATOR", "comparator/", Comparator)
PKG_DIRECTION = _closed("PKG_DIRECTION", "direction/", Direction)


class PKG_UNIT(DefinedNamespace):
    """Units QUDT lacks (吨标准煤, 亩, …), defined in ``graph/data/ontology.ttl``."""
    _fail = True
    _NS = Namespace(PKG_BASE + "unit/")
    _extras = ["PERCENTAGE-POINT"]

    TCE: URIRef
    MU: URIRef
    YUAN: URIRef


PREFIXES: dict[str, Any] = {
    "eli": ELI, "oa": OA, "org": ORG, "prov": PROV, "skos": SKOS, "qb": QB, "dcterms": DCTERMS,
    "sdmx-attribute": SDMX_ATTRIBUTE, "sdmx-dimension": SDMX_DIMENSION, "qudt": QUDT,
    "unit": UNIT, "pkg": PKG, "role": PKG_ROLE, "basis": PKG_LEAD_BASIS,
    "cmp": PKG_COMPARATOR, "dir": PKG_DIRECTION, "pkgunit": PKG_UNIT, "xsd": XSD, "rdfs": RDFS,
}
"""The prefixes every export binds and every SPARQL query may use without declaring."""

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def bind_prefixes(graph: Graph, base: str = DEFAULT_BASE) -> Graph:
    """Bind the standard prefixes (and ``id:`` for the base) on ``graph``; return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, str(namespace._NS), override=True)
    graph.bind("id", base, override=True)
    return graph


@lru_cache(maxsize=None)
def data_file(name: str) -> str:
    """The text of a file shipped in ``graph/data``."""
    return resources.files("policykg.graph").joinpath("data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def unit_table() -> dict[str, URIRef]:
    """Canonical unit → unit IRI, from the unit table ``extractor/data/units.jsonl``
    (``extractor.units``); a unit the table gives no IRI gets one minted under the base."""
    from policykg.extractor.units import unit_table as units

    return {u: URIRef(entry.iri) for u, entry in units().items()
            if entry.canonical == u and entry.iri}


@lru_cache(maxsize=1)
def concepts() -> tuple[tuple, ...]:
    """The triples of the SKOS concept schemes (``graph/data/concepts.ttl``)."""
    return tuple(Graph().parse(data=data_file("concepts.ttl"), format="turtle"))


def to_rdflib(graph: "nx.MultiDiGraph", base: str = DEFAULT_BASE) -> Graph:
    """The whole graph, plus the concept schemes it refers to, as an rdflib Graph."""
    rdf = bind_prefixes(Graph(bind_namespaces="none"), base)
    add = rdf.add
    for triple in all_triples(graph, base):
        add(triple)
    return rdf


def all_triples(graph: "nx.MultiDiGraph", base: str = DEFAULT_BASE) -> Iterator[tuple]:
    """The concept schemes, then every triple of the graph's RDF form (some repeated)."""
    yield from concepts()
    yield from _Mapper(graph, check_base(base)).triples()


class _Mapper:
    """Turns nodes and edges into triples, one method per node type and per relation."""

    def __init__(self, graph: "nx.MultiDiGraph", base: str):
        self.graph = graph
        self.base = base
        self.units = unit_table()

    def iri(self, node: str) -> URIRef:
        return URIRef(self.base + node)

    def triples(self) -> Iterator[tuple]:
        node_rules: dict[str, Callable[[str, dict], Iterator[tuple]]] = {
            NodeType.PLAN.value: self.plan, NodeType.SECTION.value: self.section,
            NodeType.MEASURE.value: self.measure, NodeType.TARGET.value: self.target,
            NodeType.GOAL.value: self.goal, NodeType.DEPARTMENT.value: self.department,
            NodeType.INDICATOR.value: self.indicator, NodeType.REGION.value: self.region,
            NodeType.CITED_DOCUMENT.value: self.document,
        }
        for node, data in self.graph.nodes(data=True):
            yield from node_rules[data["type"]](node, data)
        for src, dst, rel, data in self.graph.edges(keys=True, data=True):
            yield from self.edge(src, dst, rel, data)

    # helpers -----------------------------------------------------------------------------------

    @staticmethod
    def zh(text: str) -> Literal:
        return Literal(text, lang="zh")

    @staticmethod
    def decimal(value: float) -> Literal:
        """The shortest decimal that reads back as the same float, without an exponent
        (xsd:decimal has none: 1e20 is written 100000000000000000000)."""
        return Literal(format(Decimal(repr(float(value))), "f"), datatype=XSD.decimal)

    @staticmethod
    def year(value: int) -> Literal:
        return Literal(f"{value:04d}", datatype=XSD.gYear)

    def span(self, subject: URIRef, data: dict) -> Iterator[tuple]:
        """``subject`` was read from the span of the plan's text that ``data`` names (Web
        Annotation); words read by OCR (``origin``) were generated by the plan's OCR reading."""
        plan = self.iri(plan_node(data["plan"]))
        target = URIRef(f"{subject}/span")
        selector = URIRef(f"{target}/selector")
        yield subject, PKG.textSpan, target
        yield target, RDF.type, OA.SpecificResource
        yield target, OA.hasSource, URIRef(f"{plan}/text")
        yield target, OA.hasSelector, selector
        yield selector, RDF.type, OA.TextPositionSelector
        yield selector, OA.start, Literal(data["span"][0], datatype=XSD.nonNegativeInteger)
        yield selector, OA.end, Literal(data["span"][1], datatype=XSD.nonNegativeInteger)
        if data.get("origin") == "ocr":
            reading = URIRef(f"{plan}/ocr")
            yield target, PROV.wasGeneratedBy, reading
            yield reading, RDF.type, PROV.Activity
            yield reading, RDF.type, PKG.OcrReading

    def item(self, s: URIRef, data: dict) -> Iterator[tuple]:
        """What every section, measure, target and goal states."""
        yield s, PKG.plan, self.iri(plan_node(data["plan"]))
        yield s, PKG.order, Literal(data["order"])
        yield from self.span(s, data)

    # nodes -------------------------------------------------------------------------------------

    def plan(self, node: str, data: dict) -> Iterator[tuple]:
        s = self.iri(node)
        yield s, RDF.type, ELI.LegalResource
        yield s, RDF.type, PKG.Plan
        yield s, ELI.id_local, Literal(data["plan"])
        if data.get("title"):
            yield s, ELI.title, self.zh(data["title"])
        if data.get("doc_number"):
            yield s, ELI.number, Literal(data["doc_number"])
        if data.get("index_number"):
            yield s, PKG.indexNumber, Literal(data["index_number"])
        for key, prop in (("written_date", ELI.date_document),
                          ("published_date", ELI.date_publication),
                          ("effective_date", ELI.first_date_entry_in_force)):
            if _ISO_DATE.match(data.get(key) or ""):
                yield s, prop, Literal(data[key], datatype=XSD.date)
        if data.get("level"):
            yield s, PKG.adminLevel, Literal(data["level"])
        text = URIRef(f"{s}/text")
        yield s, PKG.textSource, text
        yield text, RDF.type, PKG.TextSource
        yield text, PKG.sha256, Literal(data["sha256"])
        yield text, PKG.chars, Literal(data["chars"], datatype=XSD.nonNegativeInteger)
        yield text, PKG.sourceFormat, Literal(data["source_format"])
        for field in data.get("ocr_fields") or ():
            yield s, PKG.ocrField, Literal(field)
        dataset = URIRef(f"{s}/targets")
        yield dataset, RDF.type, QB.DataSet
        yield dataset, QB.structure, PKG.targetStructure

    def section(self, node: str, data: dict) -> Iterator[tuple]:
        s = self.iri(node)
        yield s, RDF.type, ELI.LegalResourceSubdivision
        yield s, RDF.type, PKG.Section
        yield from self.numbered(s, data)
        yield s, PKG.level, Literal(data["level"])
        yield s, PKG.sectionKind, Literal(data["kind"])

    def measure(self, node: str, data: dict) -> Iterator[tuple]:
        s = self.iri(node)
        yield s, RDF.type, ELI.LegalResourceSubdivision
        yield s, RDF.type, PKG.Measure
        yield s, RDF.type, PROV.Activity
        yield from self.numbered(s, data)
        yield s, PKG.text, self.zh(data["text"])
        if data.get("deadline"):
            yield s, PKG.deadlineText, self.zh(data["deadline"])
        if _ISO_DATE.match(data.get("deadline_date") or ""):
            yield s, PKG.deadline, Literal(data["deadline_date"], datatype=XSD.date)

    def numbered(self, s: URIRef, data: dict) -> Iterator[tuple]:
        yield s, ELI.id_local, Literal(data["local_id"])
        yield s, PKG.path, Literal(data["path"])
        yield s, ELI.number, Literal(data["number"])
        yield s, ELI.title, self.zh(data["title"])
        yield from self.item(s, data)

    def target(self, node: str, data: dict) -> Iterator[tuple]:
        s = self.iri(node)
        plan = plan_node(data["plan"])
        yield s, RDF.type, QB.Observation
        yield s, RDF.type, PKG.Target
        yield s, DCTERMS.identifier, Literal(data["local_id"])
        yield s, QB.dataSet, URIRef(f"{self.iri(plan)}/targets")
        yield s, PKG.indicatorText, self.zh(data["indicator"])
        yield s, PKG.targetValue, self.decimal(data["value"])
        if data.get("value_max") is not None:
            yield s, PKG.targetValueMax, self.decimal(data["value_max"])
        unit = self.units.get(data["unit"])
        if unit is None:  # a unit the table does not know yet: mint one under the base
            unit = URIRef(f"{self.base}unit/{segment(data['unit'])}")
            yield unit, RDF.type, QUDT.Unit
            yield unit, RDFS.label, self.zh(data["unit"])
        yield s, SDMX_ATTRIBUTE.unitMeasure, unit
        yield s, PKG.unitText, Literal(data["unit"])
        yield s, PKG.printedValue, self.decimal(data["printed_value"])
        yield s, PKG.printedUnit, Literal(data["printed_unit"])
        yield s, PKG.comparator, PKG_COMPARATOR[data["comparator"]]
        yield s, PKG.direction, PKG_DIRECTION[data["direction"]]
        yield s, SDMX_DIMENSION.refPeriod, self.year(data["year"])
        if data.get("baseline_year") is not None:
            yield s, PKG.baselineYear, self.year(data["baseline_year"])
        if data.get("modality"):
            yield s, PKG.modality, self.zh(data["modality"])
        if data.get("rate"):
            yield s, PKG.rate, Literal(data["rate"])
        yield s, PKG.text, self.zh(data["text"])
        region = self.graph.nodes[plan].get("region")
        if region:
            yield s, SDMX_DIMENSION.refArea, self.iri(region_node(region))
        yield from self.item(s, data)

    def goal(self, node: str, data: dict) -> Iterator[tuple]:
        s = self.iri(node)
        yield s, RDF.type, PKG.Goal
        yield s, DCTERMS.identifier, Literal(data["local_id"])
        yield s, PKG.text, self.zh(data["text"])
        if data.get("year") is not None:
            yield s, PKG.year, self.year(data["year"])
        yield from self.item(s, data)

    def department(self, node: str, data: dict) -> Iterator[tuple]:
        s = self.iri(node)
        yield s, RDF.type, ORG.Organization
        yield s, RDF.type, PKG.Department
        yield s, SKOS.prefLabel, self.zh(data["name"])
        for alias in data["aliases"]:
            yield s, SKOS.altLabel, self.zh(alias)

    def indicator(self, node: str, data: dict) -> Iterator[tuple]:
        s = self.iri(node)
        yield s, RDF.type, SKOS.Concept
        yield s, RDF.type, PKG.Indicator
        yield s, SKOS.inScheme, PKG.indicators
        yield s, SKOS.prefLabel, self.zh(data["name"])
        for synonym in data["synonyms"]:
            yield s, SKOS.altLabel, self.zh(synonym)
        if data.get("unit") is not None:
            yield s, PKG.unitText, Literal(data["unit"])

    def region(self, node: str, data: dict) -> Iterator[tuple]:
        s = self.iri(node)
        yield s, RDF.type, DCTERMS.Location
        yield s, RDF.type, PKG.Region
        yield s, SKOS.prefLabel, self.zh(data["name"])
        if data.get("level"):
            yield s, PKG.adminLevel, Literal(data["level"])

    def document(self, node: str, data: dict) -> Iterator[tuple]:
        s = self.iri(node)
        yield s, RDF.type, ELI.LegalResource
        yield s, RDF.type, PKG.CitedDocument
        if data.get("title"):
            yield s, ELI.title, self.zh(data["title"])
        if data.get("doc_number"):
            yield s, ELI.number, Literal(data["doc_number"])
        for printed in data.get("printed") or ():
            if printed != data.get("title"):
                yield s, SKOS.altLabel, self.zh(printed)

    # edges -------------------------------------------------------------------------------------

    def edge(self, src: str, dst: str, rel: str, data: dict) -> Iterator[tuple]:
        s, o = self.iri(src), self.iri(dst)
        if rel in RESPONSIBILITY_KEYS:
            yield from self.responsibility(src, dst, rel, data)
        else:
            yield s, EDGE_PREDICATES[rel], o

    def responsibility(self, src: str, dst: str, rel: str, data: dict) -> Iterator[tuple]:
        """Department → Measure as a PROV qualified association carrying the role."""
        measure = self.iri(dst)
        association = URIRef(f"{measure}/unit/{data['rank']}")
        yield measure, PROV.qualifiedAssociation, association
        yield association, RDF.type, PROV.Association
        yield association, PROV.agent, self.iri(src)
        yield association, PROV.hadRole, PKG_ROLE[RELATION_ROLES[rel]]
        yield association, PKG.leadBasis, PKG_LEAD_BASIS[data["lead_basis"]]
        yield association, PKG.rawName, self.zh(data["raw"])
        yield association, PKG.rank, Literal(data["rank"])
        yield from self.span(association, data)


RESPONSIBILITY_KEYS = frozenset(rel.value for rel in RESPONSIBILITY)

EDGE_PREDICATES: dict[str, URIRef] = {
    RelType.HAS_SECTION.value: ELI.has_part,
    RelType.HAS_MEASURE.value: ELI.has_part,
    RelType.HAS_TARGET.value: PKG.hasTarget,
    RelType.HAS_GOAL.value: PKG.hasGoal,
    RelType.MEASURES.value: PKG.indicator,
    RelType.CITES.value: ELI.cites,
    RelType.IMPLEMENTS.value: ELI.based_on,
    RelType.ISSUED_BY.value: ELI.passed_by,
    RelType.PUBLISHED_BY.value: ELI.publisher_agent,
    RelType.IN_REGION.value: DCTERMS.spatial,
    RelType.SUB_ORGANIZATION_OF.value: ORG.subOrganizationOf,
}
