from policykg.extractor.labels import LeadBasis, Role
from policykg.extractor.unit_clauses import DocRules, assign_roles, find_clauses


def _roles(text, rules=DocRules()):
    (clause,) = find_clauses(text, 0, len(text))
    return [(u.full, r.value, b.value) for u, r, b in assign_roles(clause, rules)]


def test_plain_clause_first_listed_lead_and_trailing_deng():
    assert _roles("推进工作。（责任单位：区发展改革局、区规划和自然资源局等）") == [
        ("区发展改革局", "lead", "first_listed"), ("区规划和自然资源局", "support", "first_listed")]


def test_square_and_tortoise_brackets_and_own_line():
    assert _roles("正文。［责任单位：市经信局、市财政局］")[0][0] == "市经信局"
    assert _roles("正文。〔责任单位：市商务局、市农业农村局〕")[1][0] == "市农业农村局"
    assert _roles("正文。\n责任单位：市商务局、市农业农村局\n")[0][:2] == ("市商务局", "lead")


def test_labelled_lead_and_support():
    assert _roles("（牵头单位：市经信局、市发改委；配合单位：市财政局）") == [
        ("市经信局", "lead", "explicit"), ("市发改委", "lead", "explicit"), ("市财政局", "support", "explicit")]
    assert _roles("（牵头单位：市经信局；责任单位：各区（市）县政府）")[1] == ("各区（市）县政府", "support", "explicit")


def test_labels_on_separate_lines():
    text = "正文。\n牵头单位：市住建局\n配合单位：市交通运输局、市财政局\n"
    assert _roles(text) == [("市住建局", "lead", "explicit"), ("市交通运输局", "support", "explicit"),
                            ("市财政局", "support", "explicit")]


def test_lead_and_cooperate_in_brackets():
    assert _roles("做好工作（市发改委牵头，市经信局、市财政局配合）。") == [
        ("市发改委", "lead", "explicit"), ("市经信局", "support", "explicit"), ("市财政局", "support", "explicit")]


def test_comma_rule_stated_in_the_clause():
    roles = _roles("［责任单位：市经信局、市生态环境局，各区（市）县政府（管委会）；逗号前为牵头单位，下同］")
    assert roles == [("市经信局", "lead", "explicit"), ("市生态环境局", "lead", "explicit"),
                     ("各区（市）县政府（管委会）", "support", "explicit")]


def test_first_listed_rule_per_province_with_prefix_completion():
    roles = _roles("（责任单位：重庆市发展改革委、市经济信息委；四川省发展改革委、省经济和信息化厅）", DocRules(first=True))
    assert roles == [("重庆市发展改革委", "lead", "explicit"), ("重庆市经济信息委", "support", "explicit"),
                     ("四川省发展改革委", "lead", "explicit"), ("四川省经济和信息化厅", "support", "explicit")]


def test_completed_name_keeps_the_printed_words():
    (clause,) = find_clauses("（责任单位：重庆市发展改革委、市经济信息委）", 0, 22)
    assert [(u.raw, u.full) for u in clause.units] == [("重庆市发展改革委", "重庆市发展改革委"),
                                                      ("市经济信息委", "重庆市经济信息委")]


def test_no_lead_rule_makes_units_joint():
    assert _roles("（责任单位：市发改委、市经信局）", DocRules(no_lead=True))[0][1:] == ("joint", "none")


def test_collective_units_stay_whole():
    names = [r[0] for r in _roles("（责任单位：市发改委，各区人民政府〈含开发区、风景区管委会〉）")]
    assert names == ["市发改委", "各区人民政府〈含开发区、风景区管委会〉"]


def test_doc_rules_are_found_in_text():
    assert DocRules.find("各项任务中列首位的为牵头单位。").first
    assert DocRules.find("排在第一为牵头单位，下同").first
    assert DocRules.find("未明确牵头单位的，由各责任单位按职责分工负责").no_lead
    assert Role.LEAD.value == "lead" and LeadBasis.EXPLICIT.value == "explicit"


