"""Reading quantities as plans print them: multipliers, Chinese numerals, word forms, ranges."""
import pytest

from policykg.extractor.numbers import Quantity, find_quantities, parse_number, parse_quantity


@pytest.mark.parametrize("text, value, value_max, unit", [
    ("2.5亿千瓦时", 250_000_000, None, "千瓦时"),
    ("1.6万个", 16_000, None, "个"),
    ("25万平方米", 250_000, None, "平方米"),
    ("50万千瓦", 500_000, None, "千瓦"),            # 万 is the multiplier, 千瓦 the unit
    ("2260万千瓦", 22_600_000, None, "千瓦"),
    ("10000亿元", 1_000_000_000_000, None, "元"),
    ("1,000吨标准煤", 1000, None, "吨标准煤"),
    ("1.25", 1.25, None, ""),
    ("1GW", 1, None, "GW"),
    ("20000吨／天", 20000, None, "吨/天"),           # full-width slash read as "/"
    ("1.6个百分点", 1.6, None, "个百分点"),
    ("百分之五十", 50, None, "%"),
    ("百分之二点五", 2.5, None, "%"),
    ("两成", 20, None, "%"),
    ("三成", 30, None, "%"),
    ("翻一番", 100, None, "%"),
    ("四分之三", 75, None, "%"),                    # a fraction is a share
    ("十分之一", 10, None, "%"),
    ("翻两番", 300, None, "%"),
    ("15%—25%", 15, 25, "%"),
    ("15—25%", 15, 25, "%"),
    ("2-3家", 2, 3, "家"),
    ("0.15-0.2元", 0.15, 0.2, "元"),
    ("1-2万辆", 10_000, 20_000, "辆"),              # the multiplier printed once covers both ends
    ("三个", 3, None, "个"),
    ("五百亩", 500, None, "亩"),
    ("4：1", 4, None, ""),
    ("3兆焦", 3, None, "兆焦"),                     # a unit not in the list is kept as printed
])
def test_parse_quantity(text, value, value_max, unit):
    assert parse_quantity(text) == Quantity(value, value_max, unit)


@pytest.mark.parametrize("text, value", [
    ("二十五", 25), ("十五", 15), ("两千", 2000), ("一百零五", 105), ("三万五千", 35_000),
    ("三亿五千万", 350_000_000), ("二〇二五", 2025), ("五点五", 5.5), ("万亿", 10 ** 12), ("千亿", 10 ** 11),
    ("1,234.5", 1234.5),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "达到", "千瓦"])
def test_non_numbers_raise(text):
    with pytest.raises(ValueError):
        parse_quantity(text)


def _found(text):
    return [(text[q.start:q.end], q.quantity) for q in find_quantities(text)]


def test_names_and_words_are_not_numbers():
    text = "5A级物流企业，PM2.5浓度，千亿级产业集群，一体化，十大行动，千家万户，一批项目，形成合力"
    assert _found(text) == []


def test_one_before_a_unit_is_an_article_unless_the_unit_counts_it():
    assert _found("建成一个中心，完成一轮排查") == [("一轮", Quantity(1, None, "轮"))]


def test_quantities_are_found_with_their_spans():
    text = "充电桩1.6万个以上、充（换）电站240座，比重下降两成"
    assert _found(text) == [("1.6万个", Quantity(16000, None, "个")),
                            ("240座", Quantity(240, None, "座")),
                            ("两成", Quantity(20, None, "%"))]


def test_a_false_range_falls_back_to_the_first_number():
    found = _found("下降15%到2030年")
    assert found[0] == ("15%", Quantity(15, None, "%"))


def test_dates_are_not_ranges():
    assert all(q.value_max is None for _, q in _found("发布日期：2024-07-04"))


def test_bare_and_more_flags():
    bare, more = list(find_quantities("PUE值1.25，培育1000余家企业"))
    assert bare.bare and bare.quantity == Quantity(1.25, None, "")
    assert more.more and not more.bare and more.quantity == Quantity(1000, None, "家")


def test_unit_start_points_at_the_unit():
    q = next(find_quantities("达到2.5亿千瓦时"))
    assert "达到2.5亿千瓦时"[q.unit_start:q.end] == "千瓦时"


