"""A readable Markdown outline of a plan: heading tree, measures with owners, and targets; a
fact whose words OCR read is marked ``(OCR)``, to be checked by eye.

Every piece of document text goes through ``md_text``, so raw HTML in a plan (``<svg/onload=…>``
in a department name) is shown as text, never run when the outline is rendered."""
from __future__ import annotations

from ..model import Plan, Target
from ..presentation import md_text, target_value


def plan_to_markdown(plan: Plan) -> str:
    md = plan.metadata
    out = [f"# {md_text(md.title or plan.id)}", ""]
    facts = [("文号", md.doc_number), ("发布机关", md.issuer), ("成文日期", md.written_date),
             ("地区", f"{md.region} ({md.level})" if md.region else md.level)]
    out += [f"- {k}: {md_text(v)}" for k, v in facts if v]
    out.append("")
    measures_by_section: dict[str | None, list] = {}
    for m in plan.measures:
        measures_by_section.setdefault(m.section, []).append(m)
    targets_by_measure: dict[str | None, list] = {}
    for t in plan.targets:
        targets_by_measure.setdefault(t.measure, []).append(t)

    def emit_measures(section_id):
        for m in measures_by_section.get(section_id, []):
            lead = "、".join(md_text(u.name) for u in m.units if u.role == "lead") or "—"
            support = "、".join(md_text(u.name) for u in m.units if u.role != "lead")
            owners = f"牵头 {lead}" + (f"；配合 {support}" if support else "")
            out.append(f"- **{md_text(m.number)}. {md_text(m.title)}**{_ocr(m.origin)} — {owners}")
            for t in targets_by_measure.get(m.id, []):
                out.append(f"  - 🎯 {_target_line(t)}")

    emit_measures(None)
    for s in plan.sections:
        out.append(f"{'#' * min(s.level + 1, 6)} {md_text(s.number)} {md_text(s.title)}")
        for t in (t for t in plan.targets if t.measure is None and t.section == s.id):
            out.append(f"- 🎯 {_target_line(t)}")
        emit_measures(s.id)
        out.append("")
    if plan.warnings:
        out += ["## Warnings", ""] + [f"- `{w.code}` {md_text(w.message)}" for w in plan.warnings]
    return "\n".join(out).rstrip() + "\n"


def _target_line(t: Target) -> str:
    """``2025: 单位地区生产总值能耗 ≤−13% (change vs 2020)``: the value as printed, large numbers
    with 万/亿 as plans write them."""
    value = target_value(t.value, t.unit, t.comparator, t.direction, t.value_max, multipliers=True)
    change = ""
    if t.direction != "level":
        change = f" (change vs {t.baseline_year})" if t.baseline_year else " (change)"
    return f"{t.year}: {md_text(t.indicator)} {md_text(value)}{change}{_ocr(t.origin)}"


def _ocr(origin: str | None) -> str:
    return " (OCR)" if origin == "ocr" else ""