def test_lead_named_inside_a_sentence_when_no_clause():
    roles = _roles("验收由市生态环境局会同市级主管部门组织专家开展。")
    assert roles == [("市生态环境局", "lead", "explicit"), ("市级主管部门", "support", "explicit")]
    roles = _roles("由市发改委、市生态环境局牵头筹备组建工作专班。")
    assert [r[:2] for r in roles] == [("市发改委", "lead"), ("市生态环境局", "lead")]


def test_bare_list_of_responsible_units():
    roles = _roles("保障能源安全稳定供应。（省发展改革委、省能源局、国网江西省电力公司等按职责分工负责）")
    assert roles == [("省发展改革委", "lead", "first_listed"), ("省能源局", "support", "first_listed"),
                     ("国网江西省电力公司", "support", "first_listed")]


def test_bracket_ending_in_fuze_that_is_not_a_unit_list_is_ignored():
    assert find_clauses("资金由企业自行负责（由项目单位自主负责）。", 0, 20) == []


def test_bare_level_joins_the_collective_unit_after_it():
    names = [r[0] for r in _roles("（省发展改革委、有关市、县〔区〕人民政府等按职责分工负责）")]
    assert names == ["省发展改革委", "有关市、县〔区〕人民政府"]
    names = [r[0] for r in _roles("（责任单位：各区、市发展改革委）")]
    assert names == ["各区", "市发展改革委"]


def _names(text, rules=DocRules()):
    return [r[0] for r in _roles(text, rules)]


def test_collective_unit_whose_name_holds_dun_stays_whole():
    assert _names("（责任单位：省发展改革委、各市、县、自治县人民政府）") == ["省发展改革委", "各市、县、自治县人民政府"]
    assert _names("（责任单位：市、县人民政府）") == ["市、县人民政府"]


def test_two_level_compound_gives_one_unit_per_level():
    (clause,) = find_clauses("（责任单位：市、县（区）科技局，市财政局）", 0, 24)
    assert [(u.raw, u.full) for u in clause.units] == [
        ("市、县（区）科技局", "市科技局"), ("县（区）科技局", "县（区）科技局"), ("市财政局", "市财政局")]
    assert _names("（责任单位：市、区财政局）") == ["市财政局", "区财政局"]


def test_colon_look_alikes_open_a_clause():
    assert _names("推进。（责任单位∶市发改委、市财政局）") == ["市发改委", "市财政局"]
    assert _names("推进。（牵头单位︰市发改委）") == ["市发改委"]


def test_label_broken_by_a_line_break():
    assert _names("推进工作。（责\n任单位：市发改委、市财政局）") == ["市发改委", "市财政局"]


def test_tortoise_bracket_clause_with_nested_round_brackets():
    assert _names("推进。〔责任单位：市经信局、各区（市）县政府（管委会）〕") == ["市经信局", "各区（市）县政府（管委会）"]


def test_deadline_inside_the_clause_is_no_unit_but_the_measures_deadline():
    text = "推进。（责任单位：省发展改革委；完成时限：2022年4月）"
    (clause,) = find_clauses(text, 0, len(text))
    assert [u.full for u in clause.units] == ["省发展改革委"]
    text = "推进。\n责任部门：气候处，完成期限：2021年四季度\n"
    (clause,) = find_clauses(text, 0, len(text))
    assert [u.full for u in clause.units] == ["气候处"]
    from policykg.extractor import parse
    (measure,) = parse("一、重点任务\n（一）推进节能。正文。（责任单位：省发展改革委；完成时限：2022年4月）\n").measures
    assert [u.name for u in measure.units] == ["省发展改革委"] and measure.deadline.text == "2022年4月"


def test_lead_and_support_labels_separated_by_a_comma():
    assert _roles("（牵头单位：省能源局，配合单位：省发展改革委、省财政厅）") == [
        ("省能源局", "lead", "explicit"), ("省发展改革委", "support", "explicit"), ("省财政厅", "support", "explicit")]


