"""The one graph schema: node types, relation types, their properties and the stable id rules.

Every backend (networkx, the SQLite store, RDF, and later Neo4j) follows this module, so a
property renamed here is renamed everywhere. It imports nothing heavy: the query path and the
store read it on every call.

Ids are stable: the same plan parsed twice gives the same ids, because they are made from the
plan id and the parser's own item ids (``m12``), or, for nodes shared between plans, from names.
An id is also the path of the node's IRI under the export base (``graph.rdf``), so it keeps
Chinese characters readable and escapes only what an IRI cannot hold.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Any, Iterable

SCHEMA = "policykg/graph@1"

DEFAULT_BASE = "https://w3id.org/policykg/id/"
"""Where node ids become IRIs (``graph.rdf``) unless the user sets another base."""


class NodeType(str, Enum):
    PLAN = "Plan"
    SECTION = "Section"
    MEASURE = "Measure"
    DEPARTMENT = "Department"
    TARGET = "Target"
    INDICATOR = "Indicator"
    GOAL = "Goal"
    CITED_DOCUMENT = "CitedDocument"
    REGION = "Region"


class RelType(str, Enum):
    HAS_SECTION = "HAS_SECTION"
    HAS_MEASURE = "HAS_MEASURE"
    LEADS = "LEADS"
    SUPPORTS = "SUPPORTS"
    SHARES = "SHARES"
    """Jointly responsible for a measure that names no lead (unit role ``joint``)."""
    HAS_TARGET = "HAS_TARGET"
    HAS_GOAL = "HAS_GOAL"
    MEASURES = "MEASURES"
    CITES = "CITES"
    IMPLEMENTS = "IMPLEMENTS"
    """A plan carries out a plan of the store that it cites (``graph.lineage``)."""
    ISSUED_BY = "ISSUED_BY"
    PUBLISHED_BY = "PUBLISHED_BY"
    IN_REGION = "IN_REGION"
    SUB_ORGANIZATION_OF = "SUB_ORGANIZATION_OF"


ROLE_RELATIONS: dict[str, RelType] = {
    "lead": RelType.LEADS, "support": RelType.SUPPORTS, "joint": RelType.SHARES,
}
"""A unit's ``role`` in the plan model and the relation that carries it."""

RESPONSIBILITY = frozenset(ROLE_RELATIONS.values())
RELATION_ROLES: dict[str, str] = {rel.value: role for role, rel in ROLE_RELATIONS.items()}


@dataclass(frozen=True)
class NodeSpec:
    """What a node of one type carries besides ``type``.

    ``shared`` nodes (departments, indicators, cited documents, regions) are met by several plans
    and merged (``merge_shared``); the others belong to exactly one plan, named in ``plan``, and
    carry the ``span`` of the words they come from.
    """
    type: NodeType
    shared: bool
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()

    @property
    def properties(self) -> frozenset[str]:
        return frozenset(("type", *self.required, *self.optional))


_ITEM = ("plan", "local_id", "order", "span")
# Facts (measures, targets, goals, unit and citation edges) may carry ``origin``: "ocr" when their words were read by OCR
# (``Source.from_ocr`` in the extractor), absent otherwise.

NODES: dict[NodeType, NodeSpec] = {spec.type: spec for spec in (
    NodeSpec(NodeType.PLAN, False, ("plan", "span", "sha256", "chars", "source_format"),
             ("title", "doc_number", "index_number", "issuer", "publisher", "written_date",
              "effective_date", "published_date", "region", "level", "source_path",
              "source_paths", "ocr_fields")),
    NodeSpec(NodeType.SECTION, False, (*_ITEM, "path", "number", "title", "level", "kind")),
    NodeSpec(NodeType.MEASURE, False, (*_ITEM, "path", "number", "title", "text"),
             ("deadline", "deadline_date", "origin")),
    NodeSpec(NodeType.TARGET, False,
             (*_ITEM, "indicator", "value", "unit", "printed_value", "printed_unit", "comparator",
              "direction", "year", "text"),
             ("value_max", "baseline_year", "modality", "rate", "origin")),
    NodeSpec(NodeType.GOAL, False, (*_ITEM, "text"), ("year", "origin")),
    NodeSpec(NodeType.DEPARTMENT, True, ("name", "plans", "aliases"), ("region",)),
    NodeSpec(NodeType.INDICATOR, True, ("name", "plans", "synonyms"), ("unit",)),
    NodeSpec(NodeType.CITED_DOCUMENT, True, ("plans",), ("title", "doc_number", "printed")),
    NodeSpec(NodeType.REGION, True, ("name", "plans"), ("level",)),
)}


