"""A readable Markdown outline of a plan: heading tree, measures with owners, and targets."""
from __future__ import annotations

from ..model import Plan


def plan_to_markdown(plan: Plan) -> str:
    md = plan.metadata
    out = [f"# {md.title or plan.id}", ""]
    facts = [("文号", md.doc_number), ("发布机关", md.issuer), ("成文日期", md.written_date),
             ("地区", f"{md.region} ({md.level})" if md.region else md.level)]
    out += [f"- {k}: {v}" for k, v in facts if v]
    out.append("")
    measures_by_section: dict[str | None, list] = {}
    for m in plan.measures:
        measures_by_section.setdefault(m.section, []).append(m)
    targets_by_measure: dict[str | None, list] = {}
    for t in plan.targets:
        targets_by_measure.setdefault(t.measure, []).append(t)

    def emit_measures(section_id):
        for m in measures_by_section.get(section_id, []):
            lead = "、".join(u.name for u in m.units if u.role == "lead") or "—"
            support = "、".join(u.name for u in m.units if u.role != "lead")
            owners = f"牵头 {lead}" + (f"；配合 {support}" if support else "")
            out.append(f"- **{m.number}. {m.title}** — {owners}")
            for t in targets_by_measure.get(m.id, []):
                out.append(f"  - 🎯 {_target_line(t)}")

    emit_measures(None)
    for s in plan.sections:
        out.append(f"{'#' * min(s.level + 1, 6)} {s.number} {s.title}")
        for t in (t for t in plan.targets if t.measure is None and t.section == s.id):
            out.append(f"- 🎯 {_target_line(t)}")
        emit_measures(s.id)
        out.append("")
    if plan.warnings:
        out += ["## Warnings", ""] + [f"- `{w.code}` {w.message}" for w in plan.warnings]
    return "\n".join(out).rstrip() + "\n"


def _target_line(t) -> str:
    sign = {"eq": "=", "ge": "≥", "le": "≤", "approx": "≈", "range": "∈"}[t.comparator]
    value = _number(t.value) + (f"–{_number(t.value_max)}" if t.value_max is not None else "")
    change = {"decrease": " (decrease", "increase": " (increase"}.get(t.direction, "")
    if change:
        change += f" vs {t.baseline_year})" if t.baseline_year else ")"
    return f"{t.year}: {t.indicator} {sign} {value}{t.unit}{change}"


def _number(v: float) -> str:
    """Large values as printed in plans: 250000000 → 2.5亿, 16000 → 1.6万."""
    for size, word in ((1e8, "亿"), (1e4, "万")):
        if abs(v) >= size:
            return f"{v / size:g}{word}"
    return f"{v:g}"
