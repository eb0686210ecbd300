"""Indicator tables (主要指标, 专栏) read as targets: small hand-written tables, one per rule, then
a 十四五规划 of the corpus read from its PDF."""
from __future__ import annotations

import pytest

from policykg.extractor import parse, parse_file
from policykg.extractor.health import assess
from policykg.extractor.indicator_tables import read_tables
from tests.conftest import SHARED

MAIN_TABLE = (
    "表1 电力发展主要目标\n"
    "类别\t指标\t2020年\t2025年\t年均增速\t属性\n"
    "电力总量\t全社会用电量（亿千瓦时）\t874.6\t1100\t4.7%\t预期性\n"
    "\t总装机规模（万千瓦）\t1916.8\t2600左右\t6.3%左右\t预期性\n"
    "\t需求响应负荷占比（%）\t——\t5\t——\t预期性\n"
    "绿色发展\t单位地区生产总值能耗降低（%）\t[16]\t≥13.5\t\t约束性\n"
    "\t煤电机组供电煤耗（克标准煤/千瓦时）\t295.4\t≤292\t\t约束性\n"
    "\t细颗粒物浓度（μg/m3）\t34\t达到省定目标要求\t\t约束性\n"
    "注：[ ]为五年累计数。\n"
)


def rows(text, **kw):
    return [(t.indicator, t.year, t.value, t.unit, t.comparator, t.direction, t.baseline_year, t.modality)
            for t in read_tables(text, **kw).targets]


def test_main_indicator_table():
    assert rows(MAIN_TABLE, plan_year=2021) == [
        ("全社会用电量", 2025, 110_000_000_000, "千瓦时", "eq", "level", None, "预期性"),
        ("总装机规模", 2025, 26_000_000, "千瓦", "approx", "level", None, "预期性"),
        ("需求响应负荷占比", 2025, 5, "%", "eq", "level", None, "预期性"),
        ("单位地区生产总值能耗降低", 2025, 13.5, "%", "ge", "decrease", 2020, "约束性"),
        ("煤电机组供电煤耗", 2025, 292, "克标准煤/千瓦时", "le", "level", None, "约束性"),
    ]


def test_the_rows_are_claimed_and_spans_point_at_the_cells():
    scan = read_tables(MAIN_TABLE, plan_year=2021)
    assert len(scan.rows) == 7          # the header and six data rows, not the caption or the note
    first = scan.targets[0]
    assert MAIN_TABLE[slice(*first.value_span)] == "1100"
    assert MAIN_TABLE[first.start:first.end] == "电力总量\t全社会用电量（亿千瓦时）\t874.6\t1100\t4.7%\t预期性"


def test_unit_column_and_target_year_in_brackets():
    table = ("类型\t序号\t指标\t单位\t现状值（2020年）\t目标值（2025年）\t属性\n"
             "环境质量\t1\t空气质量优良天数比例\t%\t99.5\t>98.3\t约束性\n"
             "\t2\t细颗粒物年均浓度\tμg/m3\t21\t<20\t约束性\n"
             "\t3\t化学需氧量重点工程减排量\t万吨\t0.04\t0.5417\t约束性\n")
    assert rows(table, plan_year=2021) == [
        ("空气质量优良天数比例", 2025, 98.3, "%", "ge", "level", None, "约束性"),
        ("细颗粒物年均浓度", 2025, 20, "μg/m3", "le", "level", None, "约束性"),
        # a 减排量 is the size of a cut (the gold convention), with no baseline of its own
        ("化学需氧量重点工程减排量", 2025, 5417, "吨", "eq", "decrease", None, "约束性"),
    ]


def test_a_completion_table_of_the_last_period_is_history():
    table = ("类别\t序号\t指标（单位）\t2015年现状\t2020年目标\t2020年情况\t完成情况\t指标属性\n"
             "环境质量\t1\t空气质量达标天数比例（%）\t71.3\t75.4\t89.6\t完成\t约束性\n")
    assert rows(table, plan_year=2021) == []


