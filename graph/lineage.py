"""Plans in their hierarchy: citations resolved to the plans of the store they name.

A plan cites the plans above it by title or 文号 (``CITES`` → a ``CitedDocument`` node). When the
store also holds the cited plan, the citation is resolved: the ``CitedDocument`` edge is replaced
by a plan-to-plan edge, ``IMPLEMENTS`` where the citing plan's preamble says it carries the other
out (the citation's ``relation``), else ``CITES``. Citations that name no plan of the store stay
as they are, with every printed form on their node.

Resolution runs on the merged graph (``Store.load_graph``, ``build_graph``), because which plans
can be linked depends on which plans the store holds, not on any one plan. A title matches a plan
when its core (``extractor.citations.title_parts``: no 印发…的通知 wrapper, issuer or 试行) equals
the plan's and the issuer it names fits the plan: the plan's region (``福建省人民政府`` for a plan of
福建省), a central body for a national plan, or — when the title names none — a plan of the
citing plan's own region or a national one. A 文号 that a plan carries as its own resolves
directly. Two readings of one document (a PDF and its text twin) never link to each other.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable

from policykg.extractor.citations import TitleParts, title_parts

from .schema import NodeType, RelType

if TYPE_CHECKING:
    import networkx as nx

_REGION_SUFFIX = re.compile(r"(?:壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市|区|县)$")
_LOCAL_WORDS = re.compile(r"[省市区县州盟旗]")


@dataclass(frozen=True)
class _PlanKey:
    node: str
    region: str | None
    issuer: str | None
    level: str | None
    sha256: str | None


def region_names(region: str | None) -> tuple[str, ...]:
    """How titles print a region: ``福建省`` and ``福建``, ``广西壮族自治区`` and ``广西``.

    A bare ``自治区`` or ``市`` (what a title like ``自治区人民政府关于…`` leaves) names no region.
    """
    if not region:
        return ()
    short = _REGION_SUFFIX.sub("", region)
    return (region, short) if len(short) >= 2 else ()


def _title_keys(title: str, region: str | None) -> set[str]:
    """The keys a plan's own title is found under: its core, and the core without its region."""
    key = title_parts(title).key
    keys = {key}
    for name in region_names(region):
        if key.startswith(name) and len(key) > len(name) + 2:
            keys.add(key[len(name):])
    return keys


class PlanIndex:
    """The plans of a graph, looked up by title key and by 文号."""

    def __init__(self, graph: "nx.MultiDiGraph"):
        self.by_key: dict[str, list[_PlanKey]] = defaultdict(list)
        self.by_number: dict[str, _PlanKey] = {}
        self.plans: dict[str, _PlanKey] = {}
        for node, data in graph.nodes(data=True):
            if data.get("type") != NodeType.PLAN.value:
                continue
            entry = _PlanKey(node, data.get("region"), data.get("issuer"), data.get("level"),
                             data.get("sha256"))
            self.plans[node] = entry
            if data.get("title"):
                for key in _title_keys(data["title"], entry.region):
                    self.by_key[key].append(entry)
            if data.get("doc_number"):
                self.by_number[data["doc_number"]] = entry

    def resolve(self, citing: str, titles: Iterable[str], numbers: Iterable[str]) -> list[str]:
        """The plan nodes a citation names: one document (every reading of it, when the store
        holds it twice), or none when no plan or several different documents fit."""
        source = self.plans[citing]
        for number in numbers:
            found = self.by_number.get(number)
            if found and self._other(source, found):
                return self._readings(found)
        for title in titles:
            parts = title_parts(title)
            fits = [p for p in self.by_key.get(parts.key, ())
                    if self._other(source, p) and _issuer_fits(parts, p, source)]
            if len({p.sha256 or p.node for p in fits}) == 1:
                return sorted({p.node for p in fits})
        return []

    def _readings(self, found: _PlanKey) -> list[str]:
        if not found.sha256:
            return [found.node]
        return sorted(p.node for p in self.plans.values() if p.sha256 == found.sha256)

    @staticmethod
    def _other(source: _PlanKey, found: _PlanKey) -> bool:
        """Not the citing plan itself, nor another reading of the same document."""
        return found.node != source.node and not (source.sha256 and source.sha256 == found.sha256)


def _issuer_fits(parts: TitleParts, plan: _PlanKey, citing: _PlanKey) -> bool:
    """Whether the issuer or region a cited title names can be the plan's."""
    names = region_names(plan.region)
    if parts.issuer:
        if any(n in parts.issuer for n in names) or (plan.issuer and plan.issuer in parts.issuer):
            return True
        return plan.level == "national" and not _LOCAL_WORDS.search(parts.issuer)
    if any(parts.key.startswith(n) for n in names):
        return True
    return plan.level == "national" or (bool(names) and plan.region == citing.region)


def link_plans(graph: "nx.MultiDiGraph") -> int:
    """Resolve the graph's citations to its plans in place; return how many links were made."""
    index = PlanIndex(graph)
    cites = RelType.CITES.value
    edges = [(src, dst, data) for src, dst, rel, data in graph.edges(keys=True, data=True)
             if rel == cites and graph.nodes[dst].get("type") == NodeType.CITED_DOCUMENT.value]
    linked = 0
    for src, dst, data in edges:
        document = graph.nodes[dst]
        targets = index.resolve(src, _forms(document, "title"), _forms(document, "doc_number"))
        if not targets:
            continue
        rel = RelType.IMPLEMENTS if data.get("relation") == "implements" else RelType.CITES
        graph.remove_edge(src, dst, key=cites)
        for target in targets:
            _add_link(graph, src, target, rel, data)
        if graph.in_degree(dst) == 0:
            graph.remove_node(dst)
        linked += len(targets)
    return linked


def _forms(document: dict[str, Any], field: str) -> list[str]:
    """Every printed form a cited-document node holds of ``field`` (one value or a list)."""
    value = document.get(f"{field}s", document.get(field))
    if value is None:
        return []
    return [value] if isinstance(value, str) else [v for v in value if v]


def _add_link(graph: "nx.MultiDiGraph", src: str, dst: str, rel: RelType, data: dict[str, Any]) -> None:
    """One link per pair of plans, IMPLEMENTS over CITES; spans of all its citations pooled."""
    spans = list(data["spans"])
    for held in (RelType.IMPLEMENTS, RelType.CITES):
        if graph.has_edge(src, dst, key=held.value):
            spans += graph.edges[src, dst, held.value]["spans"]
            if held is RelType.IMPLEMENTS:
                rel = held
            graph.remove_edge(src, dst, key=held.value)
    graph.add_edge(src, dst, key=rel.value, plan=data["plan"], spans=sorted(spans))
