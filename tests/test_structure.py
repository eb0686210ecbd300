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


def test_a_creation_goals_part_holds_no_measures():
    text = "一、创建目标\n（一）到2025年，绿色建筑占比达到100%。\n二、重点任务\n（一）甲。正文。\n"
    kinds = {n.path: n.kind for n in walk(_tree(text))}
    assert kinds["一"] == "objectives"
    assert [m.path for m in _measures(text)] == ["二/（一）"]


def test_the_goals_of_the_year_hold_no_measures():
    text = "一、年度目标\n到2021年底，完成技术改造项目100个。\n二、重点任务\n（一）甲。正文。\n"
    assert [m.path for m in _measures(text)] == ["二/（一）"]


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


def _measure_paths(text):
    from policykg.extractor.structure import is_measure, walk
    roots = build_tree(find_headings(text), len(text))
    return [(n.path, n.heading.title) for n in walk(roots) if is_measure(n)]


def test_timeline_parts_and_dated_steps_are_not_measure_paths():
    text = ("一、重点任务\n（一）推进节能。正文。\n（二）发展光伏。正文。\n"
            "二、工作步骤\n（一）动员部署阶段。正文。\n（二）全面实施阶段。正文。\n"
            "三、推进安排\n（一）2022年6月底前。正文。\n（二）2023年底前。正文。\n")
    assert _measure_paths(text) == [("一/（一）", "推进节能"), ("一/（二）", "发展光伏")]


def test_guarantee_group_numbered_last_in_the_action_part_holds_no_measure_paths():
    text = ("三、重点任务\n（一）推进节能\n1.抓好工业节能。正文。\n（二）认真抓好组织实施\n1.加强领导。正文。\n"
            "（三）加强碳达峰碳中和工作保障\n1.加强考核。正文。\n")
    assert _measure_paths(text) == [("三/（一）/1", "抓好工业节能")]
    # a leaf titled with a guarantees noun among task items is a task
    text = ("二、重点任务\n（六）倡导绿色生活\n29.营造绿色低碳生活氛围。正文。\n30.深化国际合作与宣传引导。正文。\n"
            "三、保障机制\n（一）建立工作机制。正文。\n（二）做好舆论宣传引导。正文。\n")
    assert _measure_paths(text) == [("二/（六）/29", "营造绿色低碳生活氛围"), ("二/（六）/30", "深化国际合作与宣传引导")]


def test_procedural_items_of_a_call_are_not_measure_paths():
    text = "一、支持方向\n（一）低碳技术。正文。\n（二）咨询电话\n021-1234。\n"
    assert _measure_paths(text) == [("一/（一）", "低碳技术")]


def test_table_of_contents_is_skipped():
    text = ("目  录\n一、总体要求……………………3\n二、重点任务……………………5\n（一）推进节能……6\n"
            "一、总体要求\n正文。\n二、重点任务\n（一）推进节能。正文。\n")
    assert _measure_paths(text) == [("二/（一）", "推进节能")]
    text = "目录\n第一章总则\n第二章监督管理\n第一章总则\n第一条 为了保护环境，制定本条例。\n第二章监督管理\n第二条 加强监管。\n"
    titles = [h.title for h in find_headings(text)]
    assert titles == ["总则", "为了保护环境，制定本条例", "监督管理", "加强监管"]


def test_item_number_on_its_own_line():
    text = "一、重点任务\n（一）\n  推进节能。正文在此。\n（二）发展光伏。正文。\n"
    (first, second) = find_headings(text)[1:]
    assert first.title == "推进节能" and text[first.title_span[0]:first.title_span[1]] == "推进节能"
    assert text[first.body_start:first.body_start + 4] == "正文在此"


def test_annex_numbered_in_chinese_restarts_the_numbering():
    text = "一、任务\n（一）甲。正文。\n附件一\n一、分工\n（一）乙。正文。\n"
    assert [p for p, _ in _measure_paths(text)] == ["一/（一）", "附件一/一/（一）"]
    roots = build_tree(find_headings(text), len(text))
    assert roots[1].path == "附件一" and roots[1].children[0].path == "附件一/一"


def test_numeral_values_of_markers():
    from policykg.extractor.structure import numeral_value
    assert [numeral_value(m) for m in ("（十二）", "三", "12", "（3）", "⑤", "第二十一条", "附件2", "甲")] == \
        [12, 3, 12, 3, 5, 21, 2, None]


def test_background_and_promotion_parts_hold_no_measures():
    text = ("一、发展基础与面临形势\n（一）发展成果。正文。\n（二）存在问题。正文。\n二、主要任务\n（一）推进节能。正文。\n"
            "三、推进措施\n（一）健全绿色金融体系。正文。\n")
    assert _measure_paths(text) == [("二/（一）", "推进节能")]