@pytest.mark.parametrize("text, value, unit", [
    ("每万人拥有1公里/万人", 1, "公里/万人"),
    ("排放量不高于300吨/万平方米", 300, "吨/万平方米"),
    ("供电煤耗292克标准煤/千瓦时", 292, "克标准煤/千瓦时"),
    ("保有量3.5辆/百户", 3.5, "辆/百户"),
    ("能耗0.45吨标准煤/万元", 0.45, "吨标准煤/万元"),
    ("电价0.5元／千瓦时", 0.5, "元/千瓦时"),
    # 月, 日 and 小时 are no units after a number (dates, durations), but they close a rate after /
    ("产能12万片/月", 120000, "片/月"),
    ("输气能力500万方/日", 5000000, "方/日"),
    ("处理规模20吨/小时", 20, "吨/小时"),
    ("产值30亿元/年", 3000000000, "元/年"),
    # Latin units, whole too, and one space may stand before them as SI prints it
    ("液化能力5t/d", 5, "t/d"),
    ("液化能力≥5 t/d", 5, "t/d"),
    ("装机100 MW", 100, "MW"),
    ("减少28.64t/a", 28.64, "t/a"),
    ("处理能力20m3/h", 20, "m3/h"),
    ("压力70MPa", 70, "MPa"),
    ("能耗不高于350kg", 350, "kg"),
])
def test_a_composite_unit_is_kept_whole(text, value, unit):
    (found,) = find_quantities(text)
    assert (found.quantity.value, found.quantity.unit) == (value, unit)
    assert text[found.end:] == ""


def test_a_slash_between_two_quantities_is_no_composite_unit():
    assert [q.quantity for q in find_quantities("10%/20%")] == [Quantity(10, None, "%"), Quantity(20, None, "%")]


def test_counts_of_times_teams_and_rounds_only_after_arabic_digits():
    # 5次 / 1支 / 5期 count; after a Chinese numeral the same words are mostly words of their own
    assert _found("演练5次，队伍1支，培训5期") == [("5次", Quantity(5, None, "次")), ("1支", Quantity(1, None, "支")),
                                            ("5期", Quantity(5, None, "期"))]
    assert _found("一次能源消费，一次性补贴，二期工程") == []


def test_kinds_slices_and_volumes_count_only_after_arabic_digits():
    assert _found("新增8种产品，供气200方") == [("8种", Quantity(8, None, "种")), ("200方", Quantity(200, None, "方"))]
    assert _found("两种方式，三方合作，四片区") == []


def test_a_month_or_a_day_alone_is_no_unit():
    assert [q.quantity.unit for q in find_quantities("3月底前完成，用时5日")] == ["", ""]


def test_an_ascii_fraction_is_a_share_as_a_chinese_one_is():
    assert _found("比例达到1/3以上，占比达到2/5") == [("1/3", Quantity(100 / 3, None, "%")),
                                                ("2/5", Quantity(40, None, "%"))]


@pytest.mark.parametrize("text, first", [
    ("分子量比44/12", ("44", Quantity(44, None, ""))),       # more than a whole: a ratio, no share
    ("系数3/3", ("3", Quantity(3, None, ""))),
    ("日期2022/1/3", ("2022", Quantity(2022, None, ""))),   # parts of a date
    ("日期1/3/2022", ("1", Quantity(1, None, ""))),
    ("标准DB11/891", ("891", Quantity(891, None, ""))),      # a code
])
def test_numbers_around_a_slash_that_are_no_fraction(text, first):
    found = _found(text)
    assert found[0] == first
    assert all(q.unit != "%" for _, q in found)


def test_a_space_is_kept_out_of_a_chinese_unit_and_a_latin_word():
    assert _found("2022 年，5 Gbps") == [("2022", Quantity(2022, None, "")), ("5", Quantity(5, None, ""))]


def test_grade_steps_are_a_unit_as_percentage_points_are():
    assert _found("提升0.5个等级，提高1个档次") == [("0.5个等级", Quantity(0.5, None, "个等级")),
                                              ("1个档次", Quantity(1, None, "个档次"))]
