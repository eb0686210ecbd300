"""Assemble a typed ``Plan`` from the pipeline's Doc, mapping every span back to the source text."""
from __future__ import annotations

import bisect
import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING

from .model import (Citation, Deadline, Department, Goal, Measure, Metadata, Plan, Section, Source,
                    Target, Unit, PlanWarning)
from .errors import require_unicode, require_utf8_name
from .memory import paused_collector
from .normalize import NormText, merge_ranges, normalize
from .readers import Document, read_document
from .health import plan_signals
from .structure import walk
from .warnings import check

if TYPE_CHECKING:
    from .ocr_mode import OcrMode


def plan_id_for(path: str | None, text: str) -> str:
    """Stable plan id: the file name stem (``qingyang_tandafeng_2024`` → ``qingyang-tandafeng-2024``),
    or a digest of the text when there is no file."""
    if path:
        stem = Path(path).stem.lower()
        slug = re.sub(r"[^0-9a-z\u4e00-\u9fff]+", "-", stem).strip("-")
        if slug:
            return slug
    return "plan-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def parse_text(text: str, *, plan_id: str | None = None, path: str | None = None,
               source: Source | None = None, extra_warnings: list[PlanWarning] | None = None) -> Plan:
    from .pipeline import run

    require_unicode(text, path or (source.path if source else None))
    if path is not None:
        require_utf8_name(path)
    if source is None:
        source = Source(path=path, format="txt", sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                        chars=len(text), encoding=None)
    with paused_collector():
        norm = normalize(text)
        doc = run(norm.text)
        return _assemble(doc, norm, plan_id or plan_id_for(source.path, text), source, text,
                         list(extra_warnings or []))


def parse_path(path, ocr: "OcrMode" = "auto", progress: bool = False) -> Plan:
    document: Document = read_document(path, ocr, progress)
    return parse_text(document.text, source=document.source, extra_warnings=document.warnings)


def _assemble(doc, norm: NormText, plan_id: str, source: Source, text: str, warnings: list[PlanWarning]) -> Plan:
    src = norm.to_source
    header = doc._.header
    meta = {k: v.value for k, v in header.values.items()}
    from .metadata import region_and_level
    from .metadata import holds_measures
    region, level = region_and_level(meta.get("issuer"), meta.get("title"))
    kind = doc._.kind     # told once, by the heading component, which needs it to pick the measures
    metadata = Metadata(**{k: meta.get(k) for k in ("title", "doc_number", "index_number", "issuer", "publisher",
                                                     "written_date", "effective_date", "published_date")},
                        region=region, level=level, kind=kind,
                        ocr_fields=[k for k, v in header.values.items()
                                    if source.ocr and source.from_ocr(src(*v.span))])

    sections, measures = [], []
    measure_ids: dict[str, str] = {}      # tree node id -> measure id
    section_of: dict[str, str | None] = {}
    measure_nodes = {n.id for n in doc._.measures}
    for node in walk(doc._.sections):
        if node.id in measure_nodes:
            mid = f"m{len(measure_ids) + 1}"
            measure_ids[node.id] = mid
            section_of[node.id] = node.parent.id if node.parent else None
            continue
        sections.append(Section(id=node.id, path=node.path, number=node.heading.marker, title=node.heading.title,
                                level=node.level, parent=node.parent.id if node.parent else None,
                                span=src(node.heading.start, node.end), kind=node.kind))
    units_by_measure: dict[str, list[Unit]] = {}
    for u in doc._.units:
        units_by_measure.setdefault(u.measure, []).append(
            Unit(name=u.name, raw=_printed(text, norm, u.start, u.end, u.raw),
                 role=u.role, lead_basis=u.lead_basis, span=src(u.start, u.end)))
    deadlines = {r.measure: r.deadline for r in doc._.deadlines}
    # unit clauses and labelled deadlines (one may hold the other) are facts of their own, not
    # words of the measure's body
    cut = merge_ranges([*doc._.clauses, *((d.label_start, d.end) for d in deadlines.values())])
    for node in doc._.measures:
        h = node.heading
        body = _strip_ranges(norm.text, h.body_start, node.own_end, cut).strip()
        d = deadlines.get(node.id)
        measures.append(Measure(id=measure_ids[node.id], section=section_of[node.id], path=node.path,
                                number=h.number, title=h.title, text=body, span=src(h.start, node.own_end),
                                units=units_by_measure.get(node.id, []),
                                deadline=Deadline(text=d.text, date=d.date, span=src(d.start, d.end)) if d else None))

    locate = _Locator(doc, measure_ids)
    targets = []
    for i, t in enumerate(doc._.targets, 1):
        measure, section = locate(t.start)
        targets.append(Target(id=f"t{i}", measure=measure, section=section, indicator=t.indicator, value=t.value,
                              value_max=t.value_max, unit=t.unit, comparator=t.comparator, direction=t.direction,
                              year=t.year, baseline_year=t.baseline_year, modality=t.modality, rate=t.rate, text=t.text,
                              span=src(t.start, t.end)))
    goals = []
    for i, g in enumerate(doc._.goals, 1):
        measure, section = locate(g.start)
        goals.append(Goal(id=f"g{i}", measure=measure, section=section, year=g.year, text=g.text,
                          span=src(g.start, g.end)))
    # Only the preamble and 总体要求 say what the plan carries out; a 根据《…》 among the measures
    # names a rule to apply, not a plan above this one.
    action_start = min((n.heading.start for n in walk(doc._.sections)
                        if n.kind not in ("principles", "objectives", "background")),
                       default=len(norm.text))
    citations = [Citation(title=c.title, doc_number=c.doc_number, span=src(c.start, c.end),
                          relation=c.relation if c.start < action_start else "cites")
                 for c in doc._.citations]
    for code, message, span in [*header.problems, *doc._.problems]:
        warnings.append(PlanWarning(code=check(code), message=message, span=src(*span) if span else None))
    for w in plan_signals(measures, sections, warnings, kind, holds_measures(kind)):
        warnings.append(w.model_copy(update={"code": check(w.code)}))
    return Plan(id=plan_id, source=source, metadata=metadata, sections=sections, measures=measures,
                targets=targets, goals=goals, citations=citations,
                departments=_departments(measures), warnings=warnings)


