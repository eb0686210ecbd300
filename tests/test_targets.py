"""Dated quantitative targets: one small hand-written input per rule, then the real corpus."""
import json

import pytest

from policykg.extractor.normalize import normalize
from policykg.extractor.targets import find_targets
from tests.conftest import REPO, TXT


def targets(text):
    return find_targets(text).targets


def one(text):
    found = targets(text)
    assert len(found) == 1, found
    return found[0]


def values(text):
    return [(t.year, t.value, t.unit) for t in targets(text)]


# --- years ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, year", [
    ("到2025年，绿色建材应用比例不低于60%。", 2025),
    ("2030年前，非化石能源消费比重达到25%。", 2030),
    ("2025年底，充电桩达到1万个。", 2025),
    ("至2025年，垃圾分类覆盖率达100%。", 2025),
    ("“十四五”期间，煤炭消费总量下降5%左右。", 2025),
    ("到“十四五”末，新兴产业产值占比不低于50%。", 2025),
    ("“十四五”时期，森林覆盖率达到20%。", 2025),
    ("“十五五”期间，新建居住建筑执行超低能耗建筑标准的比例达到50%。", 2030),
    ("2022年起新建公共建筑屋顶安装光伏的面积比例不低于50%。", 2022),
])
def test_year_cues(text, year):
    assert one(text).year == year


def test_a_year_printed_after_the_count_dates_its_own_clause():
    text = "甲公司等4条专用线力争2023年底前建成，乙公司等3条专用线力争2024年建成投用。"
    assert [(t.year, t.value, t.indicator) for t in targets(text)] == [(2023, 4, "专用线"), (2024, 3, "专用线")]
    assert one("2023年底前甲区、乙区等5座污水处理厂建成投运。").indicator.startswith("污水处理厂")
    # a year that no verb follows is not the clause's time: the share of today is no target
    assert values("预计光伏发电占比将从当前的约20%攀升至2040年的60%。") == [(2040, 60, "%")]


def test_a_year_dates_the_following_numbers_until_the_next_year():
    text = "到2025年，光伏装机容量力争达到400万千瓦；到2030年，力争达到700万千瓦。"
    assert values(text) == [(2025, 4_000_000, "千瓦"), (2030, 7_000_000, "千瓦")]


def test_semicolon_does_not_end_the_sentence_but_a_full_stop_and_a_line_end_do():
    assert values("到2025年，回收利用率达到45%；资源化利用率达到85%。") == [(2025, 45, "%"), (2025, 85, "%")]
    assert values("为此，到2025年，回收利用率达到45%。资源化利用率达到85%。") == [(2025, 45, "%")]
    assert values("到2025年，回收利用率达到45%\n资源化利用率达到85%。") == [(2025, 45, "%")]


def test_a_number_in_an_undated_sentence_is_no_target():
    assert targets("推动既有公共建筑按不低于总停车位20%配建，按15%—25%比例分类配建。") == []


def test_baseline_years_and_dates_are_not_target_years():
    assert targets("单位地区生产总值能耗比2020年下降13%以上。") == []
    assert targets("武汉市人民政府2022年3月24日印发，共5条。") == []


def test_past_years_end_the_dating_when_the_plan_year_is_known():
    text = "2020年，全市非化石能源占比达到35%；到2025年，达到40%。"
    found = find_targets(text, plan_year=2021).targets
    assert [(t.year, t.value) for t in found] == [(2025, 40)]


def test_years_taken_up_in_turn_by_fen_bie():
    text = "到2025年和2030年，非化石能源消费比重分别达到20%和25%。"
    assert values(text) == [(2025, 20, "%"), (2030, 25, "%")]
    text = "“十四五”、“十五五”期间，煤炭消费比重分别下降5%、8%。"
    assert values(text) == [(2025, 5, "%"), (2030, 8, "%")]


def test_one_number_for_each_period_a_fen_bie_lists():
    # 分别 with one number after two periods: that much in each period, so one target a period
    found = targets("“十四五”、“十五五”期间分别新增水电装机容量4000万千瓦左右。")
    assert [(t.year, t.value, t.unit, t.comparator, t.direction) for t in found] == [
        (2025, 40000000, "千瓦", "approx", "increase"), (2030, 40000000, "千瓦", "approx", "increase")]
    assert {t.indicator for t in found} == {"水电装机容量"}


def test_a_ceiling_to_keep_within():
    t = one("到2025年，原油一次性加工能力控制在1000万吨。")
    assert (t.value, t.unit, t.comparator, t.direction) == (10000000, "吨", "le", "level")


def test_counts_of_times_and_teams_and_a_comparator_before_the_verb():
    found = targets("“十四五”期间，开展市级综合环境应急演练5次，各区县至少举办5期环境应急管理培训，"
                    "至少建立1支区（县）级环境应急救援队伍。")
    assert [(t.year, t.value, t.unit, t.comparator) for t in found] == [
        (2025, 5, "次", "eq"), (2025, 5, "期", "ge"), (2025, 1, "支", "ge")]
    assert [t.indicator for t in found] == ["开展市级综合环境应急演练", "各区县环境应急管理培训",
                                            "区（县）级环境应急救援队伍"]


def test_counts_of_documents_drafted():
    text = "到2025年，制修订300项左右绿色产品评价标准，制定20项地方标准，发布5项团体规范。"
    assert [(t.value, t.unit, t.comparator.value) for t in targets(text)] == \
        [(300, "项", "approx"), (20, "项", "eq"), (5, "项", "eq")]


def test_a_multiplier_without_a_digit_counts_only_after_a_verb():
    assert values("到2025年，开发推广万种绿色低碳产品。") == [(2025, 10_000, "种")]
    text = "到2025年，千方百计推动万众创新，万元地区生产总值能耗下降10%，实现万吨级示范。"
    assert values(text) == [(2025, 10, "%")]
    # a multiplier before a comparator word names a class of things (projects of 亿元 or more)
    assert values("2022年，实施亿元以上的重点项目50项。") == [(2022, 50, "项")]


def test_how_often_is_no_target_and_one_before_a_noun_is_no_count_of_times():
    # 每季度…1次 and 每年…1次 are rules of frequency; 一次能源 a word, since 次 counts only after Arabic digits
    assert targets("到2025年，各区县每季度至少开展1次应急演练。") == []
    assert targets("到2025年，各区县每年至少开展1次应急演练。") == []
    assert values("到2025年，非化石能源占一次能源消费比重达到20%。") == [(2025, 20, "%")]


# --- several targets, values, units --------------------------------------------------------------

def test_several_targets_in_one_sentence():
    text = ("到2025年，全区常规公交站点300米覆盖率达到85%，轨道站点周边50米公交接驳站覆盖率达到85%，"
            "建成110公里自行车骨干网络，绿色出行比例达到72%以上、绿色出行服务满意率不低于80%。")
    found = targets(text)
    assert [(t.value, t.unit, t.comparator) for t in found] == [
        (85, "%", "eq"), (85, "%", "eq"), (110, "公里", "eq"), (72, "%", "ge"), (80, "%", "ge")]
    assert [t.indicator for t in found] == [
        "常规公交站点300米覆盖率", "轨道站点周边50米公交接驳站覆盖率", "自行车骨干网络", "绿色出行比例",
        "绿色出行服务满意率"]