def test_a_part_that_reviews_the_last_period_holds_no_measures():
    # the sub-headings state a record and an outlook; the chapter's own title names no kind
    text = ("第一章 开启美丽新城建设新征程\n第一节 生态环境保护取得突出成效\n空气质量持续改善。\n"
            "第二节 生态环境保护仍然任重道远\n结构性污染依然突出。\n第三节 为美丽新城建设开好局\n正文。\n"
            "第二章 推进绿色转型\n第一节 加快产业结构调整\n正文。\n第二节 巩固提升治理成效\n正文。\n")
    assert _measure_paths(text) == [("第二章/第一节", "加快产业结构调整"), ("第二章/第二节", "巩固提升治理成效")]
    # a part titled by the record of the last period
    text = ("一、“十三五”时期主要成就\n（一）林草资源稳步增长。正文。\n（二）资源管护持续加强。正文。\n"
            "二、主要任务\n（一）推进国土绿化。正文。\n")
    assert _measure_paths(text) == [("二/（一）", "推进国土绿化")]
    # a long line that ends like a record is the body of a table row, not a statement
    text = "二、评分标准\n1.推广应用家庭节能产品（3分）查阅文件材料社区开展推广活动并取得良好效果\n"
    assert _measure_paths(text) == [("二/1", "推广应用家庭节能产品（3分）查阅文件材料社区开展推广活动并取得良好效果")]


def test_a_part_whose_items_mostly_organise_the_work_is_a_guarantees_part():
    text = ("三、重点任务\n（一）推进工业节能。正文。\n四、强化工作落实\n（一）加强组织领导。正文。\n"
            "（二）强化监督考核。正文。\n（三）开展全民行动。正文。\n")
    assert _measure_paths(text) == [("三/（一）", "推进工业节能")]
    # most items are policies: the part is an action part, and its one organising item among them
    # is a task too
    text = ("七、强化工作落实\n（一）强化法律法规支撑。正文。\n（二）加大财税扶持力度。正文。\n"
            "（三）加强组织领导。正文。\n")
    assert [p for p, _ in _measure_paths(text)] == ["七/（一）", "七/（二）", "七/（三）"]
    # two organising items of four are no majority, and neither stands among tasks only
    text = ("七、强化工作落实\n（一）强化法律法规支撑。正文。\n（二）加大财税扶持力度。正文。\n"
            "（三）加强组织领导。正文。\n（四）强化监督考核。正文。\n")
    assert [p for p, _ in _measure_paths(text)] == ["七/（一）", "七/（二）"]
    # a closing part of monitoring, supervision and accountability, named so by its own noun
    text = ("五、加强节能能力建设\n（十七）完善计量体系。正文。\n六、强化监督落实\n（十八）加强监测预警。正文。\n"
            "（十九）健全工作督促机制。正文。\n（二十）严肃责任追究。正文。\n")
    assert _measure_paths(text) == [("五/（十七）", "完善计量体系")]


def test_contents_with_private_use_leaders_end_at_the_first_paragraph():
    """Some PDFs draw the dot leaders of their contents with a private-use glyph and end their
    sentences with ．; the contents must stop at the first paragraph, not swallow the plan."""
    from policykg.extractor import parse

    leader = "\U00100000" * 6
    text = ("目录\n一、总体要求" + leader + "1\n二、重点任务" + leader + "2\n"
            "为推动绿色发展，制定本方案．\n一、总体要求\n坚持绿色发展．\n二、重点任务\n"
            "（一）发展光伏发电\n推进光伏建设．\n（二）推广新能源汽车\n推动公交电动化．\n")
    plan = parse(text)
    assert [m.title for m in plan.measures] == ["发展光伏发电", "推广新能源汽车"]


def test_sections_of_chapters_are_a_level_of_the_path():
    text = ("第一章 工作回顾及机遇挑战\n第一节 工作回顾\n体系进一步健全。\n第二章 主要任务\n"
            "第一节 推进机制体制一体化提升应急管理能力\n1.完善环境应急管理法制。\n正文。\n"
            "2.深化环境应急联动机制。\n正文。\n第二节 推进风险防控常态化\n1.深化环境风险评估。\n正文。\n"
            "第三章 保障措施\n第一节 加强组织领导\n正文。\n")
    assert _measure_paths(text) == [("第二章/第一节/1", "完善环境应急管理法制"), ("第二章/第一节/2", "深化环境应急联动机制"),
                                    ("第二章/第二节/1", "深化环境风险评估")]


