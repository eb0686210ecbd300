"""Plans side by side: ``compare(plans)`` makes the typed :class:`~policykg.queries.comparison.Comparison`
that the Markdown, HTML and JSON outputs all render (``queries.compare_formats``).

Indicator rows are keyed by canonical indicator and unit, both as the parser normalised them
(``Target.indicator_name``, ``Target.canonical_unit``, from ``extractor/data/indicators.jsonl``
and ``extractor/data/units.jsonl``): a value whose unit has no conversion keeps a row of its own
rather than being mixed with another unit. Names the indicator file does not know get a row under
their own name, with a proposed match (``queries.indicator_match``).
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Sequence

from .comparison import (
    Ambition, Citations, Comparison, Coverage, DepartmentCount, Departments, IndicatorRow,
    MeasureAction, PlanSummary, SharedCitation, TargetValue,
)
from .indicator_match import IndicatorMatcher, default_matcher
from .national_frame import ACTIONS, LABELS

if TYPE_CHECKING:
    from policykg.extractor.model import Plan, Target

    from .national_actions import ActionClassifier

_CITED_WRAPPER = re.compile(r"^.*?关于印发(.+?)的通知$")
_DEPT_SUFFIX = re.compile(r"(?:委员会|办公室|管委会|局|委|办|厅)$")
_ADMIN = ("区", "市", "县", "省")


@lru_cache(maxsize=None)
def _data(name: str) -> dict[str, Any]:
    text = resources.files("policykg.queries").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


def compare(plans: Sequence["Plan"], classifier: "ActionClassifier | None" = None,
            matcher: IndicatorMatcher | None = None) -> Comparison:
    """The comparison of ``plans`` (two or more, in the order given)."""
    if classifier is None:
        from .national_actions import ActionClassifier
        classifier = ActionClassifier()
    return Comparison(plans=[plan_summary(p) for p in plans],
                      indicators=align_indicators(plans, matcher or default_matcher()),
                      coverage=coverage(plans, classifier), departments=departments(plans),
                      citations=citations(plans))


def plan_summary(plan: "Plan") -> PlanSummary:
    md = plan.metadata
    return PlanSummary(id=plan.id, title=md.title, region=md.region, level=md.level,
                       source=plan.source.path)


# indicators ------------------------------------------------------------------------------------

def align_indicators(plans: Sequence["Plan"], matcher: IndicatorMatcher) -> list[IndicatorRow]:
    """One row per canonical indicator and unit, with every plan's dated values on it."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for plan in plans:
        others = [t.indicator for p in plans if p is not plan for t in p.targets]
        for target in plan.targets:
            reading = matcher.read(target.indicator, others)
            row = rows.setdefault((reading.name, target.canonical_unit), {
                "indicator": reading.name, "unit": target.canonical_unit, "status": reading.status,
                "proposed": reading.proposed, "similarity": reading.similarity, "values": {}})
            row["values"].setdefault(plan.id, []).append(target_value(target))
    regions = {p.id: p.metadata.region for p in plans}
    for row in rows.values():
        for values in row["values"].values():
            values.sort(key=lambda v: (v.year, v.direction))
        row["ambition"] = ambition(row["indicator"], row["unit"], row["values"], regions)
    order = {p.id: i for i, p in enumerate(plans)}
    ordered = sorted(rows.values(), key=lambda r: (-len(r["values"]), min(order[p] for p in r["values"]), r["indicator"]))
    return [IndicatorRow(**row) for row in ordered]


def target_value(target: "Target") -> TargetValue:
    return TargetValue(year=target.year, value=target.canonical_value, comparator=target.comparator,
                       direction=target.direction, baseline_year=target.baseline_year,
                       value_max=target.canonical_value_max, printed=target.indicator,
                       text=target.text)


@dataclass(frozen=True)
class _Key:
    year: int
    direction: str
    baseline_year: int | None


def ambition(indicator: str, unit: str, values: dict[str, list[TargetValue]],
             regions: dict[str, str | None]) -> list[Ambition]:
    """For each year/direction/baseline that two or more plans share: which plan aims further.

    A change (decrease/increase) is more ambitious when larger. A level is compared when the
    indicator's better direction is known (``queries/data/indicator_polarity.json``) or the
    values say it through their comparators (floors ``ge``, with or without levels ``eq``:
    higher; ceilings ``le`` with or without levels: lower). An
    absolute quantity (``queries.chain.is_relative`` is false: 森林蓄积量, 装机容量) is never
    ranked between plans of different regions: a city's 1,100万立方米 and the country's 190亿
    measure the size of the region, not the ambition of the plan."""
    from .chain import is_relative

    relative = is_relative(indicator, unit)
    groups: dict[_Key, dict[str, list[TargetValue]]] = {}
    for plan_id, plan_values in values.items():
        for v in plan_values:
            groups.setdefault(_Key(v.year, v.direction, v.baseline_year), {}).setdefault(plan_id, []).append(v)
    out = []
    for key, by_plan in sorted(groups.items(), key=lambda kv: (kv[0].year, kv[0].direction)):
        if len(by_plan) < 2:
            continue
        sign, basis = better_way(indicator, key.direction, [v for vs in by_plan.values() for v in vs])
        if not relative and len({regions.get(pid) for pid in by_plan}) > 1:
            sign, basis = 0, "absolute quantities of different regions are not ranked"
        best = None
        if sign:
            scores = {pid: max(sign * v.value for v in vs) for pid, vs in by_plan.items()}
            top = max(scores.values())
            leaders = [pid for pid, s in scores.items() if s == top]
            best = leaders[0] if len(leaders) == 1 else None
            basis = basis if best else "equal"
        out.append(Ambition(year=key.year, direction=key.direction, baseline_year=key.baseline_year,
                            more_ambitious=best, basis=basis))
    return out