@dataclass(frozen=True)
class RelSpec:
    """Which node types a relation joins and what it carries.

    An edge between two shared nodes is itself shared (``plans``); every other edge belongs to
    one plan (``plan``).
    """
    type: RelType
    sources: frozenset[NodeType]
    targets: frozenset[NodeType]
    required: tuple[str, ...] = ("plan",)
    optional: tuple[str, ...] = ()

    @property
    def properties(self) -> frozenset[str]:
        return frozenset((*self.required, *self.optional))


def _rel(rel: RelType, sources: Iterable[NodeType], targets: Iterable[NodeType],
         required: tuple[str, ...] = ("plan",), optional: tuple[str, ...] = ()) -> RelSpec:
    return RelSpec(rel, frozenset(sources), frozenset(targets), required, optional)


_N = NodeType
_HOLDERS = (_N.PLAN, _N.SECTION, _N.MEASURE)
_UNIT = ("plan", "lead_basis", "raw", "rank", "span")

RELATIONS: dict[RelType, RelSpec] = {spec.type: spec for spec in (
    _rel(RelType.HAS_SECTION, (_N.PLAN, _N.SECTION), (_N.SECTION,)),
    _rel(RelType.HAS_MEASURE, (_N.PLAN, _N.SECTION), (_N.MEASURE,)),
    _rel(RelType.LEADS, (_N.DEPARTMENT,), (_N.MEASURE,), _UNIT, ("origin",)),
    _rel(RelType.SUPPORTS, (_N.DEPARTMENT,), (_N.MEASURE,), _UNIT, ("origin",)),
    _rel(RelType.SHARES, (_N.DEPARTMENT,), (_N.MEASURE,), _UNIT, ("origin",)),
    _rel(RelType.HAS_TARGET, _HOLDERS, (_N.TARGET,)),
    _rel(RelType.HAS_GOAL, _HOLDERS, (_N.GOAL,)),
    _rel(RelType.MEASURES, (_N.TARGET,), (_N.INDICATOR,)),
    _rel(RelType.CITES, (_N.PLAN,), (_N.CITED_DOCUMENT, _N.PLAN), ("plan", "spans"), ("relation", "origin")),
    _rel(RelType.IMPLEMENTS, (_N.PLAN,), (_N.PLAN,), ("plan", "spans")),
    _rel(RelType.ISSUED_BY, (_N.PLAN,), (_N.DEPARTMENT,)),
    _rel(RelType.PUBLISHED_BY, (_N.PLAN,), (_N.DEPARTMENT,)),
    _rel(RelType.IN_REGION, (_N.PLAN, _N.DEPARTMENT), (_N.REGION,)),
    _rel(RelType.SUB_ORGANIZATION_OF, (_N.DEPARTMENT,), (_N.DEPARTMENT,), ("plans",)),
)}


def is_shared_edge(source_type: str, target_type: str) -> bool:
    """An edge between shared nodes (a department in its region) is shared by the plans that
    state it; any other edge belongs to the one plan its per-plan end belongs to."""
    return NODES[NodeType(source_type)].shared and NODES[NodeType(target_type)].shared


def edge_properties(rel: RelType, source_type: str, target_type: str) -> frozenset[str]:
    """The properties an edge of ``rel`` carries, given the types of its ends."""
    if is_shared_edge(source_type, target_type):
        return frozenset(("plans",))
    return RELATIONS[rel].properties


# --- stable ids -------------------------------------------------------------------------------

_UNSAFE = set(' "<>\\^`{|}%/?#[]')
# The characters ``segment`` may have to encode, as one class of ranges (what ``_iri_char``
# refuses within the BMP, and everything above it), not a negated class: Python compiles a
# negated class of wide ranges into a table code point by code point, a cost on every import.
_NEEDS_ENCODING = re.compile(r'[ "<>\\^`{|}%/?#\[\]\s\x00-\x1f\x7f-\x9f\ud800-\uf8ff\ufdd0-\ufdef\ufff0-\U0010ffff]')


def _iri_char(code: int) -> bool:
    """Whether RFC 3987 lets the character stand unencoded in an IRI path (``iunreserved``
    outside ASCII is ``ucschar``: no controls, surrogates, private use or non-characters;
    U+FFFD is among the specials it leaves out)."""
    if code < 0x80:
        return True  # ASCII is sorted out by ``_UNSAFE`` and the control test
    if code < 0x10000:
        return 0xA0 <= code <= 0xD7FF or 0xF900 <= code <= 0xFDCF or 0xFDF0 <= code <= 0xFFEF
    return (code & 0xFFFF) <= 0xFFFD and code < 0xE0000 or 0xE1000 <= code <= 0xEFFFD