def test_numbered_list_of_a_box_is_not_a_heading():
    text = ("二、重点任务\n（一）推进机制一体化\n1.完善法制。\n正文。\n2.深化联动。\n正文。\n专栏1 提升应急管理能力重点任务\n"
            "（一）建立健全联防联控机制。\n（二）修订完善联防联控机制。\n（三）加强能力建设。\n（二）推进风险防控常态化\n"
            "1.深化风险评估。\n正文。\n")
    assert _measure_paths(text) == [("二/（一）/1", "完善法制"), ("二/（一）/2", "深化联动"),
                                    ("二/（二）/1", "深化风险评估")]
    # a box whose list restarts the top numbering ends where that numbering continues
    text = ("一、总体要求\n正文。\n二、重点任务\n（一）推进工业。\n正文。\n专栏一 重点工程\n一、钢铁工程。正文。\n"
            "二、水泥工程。正文。\n（二）推进交通。\n正文。\n三、保障措施\n（一）加强领导。\n")
    assert _measure_paths(text) == [("二/（一）", "推进工业"), ("二/（二）", "推进交通")]


def test_item_whose_title_starts_with_digits_continues_the_numbering():
    text = "四、重点项目\n（二）电网项目\n1.特高压电网。正文。\n2.500千伏电网。正文。\n3.220千伏电网。正文。\n"
    assert _measure_paths(text) == [("四/（二）/1", "特高压电网"), ("四/（二）/2", "500千伏电网"),
                                    ("四/（二）/3", "220千伏电网")]
    # without a previous item 1 it stays a decimal in the body
    assert _measure_paths("二、任务\n（一）电能替代\n2.5亿千瓦时的电能替代。\n") == [("二/（一）", "电能替代")]


_PARAGRAPH_TASKS = ("三、主要任务\n（一）加强土壤污染风险管控\n持续推进攻坚行动，坚持控源头、防新增。\n1.农用地安全利用\n"
                    "严格控制重金属排放。将企业纳入重点排污单位名录。（省生态环境厅、农业农村厅等按职责分工负责）\n"
                    "开展农用地土壤污染深度调查。开展加密调查及溯源分析。（省农业农村厅牵头，自然资源厅参与）\n"
                    "2.工矿企业用地土壤污染源头防范\n加强土壤污染系统治理。严格环境影响评价。（省生态环境厅负责）\n"
                    "推动实施绿色化改造。鼓励实施管道化改造。（省发展改革委、生态环境厅等按职责分工负责）\n"
                    "专栏1 重点工程\n（一）调查工程。开展补充调查。\n四、保障措施\n（一）强化组织领导\n发挥协调机制作用。（省生态环境厅牵头）\n")


def test_paragraphs_each_closed_by_a_unit_clause_are_measures():
    from policykg.extractor import parse

    plan = parse(_PARAGRAPH_TASKS)
    assert [(m.path, m.number, m.title) for m in plan.measures] == [
        ("三/（一）/1/¶1", "", "严格控制重金属排放"), ("三/（一）/1/¶2", "", "开展农用地土壤污染深度调查"),
        ("三/（一）/2/¶1", "", "加强土壤污染系统治理"), ("三/（一）/2/¶2", "", "推动实施绿色化改造")]
    assert [[(u.raw, u.role) for u in m.units] for m in plan.measures][:2] == [
        [("省生态环境厅", "lead"), ("农业农村厅", "support")], [("省农业农村厅", "lead"), ("自然资源厅", "support")]]
    # the box after the last paragraph is part of it; each split group is a warning
    assert plan.measures[3].text.endswith("开展补充调查。")
    assert [w.message.split(" ")[0] for w in plan.warnings if w.code == "measure-paragraphs"] == ["三/（一）/1", "三/（一）/2"]
    for m in plan.measures:
        assert _PARAGRAPH_TASKS[m.span[0]:m.span[0] + len(m.title)] == m.title


def test_paragraph_measures_need_every_paragraph_closed_and_headed():
    from policykg.extractor import parse

    # one paragraph has no clause of its own: the item stays one measure
    text = ("一、重点任务\n（一）推进节能\n加强工业节能。正文。（市经信局负责）\n加强建筑节能。正文没有单位。\n"
            "推进交通节能。正文。（市交通局负责）\n")
    assert [m.path for m in parse(text).measures] == ["一/（一）"]
    # paragraphs that open without a heading sentence stay the item's body
    text = ("一、重点任务\n（一）推进节能\n围绕工业、建筑和交通等重点领域，加强节能管理，提升能效水平。（市经信局负责）\n"
            "在交通领域推广新能源车辆，加快充电设施建设，优化运输结构。（市交通局负责）\n")
    assert [m.path for m in parse(text).measures] == ["一/（一）"]
    # an item whose heading line carries its own clause is an ordinary measure
    text = ("一、重点任务\n（一）推进节能。正文。（市经信局负责）\n加强建筑节能。正文。（市住建局负责）\n"
            "推进交通节能。正文。（市交通局负责）\n")
    assert [m.path for m in parse(text).measures] == ["一/（一）"]