def test_a_header_over_two_lines_and_a_category_under_the_indicator_header():
    table = ("类别\t序号\t指标名称\t\t单位\t2020年现状值\t规划目标\t\t属性\n"
             "\t\t\t\t\t\t2025年目标值\t五年累计\n"
             "绿色低碳\t1\t非化石能源占一次能源消费比重\t\t%\t11.05\t18\t\t约束性\n"
             "\t2\t单位地区生产总值能源消耗降低\t\t%\t16.66\t\t完成省下达指标\t约束性\n")
    assert rows(table, plan_year=2021) == [
        ("非化石能源占一次能源消费比重", 2025, 18, "%", "eq", "level", None, "约束性")]
    merged = ("指标\t\t2025年\t属性\n"
              "空气质量\t市城区空气质量优良天数比例（%）\t96.7\t约束性\n"
              "\t森林覆盖率（%）\t58\t约束性\n")
    assert [(i, v) for i, _, v, *_ in rows(merged, plan_year=2021)] == [
        ("市城区空气质量优良天数比例", 96.7), ("森林覆盖率", 58)]


def test_a_column_without_a_year_takes_the_plan_period():
    table = "序号\t项目\t2020年现状值\t“十四五”目标值\t指标类别\n1\t森林覆盖率（%）\t15.8\t20\t约束性\n"
    assert rows(table, plan_year=2021) == [("森林覆盖率", 2025, 20, "%", "eq", "level", None, "约束性")]
    table = "序号\t项目\t2020年现状值\t规划目标\n1\t森林覆盖率（%）\t15.8\t20\n"
    assert rows(table, plan_year=2021) == []
    assert rows(table, plan_year=2021, period_year=2025) == [
        ("森林覆盖率", 2025, 20, "%", "eq", "level", None, None)]


def test_a_row_whose_cells_mention_targets_is_no_header():
    table = ("序号\t指标\t2020年\t2025年\t属性\n"
             "1\t单位地区生产总值能耗降低（%）\t完成省下达指标\t完成省下达目标\t约束性\n"
             "2\t城市生活污水处理率（%）\t95.6\t≥97\t约束性\n")
    assert rows(table, plan_year=2021) == [("城市生活污水处理率", 2025, 97, "%", "ge", "level", None, "约束性")]


def test_a_table_of_other_columns_is_no_indicator_table():
    table = "序号\t重点任务\t牵头单位\t完成时限\n1\t推进光伏建设\t市发展改革委\t2025年底前\n"
    assert read_tables(table, plan_year=2021).targets == []


def test_parse_reads_a_table_once_and_the_prose_around_it():
    text = ("某市“十四五”能源发展规划\n一、发展目标\n到2025年，全市光伏装机达到50万千瓦。\n"
            "指标\t2020年\t2025年\t属性\n光伏装机（万千瓦）\t20\t50\t预期性\n风电装机（万千瓦）\t5\t12\t约束性\n")
    plan = parse(text)
    assert [(t.indicator, t.value, t.modality) for t in plan.targets] == [
        ("光伏装机", 500_000, None), ("光伏装机", 500_000, "预期性"), ("风电装机", 120_000, "约束性")]


