"""Measure deadlines (完成时限 / 完成期限 / 时间节点): small hand-written inputs, then the plan
model, the graph, RDF and the Cypher export; the target ``rate`` added with them goes the same way."""
from __future__ import annotations

import io

import pytest
from rdflib import XSD, Literal, URIRef

from policykg.extractor import parse
from policykg.extractor.deadlines import deadline_date, find_deadlines
from policykg.graph.build import build_graph
from policykg.graph.rdf import PKG, to_rdflib
from policykg.graph.validate import validate

from .graph_samples import _measure, _plan, _target


@pytest.mark.parametrize("words, year, date", [
    ("2022年底前", None, "2022-12-31"),
    ("2022年", None, "2022-12-31"),
    ("2030年前", None, "2030-12-31"),
    ("2022年4月", None, "2022-04-30"),
    ("2024年2月底前", None, "2024-02-29"),
    ("2022年6月15日前", None, "2022-06-15"),
    ("2021年12月底前", None, "2021-12-31"),
    ("2021年四季度", None, "2021-12-31"),
    ("2022年第一季度", None, "2022-03-31"),
    ("2022年二季度", None, "2022-06-30"),
    ("2022年上半年", None, "2022-06-30"),
    ("2022年下半年", None, "2022-12-31"),
    ("2021—2023年", None, "2023-12-31"),
    ("“十四五”期间", None, "2025-12-31"),
    ("8月底", 2021, "2021-08-31"),
    ("十二月底", 2021, "2021-12-31"),
    ("8月底", None, None),
    ("长期坚持", 2021, None),
    ("持续推进", 2021, None),
    ("根据省委、省政府工作安排", 2021, None),
    ("每年3月底前", 2021, None),
    ("2022年6月底前启动，2023年底前完成", None, "2023-12-31"),
    ("2022年2月30日", None, None),
])
def test_the_last_day_the_words_allow(words, year, date):
    assert deadline_date(words, year) == date


@pytest.mark.parametrize("text, words", [
    ("（责任单位：省发展改革委；完成时限：2022年4月）", "2022年4月"),
    ("（责任部门：气候处，完成期限：2021年四季度）", "2021年四季度"),
    ("责任处室：综合处\n完成时限：2021年12月底前\n二、下一项", "2021年12月底前"),
    ("〔牵头单位：市发展改革委；时间节点：2023年6月底前〕", "2023年6月底前"),
    ("（牵头单位：省能源局；完成时限∶长期坚持）", "长期坚持"),
])
def test_labelled_deadlines_are_found_in_clauses_and_lines(text, words):
    found = find_deadlines(text)
    assert [d.text for d in found] == [words]
    d = found[0]
    assert text[d.start:d.end] == words
    assert text[d.label_start:d.start].rstrip("：:∶ ") in {"完成时限", "完成期限", "时间节点"}


def test_a_deadline_word_without_its_label_is_no_deadline():
    assert find_deadlines("企业应在规定时限内完成整改。完成时间原则上不晚于活动结束后3个月内。") == []


PLAN = """某市节能降碳工作方案

一、重点任务
（一）开展能效核查。组织对重点企业开展能效核查。（责任单位：市发展改革委；完成时限：2022年5月）
（二）实行动态调整。定期更新企业清单。（责任单位：市工业和信息化局；完成时限：持续推进）
（三）编制专项规划。编制节能专项规划。
责任单位：市发展改革委
完成时限：2022年底前
（四）加强宣传。开展节能宣传。（责任单位：市委宣传部，完成期限：6月底）制定宣传方案。（责任单位：市委宣传部，完成期限：9月底）
二、保障措施
完成时限：2025年
"""


@pytest.fixture(scope="module")
def plan():
    return parse(PLAN)


def test_each_measure_gets_its_deadline(plan):
    got = [(m.title, m.deadline and m.deadline.text, m.deadline and m.deadline.date)
           for m in plan.measures]
    assert got == [("开展能效核查", "2022年5月", "2022-05-31"),
                   ("实行动态调整", "持续推进", None),
                   ("编制专项规划", "2022年底前", "2022-12-31"),
                   ("加强宣传", "9月底", None)]


def test_deadline_span_points_at_the_printed_words(plan):
    for m in plan.measures:
        a, b = m.deadline.span
        assert PLAN[a:b] == m.deadline.text


def test_a_deadline_line_is_not_part_of_the_body(plan):
    assert "完成时限" not in plan.measures[2].text
    assert plan.measures[2].text.startswith("编制节能专项规划。")