def test_one_closed_paragraph_is_a_measure_where_its_siblings_are_split():
    from policykg.extractor import parse

    text = ("一、重点任务\n（一）推进节能\n加强工业节能。正文。（市经信局负责）\n加强建筑节能。正文。（市住建局负责）\n"
            "（二）实施生态保护成效评估\n提升遥感监测能力。正文。（市生态环境局负责）\n")
    assert [(m.path, m.title) for m in parse(text).measures] == [
        ("一/（一）/¶1", "加强工业节能"), ("一/（一）/¶2", "加强建筑节能"), ("一/（二）/¶1", "提升遥感监测能力")]
    # with no sibling split, the item of one paragraph is the measure
    text = ("一、重点任务\n（一）实施生态保护成效评估\n提升遥感监测能力。正文。（市生态环境局负责）\n"
            "（二）推进节能\n加强工业节能。正文。（市经信局负责）\n")
    assert [(m.path, m.title) for m in parse(text).measures] == [
        ("一/（一）", "实施生态保护成效评估"), ("一/（二）", "推进节能")]


def test_next_item_running_on_after_a_unit_clause_is_a_heading():
    from policykg.extractor import parse

    text = ("一、重点任务\n（一）推进节能。正文。（责任单位：市发展改革委）（二）发展光伏。正文。（责任单位：市能源局）\n"
            "（三）推广电动车\n1．建设充电桩。正文。（市交通局、市住建局按职责分工负责）2．推广公交车。正文。（市交通局负责）\n")
    plan = parse(text)
    assert [(m.path, m.title, [u.raw for u in m.units]) for m in plan.measures] == [
        ("一/（一）", "推进节能", ["市发展改革委"]), ("一/（二）", "发展光伏", ["市能源局"]),
        ("一/（三）/1", "建设充电桩", ["市交通局", "市住建局"]), ("一/（三）/2", "推广公交车", ["市交通局"])]
    assert [text[m.span[0]:m.span[0] + 4] for m in plan.measures] == ["（一）推", "（二）发", "1．建设", "2．推广"]
    # a bracket that is no unit clause does not end the item
    assert [m.title for m in parse("一、重点任务\n（一）执行办法。依照《办法》（试行）（二）条的规定执行。\n").measures] == ["执行办法"]


RULES = ("第一条（扶持对象）本区注册的企业。\n"
         "第二条（扶持内容）\n（一）节能技改。对节能技改项目给予补贴。\n（二）合同能源管理。给予补贴。\n"
         "第三条（资金来源）专项资金列入区级财政预算。\n"
         "第四条 对重大项目另行予以重点扶持。\n"
         "第五条 本办法所需资金由区人民政府安排。\n"
         "第六条 申请本办法补贴的企业，应当提交申请材料。\n"
         "第七条 严禁截留、挪用、冒领补助资金。\n"
         "第八条 本办法自印发之日起施行。\n")


def test_an_articles_label_in_brackets_is_its_title():
    titles = [n.heading.title for n in walk(_tree(RULES)) if n.heading.kind == "article"]
    assert titles[:3] == ["扶持对象", "扶持内容", "资金来源"]


def test_procedural_articles_and_the_closing_run_that_names_the_rules_are_no_measures():
    # eligibility, funding source and the closing run (本办法所需资金 … 本办法自…施行, with the one
    # article between two that name the rules) are procedure; the support articles are measures
    assert _measure_paths(RULES) == [("第二条/（一）", "节能技改"), ("第二条/（二）", "合同能源管理"),
                                     ("第四条", "对重大项目另行予以重点扶持")]


def test_an_article_that_opens_with_the_rules_name_is_procedure_but_one_that_cites_them_midway_is_not():
    text = ("第一条 本细则适用于本市碳排放权交易。\n第二条 对符合本细则规定的企业给予奖励。\n"
            "第三条 推进碳普惠机制建设。\n")
    assert _measure_paths(text) == [("第二条", "对符合本细则规定的企业给予奖励"), ("第三条", "推进碳普惠机制建设")]


def test_a_tab_after_an_articles_number_is_not_part_of_its_title():
    assert [n.heading.title for n in walk(_tree("第九条\t县级以上人民政府应当加强监管。\n"))] == ["县级以上人民政府应当加强监管"]


def test_a_notices_one_unnumbered_annex_is_no_part_of_the_paths():
    from policykg.extractor import parse

    text = ("关于印发某某实施方案的通知\n各区：\n现将《某某实施方案》印发给你们。\n附件：\n《某某实施方案》\n"
            "甲区人民政府\n附件\n某某实施方案\n"
            "一、重点任务\n（一）推进光伏。推进光伏建设。（责任单位：区发展改革局）\n（二）推进储能。推进储能建设。\n")
    assert [m.path for m in parse(text).measures] == ["一/（一）", "一/（二）"]
    numbered = text.replace("附件\n某某", "附件1\n某某")
    assert [m.path for m in parse(numbered).measures] == ["一/（一）", "一/（二）"]
    beside_a_table = numbered + "附件2\n重点项目表\n"
    assert [m.path for m in parse(beside_a_table).measures] == ["附件1/一/（一）", "附件1/一/（二）"]
    beside = "某某方案\n一、重点任务\n（一）推进光伏。推进。\n附件\n一、名单\n（一）甲单位。甲。\n"
    assert [m.path for m in parse(beside).measures] == ["一/（一）", "附件/一/（一）"]