def test_a_fourteenth_five_year_plan_from_its_pdf():
    """天津市电力发展“十四五”规划: 表1 电力发展主要目标, read from the PDF's ruled table."""
    path = SHARED / "bulk2" / "213、天津市电力发展“十四五”规划.pdf"
    assert path.exists(), f"the shared corpus is missing: {path}"
    plan = parse_file(path)
    table = [t for t in plan.targets if t.modality == "预期性"]
    assert [(t.indicator, t.value, t.unit, t.comparator) for t in table] == [
        ("全社会用电量", 110_000_000_000, "千瓦时", "eq"),
        ("总装机规模", 26_000_000, "千瓦", "approx"),
        ("需求响应负荷占比", 5, "%", "eq"),
        ("煤电", 12_453_000, "千瓦", "eq"),
        ("气电", 5_166_000, "千瓦", "eq"),
        ("水电", 5_000, "千瓦", "eq"),
        ("风电", 2_000_000, "千瓦", "eq"),
        ("光伏", 5_600_000, "千瓦", "eq"),
        ("生物质能发电", 450_000, "千瓦", "eq"),
        ("非化石能源发电装机比重", 30, "%", "approx"),
        ("非化石能源电力消纳量比重", 22, "%", "approx"),
        ("电能占终端能源消费比重", 38, "%", "eq"),
        ("煤电机组平均供电煤耗", 292, "克标准煤/千瓦时", "eq"),
    ]
    assert {t.year for t in table} == {2025}


def test_a_year_in_a_cell_is_no_value_and_each_clause_is_read_alone():
    table = ("序号\t指标\t2020年\t2025年\n"
             "1\t十五分钟生活圈服务设施配套达标率（%）\t—\t比2020年提升20个百分点\n"
             "2\t城市生活污水集中收集率（%）\t60\t≥70%，或较2020年提高5个百分点以上\n"
             "3\t主要农作物化肥使用量\t280.75万吨\t较2020年减少3%\n")
    assert [(t.value, t.unit, t.comparator, t.direction, t.baseline_year) for t in read_tables(table, plan_year=2021).targets] == [
        (20, "个百分点", "eq", "increase", 2020),
        (70, "%", "ge", "level", None),
        (3, "%", "eq", "decrease", 2020),
    ]


def test_words_inside_an_indicator_name_give_no_direction():
    table = ("指标\t2025年\n装配式建筑占当年新增城镇建筑的比例（%）\t≥35\n"
             "新增光伏装机（万千瓦）\t50\n万元工业增加值能耗降低率\t≥12%\n")
    assert [t.direction for t in read_tables(table, plan_year=2021).targets] == ["level", "increase", "decrease"]


def test_a_bracket_that_starts_with_a_number_is_no_unit():
    table = "指标\t2025年\n受污染耕地安全利用率（100%）\t90\n"
    assert [(t.indicator, t.value, t.unit) for t in read_tables(table, plan_year=2021).targets] == [
        ("受污染耕地安全利用率（100%）", 90, "")]


def test_a_caption_naming_the_last_period_dates_its_yearless_columns():
    table = ("表1-1 “十三五”总量控制指标完成情况一览表\n"
             "目标指标\t规划目标\t“十三五”末现状情况\t完成情况\n"
             "二氧化硫排放总量（万吨）\t相较2015年降低18.9%\t相较2015年降低21.31%\t完成\n")
    assert read_tables(table, plan_year=2021, period_year=2025).targets == []


PLACE_TABLE = (
    "附件1\n2021年各县（市）区工业技改投资预期目标\n"
    "序号\t县（市）区\t2021年工业技改投资预期目标\n"
    "\t\t总量（亿元）\t比增（%）\n"
    "全市\t\t1120\t12\n"
    "1\t鼓楼区\t21\t9\n"
    "2\t台江区\t/\t/\n"
    "\t其中：高新区\t34\t13\n"
)


def test_a_table_of_targets_per_place():
    assert [(t.indicator, t.year, t.value, t.unit, t.direction) for t in read_tables(PLACE_TABLE, plan_year=2021).targets] == [
        ("全市工业技改投资总量", 2021, 112_000_000_000, "元", "level"), ("全市工业技改投资比增", 2021, 12, "%", "increase"),
        ("鼓楼区工业技改投资总量", 2021, 2_100_000_000, "元", "level"), ("鼓楼区工业技改投资比增", 2021, 9, "%", "increase"),
        ("高新区工业技改投资总量", 2021, 3_400_000_000, "元", "level"), ("高新区工业技改投资比增", 2021, 13, "%", "increase")]


