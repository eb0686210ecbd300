"""Parsed plans in, one networkx ``MultiDiGraph`` out, following ``graph.schema``.

The graph knows no file format and no storage: exporters and the store read it. Edges are keyed
by relation type, so the same relation between two nodes is stated once however many times a
plan repeats it. Nodes shared between plans (departments of one region, indicators, cited
documents, regions) are merged with ``schema.merge_shared``.
"""
from __future__ import annotations


from typing import TYPE_CHECKING, Any, Iterable

import networkx as nx

from policykg.extractor.department_identity import issuer_names
from policykg.extractor.indicators import IndicatorIndex, default_index

from .lineage import link_plans
from .merge import merge_into
from .schema import (
    NODES, ROLE_RELATIONS, NodeType, RelType, department_node, document_node, indicator_node,
    is_shared_edge, item_node, merge_shared, plan_node, region_node,
)

if TYPE_CHECKING:
    from policykg.extractor.model import Plan

Attrs = dict[str, Any]


def build_graph(plans: Iterable["Plan"],
                indicators: IndicatorIndex | None = None) -> nx.MultiDiGraph:
    """One graph of all ``plans``, citations between them resolved (``graph.lineage``; the
    garbage collector paused, see ``extractor.memory``)."""
    from policykg.extractor.memory import paused_collector

    graph = nx.MultiDiGraph()
    with paused_collector():
        parts = [plan_graph(plan, indicators) for plan in plans]
        merge_into(graph, (n for part in parts for n in part.nodes(data=True)),
                   (e for part in parts for e in part.edges(keys=True, data=True)))
    link_plans(graph)
    return graph


def plan_graph(plan: "Plan", indicators: IndicatorIndex | None = None) -> nx.MultiDiGraph:
    """The subgraph one plan contributes: its own nodes plus the shared nodes it touches."""
    return _PlanBuilder(plan, indicators or default_index()).build()