def test_lead_then_others_by_their_duties():
    assert _roles("推进。（市发改委、市经信局牵头，市财政局等按照职责分工负责）") == [
        ("市发改委", "lead", "explicit"), ("市经信局", "lead", "explicit"), ("市财政局", "support", "explicit")]


def test_lead_rule_printed_inside_the_first_clause():
    text = "（责任单位：市发改委、市能源局，排在第一为牵头单位，下同）"
    assert _roles(text) == [("市发改委", "lead", "explicit"), ("市能源局", "support", "explicit")]
    text = "（责任单位：排名第一的为牵头单位，下同：市发改委、市能源局）"
    assert _names(text) == ["市发改委", "市能源局"]


def test_a_count_of_regions_is_no_unit_and_fragments_are_trimmed():
    assert _names("（责任单位：两省市发展改革委、两省市）") == ["两省市发展改革委"]
    assert _names("（责任单位：市林业局、市自然资源局分别）") == ["市林业局", "市自然资源局"]


def test_prefix_completion_does_not_cross_an_entity():
    (clause,) = find_clauses("（责任单位：市商务局、深圳市供电局、市生态环境局）", 0, 26)
    assert [u.full for u in clause.units] == ["市商务局", "深圳市供电局", "市生态环境局"]


def test_a_collective_sets_no_prefix():
    text = "推进。（各设区市人民政府，省工信厅、市场监管局等按职责分工负责）"
    assert [u.full for u in find_clauses(text, 0, len(text))[0].units] == ["各设区市人民政府", "省工信厅", "市场监管局"]
    text = "推进。（各省辖市政府，省发展改革委、生态环境厅负责）"
    assert [u.full for u in find_clauses(text, 0, len(text))[0].units] == ["各省辖市政府", "省发展改革委", "生态环境厅"]


def test_one_bureau_is_one_department_when_a_list_completed_its_name():
    from policykg.extractor import parse

    text = ("深圳市工作方案\n一、重点任务\n"
            "（一）推进。推进。（责任单位：深圳市发展改革委、市商务局、深圳市供电局、市生态环境局）\n"
            "（二）发展。发展。（责任单位：市生态环境局、市水务局）\n")
    plan = parse(text)
    assert [[(u.name, u.raw) for u in m.units] for m in plan.measures] == [
        [("深圳市发展改革委", "深圳市发展改革委"), ("深圳市商务局", "市商务局"), ("深圳市供电局", "深圳市供电局"),
         ("深圳市生态环境局", "市生态环境局")],
        [("深圳市生态环境局", "市生态环境局"), ("市水务局", "市水务局")]]
    assert sorted(d.name for d in plan.departments) == ["市水务局", "深圳市供电局", "深圳市发展改革委", "深圳市商务局",
                                                        "深圳市生态环境局"]


def test_bracket_of_duty_lists_with_a_note_after_it():
    text = ("推进。〔省林业局、省发展改革委等按职责分工负责，各市、县（市、区）人民政府负责落实。"
            "以下均需各市、县（市、区）人民政府落实，不再列出〕")
    assert _roles(text) == [("省林业局", "lead", "first_listed"), ("省发展改革委", "support", "first_listed"),
                            ("各市、县（市、区）人民政府", "support", "first_listed")]


def test_note_in_a_collective_name_is_kept_in_raw_not_in_the_name():
    (clause,) = find_clauses("（责任单位：市发改委、各区人民政府〈含开发区，以下工作任务均需各区人民政府落实，不再列出〉）", 0, 60)
    assert [(u.raw, u.full) for u in clause.units][1] == (
        "各区人民政府〈含开发区，以下工作任务均需各区人民政府落实，不再列出〉", "各区人民政府")


def test_bare_unit_after_a_deng_list_is_dropped():
    assert _names("（牵头单位：省发展改革委，配合单位：省科技厅、省工业和信息化厅等省有关部门、单位）") == [
        "省发展改革委", "省科技厅", "省工业和信息化厅"]