def test_a_table_per_place_for_a_past_year_or_without_a_dated_header_gives_nothing():
    assert read_tables(PLACE_TABLE, plan_year=2022).targets == []
    assert read_tables("序号\t区县\t所在水体\t水源地名称\n1\t鼓楼区\t闽江\t北港\n", plan_year=2021).targets == []


YEAR_TABLE = (
    "年度目标如下：\n"
    "年份\t具体目标\n"
    "\t新建建筑中绿色建筑占比（%）\t星级建筑占比（%）\n"
    "\t全市\t东区\t西区\t全市\n"
    "2021\t70%\t70%\t60%\t-\n"
    "2022\t80%\t85%\t75%\t—\n"
    "2025年\t100%\t100%\t95%\t45%\n"
    "二、重点任务\n"
)


def test_a_table_by_years_with_places_under_its_indicators():
    """The places row is shared out in order: 全市 comes again where the second indicator starts.
    2021 is before the plan's year; a dash is no target."""
    assert [(t.indicator, t.year, t.value, t.unit) for t in read_tables(YEAR_TABLE, plan_year=2022).targets] == [
        ("全市新建建筑中绿色建筑占比", 2022, 80, "%"), ("东区新建建筑中绿色建筑占比", 2022, 85, "%"),
        ("西区新建建筑中绿色建筑占比", 2022, 75, "%"),
        ("全市新建建筑中绿色建筑占比", 2025, 100, "%"), ("东区新建建筑中绿色建筑占比", 2025, 100, "%"),
        ("西区新建建筑中绿色建筑占比", 2025, 95, "%"), ("全市星级建筑占比", 2025, 45, "%")]
    assert read_tables(YEAR_TABLE, plan_year=2022).rows[-1] == (YEAR_TABLE.index("2025年"), YEAR_TABLE.index("\n二"))


def test_a_table_by_years_with_an_indicator_per_column():
    table = "表2 推广目标\n年份\t新能源汽车保有量（万辆）\t充电桩（个）\n2023年\t10\t5000\n2025年\t20\t≥8000\n"
    assert [(t.indicator, t.year, t.value, t.unit, t.comparator) for t in read_tables(table, plan_year=2022).targets] == [
        ("新能源汽车保有量", 2023, 100_000, "辆", "eq"), ("充电桩", 2023, 5000, "个", "eq"),
        ("新能源汽车保有量", 2025, 200_000, "辆", "eq"), ("充电桩", 2025, 8000, "个", "ge")]


def test_a_table_by_years_without_a_target_or_an_indicator_over_its_places_gives_nothing():
    estimates = "表3 排放测算表\n指标年份\t二氧化硫（吨）\t氮氧化物（吨）\n2020年\t1857\t14071\n2025年\t1169\t12464\n"
    assert read_tables(estimates, plan_year=2021).targets == []
    three_over_two = YEAR_TABLE.replace("星级建筑占比（%）", "星级建筑占比（%）\t装配式建筑占比（%）")
    assert read_tables(three_over_two, plan_year=2022).targets == []
    places_alone = "分区目标\n年份\t全市\t东区\n2025\t80%\t90%\n"
    assert read_tables(places_alone, plan_year=2022).targets == []


def test_a_category_row_without_cells_does_not_end_the_table():
    table = ("指标\t2020年\t2025年\t指标属性\n（一）总体指标\n非化石能源消费比重（%）\t9.5\t15.0以上\t预期性\n"
             "（二）农业领域\n高标准农田（万亩）\t353.0\t430.0\t预期性\n注：[ ]内为五年累计值。\n森林覆盖率（%）\t14\t15\t预期性\n")
    assert [(t.indicator, t.value, t.unit) for t in read_tables(table, plan_year=2021).targets] == [
        ("非化石能源消费比重", 15, "%"), ("高标准农田", 4_300_000, "亩")]


