from policykg.extractor.structure import build_tree, find_headings, is_measure, walk


def _tree(text):
    return build_tree(find_headings(text), len(text))


def _measures(text):
    return [n for n in walk(_tree(text)) if is_measure(n)]


def test_levels_nest_by_marker_rank_and_numbering_restarts():
    text = ("一、主要目标\n到2025年，比重达到20%。\n二、重点任务\n（一）能源行动\n1.发展非化石能源。内容。\n2.控制煤炭。内容。\n"
            "（二）节能行动\n1.精细化管理。内容。\n三、组织实施\n（一）加强领导。内容。\n")
    ms = _measures(text)
    assert [m.path for m in ms] == ["二/（一）/1", "二/（一）/2", "二/（二）/1"]
    assert [m.heading.title for m in ms] == ["发展非化石能源", "控制煤炭", "精细化管理"]


def test_skipped_level_attaches_to_nearest_higher_rank():
    ms = _measures("三、重点任务\n1.第一项。正文。\n（1）细项。正文。\n")
    assert [m.path for m in ms] == ["三/1/（1）"]


def test_title_runs_on_into_body_on_same_line():
    (m,) = _measures("二、任务\n（一）推进工业绿色升级。 加快实施钢铁行业改造。\n")
    assert m.heading.title == "推进工业绿色升级"
    assert m.heading.number == "一"


def test_parts_that_hold_no_measures():
    text = ("一、总体要求\n（一）指导思想。正文。\n（二）基本原则。正文。\n二、工作目标\n正文。\n三、重点任务\n（一）甲。正文。\n"
            "四、保障措施\n（一）加强组织领导。正文。\n")
    kinds = {n.path: n.kind for n in walk(_tree(text))}
    assert kinds["一"] == "principles" and kinds["二"] == "objectives" and kinds["四"] == "guarantees"
    assert [m.path for m in _measures(text)] == ["三/（一）"]


def test_annexes_prefix_paths():
    text = "附件1\n一、政策\n（一）甲。正文。\n附件2\n一、任务\n（一）乙。正文。\n"
    assert [m.path for m in _measures(text)] == ["附件1/一/（一）", "附件2/一/（一）"]


def test_long_item_without_heading_sentence_takes_first_clause():
    (m,) = _measures("二、任务\n1.对符合条件的循环经济和资源综合利用项目按照投资额给予一定比例的补助资金支持，最高不超过500万元。\n")
    assert m.heading.title == "对符合条件的循环经济和资源综合利用项目按照投资额给予一定比例的补助资金支持"


def test_decimal_number_is_not_a_heading():
    assert [m.path for m in _measures("二、任务\n2.5亿千瓦时的电能替代。\n")] == ["二"]


def test_top_level_actions_without_items_are_measures():
    text = "一、能源绿色低碳转型科技支撑行动\n聚焦国家能源发展战略任务。\n二、低碳与零碳工业流程再造技术突破行动\n针对钢铁行业。\n三、保障措施\n加强领导。\n"
    assert [m.path for m in _measures(text)] == ["一", "二"]