def test_an_item_of_several_clauses_lists_each_unit_once_and_leads_by_its_first():
    from policykg.extractor import parse

    text = ("某厅2021年工作计划\n一、重点任务\n"
            "（一）编制方案。编制规划。（责任部门：气候处，完成期限：6月底）"
            "分解目标。（责任部门：综合处、气候处，完成期限：9月底）\n"
            "（二）推进试点。开展试点。（牵头单位：环评处；配合单位：气候处）加强评估。（牵头单位：省评估中心）\n")
    first, second = parse(text).measures
    assert [(u.name, u.role, u.lead_basis) for u in first.units] == [
        ("气候处", "lead", "first_listed"), ("综合处", "support", "first_listed")]
    assert [(u.name, u.role, u.lead_basis) for u in second.units] == [
        ("环评处", "lead", "explicit"), ("气候处", "support", "explicit"), ("省评估中心", "lead", "explicit")]


def test_lead_and_others_marked_inside_a_labelled_list():
    assert _roles("（责任部门：监测处、省监测中心牵头，财审处、气候处配合；完成时限：2022年四季度）") == [
        ("监测处", "lead", "explicit"), ("省监测中心", "lead", "explicit"),
        ("财审处", "support", "explicit"), ("气候处", "support", "explicit")]


def test_a_note_naming_units_for_every_later_item_is_no_unit_of_its_own_list():
    (clause,) = find_clauses("推进。（国家发展改革委、生态环境部等按职责分工负责，地方各级人民政府负责落实。"
                             "以下均需地方各级人民政府落实，不再列出）", 0, 80)
    assert [u.full for u in clause.units] == ["国家发展改革委", "生态环境部", "地方各级人民政府"]
    assert [u.full for u in clause.standing] == ["地方各级人民政府"]
    (clause,) = find_clauses("推进。（责任单位：省林业局。以下均需各市、县（市、区）人民政府落实，不再列出）", 0, 60)
    assert [u.full for u in clause.units] == ["省林业局"]
    assert [u.full for u in clause.standing] == ["各市、县（市、区）人民政府"]


def test_units_a_note_names_for_every_later_item_are_added_to_each():
    from policykg.extractor import parse

    text = ("某省实施意见\n一、重点任务\n"
            "（一）编制规划。编制规划。（省林业局、省自然资源厅等按职责分工负责，市县人民政府负责落实。"
            "以下均需市县人民政府落实，不再列出）\n"
            "（二）安排用地。安排用地。（省自然资源厅、省林业局等按职责分工负责）\n"
            "（三）选择树种。选择树种。\n"
            "（四）推进绿化。推进绿化。（省林业局、市县人民政府等按职责分工负责）\n")
    plan = parse(text)
    assert [[(u.name, u.role) for u in m.units] for m in plan.measures] == [
        [("省林业局", "lead"), ("省自然资源厅", "support"), ("市县人民政府", "support")],
        [("省自然资源厅", "lead"), ("省林业局", "support"), ("市县人民政府", "support")],
        [],
        [("省林业局", "lead"), ("市县人民政府", "support")]]


def test_a_note_inside_a_units_bracket_names_that_unit_for_the_later_items():
    from policykg.extractor import parse

    text = ("某市工作方案\n一、重点任务\n"
            "（一）推进降碳。推进降碳。（责任单位：市发改委、各区人民政府〈含开发区，以下工作任务均需各区人民政府落实，不再列出〉）\n"
            "（二）发展产业。发展产业。（责任单位：市经信局）\n"
            "（三）推进绿化。推进绿化。（责任单位：市园林局、市城建局）\n")
    plan = parse(text)
    assert [[(u.name, u.role) for u in m.units] for m in plan.measures] == [
        [("市发改委", "lead"), ("各区人民政府", "support")],
        [("市经信局", "lead"), ("各区人民政府", "support")],
        [("市园林局", "lead"), ("市城建局", "support"), ("各区人民政府", "support")]]
    # the note stays in the printed name of the unit it stands in, never in the canonical one
    assert plan.measures[0].units[1].raw == "各区人民政府〈含开发区，以下工作任务均需各区人民政府落实，不再列出〉"


