"""How far to trust a parse when there is no gold: signals written into a plan's ``warnings``, and
a grade (A–D) read back from them.

A user who feeds in a province's 实施意见 has no gold file to score against, so the parse itself
must say where it is likely wrong: unit clauses left outside any measure, measures without units
in a plan where most have them, a measure with implausibly many units (a whole group read as one
item), timeline or procedural items counted as measures, numbering that repeats or runs backwards,
documents that are notices or calls rather than plans. :func:`plan_signals` finds them once, at
parse time, as warnings with codes of :mod:`extractor.warnings`; :func:`assess` grades a plan from
its warnings alone, so ``policykg check``, ``build`` and a stored plan all agree.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from .model import Measure, Plan, Section, PlanWarning
from .structure import is_procedural_title, numeral_value

GRADES = ("A", "B", "C", "D")

# code -> (grade it caps the plan at, how many occurrences it takes)
_SEVERITY: dict[str, tuple[str, int]] = {
    "no-measures": ("D", 1),
    "units-mostly-unattached": ("D", 1),
    "unit-unattached": ("B", 1),
    "unit-outside-action": ("B", 1),
    "measure-without-units": ("B", 1),
    "measure-many-units": ("B", 1),
    "measure-procedural": ("C", 1),
    "numbering-out-of-order": ("B", 1),
    "document-kind": ("C", 1),
    "title-guessed": ("B", 1),
    "lead-none": ("B", 1),
    "pdf-unmapped-glyphs": ("B", 1),
    "pdf-image-region": ("C", 1),
    "pdf-page-unread": ("C", 1),
    "table-unread": ("C", 1),
    "target-unread": ("B", 3),
}
# a share of the plan's clauses or measures above which a B signal becomes a C
_MAJOR_SHARE = {"unit-unattached": 0.1, "measure-without-units": 0.2}


@dataclass
class Health:
    """The grade of one plan, why, and the counts it was judged on."""
    grade: str
    kind: str | None
    reasons: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"grade": self.grade, "kind": self.kind, "reasons": self.reasons, "counts": self.counts}


def plan_signals(measures: list[Measure], sections: list[Section], warnings: list[PlanWarning],
                 kind: str | None, holds_measures: bool) -> list[PlanWarning]:
    """The health warnings of a plan being assembled (the parser's own warnings already in)."""
    out: list[PlanWarning] = []
    unattached = sum(w.code == "unit-unattached" for w in warnings)
    attached = sum(bool(m.units) for m in measures)
    if unattached and unattached >= attached:
        out.append(PlanWarning(code="units-mostly-unattached",
                           message=f"{unattached} of {unattached + attached} unit clauses stand outside any "
                                   "measure: the measures were probably not found right"))
    with_units = [m for m in measures if m.units]
    if len(measures) >= 4 and len(with_units) * 2 > len(measures):
        for m in measures:
            if not m.units:
                out.append(PlanWarning(code="measure-without-units", span=m.span,
                                   message=f"{m.path} {m.title[:30]} has no responsible unit, unlike most measures"))
    if with_units:
        typical_units = median(len(m.units) for m in with_units)
        typical_leads = median(sum(u.role == "lead" for u in m.units) for m in with_units)
        for m in with_units:
            leads = sum(u.role == "lead" for u in m.units)
            if len(m.units) > max(12, 3 * typical_units) or leads > max(3, 3 * typical_leads):
                out.append(PlanWarning(code="measure-many-units", span=m.span,
                                   message=f"{m.path} has {len(m.units)} units and {leads} leads (typical "
                                           f"{typical_units:g} and {typical_leads:g}): several items read as one?"))
    for m in measures:
        if is_procedural_title(m.title):
            out.append(PlanWarning(code="measure-procedural", span=m.span,
                               message=f"{m.path} {m.title[:30]} reads as a timeline or procedural item"))
    out.extend(_numbering(measures, sections))
    if kind and not holds_measures:
        out.append(PlanWarning(code="document-kind",
                           message=f"the document reads as a {kind}, not a plan: its numbered items may "
                                   "be procedure rather than measures"))
    return out


def _numbering(measures: list[Measure], sections: list[Section]) -> list[PlanWarning]:
    """Siblings of one marker kind whose numbers repeat or run backwards."""
    siblings: dict[tuple[str | None, str], list[tuple[int, str, tuple[int, int]]]] = {}
    for item in [*sections, *measures]:
        marker = item.number if isinstance(item, Section) else item.path.rsplit("/", 1)[-1]
        value = numeral_value(marker)
        if value is None:
            continue
        parent = item.parent if isinstance(item, Section) else item.section
        style = re.sub(r"[一二三四五六七八九十百]+", "C", re.sub(r"[0-9]+", "D", marker))
        siblings.setdefault((parent, style), []).append((item.span[0], marker, item.span))
    out = []
    for group in siblings.values():
        group.sort()
        for (_, prev, _), (_, cur, span) in zip(group, group[1:]):
            if numeral_value(cur) <= numeral_value(prev):
                out.append(PlanWarning(code="numbering-out-of-order", span=span,
                                   message=f"item {cur} follows item {prev} under the same heading"))
    return out


def assess(plan: Plan) -> Health:
    """The grade of a parsed plan, from its warnings: the worst grade any signal caps it at."""
    codes = Counter(w.code for w in plan.warnings)
    attached = sum(bool(m.units) for m in plan.measures)
    counts = {"measures": len(plan.measures), "measures_with_units": attached,
              "units": sum(len(m.units) for m in plan.measures),
              "clauses_unattached": codes.get("unit-unattached", 0), "targets": len(plan.targets)}
    shares = {"unit-unattached": counts["clauses_unattached"] / max(1, attached + counts["clauses_unattached"]),
              "measure-without-units": codes.get("measure-without-units", 0) / max(1, len(plan.measures))}
    grade, reasons = "A", []
    for code, (cap, needed) in _SEVERITY.items():
        n = codes.get(code, 0)
        if n < needed:
            continue
        if code in _MAJOR_SHARE and shares[code] > _MAJOR_SHARE[code]:
            cap = "C"
        grade = max(grade, cap, key=GRADES.index)
        reasons.append(f"{code} ×{n}" if n > 1 else code)
    return Health(grade, plan.metadata.kind, reasons, counts)
