"""A comparison as an Excel workbook: targets in long form (one row per indicator, year and plan,
ready for a pivot table), the national-action coverage matrix, department load and shared
citations. The same comparison the Markdown, HTML and JSON reports show."""
from __future__ import annotations

from typing import IO, Any

from policykg.queries.report_rows import format_value, signed, target_rows

from .xlsx import write_workbook


def comparison_sheets(comparison: dict[str, Any]) -> list[tuple[str, list[str], list[list[Any]]]]:
    plans = comparison["plans"]
    title = {p["id"]: p["title"] or p["id"] for p in plans}
    region = {p["id"]: p["region"] for p in plans}
    targets = []
    for row in target_rows(comparison):
        for pid, value in row.values.items():
            if value is None:
                continue
            targets.append([row.indicator, row.unit, row.year, row.direction, row.baseline_year,
                            pid, region[pid], title[pid], signed(value), value["comparator"],
                            format_value(value, row.unit), value.get("text"), row.more_ambitious])
    cov = comparison["coverage"]
    coverage = [[pid, region[pid], title[pid], *(cov["matrix"][pid][label] for label in cov["labels"])]
                for pid in cov["matrix"]]
    departments = [[pid, region[pid], d["name"], d["type"], d["led"], d["supported"]]
                   for pid, rows in comparison["departments"]["per_plan"].items() for d in rows]
    shared = [[c["title"], "、".join(c["plans"])] for c in comparison["citations"]["shared"]]
    return [
        ("目标对比", ["指标", "单位", "年份", "方向", "基准年", "方案编号", "地区", "方案", "数值（减少为负）",
                  "比较", "写法", "原文", "更有雄心"], targets),
        ("国家行动覆盖", ["方案编号", "地区", "方案", *cov["labels"]], coverage),
        ("部门负担", ["方案编号", "地区", "部门", "部门类型", "牵头措施数", "配合措施数"], departments),
        ("共同引用", ["引用文件", "方案编号"], shared),
    ]


def write_comparison(comparison: dict[str, Any], out: IO[bytes]) -> None:
    write_workbook(comparison_sheets(comparison), out)
