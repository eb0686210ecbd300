"""Plans as flat tables, one row per fact: what Excel sheets and pandas frames are made of.

Every row carries the plan id and, where the fact has one, its section path and its span in the
source (``start``, ``end``), so a reader of a spreadsheet can always find the words again, and
facts their ``origin`` (``ocr`` where OCR read the words: to check by eye). Each
column has an English key and a Chinese header; the keys are the same as the JSON's field names.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from ..model import Plan


@dataclass(frozen=True)
class Table:
    """One sheet: its name, its columns as (key, Chinese header), its rows as dicts by key."""
    name: str
    title_zh: str
    columns: tuple[tuple[str, str], ...]
    rows: list[dict[str, Any]]

    def headers(self, chinese: bool = False) -> list[str]:
        return [zh if chinese else key for key, zh in self.columns]

    def values(self) -> Iterable[list[Any]]:
        keys = [key for key, _ in self.columns]
        for row in self.rows:
            yield [row.get(key) for key in keys]


_SPAN = (("start", "起始位置"), ("end", "结束位置"))
_FACT = (*_SPAN, ("origin", "识别来源"))
COLUMNS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "plans": ("方案", (("plan", "方案编号"), ("title", "标题"), ("region", "地区"), ("level", "层级"),
                      ("doc_number", "文号"), ("issuer", "发文机关"), ("written_date", "成文日期"),
                      ("published_date", "发布日期"), ("source", "来源文件"), ("sha256", "来源SHA-256"),
                      ("paths", "全部来源文件"))),
    "sections": ("章节", (("plan", "方案编号"), ("id", "章节编号"), ("path", "路径"), ("number", "序号"),
                         ("title", "标题"), ("level", "层级"), ("kind", "类型"), *_SPAN)),
    "measures": ("措施", (("plan", "方案编号"), ("id", "措施编号"), ("path", "路径"), ("number", "序号"),
                         ("title", "标题"), ("text", "正文"), ("lead", "牵头单位"), ("support", "配合单位"),
                         ("joint", "共同负责单位"), ("deadline", "完成时限"), ("deadline_date", "时限日期"),
                         *_FACT)),
    "units": ("责任单位", (("plan", "方案编号"), ("measure", "措施编号"), ("path", "路径"), ("rank", "排序"),
                          ("name", "规范名称"), ("raw", "原文名称"), ("role", "角色"),
                          ("lead_basis", "牵头依据"), *_FACT)),
    "targets": ("目标", (("plan", "方案编号"), ("id", "目标编号"), ("measure", "措施编号"), ("path", "路径"),
                        ("indicator", "指标"), ("value", "数值"), ("value_max", "上限"), ("unit", "单位"),
                        ("comparator", "比较"), ("direction", "方向"), ("year", "年份"),
                        ("baseline_year", "基准年"), ("rate", "年均"), ("modality", "语气"), ("text", "原文"),
                        *_FACT)),
    "departments": ("部门", (("plan", "方案编号"), ("name", "部门"), ("aliases", "别名"),
                            ("lead_of", "牵头措施"), ("support_of", "配合措施"),
                            ("leads", "牵头数"), ("supports", "配合数"))),
    "citations": ("引用", (("plan", "方案编号"), ("title", "引用文件"), ("doc_number", "文号"), *_FACT)),
    "warnings": ("提示", (("plan", "方案编号"), ("code", "代码"), ("message", "说明"), *_SPAN)),
}
"""Sheet name → (Chinese sheet name, columns), in the order the sheets are written."""


def _joined(names: Iterable[str]) -> str:
    return "、".join(names)


def _span(span: tuple[int, int] | None) -> dict[str, int | None]:
    return {"start": span[0] if span else None, "end": span[1] if span else None}


def _fact(item: Any) -> dict[str, Any]:
    """A fact's span and origin."""
    return {**_span(item.span), "origin": item.origin}


def _rows(plan: Plan) -> dict[str, list[dict[str, Any]]]:
    md, pid = plan.metadata, plan.id
    path_of = {s.id: s.path for s in plan.sections} | {m.id: m.path for m in plan.measures}
    return {
        "plans": [{"plan": pid, "title": md.title, "region": md.region, "level": md.level,
                   "doc_number": md.doc_number, "issuer": md.issuer, "written_date": md.written_date,
                   "published_date": md.published_date, "source": plan.source.path,
                   "sha256": plan.source.sha256,
                   # the files one document was read from, when a store met it under several names
                   "paths": "\n".join(plan.source.paths) or None}],
        "sections": [{"plan": pid, "id": s.id, "path": s.path, "number": s.number, "title": s.title,
                      "level": s.level, "kind": s.kind, **_span(s.span)} for s in plan.sections],
        "measures": [{"plan": pid, "id": m.id, "path": m.path, "number": m.number, "title": m.title,
                      "text": m.text, **{role: _joined(u.name for u in m.units if u.role == role)
                                         for role in ("lead", "support", "joint")},
                      "deadline": m.deadline.text if m.deadline else None,
                      "deadline_date": m.deadline.date if m.deadline else None,
                      **_fact(m)} for m in plan.measures],
        "units": [{"plan": pid, "measure": m.id, "path": m.path, "rank": i + 1, "name": u.name,
                   "raw": u.raw, "role": u.role, "lead_basis": u.lead_basis, **_fact(u)}
                  for m in plan.measures for i, u in enumerate(m.units)],
        "targets": [{"plan": pid, "id": t.id, "measure": t.measure,
                     "path": path_of.get(t.measure or "") or path_of.get(t.section or ""),
                     "indicator": t.indicator, "value": t.value, "value_max": t.value_max, "unit": t.unit,
                     "comparator": t.comparator, "direction": t.direction, "year": t.year,
                     "baseline_year": t.baseline_year, "rate": t.rate, "modality": t.modality, "text": t.text,
                     **_fact(t)} for t in plan.targets],
        "departments": [{"plan": pid, "name": d.name, "aliases": _joined(d.aliases),
                         "lead_of": _joined(d.lead_of), "support_of": _joined(d.support_of),
                         "leads": len(d.lead_of), "supports": len(d.support_of)} for d in plan.departments],
        "citations": [{"plan": pid, "title": c.title, "doc_number": c.doc_number, **_fact(c)}
                      for c in plan.citations],
        "warnings": [{"plan": pid, "code": w.code, "message": w.message, **_span(w.span)}
                     for w in plan.warnings],
    }


def plan_tables(plans: Iterable[Plan]) -> list[Table]:
    """The eight tables of ``plans``, rows in plan order then the plan's own order."""
    gathered: dict[str, list[dict[str, Any]]] = {name: [] for name in COLUMNS}
    for plan in plans:
        for name, rows in _rows(plan).items():
            gathered[name] += rows
    return [Table(name, zh, columns, gathered[name]) for name, (zh, columns) in COLUMNS.items()]
