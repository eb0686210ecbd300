"""Charts drawn as HTML boxes, not SVG: labels are ordinary text that wraps, so no label is ever
clipped whether two plans are compared or eight. Widths and shades are computed here once."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from policykg.queries.compare_formats.rows import TargetRow, heat, signed_value, target_rows, value_text

if TYPE_CHECKING:
    from policykg.queries.comparison import Comparison, Coverage


@dataclass(frozen=True)
class Bar:
    plan: str
    width: float
    """Percent of the chart's width: the value's size against the largest in its group."""
    text: str
    negative: bool
    color: int
    """The plan's place in the comparison, which picks its colour."""


@dataclass(frozen=True)
class BarGroup:
    """The bars of one target row; its caption (indicator, year, change) is written by the
    template, in the interface's language."""
    row: TargetRow
    bars: list[Bar]


def bar_groups(comparison: "Comparison", indicators: Iterable[str] | None = None,
               shared_only: bool = False) -> list[BarGroup]:
    """One group of bars per target row (indicator, year, direction, baseline), one bar per plan
    that states it; values are in the row's one unit and signed by direction."""
    wanted = set(indicators) if indicators is not None else None
    place = {p.id: i for i, p in enumerate(comparison.plans)}
    groups = []
    for row in target_rows(comparison):
        if (wanted is not None and row.indicator not in wanted) or (shared_only and not row.shared):
            continue
        stated = [(pid, v) for pid, v in row.values.items() if v is not None]
        top = max(abs(signed_value(v)) for _, v in stated) or 1
        groups.append(BarGroup(row, [Bar(pid, round(100 * abs(signed_value(v)) / top, 1),
                                         value_text(v, row.unit), signed_value(v) < 0, place[pid])
                                     for pid, v in stated]))
    return groups


def heat_rows(coverage: "Coverage") -> list[tuple[str, list[tuple[int, str, bool]]]]:
    """Per plan, per label: (count, colour, whether the text on it should be light)."""
    top = max((n for row in coverage.matrix.values() for n in row.values()), default=0)
    return [(pid, [(row[label], *heat(row[label], top)) for label in coverage.labels])
            for pid, row in coverage.matrix.items()]
