"""The scorer's matching rules, on a two-measure plan written here and gold written by hand."""
import copy

import pytest

from policykg.extractor import parse
from policykg.extractor.evaluate import score_plan

PLAN_TEXT = """某区碳达峰实施方案
一、重点任务
（一）推进能源绿色低碳转型
1.大力发展光伏发电。到2025年，全区光伏装机容量比2020年增长20%。（责任单位：区发展改革局、区住建局）
2.推进节能改造。实施重点企业节能改造。（责任单位：区经信局）
"""
GOLD = {
    "schema": "policykg/gold@1",
    "measures": [
        {"section": "一/（一）", "number": "1", "title": "大力发展光伏发电", "units": ["区发展改革局", "区住建局"],
         "lead": ["区发展改革局"], "lead_basis": "first_listed"},
        {"section": "一/（一）", "number": "2", "title": "推进节能改造", "units": ["区经信局"],
         "lead": ["区经信局"], "lead_basis": "first_listed"},
    ],
    "targets": [
        {"scope": "一/（一）/1", "year": 2025, "indicator": "光伏装机容量", "value": 20, "value_max": None, "unit": "%",
         "comparator": "eq", "direction": "increase", "baseline_year": 2020},
    ],
}


@pytest.fixture(scope="module")
def plan():
    return parse(PLAN_TEXT)


def _scores(plan, change=None):
    gold = copy.deepcopy(GOLD)
    if change:
        change(gold)
    return score_plan(plan, gold).scores


def test_everything_right_scores_one(plan):
    s = _scores(plan)
    assert [(s[k].tp, s[k].fp, s[k].fn) for k in ("measures", "units", "leads", "lead_basis", "deadlines", "targets")] == [
        (2, 0, 0), (3, 0, 0), (2, 0, 0), (2, 0, 0), (0, 0, 0), (1, 0, 0)]


@pytest.mark.parametrize("field, value", [("direction", "level"), ("baseline_year", None), ("baseline_year", 2019)])
def test_target_needs_direction_and_baseline_year(plan, field, value):
    s = _scores(plan, lambda g: g["targets"][0].update({field: value}))
    assert (s["targets"].tp, s["targets"].fp, s["targets"].fn) == (0, 1, 1)


def test_lead_basis_mismatch_is_a_miss_and_a_false_positive(plan):
    s = _scores(plan, lambda g: g["measures"][1].update({"lead_basis": "explicit"}))
    assert (s["lead_basis"].tp, s["lead_basis"].fp, s["lead_basis"].fn) == (1, 1, 1)
    assert s["leads"].f1 == 1.0


def test_deadline_scored_where_gold_has_one():
    plan = parse(PLAN_TEXT.replace("（责任单位：区经信局）", "（责任单位：区经信局；完成时限：2022年底前）"))
    right = _scores(plan, lambda g: g["measures"][1].update({"deadline": "2022年底前"}))["deadlines"]
    wrong = _scores(plan, lambda g: g["measures"][1].update({"deadline": "2023年6月"}))["deadlines"]
    absent = _scores(plan, lambda g: g["measures"][0].update({"deadline": "2022年4月"}))["deadlines"]
    assert [(d.tp, d.fp, d.fn) for d in (right, wrong, absent)] == [(1, 0, 0), (0, 1, 1), (0, 0, 1)]


def test_gold_measure_not_found_misses_its_units_basis_and_deadline(plan):
    def rename(g):
        g["measures"][1].update({"title": "另一项任务", "deadline": "2022年底前"})
    s = _scores(plan, rename)
    assert [(s[k].fn, s[k].fp) for k in ("measures", "units", "leads", "lead_basis", "deadlines")] == [
        (1, 1), (1, 1), (1, 1), (1, 0), (1, 0)]


def test_measure_not_in_gold_costs_precision_with_its_units(plan):
    s = _scores(plan, lambda g: g["measures"].pop(1))
    assert (s["measures"].tp, s["measures"].fp, s["measures"].fn) == (1, 1, 0)
    assert (s["units"].fp, s["leads"].fp) == (1, 1)


def test_a_top_level_article_matches_on_its_whole_path():
    # gold numbers a top-level article as printed (第七条, no section); the parse calls it 七 at path 第七条
    plan = parse("某区促进绿色低碳发展办法\n第一条【目的】为推进绿色发展，制定本办法。\n"
                 "第二条【资金配套扶持】对获得国家资金支持的项目给予配套扶持。\n")
    gold = {"schema": "policykg/gold@1", "targets": [],
            "measures": [{"section": "", "number": "第二条", "title": "资金配套扶持", "units": [], "lead": []}]}
    s = score_plan(plan, gold).scores
    assert (s["measures"].tp, s["measures"].fp, s["measures"].fn) == (1, 0, 0)


def test_a_target_matches_in_its_own_scope_before_another_scope_takes_it(plan):
    """Gold lists first a target of item 2 that the text does not hold, with the same fields as
    item 1's: item 1's gold target keeps item 1's parse, and the miss names item 2."""
    def add_twin_in_item_two(gold):
        twin = dict(gold["targets"][0], scope="一/（一）/2")
        gold["targets"].insert(0, twin)
    gold = copy.deepcopy(GOLD)
    add_twin_in_item_two(gold)
    result = score_plan(plan, gold)
    s = result.scores["targets"]
    assert (s.tp, s.fp, s.fn) == (1, 0, 1)
    assert [m for m in result.misses if m.startswith("missed target")] == [
        "missed target 一/（一）/2 2025 光伏装机容量 20% eq increase 2020"]