def test_responsible_and_taking_part():
    # （X负责，Y参与）: X leads, Y supports; nothing says 牵头, so the lead is by convention
    assert _roles("推进。（省生态环境厅负责，自然资源厅参与）") == [
        ("省生态环境厅", "lead", "first_listed"), ("自然资源厅", "support", "first_listed")]
    assert _roles("推进。（省自然资源厅、省林业局负责，省农业农村厅、省水利厅等参与）") == [
        ("省自然资源厅", "lead", "first_listed"), ("省林业局", "lead", "first_listed"),
        ("省农业农村厅", "support", "first_listed"), ("省水利厅", "support", "first_listed")]


def test_responsible_and_taking_part_as_a_sentence_of_its_own():
    from policykg.extractor import parse

    text = ("某省实施方案\n一、重点任务\n"
            "（一）保护耕地。严守耕地红线。\n省自然资源厅负责，省农业农村厅、省水利厅参与。\n"
            "（二）发展产业。各地负责，统筹推进，有关方面参与研究。\n")
    plan = parse(text)
    assert [[(u.name, u.role) for u in m.units] for m in plan.measures] == [
        [("省自然资源厅", "lead"), ("省农业农村厅", "support"), ("省水利厅", "support")], []]


def test_a_unit_with_its_office_in_tortoise_brackets_opens_a_bare_list():
    assert _names("推进。（自治区交通运输厅〔铁建办〕、发展改革委、广西邮政管理局按职责分工负责）") == [
        "自治区交通运输厅〔铁建办〕", "发展改革委", "广西邮政管理局"]


def test_units_that_carry_out_the_item_and_every_later_one():
    """``X负责，Y具体落实，以下任务不再列出``: Y are this item's units and a note for the later ones."""
    (clause,) = find_clauses("推进。（自治区工业和信息化厅、发展改革委负责，各地级市人民政府、宁东管委会具体落实，"
                             "以下任务不再列出）", 0, 70)
    assert [u.full for u in clause.units] == ["自治区工业和信息化厅", "发展改革委", "各地级市人民政府", "宁东管委会"]
    assert [u.full for u in clause.standing] == ["各地级市人民政府", "宁东管委会"]
    assert _roles("推进。（省林业局负责，各市人民政府具体落实，以下任务均不再列出，下同）")[0] == (
        "省林业局", "lead", "first_listed")


def test_a_list_ending_in_bare_luoshi_and_a_note_after_a_semicolon():
    text = ("推进。（省经信厅、省能源局按职责分工负责，各市、县〔市、区〕人民政府落实；"
            "以下均需各市、县〔市、区〕政府落实，不再列出，下同）")
    (clause,) = find_clauses(text, 0, len(text))
    assert [u.full for u in clause.units] == ["省经信厅", "省能源局", "各市、县〔市、区〕人民政府"]
    assert [u.full for u in clause.standing] == ["各市、县〔市、区〕政府"]
    assert _names("推进。（省经信厅按职责分工负责，各市人民政府落实）") == ["省经信厅", "各市人民政府"]
    assert _names("推进。（市发展改革委、市能源局按职能分工负责，下同）") == ["市发展改革委", "市能源局"]


def test_a_unit_with_its_own_bracket_inside_a_lead_and_support_clause():
    for inner in ("(三龙湾)", "（三龙湾）"):
        text = f"推进。（市住房城乡建设局牵头，各区人民政府，市发展改革局、佛山中德工业服务区{inner}管理委员会配合）"
        assert _roles(text) == [("市住房城乡建设局", "lead", "explicit"), ("各区人民政府", "support", "explicit"),
                                ("市发展改革局", "support", "explicit"),
                                (f"佛山中德工业服务区{inner}管理委员会", "support", "explicit")]


