"""The list of plans an analyst browses: one row per plan with what it is, how much it holds and
how far to trust its parse (the grade and reasons of ``policykg check``, ``extractor.health``),
and the filters a reader narrows it with (region, level, year, kind, grade, words in titles and
measures).

It reads parsed ``Plan`` objects, not the graph, because a plan's header (文号, dates) and its
measure texts are what the list shows and searches. ``policykg plans --format json`` and the web
app's ``/api/plans`` both print these rows.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:
    from policykg.extractor.model import Plan

KINDS = ("实施方案", "行动方案", "工作方案", "行动计划", "实施意见", "规划", "办法", "措施", "方案")
"""The genre words a plan title ends in, longest first where one contains another (方案 last)."""


def plan_kind(title: str | None) -> str | None:
    """The genre of a plan from its title: ``青羊区碳达峰实施方案`` → ``实施方案``."""
    if not title:
        return None
    title = title.rstrip("）)").split("（")[0]
    return next((kind for kind in KINDS if title.endswith(kind)), None)


def plan_year(plan: "Plan") -> int | None:
    """The year a plan was issued: its written, published or effective date, else None."""
    md = plan.metadata
    for date in (md.written_date, md.published_date, md.effective_date):
        if date and date[:4].isdigit():
            return int(date[:4])
    return None


def plan_row(plan: "Plan") -> dict[str, Any]:
    """A plan as the plan list shows it."""
    from policykg.extractor.health import assess

    md = plan.metadata
    health = assess(plan)
    return {"id": plan.id, "title": md.title, "region": md.region, "level": md.level,
            "doc_number": md.doc_number, "date": md.written_date or md.published_date or md.effective_date,
            "year": plan_year(plan), "kind": plan_kind(md.title),
            "measures": len(plan.measures), "units": sum(len(m.units) for m in plan.measures),
            "targets": len(plan.targets), "warnings": len(plan.warnings),
            "grade": health.grade, "reasons": health.reasons}


@dataclass(frozen=True)
class PlanFilter:
    """What a reader narrows the plan list by; an empty field does not filter."""
    region: str | None = None
    level: str | None = None
    year: int | None = None
    kind: str | None = None
    grade: str | None = None
    text: str | None = None
    """Words looked for in the title and in every measure's title, text and printed units."""

    def accepts(self, plan: "Plan") -> bool:
        row = plan_row(plan)
        if self.region and row["region"] != self.region:
            return False
        if self.level and row["level"] != self.level:
            return False
        if self.year and row["year"] != self.year:
            return False
        if self.kind and row["kind"] != self.kind:
            return False
        if self.grade and row["grade"] != self.grade:
            return False
        return not self.text or _mentions(plan, self.text.strip().lower())


def _mentions(plan: "Plan", needle: str) -> bool:
    texts = [plan.metadata.title or "", *(t for m in plan.measures for t in (m.title, m.text)),
             *(u.raw for m in plan.measures for u in m.units)]
    return any(needle in t.lower() for t in texts)


def catalog(plans: Iterable["Plan"], where: PlanFilter = PlanFilter()) -> list[dict[str, Any]]:
    """The rows of the plans ``where`` accepts, ordered by plan id (as the store lists them)."""
    return [plan_row(p) for p in sorted(plans, key=lambda p: p.id) if where.accepts(p)]


def choices(plans: Iterable["Plan"]) -> dict[str, list[Any]]:
    """The values each filter can take over these plans, for the filter menus."""
    rows = [plan_row(p) for p in plans]
    return {key: sorted({r[key] for r in rows if r[key] is not None})
            for key in ("region", "level", "year", "kind", "grade")}