def test_rows_out_of_place_are_reported_not_lost():
    """A row whose name cell holds a number (its cells shifted by a lost merged cell) cannot be
    read; the scan says how many rows, and the parse warns with table-unread (a C in check)."""
    table = ("指标\t2020年\t2025年\n"
             "非化石能源消费比重（%）\t16\t20\n"
             "35\t40\t45\n"
             "注：数据为初步测算。\n")
    scan = read_tables(table, plan_year=2021)
    assert [(t.indicator, t.value) for t in scan.targets] == [("非化石能源消费比重", 20)]
    assert [table[p.start:p.end] for p in scan.unread] == [table[:table.index("\n注")]]
    assert scan.unread[0].message.startswith("1 of 2 rows")
    text = "关于印发某区主要指标的通知\n一、主要目标\n" + table
    plan = parse(text)
    warned = [w for w in plan.warnings if w.code == "table-unread"]
    assert len(warned) == 1 and "35\t40\t45" in text[warned[0].span[0]:warned[0].span[1]]
    assert assess(plan).grade in ("C", "D")


def test_a_table_whose_rows_all_read_gives_no_unread_warning():
    assert read_tables(MAIN_TABLE, plan_year=2021).unread == []


def test_an_amount_of_reduction_in_a_table_is_a_decrease():
    text = ("表1 生态环境保护主要指标\n"
            "序号\t指标\t2020年\t2025年\t属性\n"
            "1\t氮氧化物重点工程减排量（吨）\t—\t4000\t约束性\n"
            "2\t氮氧化物排放总量（吨）\t—\t9000\t约束性\n")
    assert [(t.indicator, t.value, t.direction.value) for t in read_tables(text).targets] == [
        ("氮氧化物重点工程减排量", 4000, "decrease"), ("氮氧化物排放总量", 9000, "level")]


def test_a_row_number_in_the_name_cell_and_a_note_after_the_value():
    """The 序号 printed in the name cell is no part of the name; the unit in the name's last
    bracket folds into the value; a bracketed note after a value says what it covers, and its
    以上 is no comparator."""
    table = ("指标\t2020年\t2025年\t指标属性\n"
             "20.化肥施用量（折纯量）（万吨）\t380.9\t358.05\t预期性\n"
             "3.地表水达到或好于Ⅲ类水体比例（%）\t5.9（省控及以上）\t11.8（省控及以上）\t约束性\n")
    assert rows(table, plan_year=2021) == [
        ("化肥施用量（折纯量）", 2025, 3_580_500, "吨", "eq", "level", None, "预期性"),
        ("地表水达到或好于Ⅲ类水体比例", 2025, 11.8, "%", "eq", "level", None, "约束性"),
    ]


def test_a_change_in_words_over_the_base_and_target_columns_is_a_decrease_from_the_base_year():
    table = ("指标\t基期值（2020年）\t目标值（2025年）\t属性\n"
             "单位建筑面积碳排放（千克二氧化碳/平方米）\t5年下降\t率为7%\t约束性\n"
             "人均用水量（立方米/人）\t21.53\t20.24\t约束性\n")
    assert rows(table, plan_year=2021) == [
        ("单位建筑面积碳排放", 2025, 7, "%", "eq", "decrease", 2020, "约束性"),
        ("人均用水量", 2025, 20.24, "立方米/人", "eq", "level", None, "约束性"),
    ]


def test_an_amount_added_in_a_table_has_no_baseline_but_a_change_has_the_base_column():
    table = ("序号\t指标名称\t2020年（现状值）\t2025年\n"
             "1\t农村环境整治村庄数量\t5000个\t新增1500个\n"
             "2\t化肥使用量\t200万吨\t下降3%\n")
    assert rows(table, plan_year=2021) == [
        ("农村环境整治村庄数量", 2025, 1500, "个", "eq", "increase", None, None),
        ("化肥使用量", 2025, 3, "%", "eq", "decrease", 2020, None),
    ]