def test_a_bracket_of_unit_names_closing_a_paragraph_is_its_list():
    assert _roles("逐一登记造册。（市发展改革委、市经济信息委、市能源局）\n下一段") == [
        ("市发展改革委", "lead", "first_listed"), ("市经济信息委", "support", "first_listed"),
        ("市能源局", "support", "first_listed")]
    assert _names("推进改造。（市住建局，市委市政府机关服务中心、各区县市政府）") == [
        "市住建局", "市委市政府机关服务中心", "各区县市政府"]
    # leads named in the item's sentences stay leads
    assert _roles("由省发展改革委牵头指导三个行业，由省经信厅牵头指导两个行业。（省发展改革委、省经信厅、省能源局）") == [
        ("省发展改革委", "lead", "explicit"), ("省经信厅", "lead", "explicit"), ("省能源局", "support", "explicit")]
    for text in ("数据中心PUE值（电能利用效率）\n", "推进（市住建局）工作。\n", "加强合作（中国电信、中国移动）\n",
                 "核定配额（相关指引见附件4）\n", "落实（业主或物业公司配合执行）\n", "计算（各机型运输周转量×各机型基准值）\n"):
        assert find_clauses(text, 0, len(text)) == [], text


def test_responsible_label_beside_support_label_leads_by_convention():
    # the 责任单位 are not marked 牵头, but the 配合单位 are marked as taking part
    assert _roles("推进节能。（责任单位：省发展改革委、省能源局，配合单位：省财政厅、省统计局等）") == [
        ("省发展改革委", "lead", "first_listed"), ("省能源局", "support", "first_listed"),
        ("省财政厅", "support", "first_listed"), ("省统计局", "support", "first_listed")]


def test_label_ending_its_line_reads_the_units_on_the_next():
    text = "建立机制。（责任单位：\n省林业和草原局，各市（含定州、辛集市，下同）政府、雄安新区管委会）"
    assert [name for name, _, _ in _roles(text)] == [
        "省林业和草原局", "各市政府", "雄安新区管委会"]      # the note inside the name stays in raw only


def test_a_line_break_inside_the_units_still_ends_an_unclosed_clause():
    (clause,) = find_clauses("推进。（责任单位：市商务局\n二、保障措施", 0, 19)
    assert [u.raw for u in clause.units] == ["市商务局"]


def test_bare_list_and_labelled_clause_in_one_paragraph_are_both_read():
    text = ("推广电能替代（市发展改革委、市交通运输局等按职责分工负责）。加快清洁取暖"
            "（牵头单位：市住房城乡建设局；配合单位：市财政局）。")
    clauses = find_clauses(text, 0, len(text))
    assert [[u.raw for u in c.units] for c in clauses] == [
        ["市发展改革委", "市交通运输局"], ["市住房城乡建设局", "市财政局"]]


def test_a_customs_office_reads_as_a_unit():
    assert _roles("加强监管（市生态环境局、市海关等按职责分工负责）。") == [
        ("市生态环境局", "lead", "first_listed"), ("市海关", "support", "first_listed")]


def test_a_unit_marked_lead_in_one_clause_is_the_items_only_lead():
    from policykg.extractor.api import parse_text
    plan = parse_text("一、重点任务\n（一）压实责任。落实领导责任（责任单位：市生态环境保护委员会）。"
                      "开展审计（牵头单位：市审计局；配合单位：市财政局）。\n二、保障措施\n（一）加强领导。\n")
    (measure,) = plan.measures
    assert [(u.name, u.role) for u in measure.units] == [
        ("市生态环境保护委员会", "support"), ("市审计局", "lead"), ("市财政局", "support")]


