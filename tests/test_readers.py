"""Readers on real inputs: corpus PDFs of each layout family, and HTML, DOCX, legacy-encoded and
scanned files that the tests make from corpus text. Bad inputs must give one line, no traceback."""
from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from policykg.extractor import parse_file
from policykg.extractor.errors import PlanInputError
from policykg.extractor.readers import read_document
from policykg.extractor.readers.assemble import TextBuilder, tidy_spaces
from policykg.extractor.readers.pdf_layout import Line, drop_page_furniture, paragraphs
from policykg.extractor.script import is_traditional, to_simplified
from tests.conftest import PDF, REPO, TXT
from tests.pdf_samples import write_pdf

QINGYANG_TXT = TXT / "qingyang_tandafeng_2024.txt"
PAGE_NUMBER_LINE = re.compile(r"^\s*[-—–－]\s*[0-9０-９]+\s*[-—–－]\s*$", re.M)

# One PDF per layout family of the corpus, with the share of its text twin's lines (paragraphs)
# that must come out of the PDF as lines of their own. The twins of wuhu (title drawn as vector
# outlines, so not in the text layer) and chengdu_jinlingtan (a "[缺失]" marker) hold lines the
# PDF cannot give.
FAMILIES = {
    "shanghai_tandafeng_shishi_fangan": 1.0,  # ABBYY FineReader export, no page numbers
    "chengdu_nengyuan_jiegou_tiaozheng_shitiao_zhengce_ji_xingdong_fangan_2021_2025": 1.0,  # FineReader, "—2—"
    "nanjing_jiangbeixinqu_tandafeng_tanzhonghe_xingdong_jihua": 1.0,  # WPS export stamped by iText
    "wuhu_fanchangqu_jieneng_jiangtan_ruogan_zhichi_cuoshi": 0.85,  # Word, red-header document
    "wuhan_lvse_ditan_xunhuan_fazhan_jingji_tixi_shishi_fangan": 0.97,  # print driver, "—２—"
    "chengdu_jinlingtan_paifangqu_shidian_jianshe_gongzuo_fangan": 0.98,  # no metadata, "—4—"
}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _keys(plan) -> dict[str, Counter]:
    """What two readings of one plan must agree on, field by field, so a failure names it."""
    return {"measures": Counter((m.path, squash(m.title)) for m in plan.measures),
            "units": Counter((m.path, u.name, u.role) for m in plan.measures for u in m.units),
            "targets": Counter((t.value, t.unit, t.year, t.comparator) for t in plan.targets)}


def assert_same_facts(found, expected, fields=("measures", "units", "targets")) -> None:
    """Each field's facts equal, compared on its own (the message shows what differs)."""
    mine, theirs = _keys(found), _keys(expected)
    for field in fields:
        assert mine[field] == theirs[field], (field, mine[field] - theirs[field], theirs[field] - mine[field])


# --- PDF, real corpus files ------------------------------------------------------------------

@pytest.fixture(scope="module")
def pdf_documents():
    return {stem: read_document(PDF / f"{stem}.pdf") for stem in FAMILIES}


