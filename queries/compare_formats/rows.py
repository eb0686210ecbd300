"""What the Markdown and HTML comparison reports both show, read from the model once: target
rows by indicator and year, each value's text, the busiest departments, the heat map's shades.
Any report format (an xlsx sheet too) and the web app's compare page take them from here."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from policykg.extractor.presentation import signed, target_value

if TYPE_CHECKING:
    from policykg.queries.comparison import Comparison, DepartmentCount, TargetValue

TOP_DEPARTMENTS = 10
NO_VALUE = "—"
SIGN_NOTE = "Values in one unit per indicator; a change is signed (≤−13% = a fall of at least 13%)."


@dataclass(frozen=True)
class TargetRow:
    """One indicator at one year, direction and baseline, with each plan's value (or ``None``)."""
    indicator: str
    unit: str
    year: int
    direction: str
    baseline_year: int | None
    values: dict[str, "TargetValue | None"]
    more_ambitious: str | None
    basis: str | None

    @property
    def shared(self) -> bool:
        return sum(v is not None for v in self.values.values()) > 1

    @property
    def label(self) -> str:
        """``2025``, ``2025 change vs 2020`` …"""
        if self.direction == "level":
            return str(self.year)
        return f"{self.year} change" + (f" vs {self.baseline_year}" if self.baseline_year else "")

    def cell(self, plan_id: str) -> str:
        """The plan's value as text (``≈56%``, ``≤−13%``), ``—`` where the plan sets none."""
        return value_text(self.values[plan_id], self.unit)

    def verdict(self, names: dict[str, str]) -> str:
        """The more ambitious plan's name, else why none is named."""
        return names[self.more_ambitious] if self.more_ambitious else (self.basis or "")


def target_rows(comparison: "Comparison") -> list[TargetRow]:
    """Every indicator row of the comparison split by year/direction/baseline, shared rows first."""
    plan_ids = [p.id for p in comparison.plans]
    rows = []
    for ind in comparison.indicators:
        keys = sorted({(v.year, v.direction, v.baseline_year or 0)
                       for values in ind.values.values() for v in values})
        verdicts = {(a.year, a.direction, a.baseline_year or 0): a for a in ind.ambition}
        for key in keys:
            cells = {pid: next((v for v in ind.values.get(pid, [])
                                if (v.year, v.direction, v.baseline_year or 0) == key), None)
                     for pid in plan_ids}
            verdict = verdicts.get(key)
            rows.append(TargetRow(ind.indicator, ind.unit, key[0], key[1], key[2] or None, cells,
                                  verdict.more_ambitious if verdict else None,
                                  verdict.basis if verdict else None))
    return sorted(rows, key=lambda r: not r.shared)


def value_text(value: "TargetValue | None", unit: str) -> str:
    if value is None:
        return NO_VALUE
    return target_value(value.value, unit, value.comparator, value.direction, value.value_max)


def signed_value(value: "TargetValue") -> float:
    """The value as a signed change (a decrease is negative), for the length of a bar."""
    return signed(value.value, value.direction)


HEAT_LOW, HEAT_HIGH = (241, 245, 249), (11, 83, 148)
"""The coverage heat map's shades for no measures and for the largest count."""


def heat(count: int, top: int) -> tuple[str, bool]:
    """A heat-map cell for ``count`` of at most ``top``: its colour, from HEAT_LOW to HEAT_HIGH,
    and whether text on it should be light (the darker half)."""
    share = count / top if top else 0
    r, g, b = (round(lo + (hi - lo) * share) for lo, hi in zip(HEAT_LOW, HEAT_HIGH))
    return f"#{r:02x}{g:02x}{b:02x}", share > 0.5


def busiest(comparison: "Comparison", plan_id: str, limit: int = TOP_DEPARTMENTS) -> list["DepartmentCount"]:
    return comparison.departments.per_plan[plan_id][:limit]