def test_a_deadline_outside_any_measure_is_reported(plan):
    assert [w.message for w in plan.warnings if w.code == "deadline-unattached"] == [
        "deadline outside any measure: 2025年"]


def test_months_without_a_year_take_the_plan_year():
    text = "某厅2021年工作计划\n成文日期：2021年3月1日\n一、重点任务\n（一）编制方案。编制方案。（责任部门：气候处，完成期限：6月底）\n"
    measure = parse(text).measures[0]
    assert (measure.deadline.text, measure.deadline.date) == ("6月底", "2021-06-30")


def _deadline_plan():
    measure = _measure("m1", None, "一", "开展能效核查", "组织核查。", 10, [])
    measure["deadline"] = {"text": "2022年底前", "date": "2022-12-31", "span": [40, 47]}
    open_ended = _measure("m2", None, "二", "动态调整", "定期更新。", 100, [])
    open_ended["deadline"] = {"text": "持续推进", "date": None, "span": [140, 144]}
    return _plan("deadline-2022", "甲区", measures=[measure, open_ended])


def test_deadline_in_graph_and_rdf():
    graph = build_graph([_deadline_plan()])
    node = graph.nodes["plan/deadline-2022/measure/m1"]
    assert (node["deadline"], node["deadline_date"]) == ("2022年底前", "2022-12-31")
    assert "deadline_date" not in graph.nodes["plan/deadline-2022/measure/m2"]
    rdf = to_rdflib(graph, "https://example.org/pkg/")
    m1 = URIRef("https://example.org/pkg/plan/deadline-2022/measure/m1")
    m2 = URIRef("https://example.org/pkg/plan/deadline-2022/measure/m2")
    assert (m1, PKG.deadline, Literal("2022-12-31", datatype=XSD.date)) in rdf
    assert (m1, PKG.deadlineText, Literal("2022年底前", lang="zh")) in rdf
    assert (m2, PKG.deadlineText, Literal("持续推进", lang="zh")) in rdf
    assert rdf.value(m2, PKG.deadline) is None
    assert validate(rdf).conforms


def test_deadline_in_the_cypher_export():
    from policykg.graph.export.cypher import CypherExporter

    out = io.BytesIO()
    CypherExporter().write(build_graph([_deadline_plan()]), out)
    script = out.getvalue().decode("utf-8")
    assert "deadline: '2022年底前'" in script and "deadline_date: '2022-12-31'" in script


def test_annual_rate_in_plan_graph_and_rdf():
    plan = parse("一、发展目标\n到2025年，地区生产总值年均增长6%，森林覆盖率达到45%。\n")
    assert [(t.indicator, t.rate) for t in plan.targets] == [("地区生产总值", "annual"), ("森林覆盖率", None)]
    assert plan.to_dict()["targets"][0]["rate"] == "annual"
    sample = _plan("rate-2025", "甲区", targets=[
        _target("t1", None, None, "地区生产总值", 6.0, "%", "eq", 2025, 10, direction="increase", rate="annual"),
        _target("t2", None, None, "森林覆盖率", 45.0, "%", "eq", 2025, 40)])
    graph = build_graph([sample])
    assert graph.nodes["plan/rate-2025/target/t1"]["rate"] == "annual"
    assert "rate" not in graph.nodes["plan/rate-2025/target/t2"]
    rdf = to_rdflib(graph, "https://example.org/pkg/")
    t1 = URIRef("https://example.org/pkg/plan/rate-2025/target/t1")
    assert (t1, PKG.rate, Literal("annual")) in rdf
    assert validate(rdf).conforms


@pytest.mark.parametrize("title, date", [
    ("2021年推动碳达峰、碳中和工作计划", "2021-12-31"),    # an annual plan: its year dates the months
    ("2030年前碳达峰行动方案", None),                       # a deadline in the title is no plan year
    ("关于2021-2023年度推动碳达峰工作滚动实施方案", None),   # a span of years names no one year
    ("某市2022年节能降碳专项行动方案", "2022-12-31"),        # an annual 方案 as well
    ("关于到2025年推进节能降碳的实施方案", None),            # 到2025年 is a deadline, no plan year
])
def test_months_of_an_annual_plan_take_its_title_year(title, date):
    text = (f"{title}\n一、重点任务\n（一）编制方案。编制方案。（责任部门：气候处，完成期限：6月底）"
            "开展试点。（责任部门：气候处，完成期限：12月底）\n")
    measure = parse(text).measures[0]
    assert (measure.deadline.text, measure.deadline.date) == ("12月底", date)
