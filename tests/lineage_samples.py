"""Hand-written plans in a hierarchy, for the lineage tests.

国务院's 指导意见 (national) is implemented by the plans of 福建省 and 甘肃省, which share its
title's core; 龙岩市 implements both 福建省's plan and the national one; 天水市 implements 甘肃省's
plan, naming it by its issuer 甘肃省人民政府 rather than its printed title; 梧州市 cites a
自治区 plan the store does not hold; 福建省's plan is also read a second time from another file
(same text, same sha256). Every expected link in the tests is worked out from these lines.
"""
from __future__ import annotations

import hashlib
from typing import Any

from policykg.extractor.model import Plan

NATIONAL_TITLE = "国务院关于加快建立健全绿色低碳循环发展经济体系的指导意见"


def _citation(title: str, at: int, relation: str = "implements", number: str | None = None) -> dict:
    return {"title": title, "doc_number": number, "span": [at, at + len(title)], "relation": relation}


def _plan(pid: str, title: str, region: str | None, level: str, citations: list[dict[str, Any]],
          sha: str | None = None, number: str | None = None) -> Plan:
    return Plan.from_dict({
        "schema": "policykg/plan@1", "id": pid,
        "source": {"path": f"{pid}.txt", "format": "txt", "sha256": sha or hashlib.sha256(pid.encode()).hexdigest(),
                   "chars": 500},
        "metadata": {"title": title, "region": region, "level": level, "doc_number": number,
                     "issuer": f"{region}人民政府" if region else "国务院"},
        "citations": citations})


def lineage_plans() -> list[Plan]:
    return [
        _plan("national", NATIONAL_TITLE, None, "national", [], number="国发〔2021〕4号"),
        _plan("fujian", "福建省加快建立健全绿色低碳循环发展经济体系实施方案", "福建省", "province",
              [_citation(NATIONAL_TITLE, 10)], sha="f" * 64),
        _plan("fujian-twin", "福建省加快建立健全绿色低碳循环发展经济体系实施方案", "福建省", "province",
              [_citation(NATIONAL_TITLE, 10)], sha="f" * 64),
        _plan("gansu", "甘肃省关于加快建立健全绿色低碳循环发展经济体系实施方案", "甘肃省", "province",
              [_citation("关于加快建立健全绿色低碳循环发展经济体系的指导意见", 10, number="国发〔2021〕4号")]),
        _plan("longyan", "龙岩市加快建立健全绿色低碳循环发展经济体系实施方案", "龙岩市", "city",
              [_citation(NATIONAL_TITLE, 10),
               _citation("福建省加快建立健全绿色低碳循环发展经济体系实施方案", 60),
               _citation("福建省加快建立健全绿色低碳循环发展经济体系实施方案", 300, "cites")]),
        _plan("tianshui", "天水市关于加快建立健全绿色低碳循环发展经济体系实施方案", "天水市", "city",
              [_citation("甘肃省人民政府关于加快建立健全绿色低碳循环发展经济体系的实施方案", 10)]),
        _plan("wuzhou", "梧州市关于加快建立健全绿色低碳循环发展经济体系的实施方案", "梧州市", "city",
              [_citation("自治区人民政府关于加快建立健全绿色低碳循环发展经济体系的实施意见", 10),
               _citation("成都市碳达峰实施方案", 100, "cites")]),
    ]