@pytest.mark.parametrize("text, value, value_max, unit", [
    ("到2025年，电能替代电量力争达到2.5亿千瓦时。", 250_000_000, None, "千瓦时"),
    ("到2025年，充电桩达到1.6万个。", 16_000, None, "个"),
    ("到2025年，既有公共建筑节能改造达到25万平方米。", 250_000, None, "平方米"),
    ("到2025年，光伏发电装机量达到50万千瓦。", 500_000, None, "千瓦"),
    ("到2025年，非化石能源消费比重达到百分之五十。", 50, None, "%"),
    ("到2025年，新能源汽车占比达到两成。", 20, None, "%"),
    ("到2025年，新建建筑充电设施配建比例为15%—25%。", 15, 25, "%"),
    ("到2025年，新建建筑充电设施配建比例为15—25%。", 15, 25, "%"),
    ("到2025年，培育龙头企业2-3家。", 2, 3, "家"),
    ("到2025年，储能电价降至0.15-0.2元。", 0.15, 0.2, "元"),
    ("到2025年，区内数据中心平均电能利用效率（PUE）值不高于1.25。", 1.25, None, ""),
    ("到2025年，车桩比例达到4：1。", 4, None, ""),
])
def test_values_and_units(text, value, value_max, unit):
    t = one(text)
    assert (t.value, t.value_max, t.unit) == (value, value_max, unit)


# --- comparators, direction, baseline, modality -------------------------------------------------

@pytest.mark.parametrize("phrase, comparator", [
    ("达到85%", "eq"), ("达85%", "eq"), ("为85%", "eq"),
    ("达到85%以上", "ge"), ("不低于85%", "ge"), ("不少于85%", "ge"), ("超过85%", "ge"),
    ("至少85%", "ge"), ("突破85%", "ge"),
    ("85%以下", "le"), ("达到85%以内", "le"), ("不高于85%", "le"), ("不超过85%", "le"), ("控制在85%以内", "le"),
    ("85%左右", "approx"), ("约85%", "approx"), ("大约85%", "approx"),
    ("达到80%—85%", "range"), ("控制在85%", "le"), ("控制在85%左右", "approx"),
])
def test_comparators(phrase, comparator):
    assert one(f"到2025年，生活垃圾回收利用率{phrase}。").comparator == comparator


def test_built_counts_are_eq():
    assert one("到2025年，建成垃圾环保发电厂2座。").comparator == "eq"


@pytest.mark.parametrize("phrase, direction", [
    ("下降13%", "decrease"), ("降低13%", "decrease"), ("减少13%", "decrease"), ("累计降低13%", "decrease"),
    ("增长13%", "increase"), ("提高13%", "increase"), ("提升13%", "increase"), ("增加13%", "increase"),
    ("新增13%", "increase"), ("翻一番", "increase"),
    ("提升至13%", "level"), ("提高到13%", "level"), ("降至13%", "level"), ("降低到13%", "level"),
    ("控制在13%", "level"), ("达到13%", "level"),
])
def test_directions(phrase, direction):
    assert one(f"到2025年，单位地区生产总值能耗{phrase}。").direction == direction


def test_newly_developed_is_an_increase_but_the_new_development_pattern_is_no_verb():
    assert one("到2025年，新发展节水灌溉面积50万亩。").direction == "increase"
    assert one("到2025年，新发展格局下绿色产业占比30%。").direction == "level"


@pytest.mark.parametrize("text, baseline", [
    ("到2025年，单位地区生产总值能耗比2020年下降13%以上。", 2020),
    ("到2025年，规上工业单位增加值能耗较2020年下降10%以上。", 2020),
    ("到2030年，新船设计能效水平在2020年基础上提高20%。", 2020),
    ("到2025年，单位地区生产总值能耗下降13%。", None),
    ("到2025年比2020年下降13%。", 2020),
    ("到2025年，与2020年相比提高3%。", 2020),
])
def test_baseline(text, baseline):
    t = one(text)
    assert (t.year, t.baseline_year) == (2025 if "2025" in text else 2030, baseline)


@pytest.mark.parametrize("text, modality", [
    ("到2025年，电能替代电量力争达到2.5亿千瓦时。", "力争"),
    ("力争到2025年，新增绿色旅游饭店2家。", "力争"),
    ("到2025年，岸电使用率确保达到100%。", "确保"),
    ("到2025年，可再生能源电量比例原则上不低于50%。", "原则上"),
    ("到2025年，岸电使用率达到100%。", None),
])
def test_modality(text, modality):
    assert one(text).modality == modality


def test_hedge_of_one_clause_stays_in_it():
    found = targets("到2025年，新能源汽车保有量60万辆，力争达到80万辆。")
    assert [(t.value, t.modality, t.indicator) for t in found] == [
        (600_000, None, "新能源汽车保有量"), (800_000, "力争", "新能源汽车保有量")]


def test_fen_bie_pairs_indicators_and_values():
    found = targets("到2025年，单位GDP能耗和二氧化碳排放分别比2020年下降14%和18%。")
    assert [(t.indicator, t.value, t.direction, t.baseline_year) for t in found] == [
        ("单位GDP能耗", 14, "decrease", 2020), ("二氧化碳排放", 18, "decrease", 2020)]


# --- numbers that are no targets ----------------------------------------------------------------

def test_names_are_not_targets():
    found = targets("到2025年，力争全区投运220千伏变电站达4座、110千伏变电站13座。")
    assert [(t.value, t.unit, t.modality) for t in found] == [(4, "座", "力争"), (13, "座", "力争")]


def test_group_thresholds_are_not_targets():
    t = one("到2025年，年综合能耗1000吨标准煤以上的公共建筑能耗在线监测覆盖率达到100%。")
    assert (t.value, t.unit) == (100, "%")
    assert t.indicator == "年综合能耗1000吨标准煤以上的公共建筑能耗在线监测覆盖率"


def test_distance_in_an_indicator_name_is_not_a_target():
    assert values("到2025年，公园绿道500米半径覆盖率不低于90%。") == [(2025, 90, "%")]


def test_subsidies_are_not_targets():
    assert targets("到2025年，对新建项目给予最高200万元补助，按0.2元/千瓦时给予补贴。") == []


def test_titles_quotes_ordinals_durations_and_years_are_not_targets():
    text = ("到2025年，融入“1+2+N”城市级虚拟电厂，落实《2030年前碳达峰行动方案》，"
            "实施第1批试点，3年内完成，30天内办结，10千伏及以上用户参与交易。")
    assert find_targets(text).targets == []


def test_a_figure_for_every_year_is_no_target_but_an_average_per_year_is():
    assert targets("2022年起，商场塑料袋使用比例每年下降20%。") == []
    assert values("到2025年，每年新增造林面积10万亩，森林覆盖率达到30%。") == [(2025, 30, "%")]
    found = one("“十四五”期间，工业增加值平均每年增长5%。")
    assert (found.year, found.value, found.direction.value, found.rate) == (2025, 5, "increase", "annual")


def test_facts_are_not_targets():
    assert targets("截至2023年底，全市已建成充电桩5万个。") == []
    assert targets("到2025年，全市已基本完成老旧小区改造300个。") == []
    assert targets("到2025年，全县已有绿色工厂20家。") == []


def test_a_fact_word_inside_a_noun_says_nothing_done():
    t = one("到2025年，已复垦矿区土地治理率达到90%。")
    assert (t.indicator, t.value, t.unit) == ("已复垦矿区土地治理率", 90, "%")


