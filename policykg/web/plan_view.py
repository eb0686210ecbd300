"""What the plan page shows, arranged once so the template only lays it out: the heading tree
with each measure's units, targets and warnings, and the source text cut at every fact."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .source import Piece, pieces, plan_facts, unit_key

if TYPE_CHECKING:
    from policykg.extractor.model import Measure, Plan, Section, Target, Unit, Warning


@dataclass
class UnitView:
    key: str
    unit: "Unit"


@dataclass
class MeasureView:
    measure: "Measure"
    units: list[UnitView]
    targets: list["Target"]
    warnings: list[tuple[str, "Warning"]]


@dataclass
class SectionView:
    section: "Section | None"
    children: list["SectionView | MeasureView"] = field(default_factory=list)
    targets: list["Target"] = field(default_factory=list)
    """Targets stated in the section itself, outside any measure (主要目标)."""


@dataclass
class PlanView:
    plan: "Plan"
    tree: SectionView
    pieces: list[Piece] | None
    """``None`` when the source file is gone or changed since the build."""
    plan_warnings: list[tuple[str, "Warning"]]
    """Warnings that point at no measure."""


def plan_view(plan: "Plan", text: str | None) -> PlanView:
    warnings = [(f"w{i + 1}", w) for i, w in enumerate(plan.warnings)]
    placed: set[str] = set()

    def measure_view(m: "Measure") -> MeasureView:
        inside = [(k, w) for k, w in warnings if w.span and m.span[0] <= w.span[0] < m.span[1]]
        placed.update(k for k, _ in inside)
        return MeasureView(m, [UnitView(unit_key(m.id, i), u) for i, u in enumerate(m.units)],
                           [t for t in plan.targets if t.measure == m.id], inside)

    nodes: dict[str | None, SectionView] = {None: SectionView(None)}
    for s in plan.sections:
        nodes[s.id] = SectionView(s, targets=[t for t in plan.targets if t.measure is None and t.section == s.id])
    # sections and measures in the order of the text, each under its parent
    items: list[tuple[int, str | None, SectionView | MeasureView]] = \
        [(s.span[0], s.parent, nodes[s.id]) for s in plan.sections]
    items += [(m.span[0], m.section, measure_view(m)) for m in plan.measures]
    for _, parent, node in sorted(items, key=lambda item: item[0]):
        nodes.get(parent, nodes[None]).children.append(node)
    nodes[None].targets = [t for t in plan.targets if t.measure is None and t.section is None]
    cut = pieces(text, plan_facts(plan)) if text is not None else None
    return PlanView(plan, nodes[None], cut, [(k, w) for k, w in warnings if k not in placed])
