from policykg.extractor.normalize import normalize


def _check_map(src: str, norm, replaced: dict[str, str] | None = None) -> None:
    """Every character of the normalised text comes from its offset in the source: the same
    character, or the one ``replaced`` (written out by hand) says it becomes."""
    replaced = replaced or {}
    for i, ch in enumerate(norm.text):
        printed = src[norm.offsets[i]]
        assert replaced.get(printed, printed) == ch, (i, printed, ch)


def test_page_number_line_and_broken_word_are_repaired():
    src = "构建与碳达峰目标相适应的规划体系、城区格局和生\n\n— 3 —\n\n态空间，提升承载能力。\n"
    n = normalize(src)
    assert n.text == "构建与碳达峰目标相适应的规划体系、城区格局和生态空间，提升承载能力。\n"
    assert n.offsets[n.text.index("态")] == src.index("态")
    _check_map(src, n)


def test_break_without_page_number_inside_a_sentence_is_joined():
    src = "坚持系统推进。碳达峰、碳中和是一场广泛而深刻的经济社会系统\n\n性变革，要抓住主要矛盾。\n"
    assert "系统性变革" in normalize(src).text


def test_title_line_is_not_joined_to_the_body():
    src = "南京江北新区碳达峰、碳中和行动计划\n为积极响应国家规划，制定本计划。\n"
    assert normalize(src).text.startswith("南京江北新区碳达峰、碳中和行动计划\n")


def test_heading_after_break_is_kept_on_its_own_line():
    src = "推进各项工作，\n\n— 4 —\n\n（二）实施能源行动\n"
    assert "\n（二）实施能源行动" in normalize(src).text


def test_width_and_spaces():
    src = "确保如期实现 2030 年前碳达峰，(七)比重达到５６％ 左右，PUE 1.25"
    n = normalize(src)
    assert n.text == "确保如期实现2030年前碳达峰，（七）比重达到56%左右，PUE 1.25"  # ASCII words keep their space
    _check_map(src, n, {"(": "（", ")": "）", "５": "5", "６": "6", "％": "%"})


def test_spans_map_back_to_source():
    src = "到 2025 年，非化石能源消费比重提升至 56%左右。"
    n = normalize(src)
    i = n.text.index("56%")
    a, b = n.to_source(i, i + 3)
    assert src[a:b] == "56%"


def test_tabs_between_table_cells_are_kept():
    norm = normalize("类别 \t 指标\t \t2025年\n全社会用电量（亿千瓦时） \t  1100")
    assert norm.text == "类别\t指标\t\t2025年\n全社会用电量（亿千瓦时）\t1100"
    assert norm.text[norm.text.index("1100"):] == "1100"
    a, b = norm.to_source(norm.text.index("1100"), len(norm.text))
    source = "类别 \t 指标\t \t2025年\n全社会用电量（亿千瓦时） \t  1100"
    assert (a, b) == (len(source) - 4, len(source))


def test_format_characters_are_dropped_and_spans_still_map():
    # U+200B zero-width space, U+FEFF, U+00AD soft hyphen, U+200E and U+202E direction marks,
    # U+2060 word joiner: all Unicode Cf, all invisible
    src = "区发展\u200b改革局\ufeff牵头，\u00ad到20\u200e25年\u202e达到\u2060 56%。\n"
    n = normalize(src)
    assert n.text == "区发展改革局牵头，到2025年达到56%。\n"
    _check_map(src, n)
    start = n.text.index("改革局")
    assert n.to_source(start, start + 3) == (src.index("改"), src.index("局") + 1)
    assert n.offsets[len(n.text)] == len(src)


def test_a_format_character_before_a_line_break_does_not_join_the_lines():
    src = "坚持系统推进，加强统筹。\u200b\n（二）实施能源行动\n"
    assert normalize(src).text == "坚持系统推进，加强统筹。\n（二）实施能源行动\n"


def test_a_field_line_after_an_unfinished_line_stays_a_line_of_its_own():
    src = "2.配合省统计局填报变动表（当年填报上两年度的数据）.\n责任处室：权益处\n完成时限：2021年12月底前\n"
    assert normalize(src).text == src


def test_dash_look_alikes_in_a_span_of_years_become_the_em_dash():
    src = "佛山市绿色建筑创建行动实施方案（2022―2025）、（2021‒2023年）、（2020﹘2022年）"
    n = normalize(src)
    assert n.text == "佛山市绿色建筑创建行动实施方案（2022—2025）、（2021—2023年）、（2020—2022年）"
    _check_map(src, n, {"―": "—", "‒": "—", "﹘": "—"})


def test_private_use_punctuation_of_typesetting_fonts_reads_as_printed():
    norm = normalize("非化石能源比重达到５３\U001001b0６％，绿满齐鲁\U00100170美丽山东。")
    assert norm.text == "非化石能源比重达到53.6%，绿满齐鲁·美丽山东。"


def test_a_table_row_is_never_joined_to_the_line_after_it():
    # the row ends open and holds a comma, as a broken sentence would; it is a row all the same
    src = "指标\t2025年\n生态保护红线面积\t面积不减少，性质不改变，功能不降低\n注：具体目标以省分解任务为准；\n"
    assert normalize(src).text == src


def test_a_dot_between_chinese_sentences_reads_as_a_full_stop():
    src = ("完成16700个行政村整治任务.推进农村生活垃圾分类,居全国第一.完成整治。\n"
           "专栏一.绿色低碳循环发展\n二.总体要求\n"
           "比重达到７０％.加快建设“一张网”.以流域为单元,PM2.5浓度下降１.５个百分点\n"
           "附件：方案.pdf\n")
    n = normalize(src)
    assert n.text == ("完成16700个行政村整治任务。推进农村生活垃圾分类,居全国第一。完成整治。\n"
                      "专栏一.绿色低碳循环发展\n二.总体要求\n"
                      "比重达到70%。加快建设“一张网”。以流域为单元,PM2.5浓度下降1.5个百分点\n"
                      "附件：方案.pdf\n")
    assert len(n.text) == len(src) and n.offsets[n.text.index("推进")] == src.index("推进")


def test_a_cubic_sign_the_font_lost_after_a_concentration_unit_is_restored():
    src = "细颗粒物（PM2.5）浓度（μg/m?）\t52\t40\n可吸入颗粒物浓度（mg/m?）\n是否完成?"
    n = normalize(src)
    assert n.text == "细颗粒物（PM2.5）浓度（μg/m³）\t52\t40\n可吸入颗粒物浓度（mg/m³）\n是否完成?"
    assert list(n.offsets)[:len(src)] == list(range(len(src)))   # one character for one: offsets kept