def _printed(text: str, norm: NormText, start: int, end: int, read: str) -> str:
    """The source characters behind ``read``, the words read from a normalised span less what
    the reader dropped (white space, a control character): as printed, less page-break debris.
    Words that are no such subsequence of the span are kept as read."""
    out, i = [], start
    for ch in read:
        while i < end and norm.text[i] != ch:
            i += 1
        if i == end:
            return read
        out.append(text[norm.offsets[i]])
        i += 1
    return "".join(out)


def _strip_ranges(text: str, a: int, b: int, ranges: list[tuple[int, int]]) -> str:
    """``text[a:b]`` less the ranges starting inside it; ``ranges`` are sorted by start, so only
    those inside are visited (a scan of all of them per measure was quadratic in measures)."""
    out, pos = [], a
    for i in range(bisect.bisect_left(ranges, (a, -1)), len(ranges)):
        ra, rb = ranges[i]
        if ra >= b:
            break
        out.append(text[pos:ra])
        pos = rb
    out.append(text[pos:b])
    return "".join(out)


class _Locator:
    """Finds the measure (or, outside measures, the deepest section) holding a text position.

    Measures do not overlap and sections nest, both in document order, so a position is found by
    bisection (and, for sections, a walk up the parents), not by a scan per position.
    """

    def __init__(self, doc, measure_ids: dict[str, str]):
        self.measures = [(n.heading.start, n.own_end, measure_ids[n.id], n.parent.id if n.parent else None)
                         for n in doc._.measures]
        self.measure_starts = [m[0] for m in self.measures]
        self.sections = [n for n in walk(doc._.sections) if n.id not in measure_ids]
        self.section_starts = [n.heading.start for n in self.sections]

    def __call__(self, pos: int) -> tuple[str | None, str | None]:
        i = bisect.bisect_right(self.measure_starts, pos) - 1
        if i >= 0 and pos < self.measures[i][1]:
            return self.measures[i][2], self.measures[i][3]
        i = bisect.bisect_right(self.section_starts, pos) - 1
        node = self.sections[i] if i >= 0 else None
        while node is not None and not node.heading.start <= pos < node.end:
            node = node.parent
        return None, node.id if node else None


def _departments(measures: list[Measure]) -> list[Department]:
    by_name: dict[str, Department] = {}
    seen: set[tuple[str, str, str]] = set()   # (name, list, item) already added: lists stay linear
    for m in measures:
        for u in m.units:
            d = by_name.setdefault(u.name, Department(name=u.name))
            if u.raw != u.name and (u.name, "alias", u.raw) not in seen:
                seen.add((u.name, "alias", u.raw))
                d.aliases.append(u.raw)
            role = "lead" if u.role == "lead" else "support"
            if (u.name, role, m.id) not in seen:
                seen.add((u.name, role, m.id))
                (d.lead_of if role == "lead" else d.support_of).append(m.id)
    return sorted(by_name.values(), key=lambda d: (-len(d.lead_of), -len(d.support_of), d.name))