def segment(text: str) -> str:
    """One id path segment: the text itself, with only what an IRI cannot hold percent-encoded.

    ``/`` is encoded too, so a name never adds a level to the path. White space, control
    characters, U+FFFD, private-use characters and non-characters are encoded rather than
    dropped, so two different names never share an id and every id makes a valid IRI.
    """
    if not _NEEDS_ENCODING.search(text):
        return text  # the usual case: Chinese names need no encoding
    out = []
    for ch in text:
        code = ord(ch)
        if ch in _UNSAFE or ch.isspace() or code < 0x20 or code == 0x7F or not _iri_char(code):
            out.append("".join(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass")))
        else:
            out.append(ch)
    return "".join(out)


_IRI_BASE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")


def check_base(base: str) -> str:
    """``base`` if it can prefix node ids to make IRIs; ``ValueError`` saying why if not."""
    if not _IRI_BASE.match(base):
        raise ValueError(f"{base!r} is not an absolute IRI (e.g. {DEFAULT_BASE})")
    return base


def plan_node(plan_id: str) -> str:
    return f"plan/{segment(plan_id)}"


def item_node(plan_id: str, kind: NodeType, local_id: str) -> str:
    """A section, measure, target or goal: the plan's id plus the parser's own item id."""
    return f"{plan_node(plan_id)}/{kind.value.lower()}/{segment(local_id)}"


def department_node(name: str, region: str | None, plan_id: str) -> str:
    """Departments are one node per name within a region; without a region, within the plan."""
    if region:
        return f"department/{segment(region)}/{segment(name)}"
    return f"{plan_node(plan_id)}/department/{segment(name)}"


def indicator_node(name: str) -> str:
    return f"indicator/{segment(name)}"


def region_node(name: str) -> str:
    return f"region/{segment(name)}"


def document_node(title: str | None, doc_number: str | None) -> str | None:
    """A cited document by its title key (``Citation.key``), else its 文号; ``None`` when the
    citation has neither."""
    if title:
        return f"document/{segment(title)}"
    if doc_number:
        return f"document/number/{segment(doc_number)}"
    return None


# --- merging shared nodes -----------------------------------------------------------------------

def merge_shared(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Merge what another plan says about a shared node or edge into what is known.

    Lists (``plans``, ``aliases``, ``synonyms``) become the sorted union, so the result does not
    depend on the order plans were added; a scalar keeps its first non-empty value.
    """
    merged = dict(old)
    for key, value in new.items():
        if isinstance(value, list):
            merged[key] = sorted(set(merged.get(key) or ()) | set(value))
        elif merged.get(key) is None:
            merged[key] = value
    return merged


def check(graph) -> list[str]:
    """Every way ``graph`` (a networkx MultiDiGraph) departs from this schema, one line each."""
    problems: list[str] = []
    for node, data in graph.nodes(data=True):
        try:
            spec = NODES[NodeType(data.get("type"))]
        except ValueError:
            problems.append(f"{node}: unknown node type {data.get('type')!r}")
            continue
        missing = [p for p in spec.required if data.get(p) is None]
        extra = set(data) - spec.properties
        if missing:
            problems.append(f"{node}: missing {', '.join(missing)}")
        if extra:
            problems.append(f"{node}: unknown properties {', '.join(sorted(extra))}")
    for src, dst, key, data in graph.edges(keys=True, data=True):
        try:
            rel = RELATIONS[RelType(key)]
        except ValueError:
            problems.append(f"{src} -> {dst}: unknown relation {key!r}")
            continue
        src_type, dst_type = graph.nodes[src].get("type"), graph.nodes[dst].get("type")
        if src_type not in {t.value for t in rel.sources}:
            problems.append(f"{src} -{key}-> {dst}: source type {src_type} not allowed")
            continue
        if dst_type not in {t.value for t in rel.targets}:
            problems.append(f"{src} -{key}-> {dst}: target type {dst_type} not allowed")
        shared = is_shared_edge(src_type, dst_type)
        allowed = edge_properties(rel.type, src_type, dst_type)
        required = allowed if shared else frozenset(rel.required)
        if missing := sorted(p for p in required if data.get(p) is None):
            problems.append(f"{src} -{key}-> {dst}: missing {', '.join(missing)}")
        if extra := sorted(set(data) - allowed):
            problems.append(f"{src} -{key}-> {dst}: unknown properties {', '.join(extra)}")
    return problems
