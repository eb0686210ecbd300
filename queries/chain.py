"""A plan against the plans above it: shared targets side by side, and parent measures the plan
carries out, leaves out or adds (``policykg compare PLAN --with-parents``).

The plans above come from the store's resolved links (``queries.lineage``: IMPLEMENTS at any
depth). For each, two kinds of finding:

* **targets**: a target of the plan and one of the parent on the same canonical indicator and
  unit, year, direction and baseline. Whether the plan's target is at least as strict is said only
  for a relative indicator (a rate, share or intensity, ``queries/data/indicator_kinds.json``):
  a district's 装机容量 cannot be held against the province's. The better direction comes from the
  rule ``compare`` uses (``queries.compare.better_way``); where it is unknown the verdict says so.
* **measures**: ``queries.measure_match`` pairs every parent measure with its counterpart in the
  plan, keeping the score; parent measures without one are ``lacks``, plan measures that are no
  parent measure's counterpart are ``adds``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Sequence

from pydantic import BaseModel, ConfigDict

from .comparison import PlanSummary, TargetValue
from .indicator_kinds import is_relative

if TYPE_CHECKING:
    from policykg.extractor.model import Plan, Target

ABSOLUTE = "not ranked: absolute quantity"


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True)


class TargetPair(_Part):
    indicator: str
    unit: str
    year: int
    direction: str
    baseline_year: int | None
    relative: bool
    plan: TargetValue
    parent: TargetValue
    verdict: str
    """``at least as strict``, ``weaker``, ``not ranked: absolute quantity`` or ``direction unknown``."""
    weaker: bool


class MeasureRef(_Part):
    id: str
    path: str
    title: str


class MeasurePair(_Part):
    parent: MeasureRef
    counterpart: MeasureRef | None
    score: float
    best: MeasureRef | None
    """The most similar measure of the plan, also when below the threshold."""


class ParentComparison(_Part):
    parent: PlanSummary
    depth: int
    targets: list[TargetPair]
    measures: list[MeasurePair]
    lacks: list[MeasureRef]
    adds: list[MeasureRef]


class ChainComparison(_Part):
    """``policykg compare PLAN --with-parents --format json`` is exactly ``to_dict()``."""
    plan: PlanSummary
    parents: list[ParentComparison]
    threshold: float

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def compare_with_parents(plan: "Plan", parents: Sequence[tuple["Plan", int]]) -> ChainComparison:
    """``plan`` against each ``(parent, depth)``."""
    from .compare import plan_summary
    from .measure_match import THRESHOLD

    return ChainComparison(plan=plan_summary(plan), threshold=THRESHOLD,
                           parents=[_against(plan, parent, depth) for parent, depth in parents])


def _against(plan: "Plan", parent: "Plan", depth: int) -> ParentComparison:
    from .compare import plan_summary
    from .measure_match import match_measures

    found = match_measures(parent, plan)
    parent_refs = {m.id: MeasureRef(id=m.id, path=m.path, title=m.title) for m in parent.measures}
    plan_refs = {m.id: MeasureRef(id=m.id, path=m.path, title=m.title) for m in plan.measures}
    measures = [MeasurePair(parent=parent_refs[p.parent], score=p.score,
                            counterpart=plan_refs[p.child] if p.child else None,
                            best=plan_refs[p.best] if p.best else None) for p in found.pairings]
    return ParentComparison(parent=plan_summary(parent), depth=depth,
                            targets=target_pairs(plan, parent), measures=measures,
                            lacks=[parent_refs[m] for m in found.lacks],
                            adds=[plan_refs[m] for m in found.adds])


def _key(t: "Target") -> tuple:
    return (t.indicator_name or t.indicator, t.canonical_unit or t.unit, t.year, t.direction,
            t.baseline_year)


def target_pairs(plan: "Plan", parent: "Plan") -> list[TargetPair]:
    """Every pair of targets the two plans set on the same indicator, unit, year and direction."""
    from .compare import better_way, target_value

    theirs: dict[tuple, list["Target"]] = {}
    for t in parent.targets:
        theirs.setdefault(_key(t), []).append(t)
    pairs = []
    for mine in plan.targets:
        for other in theirs.get(_key(mine), ()):
            indicator, unit, year, direction, baseline = _key(mine)
            a, b = target_value(mine), target_value(other)
            relative = is_relative(indicator, unit)
            verdict, weaker = ABSOLUTE, False
            if relative:
                sign, _ = better_way(indicator, direction, [a, b])
                if sign == 0:
                    verdict = "direction unknown"
                else:
                    weaker = sign * a.value < sign * b.value
                    verdict = "weaker" if weaker else "at least as strict"
            pairs.append(TargetPair(indicator=indicator, unit=unit, year=year, direction=direction,
                                    baseline_year=baseline, relative=relative, plan=a, parent=b,
                                    verdict=verdict, weaker=weaker))
    return pairs


def chain_from_lineage(plan: "Plan", rows: list[dict[str, Any]],
                       load: Callable[[str], "Plan"]) -> ChainComparison:
    """``plan`` against every plan its ``lineage`` rows put above it by IMPLEMENTS; ``load``
    gives a plan by id (from a store, or the web app's cache)."""
    from .lineage import IMPLEMENTS

    above = [(load(r["plan"]), r["depth"]) for r in rows
             if r["direction"] == "above" and r["relation"] == IMPLEMENTS]
    return compare_with_parents(plan, above)


def chain_in_store(plan_id: str, store: Any) -> ChainComparison:
    """``plan_id`` of ``store`` (a ``graph.store.Store``) against every plan above it.

    Raises ``queries.lineage.UnknownPlan`` when the store does not hold the plan."""
    from policykg.extractor.model import Plan

    from . import run
    from .backends import NetworkxBackend

    rows = run("lineage", NetworkxBackend(store.load_graph()), plan=plan_id)

    def load(pid: str) -> Plan:
        return Plan.from_dict(store.plan_json(pid))

    return chain_from_lineage(load(plan_id), rows, load)