def test_a_unit_listed_bare_first_and_marked_lead_later_leads():
    from policykg.extractor.api import parse_text
    plan = parse_text("一、重点任务\n（一）推广电能替代。推广电能（市发展改革委、市交通运输局等按职责分工负责）。"
                      "加快清洁取暖（牵头单位：市住房城乡建设局、市发展改革委；配合单位：市财政局）。\n"
                      "二、保障措施\n（一）加强领导。\n")
    (measure,) = plan.measures
    assert [(u.name, u.role) for u in measure.units] == [
        ("市发展改革委", "lead"), ("市交通运输局", "support"), ("市住房城乡建设局", "lead"), ("市财政局", "support")]


def test_a_deng_list_joined_to_one_more_unit_is_cut_at_the_join():
    assert _names("推进。（市水务局、市环保局等部门和各区人民政府按职责分工负责）") == [
        "市水务局", "市环保局", "各区人民政府"]
    assert _names("推进。（省商务厅等有关单位及各市人民政府按职责分工负责）") == ["省商务厅", "各市人民政府"]
    # 和 inside a name is no join
    assert _names("推进。（市工业和信息化局、市住房和城乡建设委按职责分工负责）") == [
        "市工业和信息化局", "市住房和城乡建设委"]


def test_a_bare_word_of_two_levels_shares_the_organ_after_it():
    assert _names("推进。（省林业局等按职责分工负责，市州、县市区人民政府负责落实）") == [
        "省林业局", "市州、县市区人民政府"]
    assert _names("（责任单位：市县、乡镇人民政府）") == ["市县、乡镇人民政府"]
    # two named departments stay two
    assert _names("（责任单位：省发展改革委、省工业和信息化厅）") == ["省发展改革委", "省工业和信息化厅"]


def test_names_before_lead_words_lead_a_bare_list_with_a_note_after_it():
    text = ("推进。（省国土厅牵头,省林业局、省水利厅等按职责分工负责，市县人民政府负责落实。"
            "以下均需市县人民政府落实，不再列出）")
    assert _roles(text) == [("省国土厅", "lead", "explicit"), ("省林业局", "support", "explicit"),
                            ("省水利厅", "support", "explicit"), ("市县人民政府", "support", "explicit")]


def test_a_note_that_a_list_takes_part_in_every_later_item_and_a_stray_full_stop():
    text = "推进。（责任单位：省科技厅、省商务厅。各县〔市〕人民政府，以下各条均涉及）"
    (clause,) = find_clauses(text, 0, len(text))
    assert [u.full for u in clause.units] == ["省科技厅", "省商务厅", "各县〔市〕人民政府"]
    assert [u.full for u in clause.standing] == ["各县〔市〕人民政府"]


def test_bare_places_before_one_place_level_unit_are_one_unit_as_printed():
    assert _roles("推进。（省金融局牵头，省发展改革委，广州、深圳市政府，省政府横琴办配合）") == [
        ("省金融局", "lead", "explicit"), ("省发展改革委", "support", "explicit"),
        ("广州、深圳市政府", "support", "explicit"), ("省政府横琴办", "support", "explicit")]
    assert _names("推进。（珠海、佛山、中山市人民政府负责）") == ["珠海、佛山、中山市人民政府"]
    # places named in full, with their level, or a unit before the name, stay units of their own
    assert _names("推进。（责任单位：金堂县、大邑县政府）") == ["金堂县", "大邑县政府"]
    assert _names("推进。（责任单位：省政府、深圳市政府）") == ["省政府", "深圳市政府"]
    # a list of bare places names no region whose prefix completes the names after it
    assert _names("推进。（责任单位：广州、深圳市政府，市发展改革委）") == ["广州、深圳市政府", "市发展改革委"]