def _form_item(number: str, title: str, clause: str) -> str:
    """One item of a list that fills in the same form for each item."""
    return (f"{number}、{title}\n（一）年度工作计划\n完成{title}。\n（二）具体工作措施\n1.制定方案。\n2.开展核查。\n"
            f"{clause}完成时限：2021年12月底前\n")


def _folded_measures(text: str) -> list[str]:
    from policykg.extractor.structure import fold_forms
    roots = _tree(text)
    fold_forms(roots, text)
    return [n.path for n in walk(roots) if is_measure(n)]


def test_sub_headings_repeated_under_every_item_are_fields_of_the_item():
    text = "".join(_form_item(n, t, f"责任处室：{u}\n") for n, t, u in
                    [("一", "开展调查", "调查处"), ("二", "确权登记", "登记处"), ("三", "资产清查", "权益处")])
    assert _folded_measures(text) == ["一", "二", "三"]
    roots = _tree(text)
    from policykg.extractor.structure import fold_forms
    fold_forms(roots, text)
    assert text[roots[0].heading.start:roots[0].own_end].rstrip().endswith("完成时限：2021年12月底前")


def test_repeated_sub_headings_without_one_unit_clause_per_item_stay_measures():
    # the regions of a plan, each with the same parts holding its measures, and no unit clause
    text = "".join(_form_item(n, t, "") for n, t in [("一", "甲"), ("二", "乙"), ("三", "丙")])
    assert _folded_measures(text)[:3] == ["一/（一）", "一/（二）/1", "一/（二）/2"]
    # a unit clause on each step: the steps are the measures
    text = "".join(_form_item(n, t, "").replace("。\n2", "（责任单位：甲处）。\n2").replace("查。", "查（责任单位：乙处）。")
                   for n, t in
                   [("一", "甲"), ("二", "乙"), ("三", "丙")])
    assert "一/（二）/1" in _folded_measures(text)


def test_one_shared_sub_heading_title_is_not_a_form():
    text = "".join(f"{n}、{t}\n（一）重点任务\n1.推进。正文。\n（二）{t}工程\n1.建设。正文。\n责任单位：甲局\n"
                   for n, t in [("一", "能源"), ("二", "工业"), ("三", "交通")])
    assert _folded_measures(text)[:2] == ["一/（一）/1", "一/（二）/1"]


def test_an_annex_naming_the_organisation_of_the_work_holds_no_measures():
    text = ("一、重点任务\n（一）完善价格机制。正文。\n附件\n河北省改革工作专班\n一、组织机构\n组长：张三省发展改革委副主任\n"
            "成员：李四省国资委处长\n二、工作要求\n（一）加强协调对接。正文。\n")
    assert [p for p, _ in _measure_paths(text)] == ["一/（一）"]


_REPORT = ("关于推动乡村绿色发展的实施意见\n"
           "（记者张三）日前，省政府办公厅印发《关于推动乡村绿色发展的实施意见》提出，到2025年，农村生活污水治理率达到60%。\n"
           "构建绿色发展新格局\n"
           "优化乡村空间布局。围绕县城和中心镇，统筹安排生产生活空间。\n"
           "推进生态修复。实施退耕还林，修复河湖湿地。\n"
           "在山区推广小流域综合治理，遏制水土流失。\n"
           "加快发展方式转型\n"
           "推广绿色农房。新建农房执行节能标准。\n"
           "倡导绿色生活。开展垃圾分类，推行节约用水。\n")


def test_a_document_with_no_numbered_heading_is_read_by_its_unnumbered_parts():
    from policykg.extractor import parse

    plan = parse(_REPORT)
    # no number is printed, so none is given; the items are numbered through both parts
    assert {m.number for m in plan.measures} == {""}
    assert {m.title: m.path for m in plan.measures} == {
        "优化乡村空间布局": "¶1", "推进生态修复": "¶2", "推广绿色农房": "¶3", "倡导绿色生活": "¶4"}
    assert [s.title for s in plan.sections if s.path == ""] == ["构建绿色发展新格局", "加快发展方式转型"]
    # a paragraph under a part that opens without a heading sentence goes on with the item before it
    assert plan.measures[1].text.endswith("遏制水土流失。")
    assert [w.code for w in plan.warnings if w.code in ("measure-unnumbered", "no-measures")] == ["measure-unnumbered"]


