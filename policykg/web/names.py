"""How the interface names plans: by short title and region as the plan prints them, never by
slug (the interface's own words are in ``ui.py``)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from policykg.extractor.model import Plan

_WRAPPER = re.compile(r"^(?:关于印发|印发|关于)")


@dataclass(frozen=True)
class PlanName:
    """A plan's name on the page: ``region`` and ``short`` title shown together as ``label``."""
    title: str
    short: str
    region: str

    @property
    def label(self) -> str:
        return f"{self.region}｜{self.short}" if self.region else self.short


def plan_name(plan: "Plan") -> PlanName:
    """``上海市关于加快建立…的实施方案`` in 上海市 → 上海市｜加快建立…的实施方案."""
    title = plan.metadata.title or plan.id
    region = plan.metadata.region or ""
    short = title
    for prefix in (region, region[:-1] if len(region) > 2 else None):
        if prefix and short.startswith(prefix) and len(short) > len(prefix) + 2:
            short = short[len(prefix):]
            break
    short = _WRAPPER.sub("", short) or title
    return PlanName(title, short, region)


def plan_names(plans: Iterable["Plan"]) -> dict[str, PlanName]:
    return {p.id: plan_name(p) for p in plans}