def better_way(indicator: str, direction: str, values: list[TargetValue]) -> tuple[int, str]:
    """+1 when higher is more ambitious, -1 when lower is, 0 when it cannot be said."""
    if direction in ("decrease", "increase"):
        return 1, f"larger {direction}"
    polarity = _data("indicator_polarity.json")
    if indicator in polarity["higher"]:
        return 1, "higher is better"
    if indicator in polarity["lower"]:
        return -1, "lower is better"
    comparators = {v.comparator for v in values}
    if "ge" in comparators and comparators <= {"ge", "eq"}:
        return 1, "the targets are floors (ge) or levels"
    if "le" in comparators and comparators <= {"le", "eq"}:
        return -1, "the targets are ceilings (le) or levels"
    return 0, "direction unknown"


# coverage of the national actions -------------------------------------------------------------

def coverage(plans: Sequence["Plan"], classifier: "ActionClassifier") -> Coverage:
    """Measures per plan and label, the ten actions a plan has no measure for, and each
    measure's label with its score (so a reader can see how sure the mapping is)."""
    matrix, missing, measures = {}, {}, {}
    for plan in plans:
        matches = classifier.classify_plan(plan)
        counts = Counter(m.action for m in matches.values())
        matrix[plan.id] = {label: counts.get(label, 0) for label in LABELS}
        missing[plan.id] = [a for a in ACTIONS if not counts.get(a)]
        measures[plan.id] = [MeasureAction(measure=m.id, path=m.path, title=m.title, **matches[m.id].as_dict())
                             for m in plan.measures]
    return Coverage(labels=list(LABELS), actions=list(ACTIONS), matrix=matrix, missing=missing,
                    measures=measures)


# departments -----------------------------------------------------------------------------------

def department_type(name: str, region: str | None) -> str:
    """What kind of department a canonical name is, without its region and rank words:
    ``区发展改革局`` and ``市发展改革委`` are both ``发展改革``; ``青羊生态环境局`` is ``生态环境``."""
    stems = [region, region[:-1]] if region and len(region) > 2 else [region] if region else []
    for stem in stems:
        if stem and name.startswith(stem) and len(name) > len(stem) + 1:
            name = name[len(stem):]
            break
    if name[:1] in _ADMIN and len(name) > 2:
        name = name[1:]
    stem = _DEPT_SUFFIX.sub("", name)
    return stem if len(stem) > 1 else name


def departments(plans: Sequence["Plan"]) -> Departments:
    """Measures led and supported per department and plan, and department types only one plan has."""
    per_plan, types = {}, {}
    for plan in plans:
        rows = [DepartmentCount(name=d.name, type=department_type(d.name, plan.metadata.region),
                                led=len(d.lead_of), supported=len(d.support_of)) for d in plan.departments]
        rows.sort(key=lambda r: (-(r.led + r.supported), -r.led, r.name))
        per_plan[plan.id] = rows
        types[plan.id] = {r.type for r in rows}
    only_in = {pid: sorted(ts - set().union(*(t for other, t in types.items() if other != pid)))
               for pid, ts in types.items()}
    return Departments(per_plan=per_plan, types_only_in=only_in)


# citations -------------------------------------------------------------------------------------

def cited_title(title: str) -> str:
    """The cited policy's own title: ``国务院关于印发2030年前碳达峰行动方案的通知`` and
    ``《2030年前碳达峰行动方案》`` are the same policy."""
    title = re.sub(r"[\s《》〈〉]", "", title)
    m = _CITED_WRAPPER.match(title)
    return m.group(1) if m else title


def citations(plans: Sequence["Plan"]) -> Citations:
    """Each plan's cited policies and the ones cited by two or more plans."""
    per_plan = {p.id: list(dict.fromkeys(cited_title(c.title) for c in p.citations if c.title)) for p in plans}
    citing: dict[str, list[str]] = {}
    for pid, titles in per_plan.items():
        for title in titles:
            citing.setdefault(title, []).append(pid)
    shared = [SharedCitation(title=t, plans=pids) for t, pids in citing.items() if len(pids) > 1]
    return Citations(per_plan=per_plan, shared=shared)