def test_an_unnumbered_part_of_guarantees_holds_no_measures():
    from policykg.extractor import parse

    text = _REPORT + "强化组织保障\n加强组织领导。各地建立工作专班。\n强化考核评估。将任务纳入年度考核。\n"
    assert [m.title for m in parse(text).measures][-1] == "倡导绿色生活"


def test_a_notice_without_numbered_headings_keeps_no_measures():
    from policykg.extractor import parse

    # one short line between paragraphs is not a plan's parts: too few parts, and too few items
    text = ("关于报送绿色发展典型案例的通知\n各市发展改革委：\n为总结推广经验，现将有关事项通知如下。\n"
            "报送案例\n请各地推荐典型案例。每市不超过3个。\n材料须真实准确。按时报送。\n"
            "省发展改革委\n2022年5月6日\n")
    plan = parse(text)
    assert plan.measures == []
    assert "no-measures" in [w.code for w in plan.warnings]
    # each part needs two items: a second part over one paragraph leaves the document without parts
    text = _REPORT.replace("倡导绿色生活。开展垃圾分类，推行节约用水。\n", "")
    assert parse(text).measures == []


def test_a_numbered_plan_does_not_read_unnumbered_parts():
    from policykg.extractor import parse

    # the parts and paragraphs of _REPORT under one numbered heading stay that heading's body
    text = "一、重点任务\n" + _REPORT.split("\n", 1)[1]
    assert [(m.path, m.title) for m in parse(text).measures] == [("一", "重点任务")]


def test_a_line_that_is_only_an_assurance_title_starts_a_part():
    text = ("七、完善政策体系\n（二十三）健全交易机制。正文。\n组织保障措施\n（二十四）加强统筹协调。正文。\n"
            "（二十五）抓好试点示范。正文。\n")
    assert _measure_paths(text) == [("七/（二十三）", "健全交易机制")]
    # a line of other words, or one that is a sentence, heads nothing
    for line in ("重点工作安排", "加强组织保障，确保落实。"):
        text = f"七、完善政策体系\n（二十三）健全交易机制。正文。\n{line}\n（二十四）抓好试点示范。正文。\n"
        assert [p for p, _ in _measure_paths(text)] == ["七/（二十三）", "七/（二十四）"]


def test_a_heading_joining_two_part_titles_is_a_part_of_that_kind():
    text = ("二、指导思想与总体目标\n（一）坚持绿色发展\n正文。\n（二）到2025年比重达到20%\n正文。\n"
            "三、项目申报和审核\n（一）网上填报。正文。\n四、重点任务\n（一）推进节能和减排。正文。\n")
    assert _measure_paths(text) == [("四/（一）", "推进节能和减排")]


def test_problems_outlooks_and_dated_objectives_hold_no_measures():
    # the chapter's own title names no kind: its items, a record, problems and an outlook, give it
    text = ("第一章 能源转型新起点\n一、过去五年的主要成效\n正文。\n二、存在问题\n正文。\n三、能源发展新形势、新要求\n"
            "（一）能源安全风险增多\n正文。\n（二）转型形势更加紧迫\n正文。\n第二章 指导方针和主要目标\n"
            "一、指导方针\n正文。\n二、2025年主要目标\n正文。\n三、2035年远景目标\n正文。\n"
            "第三章 构建韧性能源体系\n一、建设可靠电力系统\n正文。\n二、着力解决群众身边存在的突出问题\n正文。\n"
            "第四章 生态环境保护形势\n一、“十四五”生态环境保护面临的机遇\n正文。\n二、存在的主要问题\n正文。\n")
    assert _measure_paths(text) == [("第三章/一", "建设可靠电力系统"), ("第三章/二", "着力解决群众身边存在的突出问题")]


def test_numbered_rows_and_notes_of_a_captioned_table_are_not_headings():
    text = ("二、总体目标\n到2025年，达到目标。\n表1\t“十四五”主要目标\n指标\t2020年\t2025年\t属性\n（一）总体指标\n"
            "1.森林覆盖率（%）\t14\t15\t约束性\n2.湿地保护率（%）\t——\t55\t预期性\n（二）工业领域\n"
            "3.能耗降低（%）\t1\t2\t约束性\n注：1.标*为预计数。\n2.[]内为累计值。\n三、重点任务\n（一）推进节能。正文。\n"
            "1.推进工业节能。正文。\n表2 重点工程\n项目\t规模\t投资\n2.推进建筑节能。正文。\n")
    assert [(h.marker, h.title) for h in find_headings(text)] == [
        ("二", "总体目标"), ("三", "重点任务"), ("（一）", "推进节能"), ("1", "推进工业节能"), ("2", "推进建筑节能")]
    # a caption with no rows of cells under it opens no table
    assert [h.marker for h in find_headings("一、任务\n表3 项目清单\n（一）推进节能。正文。\n")] == ["一", "（一）"]


