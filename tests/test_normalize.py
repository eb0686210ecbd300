from policykg.extractor.normalize import normalize


def _check_map(src: str, norm) -> None:
    from policykg.extractor.normalize import _WIDTH
    translated = src.translate(_WIDTH)
    for i, ch in enumerate(norm.text):
        assert translated[norm.offsets[i]] == ch


def test_page_number_line_and_broken_word_are_repaired():
    src = "构建与碳达峰目标相适应的规划体系、城区格局和生\n\n— 3 —\n\n态空间，提升承载能力。\n"
    n = normalize(src)
    assert "生态空间" in n.text
    assert "—" not in n.text
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
    n = normalize("确保如期实现 2030 年前碳达峰，(七)比重达到５６％ 左右，PUE 1.25")
    assert "实现2030年前" in n.text
    assert "（七）" in n.text
    assert "56%左右" in n.text
    assert "PUE 1.25" in n.text   # space between two ASCII words is kept


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
