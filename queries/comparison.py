"""The comparison of plans as a typed model, the one thing every comparison output renders.

``queries.compare.compare(plans)`` makes a :class:`Comparison`; the serializers of
``queries.compare_formats`` (Markdown, HTML, JSON, and any registered later) read it and never
compute facts of their own. ``Comparison.to_dict()`` is exactly the ``--format json`` output
(README, "Comparing plans"); ``Comparison.from_dict`` reads it back, validated.
"""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from policykg.extractor.labels import Comparator, Direction, Level


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True)


class PlanSummary(_Part):
    id: str
    title: str | None
    region: str | None
    level: Level | None
    source: str | None


class TargetValue(_Part):
    """One plan's value for an indicator, in the indicator row's (canonical) unit."""
    year: int
    value: float
    comparator: Comparator
    direction: Direction
    baseline_year: int | None
    value_max: float | None
    printed: str
    """The indicator as the plan printed it."""
    text: str


class Ambition(_Part):
    """Which plan aims further for one year, direction and baseline that two or more plans share."""
    year: int
    direction: Direction
    baseline_year: int | None
    more_ambitious: str | None
    """The plan id, ``None`` when equal or when the direction is unknown (``basis`` says which)."""
    basis: str


class IndicatorRow(_Part):
    """One canonical indicator in one unit, with every plan's dated values."""
    indicator: str
    unit: str
    status: str
    """``known`` (in ``extractor/data/indicators.jsonl``) or ``unseen``."""
    proposed: str | None = None
    similarity: float | None = None
    values: dict[str, list[TargetValue]]
    ambition: list[Ambition] = []


class MeasureAction(_Part):
    """A measure and the national action it was mapped to, with the score and the runner-up."""
    measure: str
    path: str
    title: str
    action: str
    score: float
    runner_up: str
    runner_up_score: float


class Coverage(_Part):
    labels: list[str]
    actions: list[str]
    matrix: dict[str, dict[str, int]]
    missing: dict[str, list[str]]
    measures: dict[str, list[MeasureAction]]


class DepartmentCount(_Part):
    name: str
    type: str
    led: int
    supported: int


class Departments(_Part):
    per_plan: dict[str, list[DepartmentCount]]
    types_only_in: dict[str, list[str]]


class SharedCitation(_Part):
    title: str
    plans: list[str]


class Citations(_Part):
    per_plan: dict[str, list[str]]
    shared: list[SharedCitation]


class Comparison(_Part):
    """Plans side by side: targets per indicator, national-action coverage, departments, citations."""
    plans: list[PlanSummary]
    indicators: list[IndicatorRow]
    coverage: Coverage
    departments: Departments
    citations: Citations

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Comparison":
        return cls.model_validate(data)

    def plan_names(self) -> dict[str, str]:
        """A short display name per plan id: the region when the regions differ, else the id."""
        regions = [p.region for p in self.plans]
        unique = all(regions) and len(set(regions)) == len(regions)
        return {p.id: (p.region if unique and p.region else p.id) for p in self.plans}
