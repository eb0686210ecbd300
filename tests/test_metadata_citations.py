import pytest

from policykg.extractor.citations import citation_key, find_citations
from policykg.extractor.model import Citation
from policykg.extractor.metadata import read_header, region_and_level


def test_web_header_fields_and_doc_number_normalised():
    text = "索引号：\n\n749739675/2024-41437\n\n成文日期：\n\n2024-06-07\n\n文号：\n\n成青府发[2024]28号\n"
    values = {k: v.value for k, v in read_header(text).values.items()}
    assert values["index_number"] == "749739675/2024-41437"
    assert values["written_date"] == "2024-06-07"
    assert values["doc_number"] == "成青府发〔2024〕28号"


def test_notice_title_broken_over_two_lines():
    text = "上海市人民政府关于印发《上海市关于加快建立健全绿色低碳循环发展\n经济体系的实施方案》的通知\n各区人民政府：\n"
    values = {k: v.value for k, v in read_header(text).values.items()}
    assert values["title"] == "上海市关于加快建立健全绿色低碳循环发展经济体系的实施方案"
    assert values["issuer"] == "上海市人民政府"


def test_region_and_level():
    assert region_and_level("成都市青羊区人民政府", None) == ("青羊区", "district")
    assert region_and_level("上海市人民政府", None) == ("上海市", "city")
    assert region_and_level("四川省人民政府", None) == ("四川省", "province")
    assert region_and_level("国务院", None) == (None, "national")
    # a joint issue of the party committee and the government, printed without a space
    assert region_and_level("中共北京市委北京市人民政府", None) == ("北京市", "city")
    assert region_and_level(None, "中共四川省委四川省人民政府关于完整准确全面贯彻新发展理念的实施意见") == (
        "四川省", "province")


def test_citations_with_nested_titles_and_doc_numbers():
    text = "落实《国务院关于印发〈2030年前碳达峰行动方案〉的通知》（国发〔2021〕23号）和川府发〔2022〕3号文件。"
    cites = find_citations(text)
    assert cites[0].title == "国务院关于印发〈2030年前碳达峰行动方案〉的通知"
    assert cites[0].doc_number == "国发〔2021〕23号"
    assert cites[1].title is None and cites[1].doc_number == "川府发〔2022〕3号"


def test_free_standing_doc_number_span_starts_at_the_number():
    text = "按照川府发〔2022〕3号要求"
    (c,) = find_citations(text)
    assert text[c.start:c.end] == "川府发〔2022〕3号"


def test_title_broken_before_its_last_words_is_joined():
    text = "贯彻落实碳达峰碳中和目标要求推动数据中心和5G等新型基础设施绿色高质量发展\n实施方案\n为贯彻落实，制定本方案。\n"
    assert read_header(text).values["title"].value.endswith("绿色高质量发展实施方案")


def test_notice_line_without_issuer_before_it():
    text = "河北省人民政府办公厅\n关于印发《河北省重点领域\n严格能效约束推进节能降碳实施方案》的通知\n各市人民政府：\n"
    assert read_header(text).values["title"].value == "河北省重点领域严格能效约束推进节能降碳实施方案"


def test_doc_number_broken_before_its_bracket():
    text = "《广东省碳排放管理试行办法》（粤府\n〔2017〕59号）要求"
    (cite,) = find_citations(text)
    assert (cite.title, cite.doc_number) == ("广东省碳排放管理试行办法", "粤府〔2017〕59号")


@pytest.mark.parametrize("title, number, key", [
    ("2030年前碳达峰行动方案", None, "2030年前碳达峰行动方案"),
    ("国务院关于印发2030年前碳达峰行动方案的通知", "国发〔2021〕23号", "2030年前碳达峰行动方案"),
    ("关于印发〈2030年前碳达峰行动方案〉的通知", None, "2030年前碳达峰行动方案"),
    ("“十四五”节能减排综合工作方案", None, "十四五节能减排综合工作方案"),
    ("高耗能行业重点领域节能降碳改造升级实施指南(2022年版)", None, "高耗能行业重点领域节能降碳改造升级实施指南（2022年版）"),
    ("四川省“十四五”能源发展规划（2021-2025年）", None, "四川省十四五能源发展规划（2021—2025年）"),
    ("中共中央国务院关于全面推进美丽中国建设的意见", None, "中共中央国务院关于全面推进美丽中国建设的意见"),
    (None, "国发〔2021〕23号", "国发〔2021〕23号"),
    (None, None, None),
])
def test_citation_key_names_the_document_however_it_is_printed(title, number, key):
    assert citation_key(title, number) == key
    if title:
        assert Citation(title=title, doc_number=number, span=(0, 0)).key == key


def _title(text):
    return read_header(text).values["title"].value


def test_title_broken_over_several_pdf_lines():
    assert _title("甘肃省人民政府文件\n甘政发〔2021〕62号\n甘肃省人民政府印发关于加快建立健全\n"
                  "绿色低碳循环发展经济体系实施方案的通知\n各市人民政府：\n") == "关于加快建立健全绿色低碳循环发展经济体系实施方案"
    assert _title("河北省发展和改革委员会等四部门印发《河北省重点领域\n严格能效约束推进节能降碳实施方案》的通知\n"
                  "省科技厅：\n") == "河北省重点领域严格能效约束推进节能降碳实施方案"
    assert _title("上海市科学技术委员会\n沪科指南〔2021〕25号\n关于发布上海市2021年度“科技创新行动计划”\n"
                  "科技支撑碳达峰碳中和专项（第一批）\n项目申报指南的通知\n各有关单位：\n") == \
        "关于发布上海市2021年度“科技创新行动计划”科技支撑碳达峰碳中和专项（第一批）项目申报指南的通知"
    assert _title("省生态环境厅2021年度\n推动碳达峰、碳中和工作计划\n为切实做好我省应对气候变化工作，制定本计划。\n") \
        == "省生态环境厅2021年度推动碳达峰、碳中和工作计划"       # a first line ending in the plan's year