def test_the_objectives_of_a_named_year_are_no_measure():
    text = ("第二章 发展方向\n一、2025年主要目标\n正文。\n二、推进节能\n正文。\n三、推进减排\n正文。\n"
            "第三章 展望\n一、2021年—2023年目标\n正文。\n二、落实碳达峰目标\n正文。\n")
    assert _measure_paths(text) == [("第二章/二", "推进节能"), ("第二章/三", "推进减排"), ("第三章/二", "落实碳达峰目标")]


def test_sections_numbered_by_decimals_nest_by_depth():
    text = ("第四章 主要任务\n4.1绿色低碳循环发展任务\n4.1.1健全生产体系\n1、推进工业绿色升级。正文。\n"
            "2、加快农业绿色发展。正文。\n4.1.2 健全流通体系\n正文。\n4.2大气环境质量改善任务\n"
            "2.5万吨以上的项目要纳入清单。\n1.4月底前完成排查。\n1.5倍于上年。\n4.2.1推进产业结构调整\n正文。\n")
    assert [(m.path, m.heading.title) for m in _measures(text)] == [
        ("第四章/4.1/4.1.1/1", "推进工业绿色升级"), ("第四章/4.1/4.1.1/2", "加快农业绿色发展"),
        ("第四章/4.1/4.1.2", "健全流通体系"), ("第四章/4.2/4.2.1", "推进产业结构调整")]


def test_contents_end_where_the_first_entry_repeats_less_its_white_space():
    text = ("目  录\n第一章\t规划实施情况····4\n第二章\t主要任务····9\n第一章规划实施情况\n1.1指标完成情况\n正文。\n"
            "第二章主要任务\n2.1推进节能\n正文。\n")
    assert [h.marker for h in find_headings(text)] == ["第一章", "1.1", "第二章", "2.1"]


def test_a_part_that_asks_to_grasp_the_significance_or_the_requirements_holds_no_measures():
    text = ("一、深刻领会推动城乡建设绿色低碳发展的重要意义\n（一）坚定绿色发展理念。正文。\n"
            "二、准确把握推动城乡建设绿色低碳发展的总体要求\n正文。\n"
            "三、重点任务\n（二）推进节能。正文。\n（三）充分认识节水工作。正文。\n"
            "四、重要意义\n正文。\n")
    assert _measure_paths(text) == [("三/（二）", "推进节能"), ("三/（三）", "充分认识节水工作")]


def test_rules_printed_as_their_one_numbered_annex_keep_only_their_working_chapters():
    text = ("附件1\n某某碳普惠管理办法\n第一章总则\n第一条为规范碳普惠管理，制定本办法。\n"
            "第二条省生态环境厅负责碳普惠管理工作。\n第二章碳普惠管理\n第三条项目业主按照自愿原则申报减排量。\n"
            "第三章监督管理\n第四条省生态环境厅应及时公布备案信息。\n第五章附则\n第五条本办法自印发之日起施行。\n")
    assert _measure_paths(text) == [("第二章/第三条", "项目业主按照自愿原则申报减排量")]


def test_an_appendix_heading_of_a_plan_is_no_measure():
    text = ("三、重点任务\n（一）发展风电。正文。\n（二）发展光伏。正文。\n四、保障措施\n（一）加强组织领导。正文。\n"
            "五、附录：技术路线图\n")
    assert [p for p, _ in _measure_paths(text)] == ["三/（一）", "三/（二）"]
    assert [p for p, _ in _measure_paths(text.replace("五、附录：技术路线图", "五、附表1 重点项目"))] == \
        ["三/（一）", "三/（二）"]


def test_a_part_that_builds_a_mechanism_is_a_task_part_unless_its_items_organise_the_work():
    text = ("二、健全生态产品保护补偿机制\n（一）完善纵向补偿制度。正文。\n"
            "三、健全生态产品价值实现保障机制\n（二）建立价值考核机制。正文。\n（三）加大绿色金融支持力度。正文。\n"
            "四、建立生态产品价值实现推进机制\n（四）加强组织领导。正文。\n（五）推进试点示范。正文。\n"
            "（六）推动督促落实。正文。\n")
    assert [p for p, _ in _measure_paths(text)] == ["二/（一）", "三/（二）", "三/（三）"]
    kinds = {n.path: n.kind for n in walk(_tree(text))}
    assert kinds["三"] == "action" and kinds["四"] == "guarantees"
    reform = "十一、创新绿色发展推进机制\n（一）培育市场交易机制。正文。\n（二）推进低碳试点。正文。\n十二、保障措施\n（一）加强组织领导。正文。\n"
    assert [p for p, _ in _measure_paths(reform)] == ["十一/（一）", "十一/（二）"]


