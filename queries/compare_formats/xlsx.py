"""The comparison as an Excel workbook: targets in long form (one row per indicator, year and
plan, ready for a pivot table), the national-action coverage matrix, department load and shared
citations. Rows come from the model and ``compare_formats.rows``, like the other reports'."""
from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from policykg.extractor.serializers.xlsx import write_workbook

from .rows import signed_value, target_rows, value_text

if TYPE_CHECKING:
    from policykg.queries.comparison import Comparison


def sheets(comparison: "Comparison") -> list[tuple[str, list[str], list[list[Any]]]]:
    """(sheet name, headers, rows) for each sheet, Chinese names and headers."""
    title = {p.id: p.title or p.id for p in comparison.plans}
    region = {p.id: p.region for p in comparison.plans}
    targets = [[row.indicator, row.unit, row.year, row.direction, row.baseline_year, pid, region[pid],
                title[pid], signed_value(value), value.comparator, value_text(value, row.unit), value.printed,
                value.text, row.more_ambitious]
               for row in target_rows(comparison) for pid, value in row.values.items() if value is not None]
    cov = comparison.coverage
    coverage = [[pid, region[pid], title[pid], *(counts[label] for label in cov.labels)]
                for pid, counts in cov.matrix.items()]
    departments = [[pid, region[pid], d.name, d.type, d.led, d.supported]
                   for pid, rows in comparison.departments.per_plan.items() for d in rows]
    shared = [[c.title, "、".join(c.plans)] for c in comparison.citations.shared]
    return [
        ("目标对比", ["指标", "单位", "年份", "方向", "基准年", "方案编号", "地区", "方案", "数值（下降为负）",
                  "比较", "写法", "原文指标", "原文", "更有雄心"], targets),
        ("国家行动覆盖", ["方案编号", "地区", "方案", *cov.labels], coverage),
        ("部门负担", ["方案编号", "地区", "部门", "部门类型", "牵头措施数", "配合措施数"], departments),
        ("共同引用", ["引用文件", "方案编号"], shared),
    ]


def render(comparison: "Comparison") -> bytes:
    out = io.BytesIO()
    write_workbook(sheets(comparison), out)
    return out.getvalue()
