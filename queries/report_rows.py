"""What both comparison reports (Markdown and HTML) show, computed once from ``compare()``'s dict:
target rows by indicator and year, how a value is written, the busiest departments."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_COMPARATOR = {"eq": "", "ge": "≥", "le": "≤", "approx": "≈", "range": ""}
TOP_DEPARTMENTS = 10


@dataclass(frozen=True)
class TargetRow:
    """One indicator at one year, direction and baseline, with each plan's value (or ``None``)."""
    indicator: str
    unit: str
    year: int
    direction: str
    baseline_year: int | None
    values: dict[str, dict[str, Any] | None]
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


def target_rows(comparison: dict[str, Any]) -> list[TargetRow]:
    """Every indicator row of the comparison split by year/direction/baseline, shared rows first."""
    plan_ids = [p["id"] for p in comparison["plans"]]
    rows = []
    for ind in comparison["indicators"]:
        keys = sorted({(v["year"], v["direction"], v["baseline_year"] or 0)
                       for values in ind["values"].values() for v in values})
        verdicts = {(a["year"], a["direction"], a["baseline_year"] or 0): a for a in ind.get("ambition", [])}
        for key in keys:
            cells = {pid: next((v for v in ind["values"].get(pid, []) if (v["year"], v["direction"], v["baseline_year"] or 0) == key), None)
                     for pid in plan_ids}
            verdict = verdicts.get(key, {})
            rows.append(TargetRow(ind["indicator"], ind["unit"], key[0], key[1], key[2] or None, cells,
                                  verdict.get("more_ambitious"), verdict.get("basis")))
    return sorted(rows, key=lambda r: not r.shared)


def signed(value: dict[str, Any]) -> float:
    """The value as a signed change (a decrease is negative), for charts and reading."""
    return -value["value"] if value["direction"] == "decrease" else value["value"]


def format_value(value: dict[str, Any] | None, unit: str) -> str:
    """``≈56%``, ``≥−13%``, ``16,000个``: comparator sign, signed number, unit."""
    if value is None:
        return "—"
    plus = "+" if value["direction"] == "increase" else ""
    number = plus + _plain(signed(value))
    if value["comparator"] == "range" and value.get("value_max") is not None:
        number += "–" + _plain(value["value_max"] * (-1 if value["direction"] == "decrease" else 1))
    return f"{_COMPARATOR.get(value['comparator'], '')}{number}{unit}"


def _plain(x: float) -> str:
    text = f"{x:,.0f}" if float(x).is_integer() else f"{x:,.4f}".rstrip("0").rstrip(".")
    return text.replace("-", "−")


def plan_names(comparison: dict[str, Any]) -> dict[str, str]:
    """A short display name per plan id: the region when the regions differ, else the id."""
    regions = [p["region"] for p in comparison["plans"]]
    unique = all(regions) and len(set(regions)) == len(regions)
    return {p["id"]: (p["region"] if unique else p["id"]) for p in comparison["plans"]}


def busiest(comparison: dict[str, Any], plan_id: str, limit: int = TOP_DEPARTMENTS) -> list[dict[str, Any]]:
    return comparison["departments"]["per_plan"][plan_id][:limit]