@pytest.mark.parametrize("stem", FAMILIES)
def test_pdf_paragraphs_match_the_text_version(pdf_documents, stem):
    document = pdf_documents[stem]
    lines = {squash(line) for line in document.text.splitlines()}
    twin = [squash(line) for line in (TXT / f"{stem}.txt").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    found = sum(1 for line in twin if line in lines)
    assert found / len(twin) >= FAMILIES[stem], [line[:30] for line in twin if line not in lines][:5]
    assert not PAGE_NUMBER_LINE.search(document.text)
    assert document.source.format == "pdf" and document.source.chars == len(document.text)


@pytest.mark.parametrize("stem", ["chengdu_nengyuan_jiegou_tiaozheng_shitiao_zhengce_ji_xingdong_fangan_2021_2025",
                                  "wuhan_lvse_ditan_xunhuan_fazhan_jingji_tixi_shishi_fangan"])
def test_pdf_parses_like_its_text_version(stem):
    from_pdf, from_txt = parse_file(PDF / f"{stem}.pdf"), parse_file(TXT / f"{stem}.txt")
    assert_same_facts(from_pdf, from_txt)
    text = read_document(PDF / f"{stem}.pdf").text
    for measure in from_pdf.measures:
        for unit in measure.units:
            assert squash(text[unit.span[0]:unit.span[1]]) == squash(unit.raw)


def test_pdf_keeps_headings_and_unit_clauses_in_place(pdf_documents):
    text = pdf_documents["wuhan_lvse_ditan_xunhuan_fazhan_jingji_tixi_shishi_fangan"].text
    # In the PDF "局）" wraps onto a line of its own and the next heading follows it.
    assert "（责任单位：市财政局、市发改委、市税务局）\n（五）大力发展绿色金融。" in text
    # Full-width page numbers ("—２—") are gone, full-width digits in the text are not.
    assert "—２—" not in text and "武政〔２０２２〕１１号" in text


def _line(page, x0, x1, top, text, size=16.0, same_row=False):
    return Line(page=page, x0=x0, x1=x1, top=top, bottom=top + size, size=size, text=text,
                same_row=same_row)


def test_layout_joins_wraps_and_splits_paragraphs():
    # Body from x=90 to x=506 with 16-pt characters; first lines indented by two characters.
    lines = [
        _line(0, 122, 506, 100, "一、总体要求到"),          # heading that runs on, wraps
        _line(0, 90, 300, 120, "2025年完成目标。"),          # ends short: paragraph ends
        _line(0, 90, 506, 140, "（一）推进节能。持续推进工业企业节能改造，推广高效节能电器和设备，到"),
        _line(0, 90, 504, 160, "2030年达到国际先进水平，推动能效提升。"),  # "2030" could not fit
        _line(0, 122, 300, 180, "（责任单位：市经信局）"),   # own indented line, stays with its paragraph
        _line(0, 90, 506, 200, "建设践行新发展理念的公园城市示范区提供坚强支撑。"),
        _line(0, 420, 506, 200, "二、工作目标", same_row=True),  # heading on the same row
        _line(1, 122, 506, 100, "三、重点任务"),
        _line(1, 122, 506, 120, "推动重点功能区和五大新城落实海绵城市建"),
        _line(1, 90, 122, 140, "设要"),                   # stub a bad export broke off
        _line(1, 90, 400, 160, "求，推动试点区建设。"),
    ]
    assert paragraphs(lines) == [
        "一、总体要求到2025年完成目标。",
        "（一）推进节能。持续推进工业企业节能改造，推广高效节能电器和设备，到2030年达到国际先进水平，"
        "推动能效提升。（责任单位：市经信局）",
        "建设践行新发展理念的公园城市示范区提供坚强支撑。",
        "二、工作目标",
        "三、重点任务",
        "推动重点功能区和五大新城落实海绵城市建设要求，推动试点区建设。",
    ]


def test_a_unit_clause_over_three_lines_and_a_page_break_stays_in_its_paragraph():
    # the page's last line stops short inside the bracket; the next page's first line closes it
    lines = [
        _line(0, 122, 506, 700, "（四）推进食品消费绿色化。加强节约减损管理。（国家发展改革委、"),
        _line(0, 90, 300, 720, "市场监管总局等部门按职"),
        _line(1, 90, 200, 100, "责分工负责）"),
        _line(1, 122, 506, 120, "（五）推行绿色衣着消费。推广绿色纤维。"),
    ]
    assert paragraphs(lines) == ["（四）推进食品消费绿色化。加强节约减损管理。（国家发展改革委、市场监管总局等部门按职责分工负责）",
                                 "（五）推行绿色衣着消费。推广绿色纤维。"]


def test_a_stray_open_bracket_does_not_join_the_lines_after_it():
    # a bracket the next line does not close (it opens its own first) is a typo, not a clause
    lines = [_line(0, 122, 506, 100, "请各有关省级生态环境部门按照要求认真组织做好有关工作，在规定时间内"),
             _line(0, 90, 300, 120, "报送名单。"),
             _line(0, 90, 250, 140, "各有关省（区、市"),
             _line(0, 90, 400, 160, "附件：各有关省（区、市）名单")]
    assert paragraphs(lines)[1:] == ["各有关省（区、市", "附件：各有关省（区、市）名单"]


def test_page_numbers_and_running_heads_are_dropped():
    pages = []
    for number in range(1, 5):
        pages.append([_line(number - 1, 200, 400, 30, "某某市人民政府文件"),
                      _line(number - 1, 90, 506, 300, f"正文第{number}页的内容"),
                      _line(number - 1, 280, 320, 800, f"— {number} —")])
    kept, dropped = drop_page_furniture(pages)
    assert dropped == 8
    assert [line.text for page in kept for line in page] == [f"正文第{n}页的内容" for n in range(1, 5)]


def test_layout_spaces_around_chinese_go_word_spaces_stay():
    assert tidy_spaces("到 2025 年，PUE 值 1.3 以下") == "到2025年，PUE值1.3以下"
    assert tidy_spaces("第十条 本办法") == "第十条 本办法"
    assert tidy_spaces("carbon  peak 行动") == "carbon peak行动"


# --- PDF made by the tests: a ruled task table, and a scan ------------------------------------

TASKS = [["序号", "重点任务", "牵头单位", "责任单位", "完成时限"],
         ["1", "推进工业节能改造", "市经信局", "市发展改革委", "2025年"],
         ["2", "推广新能源汽车", "市交通局", "市公安局、市财政局", "2024年"]]


def test_pdf_task_table_is_read_row_by_row(tmp_path):
    columns = [85, 120, 260, 340, 450, 520]
    items = [("text", 200, 780, 16, "重点任务分工")]
    for row, cells in enumerate(TASKS):
        y = 730 - 30 * row
        items += [("text", columns[i] + 4, y, 10, cell) for i, cell in enumerate(cells)]
    items += [("rule", x, 650, x, 748) for x in columns]
    items += [("rule", 85, y, 520, y) for y in (748, 722, 692, 662, 650)]
    path = tmp_path / "tasks.pdf"
    write_pdf(path, [items])
    document = read_document(path)
    assert document.tables and document.tables[0].rows == TASKS
    lines = document.text.splitlines()
    assert lines[2] == "1．推进工业节能改造。（牵头单位：市经信局；责任单位：市发展改革委；完成时限：2025年）"
    table = document.tables[0]
    for row, spans in zip(table.rows, table.cell_spans):
        assert [document.text[a:b] for a, b in spans] == row


def test_a_number_wrapped_in_a_narrow_cell_is_read_whole(tmp_path):
    """The first column is too narrow for 100% at 10 points: ``10`` fills its line, ``0%`` goes
    on below, and the cell reads 100%, not 10 0%. In the wide column 2020 and 2025 stand on
    lines of their own, well short of the rule, and stay two numbers."""
    items = [("text", 89, 730, 10, "占比"), ("text", 124, 730, 10, "年份"),
             ("text", 89, 700, 10, "10"), ("text", 89, 688, 10, "0%"),
             ("text", 124, 700, 10, "2020"), ("text", 124, 688, 10, "2025")]
    items += [("rule", x, 680, x, 748) for x in (85, 114, 300)]
    items += [("rule", 85, y, 300, y) for y in (748, 720, 680)]
    path = tmp_path / "wrapped.pdf"
    write_pdf(path, [items])
    assert read_document(path).tables[0].rows == [["占比", "年份"], ["100%", "2020 2025"]]


def test_glyphs_are_placed_in_cells_by_their_baselines(tmp_path):
    """Digits and brackets in a font that declares a deep descent have boxes 0.78 em below their
    baseline. Placed by their boxes, ``（折纯量）`` would read as a line of its own and ``（万吨）``,
    set just above the cell's bottom rule, would fall into the row below."""
    items = [("text", 89, 730, 9, "指标"), ("text", 254, 730, 9, "2025年"),
             ("text", 89, 706, 9, "20.", "low"), ("text", 116, 706, 9, "化肥施用量"),
             ("text", 161, 706, 9, "（折纯量）", "low"), ("text", 89, 687, 9, "（万吨）", "low"),
             ("text", 254, 700, 9, "358.05", "low"),
             ("text", 89, 668, 9, "21.", "low"), ("text", 116, 668, 9, "农药使用量"),
             ("text", 254, 668, 9, "10.26", "low")]
    items += [("rule", x, 656, x, 748) for x in (85, 250, 350)]
    items += [("rule", 85, y, 350, y) for y in (748, 720, 684, 656)]
    path = tmp_path / "fonts.pdf"
    write_pdf(path, [items])
    assert read_document(path).tables[0].rows == [
        ["指标", "2025年"], ["20.化肥施用量（折纯量）（万吨）", "358.05"], ["21.农药使用量", "10.26"]]


def test_a_table_without_its_right_rule_keeps_its_last_column_over_a_page_break(tmp_path):
    """The table is set wider than its last vertical rule: the horizontal rules run on to x=420
    where no rule closes them, as when a table runs off the page. The cells of the last column are
    still cells, and the rows of the second page, which repeat no header, go on with the table."""
    def page(rows, top):
        items = []
        for index, cells in enumerate(rows):
            y = top - 20 - 30 * index
            items += [("text", x + 4, y, 9, cell) for x, cell in zip((85, 200, 300), cells)]
        bottom = top - 30 * len(rows)
        items += [("rule", x, bottom, x, top) for x in (85, 200, 300)]
        items += [("rule", 85, top - 30 * k, 420, top - 30 * k) for k in range(len(rows) + 1)]
        return items
    first = [["指标", "2020年", "2025年目标"], ["森林覆盖率（%）", "20.9", "22"],
             ["农村生活污水治理率", "31.7", "55"]]
    second = [["非化石能源消费比重", "7.4", "13"], ["受污染耕地安全利用率", "100", "93"]]
    path = tmp_path / "wide.pdf"
    write_pdf(path, [page(first, 500), page(second, 760)])
    assert read_document(path).tables[0].rows == first + second


def test_scanned_pdf_is_refused_with_a_clear_error(tmp_path):
    from PIL import Image

    path = tmp_path / "scan.pdf"
    Image.new("RGB", (595, 842), "white").save(path)
    with pytest.raises(PlanInputError, match="no text layer"):
        read_document(path)


def test_pdf_with_a_scanned_page_warns(tmp_path):
    from PIL import Image

    text_pdf, scan_pdf = tmp_path / "text.pdf", tmp_path / "scan.pdf"
    write_pdf(text_pdf, [[("text", 90, 700, 16, "一、总体要求。坚持节约优先，推进能源消费低碳化。")]])
    Image.new("RGB", (595, 842), "white").save(scan_pdf)
    import pypdfium2 as pdfium

    merged = pdfium.PdfDocument(str(text_pdf))
    merged.import_pages(pdfium.PdfDocument(str(scan_pdf)))
    merged.save(tmp_path / "mixed.pdf")
    document = read_document(tmp_path / "mixed.pdf")
    assert "坚持节约优先" in document.text
    assert [w.code for w in document.warnings] == ["pdf-image-region"]
    assert document.warnings[0].message == "page 2: image of 595×842 pt: OCR read no text"


# --- HTML and DOCX made from corpus text -------------------------------------------------------

def _qingyang_page() -> str:
    """The Qingyang plan as its district's web page shows it: menus, breadcrumb, the header
    table of particulars, the body in nested divs, share bar and footer."""
    from html import escape

    lines = [line.strip() for line in QINGYANG_TXT.read_text(encoding="utf-8").splitlines() if line.strip()]
    start = lines.index("索引号:")
    header, end = [], start
    while lines[end].endswith(":"):
        header.append((lines[end].rstrip(":"), lines[end + 1]))
        end += 2
    rows = "".join(f"<tr><th>{escape(label)}：</th><td>{escape(value)}</td></tr>" for label, value in header)
    body = "".join(f"<p style='text-indent:2em'>&nbsp;&nbsp;{escape(line)}</p>" for line in lines[end:])
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{escape(lines[0])}</title>
<script>var menu = "首页";</script><style>p {{ margin: 0 }}</style></head><body>
<div class="top-nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/bsfw">办事服务</a></li><li><a href="/hdjl">互动交流</a></li></ul></div>
<div class="breadcrumb">您当前的位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a></div>
<div class="main"><div class="xxgk"><table class="info">{rows}</table></div>
<div class="article"><h1>{escape(lines[0])}</h1><div class="share">分享到：<a>微信</a><a>微博</a><a>QQ</a></div>
<div class="content"><div id="zoom"><div class="TRS_Editor">{body}</div></div></div></div></div>
<div class="footer"><p>版权所有：成都市青羊区人民政府</p><p>蜀ICP备05005678号 网站标识码：5101050001</p></div>
</body></html>"""


def test_html_page_parses_like_its_text(tmp_path):
    page = tmp_path / "qingyang.html"
    page.write_text(_qingyang_page(), encoding="utf-8")
    document = read_document(page)
    assert document.text.startswith("索引号:\n749739675/2024-41437\n成文日期:\n2024-06-07\n")
    for furniture in ("首页", "政务公开", "分享到", "版权所有", "ICP备", "var menu"):
        assert furniture not in document.text
    from_html, from_txt = parse_file(page), parse_file(QINGYANG_TXT)
    assert from_html.metadata == from_txt.metadata
    assert_same_facts(from_html, from_txt)
    assert len(from_html.measures) == 31


def test_html_in_gbk_with_a_declared_charset(tmp_path):
    page = tmp_path / "gbk.htm"
    page.write_bytes(_qingyang_page().replace('charset="utf-8"', 'charset="gbk"').encode("gbk"))
    document = read_document(page)
    assert document.source.encoding in ("gbk", "gb2312", "gb18030")
    assert "青羊区碳达峰实施方案" in document.text


def test_docx_paragraphs_numbering_and_task_table(tmp_path):
    import docx

    stem = "chengdu_nengyuan_jiegou_tiaozheng_shitiao_zhengce_ji_xingdong_fangan_2021_2025"
    source = TXT / f"{stem}.txt"
    word = docx.Document()
    for line in source.read_text(encoding="utf-8").splitlines():
        word.add_paragraph(line)
    word.add_paragraph("附件 重点任务分工")
    word.add_paragraph("能源消费低碳化", style="List Number")
    table = word.add_table(rows=len(TASKS), cols=len(TASKS[0]))
    for r, row in enumerate(TASKS):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    path = tmp_path / "plan.docx"
    word.save(path)

    document = read_document(path)
    assert "\n1.能源消费低碳化\n" in document.text  # Word's automatic number is put back
    assert "2．推广新能源汽车。（牵头单位：市交通局；责任单位：市公安局、市财政局；完成时限：2024年）" in document.text
    assert document.tables[0].rows == TASKS
    from_docx, from_txt = _keys(parse_file(path)), _keys(parse_file(source))
    for field in ("measures", "units"):   # the task table adds facts; none of the text's is lost
        assert not from_txt[field] - from_docx[field], (field, from_txt[field] - from_docx[field])


# --- Encodings and script -----------------------------------------------------------------------

def test_gb18030_file_parses_like_its_utf8_twin(tmp_path):
    source = TXT / "wuhan_tuidong_jiangtan_ji_fazhan_ditan_chanye_gongzuo_fangan.txt"
    text = source.read_text(encoding="utf-8")
    path = tmp_path / "gb.txt"
    path.write_bytes(text.encode("gb18030"))
    document = read_document(path)
    assert document.text == text and document.source.encoding == "gb18030" and not document.warnings
    assert_same_facts(parse_file(path), parse_file(source))


def _traditional(text: str) -> str:
    from opencc import OpenCC
    return OpenCC("s2tw").convert(text)


def test_big5_file_is_detected_and_matched_in_simplified(tmp_path):
    simplified = (TXT / "wuhan_tuidong_jiangtan_ji_fazhan_ditan_chanye_gongzuo_fangan.txt").read_text(encoding="utf-8")
    traditional = "".join(ch for ch in _traditional(simplified) if ch.encode("big5", "ignore"))
    path = tmp_path / "big5.txt"
    path.write_bytes(traditional.encode("big5"))
    document = read_document(path)
    assert document.source.encoding == "big5" and document.text == traditional
    plan = parse_file(path)
    assert len(plan.measures) == 18
    units = [u for m in plan.measures for u in m.units]
    assert units[0].raw == "市發改委" and units[0].name == "市发改委"
    assert all(document.text[u.span[0]:u.span[1]] == u.raw for u in units)


def test_utf8_bom_is_not_part_of_the_text(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "青羊区碳达峰实施方案\n一、总体要求".encode("utf-8"))
    document = read_document(path)
    assert document.text.startswith("青羊区") and document.source.encoding == "utf-8-sig"


def test_short_legacy_text_says_the_detection_was_uncertain(tmp_path):
    path = tmp_path / "short.txt"
    path.write_bytes("碳达峰实施方案".encode("gb18030"))
    document = read_document(path)
    assert document.text == "碳达峰实施方案"
    assert [w.code for w in document.warnings] == ["encoding-uncertain"]


def test_short_gb18030_that_happens_to_be_valid_utf8(tmp_path):
    path = tmp_path / "price.txt"
    path.write_bytes("000元/桩".encode("gb18030"))  # also valid UTF-8: "000Ԫ/\u05ee"
    document = read_document(path)
    assert document.text == "000元/桩" and document.source.encoding == "gb18030"
    path.write_bytes("000元/桩".encode("utf-8"))
    assert read_document(path).text == "000元/桩"


def test_to_simplified_keeps_every_position():
    traditional = "青羊區碳達峰實施方案：乾隆年間，天氣乾燥；發展改革委員會"
    simplified = to_simplified(traditional)
    assert simplified == "青羊区碳达峰实施方案：乾隆年间，天气干燥；发展改革委员会"
    assert len(simplified) == len(traditional)
    assert to_simplified("到2025年，PUE值降到1.3") == "到2025年，PUE值降到1.3"


def test_is_traditional():
    simplified = (TXT / "shanghai_tandafeng_shishi_fangan.txt").read_text(encoding="utf-8")
    assert not is_traditional(simplified)
    assert is_traditional(_traditional(simplified))
    assert not is_traditional("PUE 1.3")
    assert not is_traditional("方案")  # characters shared by both scripts say nothing


# --- Bad inputs -----------------------------------------------------------------------------------

def _bad_inputs(folder: Path) -> dict[str, tuple[Path, str]]:
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.pdf").write_bytes(b"   \n")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "undecodable.txt").write_bytes(b"\x80\xff\xfe\x81" * 64)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\nnot really a pdf")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    return {
        "missing": (folder / "missing.txt", "no such file"),
        "directory": (folder, "directory"),
        "empty": (folder / "empty.txt", "empty"),
        "blank pdf": (folder / "blank.pdf", "empty"),
        "binary": (folder / "binary.txt", "binary"),
        "undecodable": (folder / "undecodable.txt", "cannot decode"),
        "broken pdf": (folder / "broken.pdf", "not a readable PDF"),
        "broken docx": (folder / "broken.docx", "not a readable DOCX"),
    }


def test_bad_inputs_raise_one_line_errors(tmp_path):
    for name, (path, problem) in _bad_inputs(tmp_path).items():
        with pytest.raises(PlanInputError) as caught:
            read_document(path)
        assert problem in str(caught.value), name
        assert "\n" not in str(caught.value) and str(path) in str(caught.value)


def test_cli_reports_bad_inputs_in_one_line(tmp_path):
    from PIL import Image

    cases = _bad_inputs(tmp_path)
    Image.new("RGB", (100, 100), "white").save(tmp_path / "scan.pdf")
    cases["scanned"] = (tmp_path / "scan.pdf", "no text layer")
    for name, (path, problem) in cases.items():
        run = subprocess.run([sys.executable, "-m", "policykg", "text", str(path)],
                             capture_output=True, text=True, cwd=REPO)
        assert run.returncode == 2, name
        assert run.stderr.count("\n") == 1 and problem in run.stderr, (name, run.stderr)
        assert "Traceback" not in run.stderr


def test_text_builder_lines_and_cell_spans():
    builder = TextBuilder()
    builder.add_paragraph("  标题 ")
    builder.add_table([["序号", "重点任务", "责任单位"], ["1", "推进节能", "甲局、乙局"], ["", "", ""]])
    text = builder.text()
    assert text == "标题\n序号\t重点任务\t责任单位\n1．推进节能。（责任单位：甲局、乙局）"
    assert [[text[a:b] for a, b in row] for row in builder.tables[0].cell_spans] == [
        ["序号", "重点任务", "责任单位"], ["1", "推进节能", "甲局、乙局"]]
