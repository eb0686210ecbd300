"""Review and correct: a reader's corrections to one parsed plan, applied to its gold file.

The browser sends what the reader changed (keyed by the page's measure and target ids); the
server answers with the plan's ``policykg/gold@1`` file with those changes made. Nothing is
written to the store: the corrections live only in the downloaded file, which ``policykg
evaluate`` scores the parser against.
"""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from policykg.extractor.labels import Comparator, Direction
from policykg.extractor.model import Plan
from policykg.extractor.serializers.gold import (measure_entry, plan_to_gold, target_entry,
                                                 target_scopes)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)


class MeasureFix(_Strict):
    """A measure marked wrong (not a measure at all), or its unit list and lead rewritten."""
    wrong: bool = False
    units: list[str] | None = None
    lead: list[str] | None = None


class GoldTarget(_Strict):
    """A target as the gold format writes it; what a reader adds or puts in place of a wrong one."""
    scope: str = ""
    year: int
    indicator: str = ""
    value: float
    value_max: float | None = None
    unit: str = ""
    comparator: Comparator = Comparator.EQ
    direction: Direction = Direction.LEVEL
    baseline_year: int | None = None


class TargetFix(_Strict):
    """A target marked wrong (dropped), or replaced by the reader's reading of the same words."""
    wrong: bool = False
    replace: GoldTarget | None = None


class Corrections(_Strict):
    measures: dict[str, MeasureFix] = Field(default_factory=dict)
    targets: dict[str, TargetFix] = Field(default_factory=dict)
    added_targets: list[GoldTarget] = Field(default_factory=list)


class UnknownFact(ValueError):
    """A correction names a measure or target the plan does not have."""


def corrected_gold(plan: Plan, corrections: Corrections) -> dict[str, Any]:
    """The plan's gold file with the corrections made, in the plan's order."""
    gold = plan_to_gold(plan)
    measure_ids, target_ids = {m.id for m in plan.measures}, {t.id for t in plan.targets}
    unknown = sorted((corrections.measures.keys() - measure_ids) | (corrections.targets.keys() - target_ids))
    if unknown:
        raise UnknownFact(f"{plan.id} has no measure or target {', '.join(unknown)}")
    measures = []
    for measure in plan.measures:
        fix = corrections.measures.get(measure.id, MeasureFix())
        if fix.wrong:
            continue
        entry = measure_entry(measure)
        if fix.units is not None:
            entry["units"] = [u.strip() for u in fix.units if u.strip()]
        if fix.lead is not None:
            entry["lead"] = [u.strip() for u in fix.lead if u.strip()]
            if not entry["lead"]:
                entry["lead_basis"] = "none"
        measures.append(entry)
    scopes = target_scopes(plan)
    targets = []
    for target in plan.targets:
        fix = corrections.targets.get(target.id, TargetFix())
        if fix.replace is not None:
            targets.append(fix.replace.model_dump())
        elif not fix.wrong:
            targets.append(target_entry(target, scopes[target.id]))
    targets += [t.model_dump() for t in corrections.added_targets]
    return {**gold, "measures": measures, "targets": targets}