def test_a_unit_clause_on_its_own_line_after_a_sub_list_is_every_sub_items():
    from policykg.extractor import parse

    text = ("某省行动方案\n一、重点任务\n（一）严格准入。有下列情形之一的为不符合要求。\n"
            "1.未落实产能置换的；\n2.未开展节能审查的。\n"
            "（各市政府，省发展改革委、生态环境厅等部门负责）\n"
            "（二）加强管理。加强规划管理。（各市政府负责）\n"
            "（三）推进试点\n1.开展园区试点。\n2.开展企业试点。（省工业和信息化厅负责）\n")
    plan = parse(text)
    shared = [("各市政府", "lead"), ("省发展改革委", "support"), ("生态环境厅", "support")]
    assert [[(u.name, u.role) for u in m.units] for m in plan.measures] == [
        shared, shared, [("各市政府", "lead")],
        # a clause that closes the last sub-item's own sentence is that sub-item's only
        [], [("省工业和信息化厅", "lead")]]
    assert not [w for w in plan.warnings if w.code == "unit-unattached"]


def test_a_note_inside_a_units_name_is_dropped_from_the_canonical_name_only():
    (clause,) = find_clauses("〔责任单位：省发展改革委，各市（含定州、辛集市，下同）相关主管部门〕", 0, 37)
    assert [(u.raw, u.full) for u in clause.units] == [
        ("省发展改革委", "省发展改革委"), ("各市（含定州、辛集市，下同）相关主管部门", "各市相关主管部门")]


def test_a_group_of_bodies_named_by_their_duty_is_a_unit_of_a_duty_list():
    assert [u for u, _, _ in _roles("推进。（省市场监管局、行业主管部门按职责分工负责）")] == [
        "省市场监管局", "行业主管部门"]


def test_lead_closing_a_clause_with_qiantou_fuze_leads_in_whichever_clause_it_stands():
    from policykg.extractor import parse

    text = ("某省实施方案\n一、重点任务\n"
            "（一）推广节能家电。推广家电。（省商务厅、省工信厅按职责分工负责）"
            "回收旧家电。（省发改委牵头负责）整治市场。（省公安厅、省交通厅牵头负责）\n"
            "（二）发展二手交易。规范交易。（省商务厅、省市场监管局按职责分工负责）\n")
    first, second = parse(text).measures
    # every unit of the item once, in printed order; the leads are those marked 牵头, explicitly
    assert [(u.name, u.role) for u in first.units] == [
        ("省商务厅", "support"), ("省工信厅", "support"), ("省发改委", "lead"), ("省公安厅", "lead"), ("省交通厅", "lead")]
    assert {u.lead_basis for u in first.units if u.role == "lead"} == {"explicit"}
    # no 牵头 in the item: its first listed unit leads by convention
    assert [(u.name, u.role, u.lead_basis) for u in second.units] == [
        ("省商务厅", "lead", "first_listed"), ("省市场监管局", "support", "first_listed")]


def test_two_whole_names_joined_by_he_are_two_units_but_a_name_holding_he_is_one():
    assert _names("推进工作。（各地市人民政府和某某新区管委会，省交通厅及省能源局等按职责分工负责）") == [
        "各地市人民政府", "某某新区管委会", "省交通厅", "省能源局"]
    assert _names("推进工作。（省住房和城乡建设厅、省粮食和储备局、市自然资源和规划局按职责分工负责）") == [
        "省住房和城乡建设厅", "省粮食和储备局", "市自然资源和规划局"]
    assert _names("推进工作。（省生态环境厅、各市州党委和政府按职责分工负责）") == ["省生态环境厅", "各市州党委和政府"]


def test_a_body_named_in_an_article_of_rules_is_no_unit_but_one_named_in_a_plans_item_is():
    from policykg.extractor import parse

    rules = ("第一章总则\n第一条为规范碳普惠管理，制定本办法。\n第二章碳普惠管理\n"
             "第二条省生态环境厅在收到申请后，由省碳普惠专家委员会组织专家进行评估论证。\n")
    assert [(m.path, m.units) for m in parse(rules).measures] == [("第二章/第二条", [])]
    plan = "二、重点任务\n（一）开展验收。验收由市生态环境局组织专家开展。\n"
    assert [[u.name for u in m.units] for m in parse(plan).measures] == [["市生态环境局"]]
