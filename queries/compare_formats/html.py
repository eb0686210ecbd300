"""The comparison as one self-contained HTML page: inline CSS and inline SVG charts (a bar chart per
shared target, a heat map of national-action coverage), no script, no font or file from the
network, so it opens offline and prints as it shows.

The page is the Jinja2 template ``queries/templates/compare.html.j2`` with autoescape on, so no
text from a plan reaches the page unescaped; this module works out the tables' cells and the
charts' geometry and hands them over.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Sequence

from .rows import SIGN_NOTE, TargetRow, busiest, heat, signed_value, target_rows, value_text

if TYPE_CHECKING:
    import jinja2

    from policykg.queries.comparison import Comparison, Coverage

PALETTE = ("#1f6feb", "#e8590c", "#2f9e44", "#9c36b5", "#c92a2a", "#0c8599")


@dataclass(frozen=True)
class Table:
    header: Sequence[Any]
    rows: Sequence[Sequence[Any]]


@dataclass(frozen=True)
class Bar:
    name: str
    color: str
    y: int
    length: int
    text: str
    text_y: int


@dataclass
class BarChart:
    """Horizontal bars, one per plan that sets the target; length by absolute value."""
    row: TargetRow
    bars: list[Bar] = field(default_factory=list)
    width: int = 360
    label_width: int = 110
    bar_height: int = 22
    gap: int = 8

    @property
    def height(self) -> int:
        return len(self.bars) * (self.bar_height + self.gap) + self.gap


def bar_chart(row: TargetRow, names: dict[str, str], colors: dict[str, str]) -> BarChart:
    chart = BarChart(row)
    present = [(pid, v) for pid, v in row.values.items() if v is not None]
    top = max(abs(signed_value(v)) for _, v in present) or 1
    for n, (pid, v) in enumerate(present):
        y = chart.gap + n * (chart.bar_height + chart.gap)
        chart.bars.append(Bar(names[pid], colors[pid], y,
                              max(2, round(chart.width * abs(signed_value(v)) / top)),
                              value_text(v, row.unit), round(y + chart.bar_height * 0.7)))
    return chart


def heat_map(coverage: "Coverage", names: dict[str, str], cell_w: int = 120, cell_h: int = 26,
             label_w: int = 170, head_h: int = 30) -> dict[str, Any]:
    """Labels down, plans across; darker cells hold more measures, the count printed in each."""
    ids = list(names)
    top = max((coverage.matrix[i][lab] for i in ids for lab in coverage.labels), default=0)
    lines = []
    for r, label in enumerate(coverage.labels):
        y = head_h + r * cell_h
        cells = []
        for c, pid in enumerate(ids):
            count = coverage.matrix[pid][label]
            x = label_w + c * cell_w
            fill, light = heat(count, top)
            cells.append({"x": x, "text_x": round(x + cell_w / 2), "count": count, "fill": fill,
                          "ink": "#ffffff" if light else "#1e293b"})
        lines.append({"label": label, "y": y, "text_y": round(y + cell_h * 0.68), "cells": cells})
    return {"cell_w": cell_w, "cell_h": cell_h, "label_w": label_w,
            "width": label_w + cell_w * len(ids), "height": head_h + cell_h * len(coverage.labels),
            "columns": [{"x": round(label_w + c * cell_w + cell_w / 2), "name": names[pid]}
                        for c, pid in enumerate(ids)],
            "lines": lines}


@lru_cache(maxsize=1)
def _template() -> "jinja2.Template":
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("policykg.queries", "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["extract"] = lambda key, mapping: mapping[key]
    return env.get_template("compare.html.j2")


def render(comparison: "Comparison") -> str:
    names = comparison.plan_names()
    ids = list(names)
    colors = {pid: PALETTE[n % len(PALETTE)] for n, pid in enumerate(ids)}
    rows = target_rows(comparison)
    proposals = [i for i in comparison.indicators if i.proposed]
    return _template().render(
        c=comparison, names=names, ids=ids, colors=colors, sign_note=SIGN_NOTE,
        title=" / ".join(p.title or p.id for p in comparison.plans),
        plans=Table(["plan", "title", "region", "level"],
                    [[names[p.id], p.title, p.region, p.level] for p in comparison.plans]),
        charts=[bar_chart(r, names, colors) for r in rows if r.shared],
        targets=Table(["indicator", "year", *(names[i] for i in ids), "more ambitious"],
                      [[r.indicator, r.label, *(r.cell(i) for i in ids), r.verdict(names)] for r in rows]),
        proposals=Table(["indicator as printed", "may be the same as", "similarity"],
                        [[i.indicator, i.proposed, f"{i.similarity:.2f}"] for i in proposals]),
        heat=heat_map(comparison.coverage, names),
        departments={i: Table(["department", "type", "led", "supported"],
                              [[d.name, d.type, d.led, d.supported] for d in busiest(comparison, i)])
                     for i in ids}) + "\n"