def test_a_sum_after_a_word_of_investment_is_a_cost_not_a_goal():
    assert targets("2023年，全年安排改造项目，总投资300亿元。") == []
    assert values("到2025年，新建变电站3座，投资约12.5亿元。") == [(2025, 3, "座")]
    t = one("2023年，完成工业投资800亿元以上。")
    assert (t.value, t.unit, t.comparator.value) == (80_000_000_000, "元", "ge")


# --- indicator, spans ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, indicator", [
    ("到2025年，非化石能源消费比重提升至56%左右。", "非化石能源消费比重"),
    ("到2025年，建成110公里自行车骨干网络。", "自行车骨干网络"),
    ("到2025年，全区人均生活垃圾产生量累计降低4%以上。", "人均生活垃圾产生量"),
    ("到2025年，力争绿道累计建成250公里。", "绿道"),
    ("到2025年，新增绿色旅游饭店2家。", "绿色旅游饭店"),
    ("到2025年，形成全市392吨/日的医废处置能力。", "医废处置能力"),
])
def test_indicator(text, indicator):
    assert one(text).indicator == indicator


def test_spans_point_into_the_text():
    text = "前言。到2025年，非化石能源消费比重提升至56%左右，单位地区生产总值能耗比2020年下降13%以上。"
    first, second = targets(text)
    assert text[first.start:first.end] == first.text == "非化石能源消费比重提升至56%左右"
    assert text[slice(*first.value_span)] == "56%"
    assert text[second.start:second.end] == "单位地区生产总值能耗比2020年下降13%以上"


def test_start_and_end_limit_the_scan():
    text = "到2025年，回收利用率达到45%。到2030年，回收利用率达到50%。"
    cut = text.index("。") + 1
    assert [t.value for t in find_targets(text, cut).targets] == [50]
    assert [t.value for t in find_targets(text, 0, cut).targets] == [45]


# --- goals and problems -------------------------------------------------------------------------

def test_dated_goals_without_a_number():
    scan = find_targets("到2030年，非化石能源消费比重提升至60%左右，如期实现碳达峰目标。力争2060年前实现碳中和。")
    assert [(g.year, g.text) for g in scan.goals] == [(2030, "如期实现碳达峰目标"), (2060, "力争2060年前实现碳中和")]
    assert [t.value for t in scan.targets] == [60]


def test_purpose_clauses_and_titles_are_not_goals():
    scan = find_targets("到2025年，绿色低碳成为品牌，为实现碳达峰奠定坚实基础，落实《2030年前碳达峰行动方案》。")
    assert scan.goals == []


def test_an_unreadable_number_is_a_problem_not_a_target():
    scan = find_targets("到2030年，单位面积能耗达到300兆焦。")
    assert scan.targets == []
    assert len(scan.problems) == 1 and "300兆焦" in scan.problems[0].message


# --- real corpus --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def qingyang():
    return normalize((TXT / "qingyang_tandafeng_2024.txt").read_text(encoding="utf-8")).text


def test_qingyang_headline_targets(qingyang):
    found = find_targets(qingyang).targets
    by_indicator = {t.indicator: t for t in found}
    share = next(t for t in found if t.indicator == "非化石能源消费比重" and t.year == 2025)
    assert (share.value, share.unit, share.comparator, share.direction) == (56, "%", "approx", "level")
    energy = by_indicator["单位地区生产总值能耗"]
    assert (energy.value, energy.unit, energy.comparator, energy.direction, energy.baseline_year, energy.year) \
        == (13, "%", "ge", "decrease", 2020, 2025)
    power = by_indicator["电能替代电量"]
    assert (power.value, power.unit, power.modality) == (250_000_000, "千瓦时", "力争")
    # 220千伏变电站, 300米覆盖率, 年综合能耗1000吨标准煤以上的公共建筑: names and thresholds
    assert [t for t in found if t.unit in ("千伏", "米", "吨标准煤")] == []


def test_qingyang_goals(qingyang):
    goals = find_targets(qingyang).goals
    assert (2030, "如期实现碳达峰目标") in [(g.year, g.text) for g in goals]


def _key(year, value, value_max, unit, comparator):
    return year, round(value, 6), value_max and round(value_max, 6), unit, str(comparator)


