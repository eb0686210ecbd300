"""A parsed plan written as a gold file (``policykg/gold@1``, shared/spec/gold-format.md).

This is the starting point of a review: an annotator corrects what the parser got wrong and
keeps the rest, so the file scores 1.0 against the parser before any correction and loses
exactly what was corrected. Units are written as printed (``raw``), the form the spec asks for;
the scorer accepts the printed or the canonical name.
"""
from __future__ import annotations

from pathlib import PurePath
from typing import Any

from ..model import Measure, Plan, Target

GOLD_SCHEMA = "policykg/gold@1"


def measure_entry(measure: Measure) -> dict[str, Any]:
    """One measure of the gold file."""
    section, _, _ = measure.path.rpartition("/")
    leads = [u for u in measure.units if u.role == "lead"]
    basis = leads[0].lead_basis if leads else "none"
    entry = {"section": section, "number": measure.number, "title": measure.title,
             "units": [u.raw for u in measure.units], "lead": [u.raw for u in leads],
             "lead_basis": basis}
    if measure.deadline is not None:
        entry["deadline"] = measure.deadline.text
    return entry


def target_entry(target: Target, scope: str) -> dict[str, Any]:
    """One target of the gold file; ``scope`` is the path of its measure or section."""
    return {"scope": scope, "year": target.year, "indicator": target.indicator,
            "value": target.value, "value_max": target.value_max, "unit": target.unit,
            "comparator": target.comparator, "direction": target.direction,
            "baseline_year": target.baseline_year}


def target_scopes(plan: Plan) -> dict[str, str]:
    """Each target's scope: the path of the measure it sits in, else of its section, else ``""``."""
    measure_path = {m.id: m.path for m in plan.measures}
    section_path = {s.id: s.path for s in plan.sections}
    return {t.id: measure_path.get(t.measure or "") or section_path.get(t.section or "", "")
            for t in plan.targets}


def plan_to_gold(plan: Plan) -> dict[str, Any]:
    """The gold file that says the parser is right about everything in ``plan``."""
    scopes = target_scopes(plan)
    return {"schema": GOLD_SCHEMA,
            "document": plan.metadata.title or plan.id,
            "source": PurePath(plan.source.path).name if plan.source.path else "",
            "measures": [measure_entry(m) for m in plan.measures],
            "targets": [target_entry(t, scopes[t.id]) for t in plan.targets]}
