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
