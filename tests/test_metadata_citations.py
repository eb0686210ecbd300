from policykg.extractor.citations import find_citations
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


def test_own_doc_number_in_brackets_under_the_title():
    from policykg.extractor import parse

    plan = parse("某某方案\n（甲府发〔2024〕3号）\n为贯彻落实《乙方案》，制定本方案。\n一、重点任务\n（一）推进光伏。\n")
    assert plan.metadata.doc_number == "甲府发〔2024〕3号"
    assert [c.doc_number for c in plan.citations] == [None]  # its own number is no citation