def test_news_paragraph_before_the_plan_gives_the_quoted_title_and_a_warning():
    info = read_header("6月5日，我市印发《包头市建设绿色低碳城市实施方案》。方案明确了目标。\n方案明确，我市…\n")
    assert info.values["title"].value == "包头市建设绿色低碳城市实施方案"
    assert [code for code, _, _ in info.problems] == ["title-guessed"]


def test_document_kind_from_title_and_body():
    from policykg.extractor.metadata import document_kind
    assert document_kind("青羊区碳达峰实施方案", "") == "plan"
    assert document_kind("江西省林业碳汇开发及交易管理办法（试行）", "") == "rules"
    assert document_kind("杭州市关于做好碳达峰碳中和工作的实施意见", "") == "opinion"
    assert document_kind("四川省“十四五”生态环境保护规划", "") == "plan"
    assert document_kind("关于做好2021年度碳排放权交易履约工作的通知", "") == "notice"
    assert document_kind("苏州市关于征集碳达峰碳中和科技创新项目需求的通知", "") == "call"
    assert document_kind("关于开展专项工作的通知", "一、申报条件\n二、申报材料\n三、咨询电话") == "call"
    assert document_kind("碳达峰碳中和林草碳汇试验区", "") == "other"


def test_a_notice_that_names_the_plan_it_carries_is_of_the_plans_kind():
    from policykg.extractor.metadata import document_kind
    assert document_kind("某自治区人民政府关于加快建立健全绿色低碳循环发展经济体系具体措施的通知", "") == "plan"
    assert document_kind("某市人民政府印发关于加快建立健全绿色低碳循环发展经济体系实施方案的通知（某政发〔2021〕48号）", "") == "plan"
    assert document_kind("国务院办公厅转发某部等部门关于加快推进城镇环境基础设施建设指导意见的通知", "") == "opinion"
    # a budget handed down, a list published, a procedure: still notices
    assert document_kind("关于下达2022年某省科技创新专项（第一批）项目计划的通知", "") == "notice"
    assert document_kind("关于公布2021年度重点碳排放单位名单的通知", "") == "notice"
    # task lists, and a notice asking for applications
    assert document_kind("某省自然资源厅2021年度生态环境保护工作计划和措施清单", "") == "plan"
    assert document_kind("某省推动生态文明建设2022年措施任务清单", "") == "plan"
    assert document_kind("某省工业和信息化厅办公室关于申报某省能碳管理示范企业的通知", "") == "call"


def test_headline_of_a_notice_gives_title_and_issuer():
    info = read_header("中共中央办公厅、国务院办公厅印发《关于推动城乡建设绿色发展的意见》\n近日，…印发了。\n")
    assert info.values["title"].value == "关于推动城乡建设绿色发展的意见"
    assert info.values["issuer"].value == "中共中央办公厅、国务院办公厅"
    info = read_header("中共云南省委办公厅云南省人民政府办公厅印发《关于推动城乡建设绿色发展\n的实施意见》\n为贯彻落实…。\n")
    assert info.values["title"].value == "关于推动城乡建设绿色发展的实施意见"
    info = read_header("中共中央办公厅、国务院办公厅印发《关于推动城乡建设绿色发展的意见》\n"
                       "中共中央办公厅、国务院办公厅印发《关于推动城乡建设绿色发展的意见》\n近日，…。\n")
    assert info.values["issuer"].value == "中共中央办公厅、国务院办公厅"
    assert _title("国务院关于印发《2030年前碳达峰行动方案》\n的通知\n各省：\n") == "2030年前碳达峰行动方案"


def test_a_joint_notice_whose_issuers_fill_the_first_line():
    from policykg.extractor.metadata import document_kind

    issuers = "甲省生态环境厅、甲省发展和改革委员会、甲省财政厅、甲省自然资源厅、甲省住房和城乡建设厅、甲省水利厅"
    info = read_header(f"{issuers}关于印发\n甲省“十四五”土壤生态环境保护规划的通知\n各设区市人民政府：\n")
    assert info.values["title"].value == "甲省“十四五”土壤生态环境保护规划"
    assert info.values["issuer"].value == issuers
    assert document_kind(info.values["title"].value, "") == "plan"
    # a long first line that merely mentions 关于 is no title
    assert _title("甲省人民政府关于印发\n为贯彻落实党中央决策部署，现将方案印发给你们。\n甲省某某方案\n") == "甲省某某方案"


def test_own_doc_number_in_brackets_under_the_title():
    from policykg.extractor import parse

    plan = parse("某某方案\n（甲府发〔2024〕3号）\n为贯彻落实《乙方案》，制定本方案。\n一、重点任务\n（一）推进光伏。\n")
    assert plan.metadata.doc_number == "甲府发〔2024〕3号"
    assert [c.doc_number for c in plan.citations] == [None]  # its own number is no citation
