from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import text_of

from ..departments import DepartmentResolver
from ..labels import LeadBasis, Role
from ..metadata import region_and_level
from ..deadlines import find_deadlines
from ..structure import Node, walk
from ..unit_clauses import Clause, DocRules, RawUnit, find_clauses, assign_roles


@dataclass
class UnitRecord:
    measure: str        # id of the measure's tree node
    name: str
    raw: str
    role: Role
    lead_basis: LeadBasis
    start: int
    end: int


def _in_rules(node: Node) -> bool:
    """Whether a measure is an article of rules or stands in one (``第二章/第十条``): there a body
    a sentence names (``由广东省碳普惠专家委员会组织专家进行评估论证``) is the actor the rules
    assign, not a unit answering for a task, so only a clause gives the article units."""
    while node is not None:
        if node.heading.kind == "article":
            return True
        node = node.parent
    return False


class UnitReader:
    """Reads the responsible-unit clauses of every measure into ``doc._.units``.

    An item whose sentences each close with a clause (``（责任部门：气候处，完成期限：6月底）``)
    has the union of their units, each once in printed order; by convention its lead is the
    first unit of its first clause, while a unit marked 牵头 leads in whichever clause it stands.

    Canonical names come from the department alias data, as the entity ruler marked them
    (``doc.ents``, id ``region|canonical``; the alias table itself where the tokens do not line up
    with a printed name), and the in-plan rules of :mod:`extractor.departments`; every name read
    as another gives a ``unit-alias`` warning.
    """

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[tuple[str, Clause]]:
        text = text_of(doc)
        clauses: dict[str, list[Clause]] = {}
        gap_start = doc._.header.body_start if doc._.header else 0
        gaps = []
        for node in doc._.measures:
            clauses[node.id] = [_without_deadlines(text, clause) for clause in
                                find_clauses(text, node.heading.body_start, node.own_end,
                                             in_sentence=not _in_rules(node))]
            gaps.append((gap_start, node.heading.start))
            gap_start = max(gap_start, node.own_end)
        _share_list_clauses(text, doc._.measures, clauses)
        found = [(node.id, clause) for node in doc._.measures for clause in clauses[node.id]]
        gaps.append((gap_start, len(text)))
        # labelled clauses outside any measure are reported, never silently dropped
        for a, b in gaps:
            for clause in find_clauses(text, a, b, fallbacks=False):
                printed = text[clause.start:clause.end][:60]
                kind = _part_kind(doc._.sections, clause.start)
                if kind in _NO_MEASURES:
                    doc._.problems.append(("unit-outside-action", f"unit clause in a {kind} part, which holds no "
                                           f"measures: {printed}", (clause.start, clause.end)))
                else:
                    doc._.problems.append(("unit-unattached", "unit clause outside any measure: " + printed,
                                           (clause.start, clause.end)))
        return found

    def set_annotations(self, doc: Doc, found: list[tuple[str, Clause]]) -> None:
        header = doc._.header
        issuer = header.values["issuer"].value if header and "issuer" in header.values else None
        title = header.values["title"].value if header and "title" in header.values else None
        region, _ = region_and_level(issuer, title)
        resolver = DepartmentResolver(region, issuer)
        rules = DocRules.find(text_of(doc))
        printed = list({id(c): c for _, c in found}.values())   # a list's shared clause once
        doc._.clauses = [(c.start, c.end) for c in printed]
        _complete_alike([u for c in printed for u in (*c.units, *c.standing)])
        resolver.observe([u.full for c in printed for u in c.units])
        # the entity ruler marks department names from the alias data, with "region|canonical" ids
        known = {(e.start_char, e.end_char): e.ent_id_.split("|", 1) for e in doc.ents
                 if e.label_ == "ORG" and "|" in e.ent_id_}
        records = []
        spans = []
        for _, clause in found:
            if not clause.units:
                doc._.problems.append(("lead-none", "unit clause with no readable unit", (clause.start, clause.end)))
        spanned: set[tuple[int, int]] = set()
        for measure, entries in _units_per_measure(found, rules).items():
            names: dict[str, int] = {}
            for unit, role, basis in entries:
                entry = known.get((unit.start, unit.end))
                canonical = entry[1] if entry and resolver.covers(entry[0]) else None
                resolution = resolver.resolve(unit.full, canonical)
                if resolution.name in names:
                    # an item of several sentences, each with its clause: each unit once, leading
                    # if any of its clauses marks it 牵头
                    first = records[names[resolution.name]]
                    if role is Role.LEAD and first.role is not Role.LEAD:
                        first.role, first.lead_basis = role, basis
                    continue
                names[resolution.name] = len(records)
                records.append(UnitRecord(measure, resolution.name, unit.raw, role, basis, unit.start, unit.end))
                if (unit.start, unit.end) in spanned:
                    continue    # a unit a note named for every later item: its span and warning once
                spanned.add((unit.start, unit.end))
                if resolution.reason:
                    doc._.problems.append(("unit-alias", resolution.reason, (unit.start, unit.end)))
                span = doc.char_span(unit.start, unit.end, label=role.value, alignment_mode="expand")
                if span is not None:
                    spans.append(span)
        doc._.units = records
        doc.spans["units"] = spans


