"""Small hand-written plans for the graph, store, query and RDF tests.

Four plans: ``alpha-2024`` and ``beta-2023`` in one region (甲区, so they share departments),
``gamma-2022`` in another (乙市), and ``delta`` with no region. Every expected answer in the
tests is worked out by hand from these lines, never from what the code produced.
"""
from __future__ import annotations

from typing import Any

from policykg.extractor.model import Plan

CHARS = 1000


def _unit(name: str, role: str, basis: str, at: int) -> dict[str, Any]:
    return {"name": name, "raw": name, "role": role, "lead_basis": basis, "span": [at, at + 5]}


def _measure(mid: str, section: str | None, path: str, title: str, text: str, at: int,
             units: list[dict]) -> dict[str, Any]:
    return {"id": mid, "section": section, "path": path, "number": path.rsplit("/", 1)[-1],
            "title": title, "text": text, "span": [at, at + 60], "units": units}


def _target(tid: str, measure: str | None, section: str | None, indicator: str, value: float,
            unit: str, comparator: str, year: int, at: int, **more: Any) -> dict[str, Any]:
    return {"id": tid, "measure": measure, "section": section, "indicator": indicator,
            "value": value, "unit": unit, "comparator": comparator,
            "direction": more.pop("direction", "level"), "year": year,
            "text": f"到{year}年，{indicator}", "span": [at, at + 20], **more}


def _plan(pid: str, region: str | None, **parts: Any) -> Plan:
    government = f"某市{region}人民政府" if region else None
    return Plan.from_dict({
        "schema": "policykg/plan@1", "id": pid,
        "source": {"path": f"{pid}.txt", "format": "txt", "sha256": "0" * 64, "chars": CHARS},
        "metadata": {"title": f"{pid} 实施方案", "region": region, "issuer": government,
                     "publisher": government and government + "办公室", "level": "district",
                     "doc_number": "甲府发〔2024〕1号", "written_date": "2024-06-07"},
        **parts})


def alpha() -> Plan:
    return _plan(
        "alpha-2024", "甲区",
        sections=[
            {"id": "s1", "path": "一", "number": "一", "title": "总体要求", "level": 1,
             "parent": None, "span": [0, 100], "kind": "objectives"},
            {"id": "s2", "path": "二", "number": "二", "title": "重点任务", "level": 1,
             "parent": None, "span": [100, 900], "kind": "action"},
            {"id": "s2.1", "path": "二/（一）", "number": "（一）", "title": "能源转型", "level": 2,
             "parent": "s2", "span": [110, 400], "kind": "action"},
            {"id": "s2.2", "path": "二/（二）", "number": "（二）", "title": "交通运输", "level": 2,
             "parent": "s2", "span": [400, 900], "kind": "action"},
        ],
        measures=[
            _measure("m1", "s2.1", "二/（一）/1", "推进光伏发电",
                     "推进光伏发电。到2025年，光伏装机容量达到10万千瓦。", 120,
                     [_unit("区发展改革局", "lead", "first_listed", 170),
                      _unit("区住建局", "support", "first_listed", 176)]),
            _measure("m2", "s2.1", "二/（一）/2", "发展绿色建筑",
                     "发展绿色建筑。新建建筑全面执行绿色建筑标准。", 200,
                     [_unit("区住建局", "lead", "explicit", 250),
                      _unit("区发展改革局", "support", "explicit", 256),
                      _unit("区执法局", "support", "explicit", 262)]),
            _measure("m3", "s2.2", "二/（二）/3", "优化交通运输结构",
                     "优化交通运输结构。推广新能源汽车（EV）。", 410,
                     [_unit("区交通局", "joint", "none", 460), _unit("区执法局", "joint", "none", 466)]),
            _measure("m4", "s2.2", "二/（二）/4", "建设慢行系统", "建设慢行系统，完善绿道。", 500, []),
        ],
        targets=[
            _target("t1", "m1", "s2.1", "光伏发电装机量", 100.0, "MW", "eq", 2025, 150,
                    modality="力争"),
            _target("t2", None, "s1", "全区非化石能源占能源消费总量比重", 56.0, "%", "approx", 2025, 20),
            _target("t3", None, None, "单位GDP能耗", 13.5, "%", "range", 2025, 40, value_max=14.0,
                    direction="decrease", baseline_year=2020),
        ],
        goals=[{"id": "g1", "measure": None, "section": "s1", "year": 2030, "text": "如期实现碳达峰",
                "span": [60, 69]}],
        citations=[{"title": "2030年前碳达峰行动方案", "doc_number": None, "span": [5, 17]},
                   {"title": None, "doc_number": "国发〔2021〕23号", "span": [20, 30]},
                   {"title": "2030年前碳达峰行动方案", "doc_number": None, "span": [80, 92]},
                   {"title": None, "doc_number": None, "span": [95, 97]}],
        departments=[{"name": "区发展改革局", "aliases": ["区发展改革委"]},
                     {"name": "区住建局"}, {"name": "区执法局"}, {"name": "区交通局"}],
    )


def beta() -> Plan:
    return _plan(
        "beta-2023", "甲区",
        sections=[{"id": "s1", "path": "一", "number": "一", "title": "主要任务", "level": 1,
                   "parent": None, "span": [0, 500], "kind": "action"}],
        measures=[_measure("m1", "s1", "一/1", "完善能源统计", "完善能源统计体系。", 10,
                           [_unit("区发展改革局", "lead", "first_listed", 40)])],
        targets=[_target("t1", "m1", "s1", "非化石能源消费比重", 60.0, "%", "ge", 2030, 30)],
        departments=[{"name": "区发展改革局", "aliases": ["发展改革局"]}],
    )


def gamma() -> Plan:
    return _plan(
        "gamma-2022", "乙市",
        measures=[_measure("m1", None, "1", "推进交通运输绿色转型", "推进交通运输绿色转型。", 10,
                           [_unit("市交通局", "lead", "explicit", 40),
                            _unit("区发展改革局", "support", "explicit", 46)])],
    )


def delta() -> Plan:
    return _plan(
        "delta", None,
        measures=[_measure("m1", None, "一", "统筹推进", "统筹推进各项工作。", 10,
                           [_unit("发展改革局", "lead", "first_listed", 40)])],
    )


def sample_plans() -> list[Plan]:
    return [alpha(), beta(), gamma(), delta()]