def test_numbered_rows_of_a_table_printed_as_cells_are_not_headings():
    # rows with a value or an empty cell after the number's words, and a row whose number stands in
    # a later cell; a heading whose body the PDF laid out with tabs is kept, and so is one tab
    text = ("3.4净购入热力活动水平数据\n2.3.2外购热力量\t\t\t百万千焦\n2.3.3外输热力量\t吉焦\t—\n"
            "1．高新技术产业比重（%）\t45.1\t50\t预期性\n\t\t\t8.其他情况记录。\n"
            "二、重点任务\n（一）推进工业绿色升级。全力做好结构调整\t大力发展再生资源产业\t推进再制造。\n"
            "（二）大力发展绿色金融\t加强绿色金融协调沟通工作\t发展绿色信贷。\n5.4\t排放单元与排放设备识别\n正文。\n")
    assert [(h.marker, h.title) for h in find_headings(text)] == [
        ("3.4", "净购入热力活动水平数据"), ("二", "重点任务"), ("（一）", "推进工业绿色升级"),
        ("（二）", "大力发展绿色金融"), ("5.4", "排放单元与排放设备识别")]


def test_a_header_row_opens_a_table_as_a_caption_does():
    # no 表N caption: the header row of cells opens the table, so its group rows are cells too
    text = ("二、主要目标\n到2025年，达到目标。\n指标\t2020年\t2025年\t指标属性\n（一）产业\t绿色转型\t升级\n"
            "1．四新经济增加值占比（%）\t30.2\t40\t预期性\n（二）资源\t节约集约\t循环利用\n"
            "2．单位GDP能耗降低（%）\t—\t完成国家下达任务\t约束性\n三、重点任务\n（一）推进节能。正文。\n")
    assert [(h.marker, h.title) for h in find_headings(text)] == [("二", "主要目标"), ("三", "重点任务"), ("（一）", "推进节能")]


def test_a_chapter_of_general_provisions_holds_no_measures():
    text = ("第三章 规划总则\n3.1指导思想\n正文。\n3.2基本原则\n正文。\n3.3规划范围和期限\n正文。\n3.4目标指标\n"
            "1.规划目标\n正文。\n2.规划指标\n正文。\n第四章 重点任务\n4.1推进节能\n正文。\n")
    kinds = {n.path: n.kind for n in walk(_tree(text))}
    assert kinds["第三章"] == "principles" and kinds["第三章/3.3"] == "principles"
    assert _measure_paths(text) == [("第四章/4.1", "推进节能")]
    # the general provisions of rules, their title broken by a gap in the PDF, hold no measures either
    rules = "第一章总\t则\n第一条为了促进绿色发展，制定本条例。\n第二章激励措施\n第二条鼓励企业开展节能改造。\n"
    assert _measure_paths(rules) == [("第二章/第二条", "鼓励企业开展节能改造")]
    # a plan's indicators stated apart from its goals are objectives, wherever they stand
    assert _measure_paths("一、目标指标\n（一）主要指标\n正文。\n二、任务\n（一）推进节能。正文。\n") == [("二/（一）", "推进节能")]


def test_any_part_of_steps_is_a_timeline():
    text = ("二、创建内容\n（一）推进社区基础设施绿色化。正文。\n三、创建步骤\n（一）建立试点，有序开展（2021年10月至2021年11月）\n"
            "1.动员部署。正文。\n2.组织实施。正文。\n（二）推广示范阶段（2021年12月至2022年5月）\n1.探索经验。正文。\n")
    assert _measure_paths(text) == [("二/（一）", "推进社区基础设施绿色化")]


def test_the_year_plan_field_of_an_annual_task_list_is_dated_by_the_plans_year():
    """Each task's （一）年度工作计划 says what the year is to achieve: in a list for 2021 its number
    is a 2021 target; the same words under （二）具体工作措施 print no year and set none."""
    from policykg.extractor import parse
    items = [("一", "严格保护岸线", "继续实行岸线零占用，自然岸线长度不低于400公里。", "海域处"),
             ("二", "开展调查", "完成年度变更调查。", "调查处"),
             ("三", "推进修复", "推进矿山修复。", "修复处")]
    text = ("关于印发《某省自然资源厅2021年度生态环境保护工作计划和措施清单》的通知\n厅机关各处室：\n"
            "现将清单印发给你们，请遵照执行。\n某省自然资源厅\n2021年4月21日\n"
            "某省自然资源厅2021年度生态环境保护工作计划和措施清单\n") + "".join(
        f"{n}、{t}\n（一）年度工作计划\n{plan}\n（二）具体工作措施\n1.修复岸线10公里。\n2.开展核查。\n"
        f"责任处室：{u}\n完成时限：2021年12月底前\n" for n, t, plan, u in items)
    plan = parse(text)
    assert [m.path for m in plan.measures] == ["一", "二", "三"]
    assert [(t.year, t.value, t.unit, t.comparator) for t in plan.targets] == [(2021, 400, "公里", "ge")]