class _PlanBuilder:
    """Walks one plan once, writing nodes and edges into a fresh graph."""

    def __init__(self, plan: "Plan", indicators: IndicatorIndex):
        self.plan = plan
        self.pid = plan.id
        self.indicators = indicators
        self.region = plan.metadata.region
        self.regions = {d.name: d.region for d in plan.departments}
        self.graph = nx.MultiDiGraph()
        self.root = plan_node(self.pid)

    def build(self) -> nx.MultiDiGraph:
        self._plan()
        self._sections()
        self._measures()
        self._departments()
        self._targets()
        self._goals()
        self._citations()
        return self.graph

    # nodes and edges -------------------------------------------------------------------------

    def _node(self, node: str, node_type: NodeType, **attrs: Any) -> str:
        attrs = {k: v for k, v in attrs.items() if v is not None}
        if NODES[node_type].shared:
            attrs["plans"] = [self.pid]
        if node in self.graph:
            self.graph.nodes[node].update(merge_shared(self.graph.nodes[node], attrs))
        else:
            self.graph.add_node(node, type=node_type.value, **attrs)
        return node

    def _edge(self, src: str, dst: str, rel: RelType, **attrs: Any) -> None:
        if self.graph.has_edge(src, dst, rel.value):
            return
        if is_shared_edge(self.graph.nodes[src]["type"], self.graph.nodes[dst]["type"]):
            attrs = {"plans": [self.pid]}
        else:
            attrs = {"plan": self.pid, **{k: v for k, v in attrs.items() if v is not None}}
        self.graph.add_edge(src, dst, key=rel.value, **attrs)

    def _item(self, node_type: NodeType, local_id: str, order: int, span, **attrs: Any) -> str:
        node = item_node(self.pid, node_type, local_id)
        return self._node(node, node_type, plan=self.pid, local_id=local_id, order=order,
                          span=list(span), **attrs)

    def _holder(self, measure: str | None, section: str | None) -> str:
        """Where a target or goal hangs: its measure, else its section, else the plan."""
        if measure is not None:
            return item_node(self.pid, NodeType.MEASURE, measure)
        if section is not None:
            return item_node(self.pid, NodeType.SECTION, section)
        return self.root

    def _department(self, name: str, aliases: Iterable[str] = ()) -> str:
        """A department's node, by its name and the region the parser gave it (a national body
        is one node for every plan); the issuer and publisher are of the plan's region."""
        region = self.regions.get(name, self.region)
        node = self._node(department_node(name, region, self.pid), NodeType.DEPARTMENT,
                          name=name, region=region, aliases=sorted(set(aliases)))
        if region:
            if region != self.region:
                self._node(region_node(region), NodeType.REGION, name=region)
            self._edge(node, region_node(region), RelType.IN_REGION)
        return node

    # the plan, part by part --------------------------------------------------------------------

    def _plan(self) -> None:
        plan, meta = self.plan, self.plan.metadata
        self._node(self.root, NodeType.PLAN, plan=self.pid, span=[0, plan.source.chars],
                   sha256=plan.source.sha256, chars=plan.source.chars,
                   source_format=plan.source.format, source_path=plan.source.path,
                   source_paths=plan.source.paths or None,
                   title=meta.title, doc_number=meta.doc_number, index_number=meta.index_number,
                   issuer=meta.issuer, publisher=meta.publisher, written_date=meta.written_date,
                   effective_date=meta.effective_date, published_date=meta.published_date,
                   region=self.region, level=meta.level,
                   ocr_fields=meta.ocr_fields or None)
        if self.region:
            region = self._node(region_node(self.region), NodeType.REGION, name=self.region,
                                level=meta.level)
            self._edge(self.root, region, RelType.IN_REGION)
        # a joint issue (省委办公厅、省政府办公厅) is issued by each of its departments
        issuers = {name: self._department(name) for name in issuer_names(meta.issuer or "")}
        for issuer in issuers.values():
            self._edge(self.root, issuer, RelType.ISSUED_BY)
        if meta.publisher:
            publisher = self._department(meta.publisher)
            self._edge(self.root, publisher, RelType.PUBLISHED_BY)
            for name, issuer in issuers.items():
                if publisher != issuer and meta.publisher.startswith(name):
                    # 成都市青羊区人民政府办公室 is an office of 成都市青羊区人民政府: the only
                    # organisational link the name itself proves.
                    self._edge(publisher, issuer, RelType.SUB_ORGANIZATION_OF)

    def _sections(self) -> None:
        for order, s in enumerate(self.plan.sections):
            node = self._item(NodeType.SECTION, s.id, order, s.span, path=s.path, number=s.number,
                              title=s.title, level=s.level, kind=s.kind)
            parent = item_node(self.pid, NodeType.SECTION, s.parent) if s.parent else self.root
            self._edge(parent, node, RelType.HAS_SECTION)

    def _measures(self) -> None:
        for order, m in enumerate(self.plan.measures):
            deadline = m.deadline
            node = self._item(NodeType.MEASURE, m.id, order, m.span, path=m.path, number=m.number,
                              title=m.title, text=m.text,
                              deadline=deadline.text if deadline else None,
                              deadline_date=deadline.date if deadline else None, origin=m.origin)
            parent = item_node(self.pid, NodeType.SECTION, m.section) if m.section else self.root
            self._edge(parent, node, RelType.HAS_MEASURE)
            for rank, unit in enumerate(m.units):
                dept = self._department(unit.name)
                self._edge(dept, node, ROLE_RELATIONS[unit.role], lead_basis=unit.lead_basis,
                           raw=unit.raw, rank=rank, span=list(unit.span), origin=unit.origin)

    def _departments(self) -> None:
        """The plan's department list carries the aliases the parser resolved."""
        for d in self.plan.departments:
            self._department(d.name, d.aliases)

    def _targets(self) -> None:
        for order, t in enumerate(self.plan.targets):
            # the graph states values in the canonical unit the parser gave (extractor.units)
            node = self._item(NodeType.TARGET, t.id, order, t.span, indicator=t.indicator,
                              value=t.canonical_value, value_max=t.canonical_value_max,
                              unit=t.canonical_unit, printed_value=t.value, printed_unit=t.unit,
                              comparator=t.comparator, direction=t.direction, year=t.year,
                              baseline_year=t.baseline_year, modality=t.modality, rate=t.rate,
                              text=t.text, origin=t.origin)
            self._edge(self._holder(t.measure, t.section), node, RelType.HAS_TARGET)
            known = self.indicators.canonical(t.indicator_name or t.indicator)
            indicator = self._node(indicator_node(known.name), NodeType.INDICATOR, name=known.name,
                                   synonyms=sorted(known.synonyms), unit=known.unit)
            self._edge(node, indicator, RelType.MEASURES)

    def _goals(self) -> None:
        for order, g in enumerate(self.plan.goals):
            node = self._item(NodeType.GOAL, g.id, order, g.span, year=g.year, text=g.text,
                              origin=g.origin)
            self._edge(self._holder(g.measure, g.section), node, RelType.HAS_GOAL)

    def _citations(self) -> None:
        spans: dict[str, list[list[int]]] = {}
        implements: set[str] = set()
        from_ocr: set[str] = set()
        for c in self.plan.citations:
            # one node per document: keyed by the normalised title the parser gave (Citation.key),
            # every printed form kept
            title = c.key if c.title else None
            node = document_node(title, c.doc_number)
            if node is None:
                continue
            self._node(node, NodeType.CITED_DOCUMENT, title=title, doc_number=c.doc_number,
                       printed=[c.title] if c.title else [])
            spans.setdefault(node, []).append(list(c.span))
            if c.relation == "implements":
                implements.add(node)
            if c.origin:
                from_ocr.add(node)
        for node, found in spans.items():
            self._edge(self.root, node, RelType.CITES, spans=found,
                       relation="implements" if node in implements else "cites",
                       origin="ocr" if node in from_ocr else None)
