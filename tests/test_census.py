"""The census's classifiers on hand-written documents (the census itself runs on the corpus, docs/census.md)."""
from benchmarks.census import FEATURES, Doc, genre, has_unit_clauses, level

FEATURE = dict(FEATURES)


def _doc(name: str, text: str = "", folder: str = "bulk2") -> Doc:
    return Doc(folder, name.split("、", 1)[0], name, text)


def test_genre_is_the_last_genre_word_and_a_wrapped_notice_counts_as_what_it_wraps():
    assert genre(_doc("1、江苏省关于科学绿化的实施意见")) == "实施意见"
    assert genre(_doc("2、关于印发《某市碳达峰实施方案》的通知")) == "实施方案"
    assert genre(_doc("3、关于组织申报2022年度科技创新专项项目的通知")) == "通知"


def test_level_from_the_place_in_the_title():
    assert level(_doc("4、天津市电力发展“十四五”规划")) == "provincial"
    assert level(_doc("5、石家庄市关于加快推进绿色低碳循环发展经济体系的若干措施")) == "city"
    assert level(_doc("6、徐汇区节能减排降碳专项资金管理办法")) == "district"
    assert level(_doc("7、工业能效提升行动计划")) == "national"


def test_clause_formats():
    comma = _doc("8、x", "1.淘汰落后产能。（牵头单位：省工业和信息化厅，配合单位：省发展改革委）\n")
    assert FEATURE["`牵头单位：X，配合单位：Y` (comma)"](comma)
    assert not FEATURE["`牵头单位：X；配合单位：Y` (semicolon)"](comma)
    bare = _doc("9、x", "（一）造林。推进造林。（省林业局、省水利厅等按职责分工负责）\n（二）管护。加强管护。（省林业局、省自然资源厅）\n")
    assert has_unit_clauses(bare) and FEATURE["bare list `（A、B、C）` closing a sentence (≥2)"](bare)
    assert not has_unit_clauses(_doc("10、x", "（一）造林。推进造林，到2025年森林覆盖率达到25%。\n"))


def test_pictures_and_blank_pages_are_told_apart():
    doc = _doc("11、x", "正文")
    doc.pages = [(500, 0, 0), (0, 1, 1), (0, 0, 0)]
    assert FEATURE["a page that is a picture without text (its content is lost)"](doc)
    assert FEATURE["a blank or seal-only page without text"](doc)
    assert not FEATURE["every page without text (wholly images)"](doc)