@pytest.mark.parametrize("gold_path", sorted((REPO / "tests" / "gold").glob("*.gold.json")), ids=lambda p: p.name)
def test_development_gold_is_found(gold_path):
    """Every development gold file, scored on (year, value, value_max, unit, comparator)."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = normalize((TXT / gold["source"]).read_text(encoding="utf-8")).text
    found = [_key(t.year, t.value, t.value_max, t.unit, t.comparator.value) for t in find_targets(text).targets]
    expected = [_key(g["year"], g["value"], g["value_max"], g["unit"], g["comparator"]) for g in gold["targets"]]
    matched = sum(min(found.count(k), expected.count(k)) for k in set(expected))
    precision, recall = matched / max(1, len(found)), matched / max(1, len(expected))
    assert precision >= 0.9 and recall >= 0.9, (precision, recall)


def test_year_opening_a_paragraph_dates_its_later_sentences():
    from policykg.extractor.targets import find_targets
    text = "到2025年，初步形成绿色低碳循环发展的经济体系。非化石能源消费比重达到8%以上；森林覆盖率达到43%。\n另一段。比重达到50%。\n"
    scan = find_targets(text)
    assert [(t.year, t.value, t.comparator) for t in scan.targets] == [(2025, 8, "ge"), (2025, 43, "eq")]


# --- 分别 lists, composite units, annual rates, indicator fragments (issue 11) ------------------

@pytest.mark.parametrize("text, expected", [
    # Jiangxi: the head the last item carries is shared, each value with its own indicator
    ("到2025年，公交车、出租汽车（含网约车）新能源汽车分别达到72%、35%。",
     [("公交车新能源汽车", 72), ("出租汽车（含网约车）新能源汽车", 35)]),
    # a baseline between the list and the values
    ("到2030年，营运车辆、船舶单位换算周转量碳排放强度比2020年分别下降10%、5%。",
     [("营运车辆单位换算周转量碳排放强度", 10), ("船舶单位换算周转量碳排放强度", 5)]),
    ("到2025年，单位地区生产总值能耗、二氧化碳排放分别较2020年降低14%、18%。",
     [("单位地区生产总值能耗", 14), ("二氧化碳排放", 18)]),
    ("到2025年，化肥、农药利用率分别达到43%和50%。", [("化肥利用率", 43), ("农药利用率", 50)]),
    # a bare head after a full name takes the name's modifier
    ("到2025年，规模以上工业单位增加值能耗、用水量较2020年分别下降14.5%和15%。",
     [("规模以上工业单位增加值能耗", 14.5), ("规模以上工业单位增加值用水量", 15)]),
    # a hedge or a verb phrase between 分别 and the values
    ("到2025年，新能源汽车和充电桩分别力争达到10万辆、5万个。", [("新能源汽车", 100_000), ("充电桩", 50_000)]),
    ("到2025年，全市森林覆盖率、湿地保护率分别稳定在45%以上、70%。", [("森林覆盖率", 45), ("湿地保护率", 70)]),
])
def test_respectively_pairs_each_value_with_its_own_indicator(text, expected):
    assert [(t.indicator, t.value) for t in targets(text)] == expected


def test_respectively_baseline_and_direction_reach_every_value():
    found = targets("到2030年，营运车辆、船舶单位换算周转量碳排放强度比2020年分别下降10%、5%。")
    assert [(t.direction, t.baseline_year, t.year) for t in found] == [("decrease", 2020, 2030)] * 2


@pytest.mark.parametrize("text, values", [
    ("到2025年，60万千瓦级湿冷、空冷机组供电煤耗分别不高于306、325克标准煤/千瓦时。",
     [(306, "克标准煤/千瓦时", "le"), (325, "克标准煤/千瓦时", "le")]),
    ("到2025年，溶剂型工业涂料、油墨使用比例分别降低20个、10个百分点。",
     [(20, "个百分点", "eq"), (10, "个百分点", "eq")]),
])
def test_a_number_in_a_list_takes_the_unit_printed_after_the_last(text, values):
    assert [(t.value, t.unit, t.comparator) for t in targets(text)] == values


@pytest.mark.parametrize("text, value, unit", [
    ("到2025年，城市公共交通线网密度达到1公里/万人。", 1, "公里/万人"),
    ("到2025年，施工现场建筑垃圾排放量不高于300吨/万平方米。", 300, "吨/万平方米"),
])
def test_composite_units_stay_whole(text, value, unit):
    t = one(text)
    assert (t.value, t.unit) == (value, unit)


@pytest.mark.parametrize("text, rates", [
    ("到2025年，地区生产总值年均增长15%。", ["annual"]),
    ("“十四五”期间，单位地区生产总值能耗年均下降2.6%，用电量年均增长5%。", ["annual", "annual"]),
    ("到2025年，年新增可再生能源发电量8.5亿千瓦时。", ["annual"]),
    ("到2025年，地区生产总值年均增速达到6.5%左右。", ["annual"]),
    ("到2025年，单位地区生产总值能耗比2020年下降13.5%。", [None]),
    ("到2025年，大宗固废年利用量达到40亿吨左右。", [None]),          # a level per year, no rate
    ("到2025年，PM2.5年均浓度下降到30微克/立方米。", [None]),          # an annual mean, no rate
])
def test_annual_rates_keep_annual(text, rates):
    assert [t.rate for t in targets(text)] == rates


def test_an_annual_rate_keeps_its_direction_and_indicator():
    t = one("到2025年，地区生产总值年均增长15%。")
    assert (t.indicator, t.value, t.unit, t.direction) == ("地区生产总值", 15, "%", "increase")


@pytest.mark.parametrize("text, indicator", [
    ("到2030年，再新增森林面积50万亩。", "森林面积"),                          # not 再
    ("到2030年并网规模达到4000万千瓦左右。", "并网规模"),                       # not 网规模
    ("到2030年，争取创建30个特色鲜明、差异化发展的碳达峰试点城市。", "碳达峰试点城市"),  # not 特色鲜明
    ("到2025年，全市规划新建6个500千伏变电站。", "500千伏变电站"),               # not 规划
    ("到2025年，再生资源回收率达到85%。", "再生资源回收率"),                     # 再生 is a word
])
def test_indicators_are_never_a_stray_fragment(text, indicator):
    assert one(text).indicator == indicator


def test_cells_of_a_table_row_are_separate_clauses():
    found = targets("到2025年，新建项目\t充电桩达到100个")
    assert [(t.indicator, t.value) for t in found] == [("充电桩", 100)]


def test_a_fraction_is_a_share_and_kilovolt_amperes_a_capacity():
    assert values("到2025年，力争外受电比重超过三分之一。") == [(2025, 100 / 3, "%")]
    assert values("到2025年，新增220千伏及以上变电容量4944万千伏安。") == [(2025, 49_440_000, "千伏安")]
    assert values("到2025年，建成6个500千伏变电站。") == [(2025, 6, "个")]      # 500千伏 names the station


def test_an_ascii_fraction_is_a_share_too():
    found = targets("到2025年，外受电比例达到1/3以上，外受电中绿电占比达到1/3。")
    assert [(t.value, t.unit, t.comparator.value) for t in found] == [(100 / 3, "%", "ge"), (100 / 3, "%", "eq")]


def test_a_grade_step_and_a_latin_unit_stay_whole():
    assert values("到2025年，耕地质量平均提升0.5个等级。") == [(2025, 0.5, "个等级")]
    found = one("到2025年，建成单套液化能力≥5 t/d氢液化系统。")
    assert (found.value, found.unit, found.comparator.value) == (5, "t/d", "ge")


@pytest.mark.parametrize("text, indicator", [
    ("到2025年，力争实现4项以上基础前沿重大创新。", "基础前沿重大创新"),
    ("到2025年，力争取得4项以上原创性成果。", "取得原创性成果"),
])
def test_a_count_right_after_a_verb_that_also_opens_indicators_is_its_object(text, indicator):
    found = one(text)
    assert (found.indicator, found.value, found.unit, found.comparator.value) == (indicator, 4, "项", "ge")


def test_an_objectives_section_dates_its_undated_sentences():
    from policykg.extractor import parse

    text = ("某市电力发展规划\n一、发展基础\n电网供电可靠率达到99.9%。\n二、发展目标\n"
            "供应能力。到2025年，电力装机达到2600万千瓦左右。\n"
            "电网发展。城市地区、农村地区供电可靠率分别提高至99.996%和99.955%。\n"
            "三、重点任务\n（一）建设电网。新建线路达到100公里。\n")
    plan = parse(text)
    assert [(t.year, t.value) for t in plan.targets] == [(2025, 26_000_000), (2025, 99.996), (2025, 99.955)]


# --- annual plans: the year of 全年 / 年内 (issue 11) --------------------------------------------

def test_current_year_words_date_a_sentence_of_an_annual_plan():
    text = "全年新建高标准农田665万亩。年内新增绿色建筑1亿平方米。"
    found = find_targets(text, annual_year=2022).targets
    assert [(t.year, t.indicator, t.value, t.unit) for t in found] == [
        (2022, "高标准农田", 6_650_000, "亩"), (2022, "绿色建筑", 100_000_000, "平方米")]
    assert all(t.year_basis == f"the annual plan's year ({word})" for t, word in zip(found, ["全年", "年内"]))
    assert find_targets(text).targets == []          # not an annual plan: the numbers are undated


@pytest.mark.parametrize("text, expected", [
    ("2023年底前，新增绿色建筑100万平方米。", [(2023, None)]),   # a printed year wins
    ("三年内新增绿色建筑100万平方米。", []),                     # a count of years, no cue
    ("新增绿色建筑100万平方米。", []),                           # no cue at all
])
def test_current_year_words_yield_to_printed_years_and_counts(text, expected):
    assert [(t.year, t.year_basis) for t in find_targets(text, annual_year=2022).targets] == expected


def test_an_annual_plan_dates_its_objectives_and_warns_that_the_year_was_inferred():
    from policykg.extractor import parse

    text = ("某省绿色低碳转型2022年行动计划\n一、工作目标\n可再生能源发电装机达到6700万千瓦。\n"
            "二、主要任务\n（一）推动产业转型。\n1．压减落后产能。全年整合退出地炼产能740万吨。\n"
            "2．发展绿色建筑。新增绿色建筑1000万平方米。\n")
    plan = parse(text)
    assert [(t.year, t.value, t.direction) for t in plan.targets] == [
        (2022, 67_000_000, "level"), (2022, 7_400_000, "decrease")]
    inferred = [w for w in plan.warnings if w.code == "target-year-inferred"]
    assert len(inferred) == 2
    assert [text[w.span[0]:w.span[1]] for w in inferred] == ["可再生能源发电装机达到6700万千瓦", "整合退出地炼产能740万吨"]


def test_a_plan_over_several_years_leaves_its_current_year_words_undated():
    from policykg.extractor import parse

    text = "某市碳达峰实施方案\n一、重点任务\n（一）推动产业转型。全年整合退出地炼产能740万吨。\n"
    assert parse(text).targets == []


@pytest.mark.parametrize("text, expected", [
    ("到2025年，关停退出煤电机组200万千瓦以上。", ("decrease", "ge")),
    ("到2025年，淘汰落后产能100万吨。", ("decrease", "eq")),
])
def test_removed_capacity_is_a_decrease(text, expected):
    t = one(text)
    assert (t.direction, t.comparator) == expected


@pytest.mark.parametrize("text, comparators", [
    ("到2025年，农作物秸秆综合利用率、畜禽粪污综合利用率分别稳定在95%和90%以上。", ["ge", "ge"]),
    ("到2025年，化学需氧量、氨氮、氮氧化物排放总量比2020年分别下降8%、10%以上、10%以上。", ["eq", "ge", "ge"]),
    ("到2025年，A利用率、B利用率分别达到95%以上和90%。", ["ge", "eq"]),
    ("到2025年，A利用率达到95%和B利用率达到90%以上。", ["eq", "ge"]),           # no 分别: not shared
])
def test_the_comparator_after_the_last_number_of_a_fen_bie_list_is_shared(text, comparators):
    assert [t.comparator for t in targets(text)] == comparators


def test_a_verb_inside_the_whole_of_a_share_gives_no_direction():
    t = one("到2025年，新开工装配式建筑占城镇新建民用建筑30%以上。")
    assert (t.indicator, t.value, t.comparator, t.direction) == ("新开工装配式建筑占城镇新建民用建筑", 30, "ge", "level")


# --- goals dated by the span of years the title names (issue 11, batch 3) ------------------------

def test_words_for_the_end_of_the_plan_span_date_a_sentence_by_its_last_year():
    from policykg.extractor import parse

    text = ("某省工业节能改造行动计划（2022-2024年）\n一、总体目标\n"
            "经过三年努力，力争完成节能诊断服务1500家以上，能耗下降10%；2023年重点领域改造比例达到100%。\n"
            "二、主要任务\n（一）推进改造。正文。\n")
    plan = parse(text)
    assert [(t.year, t.value, t.unit) for t in plan.targets] == [(2024, 1500, "家"), (2024, 10, "%"), (2023, 100, "%")]
    inferred = [w for w in plan.warnings if w.code == "target-year-inferred"]
    assert len(inferred) == 2


def test_words_for_the_end_of_a_period_date_nothing_without_a_span_in_the_title():
    found = find_targets("经过三年努力，能耗下降10%。").targets
    assert found == []
    (t,) = find_targets("经过三年努力，能耗下降10%。", period_end=2024).targets
    assert (t.year, t.value, t.year_basis) == (2024, 10, "the end of the plan's period (经过三年努力)")


def test_an_objectives_section_leaves_a_row_of_bare_figures_undated():
    from policykg.extractor import parse

    text = ("某市绿色建筑实施方案\n一、创建目标\n到2025年，绿色建筑占比达到100%。具体目标如下：\n"
            "禅城 80% 90% 95%\n二、主要任务\n（一）推进改造。正文。\n")
    assert [(t.year, t.value) for t in parse(text).targets] == [(2025, 100)]


# --- years of a span, one number for several indicators, rates, lists that count ----------------

@pytest.mark.parametrize("text, expected", [
    ("2023至2025年，全县新建建筑中装配式建筑占比分别达到30%、40%、50%。",
     [(2023, 30), (2024, 40), (2025, 50)]),
    ("2022年至2024年，农村生活垃圾分类覆盖率分别达到60%、70%和80%以上。",
     [(2022, 60), (2023, 70), (2024, 80)]),
])
def test_a_span_of_years_gives_each_number_of_a_fen_bie_list_its_own_year(text, expected):
    assert [(t.year, t.value) for t in targets(text)] == expected


def test_a_span_of_years_with_a_list_of_another_length_keeps_its_last_year():
    found = targets("2022至2025年，城区绿化覆盖率和绿地率分别达到45%、40%。")
    assert [(t.year, t.value) for t in found] == [(2025, 45), (2025, 40)]


@pytest.mark.parametrize("text, expected", [
    ("到2025年，生活垃圾回收利用率、餐厨垃圾处理率达到60%。",
     [("生活垃圾回收利用率", 60), ("餐厨垃圾处理率", 60)]),
    ("到2030年，主要农作物秸秆、农膜回收率均达到85%以上。",
     [("主要农作物秸秆回收率", 85), ("农膜回收率", 85)]),
    ("到2025年，农药利用率和化肥利用率提高到40%以上。", [("农药利用率", 40), ("化肥利用率", 40)]),
    ("到2025年，污水处理率及污泥处置率达到95%。", [("污水处理率", 95), ("污泥处置率", 95)]),
])
def test_one_number_given_to_several_whole_indicators_is_a_target_of_each(text, expected):
    assert [(t.indicator, t.value) for t in targets(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("到2025年，化肥和化学农药单位面积施用量减少15%以上。",
     [("化肥单位面积施用量", "decrease"), ("化学农药单位面积施用量", "decrease")]),
    ("到2025年，化肥、农药使用量比2020年下降10%。", [("化肥使用量", "decrease"), ("农药使用量", "decrease")]),
    # a level of things named before one head is the level of all of them together
    ("到2025年，城市和县城再生水利用率达到50%。", [("城市和县城再生水利用率", "level")]),
    # a group closed by 等, a word that holds 和, a head that is no indicator head: one target
    ("到2025年，建材、冶金、化工等产业产值比重下降2%。", [("建材、冶金、化工等产业产值比重", "decrease")]),
    ("到2025年，碳中和相关产业产值增长20%。", [("碳中和相关产业产值", "increase")]),
    ("到2025年，绿色债券和绿色金融债发行规模增长50%。", [("绿色债券和绿色金融债发行规模", "increase")]),
    # an amount is their total
    ("到2025年，化肥和农药施用量减少5万吨。", [("化肥和农药施用量", "decrease")]),
])
def test_a_change_by_a_share_of_modifiers_before_one_head_is_a_change_of_each(text, expected):
    assert [(t.indicator, t.direction.value) for t in targets(text)] == expected


@pytest.mark.parametrize("text, indicator", [
    ("到2025年，光伏、风电总装机容量达到300万千瓦。", "光伏、风电总装机容量"),
    ("到2025年，公路和水路货运量占比达到40%。", "公路和水路货运量占比"),
    ("到2025年，耕地质量平均提升1个等级。", "耕地质量平均"),
    ("到2025年，水路和铁路货运量的比例达到20%。", "水路和铁路货运量的比例"),
    ("到2025年，城市燃气普及率达到98%。", "城市燃气普及率"),   # the 及 of 普及率 joins nothing
    ("到2025年，农业总产值与加工产值达到2万亿元。", "农业总产值与加工产值"),   # an amount: their total
])
def test_a_list_naming_one_quantity_stays_one_target(text, indicator):
    assert one(text).indicator == indicator


@pytest.mark.parametrize("text, value, unit", [
    ("到2025年，晶圆产能达到12万片/月。", 120000, "片/月"),
    ("到2025年，天然气管道输送能力达到500万方/日。", 5000000, "方/日"),
    ("到2025年，绿色建材产品累计达到60种。", 60, "种"),
])
def test_rates_and_counts_of_kinds_are_read_with_their_unit(text, value, unit):
    t = one(text)
    assert (t.value, t.unit) == (value, unit)
    assert "/" not in t.indicator


def test_a_count_closing_a_list_belongs_to_the_indicator_of_a_later_number():
    t = one("到2025年，钢渣、煤矸石、粉煤灰等3种固体废物综合利用量达到2000万吨。")
    assert (t.value, t.unit, t.indicator) == (20000000, "吨", "钢渣、煤矸石、粉煤灰等3种固体废物综合利用量")
    t = one("到2025年，甲区、乙区等12个城区空气质量优良天数比率达到85%。")
    assert (t.value, t.unit) == (85, "%")
    assert values("到2025年，建成甲、乙等6个循环经济园区。") == [(2025, 6, "个")]


def test_a_mismatched_closing_quote_still_names_a_period():
    assert one("“十四五\"期间，全市畜禽粪污综合利用率稳定在92%左右。").year == 2025


def test_a_sentence_naming_its_own_length_of_time_is_not_dated_by_the_objectives_part():
    text = "一、主要目标。用3年左右时间，新增绿道500公里。全省森林覆盖率达到30%。"
    found = find_targets(text, dated=[(0, len(text), 2025, "the objectives part")]).targets
    assert [(t.year, t.value) for t in found] == [(2025, 30)]


@pytest.mark.parametrize("text, comparator", [
    ("到2025年，新建数据中心电能利用效率不得超过1.3。", "le"),
    ("到2025年，城区道路机扫率不得低于90%。", "ge"),
])
def test_a_forbidding_comparator_reads_as_a_bound(text, comparator):
    assert one(text).comparator == comparator


def test_a_rate_per_time_and_area_keeps_its_whole_unit():
    t = one("到2025年，城区平均降尘量不得高于5吨/月·平方公里。")
    assert (t.value, t.unit, t.comparator) == (5, "吨/月·平方公里", "le")


def test_a_number_taking_over_the_indicator_and_verb_before_it_takes_its_baseline():
    found = targets("到2025年，全市单位产值能耗比2020年下降12%，力争下降13%；用水总量控制在5亿立方米以内。")
    assert [(t.value, t.baseline_year) for t in found] == [(12, 2020), (13, 2020), (500000000, None)]
    # a change per year is no change since the baseline year
    found = targets("到2025年，全市单位产值能耗比2020年下降12%，年均下降2.5%。")
    assert [(t.value, t.baseline_year) for t in found] == [(12, 2020), (2.5, None)]


def _with_deadline(text, year, words):
    return find_targets(text, deadlines=[(text.index("完成"), year, words)]).targets


def test_a_deadline_dates_the_numbers_of_its_sentence_that_print_no_year():
    (t,) = _with_deadline("推进燃煤替代，削减散煤30万吨（责任部门：大气处，完成期限：2022年三季度）。", 2022, "2022年三季度")
    assert (t.year, t.value, t.direction) == (2022, 300000, "decrease")
    assert t.year_basis == "its deadline (2022年三季度)"
    (t,) = _with_deadline("到2025年，建设充电桩200个（完成时限：2023年底）。", 2023, "2023年底")
    assert t.year == 2025


def test_a_plan_passes_its_items_deadlines_to_the_targets():
    from policykg.extractor import parse

    text = ("某省2022年生态环境工作计划\n一、重点任务\n（一）推进燃煤替代。削减散煤30万吨"
            "（责任部门：大气处，完成期限：2022年三季度）。\n（二）推进充电设施建设。建设充电桩200个"
            "（责任部门：交通处，完成时限：持续推进）。\n")
    assert [(t.year, t.value) for t in parse(text).targets] == [(2022, 300000)]


def test_an_amount_of_reduction_reached_is_a_decrease():
    found = targets("到2025年，化学需氧量、氨氮重点工程减排量分别达到2.27万吨、0.03万吨，"
                     "氮氧化物排放量降至100万吨。")
    assert [(t.value, t.unit, t.direction.value) for t in found] == [
        (22700, "吨", "decrease"), (300, "吨", "decrease"), (1000000, "吨", "level")]


def test_a_strict_comparison_no_verb_leads_to_defines_a_group():
    assert targets("到2025年，储油库和年销售汽油量大于3000吨的加油站全部安装油气回收在线监控。") == []
    assert targets("到2025年，日清运量超过300吨地区建成焚烧设施。") == []
    found = targets("到2025年，建成超过100座充电站，新能源汽车占比不低于30%。")
    assert [(t.value, t.unit, t.comparator.value) for t in found] == [(100, "座", "ge"), (30, "%", "ge")]


# --- amounts of work, titles conferred, rounds, baselines before the verb (issue 11) -------------

@pytest.mark.parametrize("text, direction", [
    ("到2025年，治理盐碱耕地5万亩。", "increase"),                     # opens with the work
    ("到2025年，完成3000公里供热管网改造。", "increase"),                # ends in the work
    ("到2025年，完成800个村庄环境整治任务。", "increase"),              # the work, then 任务
    ("到2025年，新建人工湿地达到20平方公里。", "increase"),              # what is added, reached
    ("到2025年，新（改）建雨水管网300公里。", "increase"),
    ("到2025年，完成30万吨落后产能淘汰任务。", "decrease"),            # a cut to be done
    ("到2025年，开展2个老旧小区改造试点。", "level"),                  # a status conferred
    ("到2025年，实施400个节能改造项目。", "level"),                    # projects are counted
    ("到2025年，城镇新建建筑中绿色建筑占比达到100%。", "level"),        # a share
    ("到2025年，新建厂房单位面积能耗不高于20千克标准煤。", "level"),      # a ceiling
    ("到2025年，生活污水年均削减率5%以上。", "decrease"),              # the verb inside a rate noun
])
def test_an_amount_of_work_reached_is_a_change(text, direction):
    assert one(text).direction == direction


def test_a_title_conferred_is_counted_as_a_level():
    found = targets("到2025年，创建50家节水型示范单位、8家水效领跑者。")
    assert [(t.indicator, t.value, t.direction.value) for t in found] == [
        ("节水型示范单位", 50, "level"), ("水效领跑者", 8, "level")]
    assert one("到2025年，新创建节水型示范单位50家。").direction == "increase"   # new holders


def test_a_verb_of_change_before_the_whole_of_a_share_gives_no_direction():
    found = targets("到2025年，新增和更换环卫车辆新能源占比90%，新建小区充电车位比例100%。")
    assert [(t.value, t.direction.value) for t in found] == [(90, "level"), (100, "level")]


@pytest.mark.parametrize("text, expected", [
    ("2025年底前，至少完成一轮风险排查。", (1, "轮", "ge", "风险排查")),
    ("到2025年，完成风险排查2轮。", (2, "轮", "eq", "风险排查")),
])
def test_a_count_of_rounds_is_a_level(text, expected):
    t = one(text)
    assert (t.value, t.unit, t.comparator.value, t.indicator) == expected
    assert t.direction == "level"


def test_a_new_round_is_no_count():
    assert targets("到2025年，开展新一轮湖泊综合治理。") == []


def test_a_comparator_before_a_verb_of_change_keeps_the_verb_s_direction():
    t = one("到2025年，至少新增8个口袋公园。")
    assert (t.value, t.comparator.value, t.direction.value) == (8, "ge", "increase")


def test_a_baseline_printed_before_the_verb_is_no_part_of_the_indicator():
    t = one("到2025年，城区污水收集率由2020年的45%提高到75%。")
    assert (t.indicator, t.value, t.direction.value, t.baseline_year) == ("城区污水收集率", 75, "level", 2020)


def test_two_verbs_of_one_object_stay_in_the_indicator():
    assert one("到2025年，修复或新建生态护岸40公里。").indicator == "修复或新建生态护岸"
    assert one("到2025年，修复、建设湿地公园3个。").indicator == "修复、建设湿地公园"


@pytest.mark.parametrize("text, value, comparator", [
    # a share between its subject and the verb it measures
    ("到2025年，实现新建养殖场100%通过认证。", 100, "eq"),
    ("到2025年，城区面积的50%达到海绵城市要求。", 50, "eq"),
    ("到2025年，规模企业80%以上完成审核。", 80, "ge"),
    # 新建 opening the subject of a share is no verb of change
    ("到2025年，新建星级绿色建筑占新建建筑面积50%以上。", 50, "ge"),
    ("到2025年，新建建筑中绿色建筑占比60%以上。", 60, "ge"),
])
def test_a_share_of_a_subject_is_a_level(text, value, comparator):
    found = [(t.value, t.unit, t.comparator.value, t.direction.value) for t in targets(text)]
    assert found == [(value, "%", comparator, "level")]


def test_a_share_before_a_noun_that_is_no_verb_is_still_no_target():
    assert targets("到2025年，建成区域内80%覆盖面积的园区。") == []


@pytest.mark.parametrize("text, indicator", [
    # verbs of carrying out or of handling, after the share of the subject that does it
    ("到2025年，名单内企业100%实施清洁生产审核。", "名单内企业实施清洁生产审核"),
    ("到2025年，新建建筑100%落实绿色建筑标准。", "新建建筑落实绿色建筑标准"),
    ("到2025年，重点企业100%开展节能诊断。", "重点企业开展节能诊断"),
    ("到2025年，码头船舶污水100%收集处理。", "码头船舶污水收集处理"),
])
def test_a_share_before_a_verb_of_carrying_out_is_a_level(text, indicator):
    found = [(t.indicator, t.value, t.unit, t.comparator.value, t.direction.value) for t in targets(text)]
    assert found == [(indicator, 100, "%", "eq", "level")]


def test_a_verb_of_change_before_a_share_keeps_its_direction():
    assert one("到2025年，提高清洁能源占比5个百分点。").direction.value == "increase"


def test_a_year_after_a_lede_reporting_a_plan_dates_its_paragraph():
    text = ("日前，省政府印发《某实施意见》提出，到2025年，体制机制基本建立。森林覆盖率要达到36.5%。\n"
            "另一段落。充电桩达到500个。")
    assert values(text) == [(2025, 36.5, "%")]


def test_a_year_after_a_clause_that_reports_no_plan_does_not_date_its_paragraph():
    assert values("推进能源转型，到2025年，体制机制基本建立。森林覆盖率达到36.5%。") == []


def test_a_change_before_a_share_and_a_verb_stays_a_change():
    t = one("到2025年，单位产值能耗下降13.5%达到国家要求。")
    assert (t.value, t.direction.value) == (13.5, "decrease")


@pytest.mark.parametrize("text, expected", [
    ("到2025年，30个左右地级市率先建成无废城市。", (30, "approx")),
    ("到2025年，完善回收体系，8个以上县区基本实现垃圾分类全覆盖。", (8, "ge")),
])
def test_a_count_opening_its_clause_before_a_verb_of_reaching_is_a_level(text, expected):
    t = one(text)
    assert (t.value, t.comparator.value, t.unit, t.direction.value) == (*expected, "个", "level")


@pytest.mark.parametrize("text, expected", [
    ("到2025年，6个地市全部达到节水型城市标准。", []),        # the whole set
    ("到2025年，3个断面均达到Ⅲ类水质。", []),
    ("到2025年，9个试点县开展示范。", []),                    # no verb of reaching
    ("到2025年，12个断面水质达到Ⅲ类的比例为60%。", [(2025, 60, "%")]),   # the count defines a group
])
def test_a_count_opening_its_clause_is_no_target_otherwise(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("到2025年，新建绿地800公顷，其中口袋公园绿地100公顷以上。", [(800, "increase"), (100, "increase")]),
    ("到2025年，新增装机300万千瓦，其中：光伏发电120万千瓦。", [(3_000_000, "increase"), (1_200_000, "increase")]),
    # a part of a level is a level, and a share of the part is no part of the amount
    ("到2025年，实施改造项目500项以上，其中重点项目50项以上。", [(500, "level"), (50, "level")]),
    ("到2025年，新增装机300万千瓦，其中光伏占比达到40%。", [(3_000_000, "increase"), (40, "level")]),
])
def test_a_part_of_a_change_is_a_change(text, expected):
    assert [(t.value, t.direction.value) for t in targets(text)] == expected


# --- batch 8: hedged ledes, years after a ；, base frames, verbs of counts, lists over a ， -------

@pytest.mark.parametrize("hedge", ["力争", "争取"])
def test_a_hedge_before_the_year_opening_a_paragraph_still_dates_it(hedge):
    text = f"{hedge}到2025年，绿色金融体系基本建立。全省设立绿色专营机构40家。\n另一段落。充电桩达到500个。"
    assert values(text) == [(2025, 40, "家")]


def test_words_other_than_a_hedge_before_the_year_keep_it_from_dating_the_paragraph():
    assert values("推进到2025年，绿色金融体系基本建立。全省设立绿色专营机构40家。") == []


def test_clauses_before_a_semicolon_of_an_objectives_sentence_take_the_year_after_it():
    text = "主要目标。能源消费总量控制在1.89亿吨标准煤以内，用水总量控制在124亿立方米以内；2030年人均能耗下降5%。"
    found = find_targets(text, dated=[(0, len(text), 2025, "the objectives part")]).targets
    assert [(t.year, t.value) for t in found] == [(2030, 189_000_000), (2030, 12_400_000_000), (2030, 5)]
    assert found[0].year_basis == "the year after its ；(2030年)"
    assert values(text) == [(2030, 5, "%")]        # outside an objectives part: undated


def test_a_past_year_after_a_semicolon_dates_nothing_before_it():
    text = "主要目标。森林覆盖率达到40%；2020年已达到38%。"
    found = find_targets(text, plan_year=2021, dated=[(0, len(text), 2025, "the objectives part")]).targets
    assert found == []


@pytest.mark.parametrize("text, expected", [
    ("到2025年，以2020年为基数，人均综合能耗下降8%。", [(2025, 8, "decrease", 2020)]),
    ("以2020年能源消费为基数，2025年单位面积能耗下降5%、人均用水量达到20立方米。",
     [(2025, 5, "decrease", 2020), (2025, 20, "level", None)]),
    ("到2025年，以2019年监测值为基准，总磷浓度降低10%。", [(2025, 10, "decrease", 2019)]),
])
def test_a_base_frame_is_the_baseline_of_the_changes_after_it_and_no_target_year(text, expected):
    assert [(t.year, t.value, t.direction.value, t.baseline_year) for t in targets(text)] == expected


@pytest.mark.parametrize("sentence, indicator", [
    ("瞄准前沿，在储能等领域取得重大科技成果10项以上。", "在储能等领域取得重大科技成果"),
    ("实施重大项目10项以上。", "实施重大项目"),
])
def test_a_count_after_a_verb_of_work_is_dated_by_the_objectives_part(sentence, indicator):
    text = "主要目标。" + sentence
    (t,) = find_targets(text, dated=[(0, len(text), 2025, "the objectives part")]).targets
    assert (t.year, t.indicator, t.value, t.comparator.value) == (2025, indicator, 10, "ge")


def test_a_count_after_a_comma_goes_on_with_the_list_of_the_verb_before():
    found = targets("到2025年，新增高新技术企业1000家，省级企业研究院50家，全市森林覆盖率达到30%。")
    assert [(t.indicator, t.value, t.direction.value) for t in found] == [
        ("高新技术企业", 1000, "increase"), ("省级企业研究院", 50, "increase"), ("森林覆盖率", 30, "level")]
    found = targets("到2025年，新增高新技术企业1000家，培育省级企业研究院50家。")
    assert [t.direction.value for t in found] == ["increase", "level"]


def test_a_year_inside_a_clause_after_a_semicolon_dates_nothing_before_it():
    text = "主要目标。非化石能源消费比重13%以上；森林覆盖率达到36.5%，为实现2030年前碳达峰奠定坚实基础。"
    assert find_targets(text, dated=[(0, len(text), 2025, "the objectives part")]).targets == []


@pytest.mark.parametrize("text", [
    "到2025年，新增车辆中新能源汽车比例超过20%，新能源汽车保有量60万辆。",
    "到2025年，压减地下水超采量1亿立方米以上，南水北调引江水2.46亿立方米。",
])
def test_a_share_or_a_cut_does_not_go_on_over_a_comma(text):
    assert [t.direction.value for t in targets(text)][1:] == ["level"]


def test_a_note_under_a_table_sets_no_target():
    text = ("到2025年，森林覆盖率达到20%。\n"
            "注：1.具体目标以省分解任务为准；\n"
            "2.根据评估，本市红线面积调整\n"          # a PDF line wrapped inside item 2
            "为1200公顷，占市域面积的1.5%。\n"
            "第三章推进绿色转型\n"                    # a heading ends the note
            "到2025年，新增光伏50万千瓦。")
    assert values(text) == [(2025, 20, "%"), (2025, 500_000, "千瓦")]
    # a note of one line ends at its line; the item after it starts the list of tasks
    assert values("注：依据规划，2025年常住人口为1050万人。\n1.到2025年，建成充电站30座。") == [(2025, 30, "座")]


def test_a_number_in_brackets_before_的_says_which_ones_are_meant():
    text = "到2025年，基本消除较大面积（水域面积≥2000平方米）的黑臭水体，整治率达100%。"
    assert values(text) == [(2025, 100, "%")]
    assert values("到2025年，建成充电站（含换电站）500座。") == [(2025, 500, "座")]


# --- targ7: the kinds still missed in issue 11 ----------------------------------------------------

def test_a_word_picking_the_existing_ones_keeps_the_count_the_verbs_object():
    found = one("2023年年底前，完成现有120处黑臭水体治理工程。")
    assert (found.value, found.unit, found.direction.value, found.indicator) == (120, "处", "increase", "黑臭水体治理工程")
    # without a verb before it the count only says how many there are: no target
    assert values("到2025年，以现有300个回收网点为基础建成回收体系。") == []


def test_a_clause_going_along_with_an_amount_added_is_added_too():
    found = targets("2022年，新建高标准农田600万亩，同步发展高效节水灌溉农田150万亩。")
    assert [(t.value, t.direction.value) for t in found] == [(6_000_000, "increase"), (1_500_000, "increase")]
    assert found[1].indicator == "发展高效节水灌溉农田"
    # a verb of its own after a plain comma still breaks the list
    found = targets("2022年，新建高标准农田600万亩，发展高效节水灌溉农田150万亩。")
    assert [t.direction.value for t in found] == ["increase", "level"]


def test_a_count_tallying_the_works_a_verb_names_is_no_target():
    assert values("到2025年，完成甲市、乙市、丙市等3个资源综合利用基地建设，基地固废利用率75%以上。") == [(2025, 75, "%")]
    assert values("年底前，完成甲铁路工程、乙专用线等6个铁路专用线项目建设。") == []
    assert values("2021年，完成甲河等6条水流、乙山等12个自然保护地确权登记工作。") == []
    # the list as the subject of a verb after the count, or examples of a goal that is no work, count
    assert values("甲集团、乙集团等4条专用线力争2023年建成投用。") == [(2023, 4, "条")]
    assert values("到2025年，形成集成电路、生物医药等8个千亿级产业集群。") == [(2025, 8, "个")]


def test_a_number_before_the_verb_of_a_purpose_clause_ends_its_noun():
    found = one("配合审批工作，为2021年全省新增风电装机200万千瓦做好审批服务。")
    assert (found.year, found.value, found.unit, found.direction.value) == (2021, 2_000_000, "千瓦", "increase")
    assert found.indicator == "风电装机"


def test_a_year_in_brackets_dates_its_stage_only():
    text = "到2022年，新增绿色建筑占比达到70%以上（其中，2021年达到60%），星级绿色建筑占比达到20%以上（2021年到达10%）。"
    assert [(t.year, t.value, t.indicator) for t in targets(text)] == [
        (2022, 70, "新增绿色建筑占比"), (2021, 60, "新增绿色建筑占比"),
        (2022, 20, "星级绿色建筑占比"), (2021, 10, "星级绿色建筑占比")]


def test_tending_restoring_and_sowing_are_work_done():
    found = targets("2021年，完成森林抚育50万亩以上，恢复黄河湿地2000亩，人工种草70万亩。")
    assert [(t.value, t.direction.value) for t in found] == [(500_000, "increase"), (2000, "increase"), (700_000, "increase")]
    # a total area reached stays a level, and so does a rate of restoring
    assert [t.direction.value for t in targets("到2030年，人工种草面积达到700万亩，湿地恢复率达到50%。")] == ["level", "level"]


def test_the_first_year_of_the_span_a_title_names_makes_earlier_years_history():
    from policykg.extractor import parse
    text = ("某市林业局关于印发《某市林草碳汇三年行动计划（2021—2023年）》的通知\n各科室：\n"
            "现将计划印发给你们，请遵照执行。\n某市林业局\n某市林草碳汇三年行动计划（2021—2023年）\n"
            "一、现状\n截止2020年底，林地面积1300万亩，森林覆盖率18.3%。\n"
            "二、重点任务\n（一）扩大森林面积。到2023年，新增森林面积30万亩。\n")
    assert [(t.year, t.value, t.unit) for t in parse(text).targets] == [(2023, 300_000, "亩")]