def _share_list_clauses(text: str, measures: list[Node], clauses: dict[str, list[Clause]]) -> None:
    """A numbered sub-list closed by one unit clause on a line of its own (``（四）…有下列情形之一的…`` /
    ``1.…的；`` … ``6.…的。`` / ``（各省辖市政府，省发展改革委等部门负责）``) names the units of every
    sub-item, not only of the last, which its line merely follows: each sub-item gets the clause.
    A clause that closes the last sub-item's own sentence (``6.…的。（…负责）``), or a list where
    another sub-item has a clause of its own, keeps it for the item it stands in."""
    ids = {node.id for node in measures}
    for parent in {id(n.parent): n.parent for n in measures if n.parent is not None}.values():
        items = parent.children
        if len(items) < 2 or any(n.id not in ids for n in items) or any(clauses[n.id] for n in items[:-1]):
            continue
        last = items[-1]
        if len(clauses[last.id]) == 1 and _closes_on_own_line(text, clauses[last.id][0], last):
            for item in items[:-1]:
                clauses[item.id] = list(clauses[last.id])


def _closes_on_own_line(text: str, clause: Clause, node: Node) -> bool:
    """Whether ``clause`` stands alone on the last line of ``node``'s own text, after its heading line."""
    line_start = text.rfind("\n", 0, clause.start) + 1
    return (clause.start >= node.heading.line_end and not text[line_start:clause.start].strip()
            and not text[clause.end:node.own_end].strip(" \t\u3000\n。；;"))


# kinds of part that by convention hold no measures, whatever their items print (the gold format
# leaves out 保障措施 and 进度安排 items even when each carries its own 责任单位 clause)
_NO_MEASURES = ("guarantees", "timeline", "objectives", "principles", "background", "procedure")


def _part_kind(roots: list[Node], pos: int) -> str | None:
    """The kind of the innermost heading whose text holds ``pos`` (None before the first heading).
    A clause under ``四、保障措施`` is where the plan meant it, not a measure the parser missed."""
    kind = None
    for node in walk(roots):
        if node.heading.start <= pos < node.end:
            kind = node.kind
    return kind


def _units_per_measure(found: list[tuple[str, Clause]],
                       rules: DocRules) -> dict[str, list[tuple[RawUnit, Role, LeadBasis]]]:
    """Each measure's units with their roles, in printed order. Of an item's several clauses only
    the first gives a lead by convention; the units of a ``以下均需X落实，不再列出`` note are added,
    as support, to every later item that has units of its own."""
    per_measure: dict[str, list[tuple[RawUnit, Role, LeadBasis]]] = {}
    notes: dict[str, list[RawUnit]] = {}
    for measure, clause in found:
        entries = per_measure.setdefault(measure, [])
        for unit, role, basis in assign_roles(clause, rules):
            if entries and basis is LeadBasis.FIRST_LISTED and role is Role.LEAD:
                role = Role.SUPPORT     # the first listed of the item is in its first clause
            entries.append((unit, role, basis))
        if clause.standing:
            notes[measure] = clause.standing
    for measure, entries in per_measure.items():
        per_measure[measure] = _marked_leads_only(entries)
    standing: list[RawUnit] = []
    for measure, entries in per_measure.items():
        if entries and standing:
            entries.extend((unit, Role.SUPPORT, entries[0][2]) for unit in standing)
        standing = notes.get(measure, standing)
    return per_measure


def _marked_leads_only(entries: list[tuple[RawUnit, Role, LeadBasis]]) -> list[tuple[RawUnit, Role, LeadBasis]]:
    """An item that marks a unit 牵头 in one clause (``（责任单位：A）…（牵头单位：B；配合单位：C）``) has
    that unit as its lead; the lead by convention of another clause (A) only takes part."""
    if not any(role is Role.LEAD and basis is LeadBasis.EXPLICIT for _, role, basis in entries):
        return entries
    return [(unit, Role.SUPPORT, LeadBasis.EXPLICIT) if role is Role.LEAD and basis is LeadBasis.FIRST_LISTED
            else (unit, role, basis) for unit, role, basis in entries]


def _complete_alike(units: list[RawUnit]) -> None:
    """A short name the plan prints alone (``市生态环境局``) is the unit a list completed it to
    elsewhere (``深圳市发展改革委、…、市生态环境局`` → ``深圳市生态环境局``), so one bureau is one
    department, not two; a short name completed two ways (a plan of two regions) stays as printed."""
    completions: dict[str, set[str]] = {}
    for u in units:
        if u.full != u.raw:
            completions.setdefault(u.raw, set()).add(u.full)
    for u in units:
        found = completions.get(u.raw)
        if u.full == u.raw and found and len(found) == 1:
            u.full = next(iter(found))


def _without_deadlines(text: str, clause: Clause) -> Clause:
    """A deadline printed inside a unit clause (``；完成时限：2022年4月``) is the measure's deadline
    (``components.deadlines``), never one of its units."""
    cut = [(d.label_start, d.end) for d in find_deadlines(text, clause.start, clause.end)]
    if cut:
        clause.units = [u for u in clause.units if not any(a <= u.start < b for a, b in cut)]
    return clause


@Language.factory("policykg_units", default_config={}, assigns=['doc._.units', 'doc._.clauses', 'doc._.problems'], requires=['doc._.measures', 'doc._.header'])
def make_units(nlp: Language, name: str) -> UnitReader:
    return UnitReader()
