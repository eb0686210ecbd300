"""OCR of text that is a picture: real corpus pages rendered to images and read back.

The image-only PDFs are made here from corpus pages (rendered with pdfium, wrapped by Pillow),
so the text layer of the same pages is the answer the OCR'd parse is held to. OCR takes seconds
per page, so each test reads only a few pages and the OCR'd plans are shared by module fixtures.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from policykg.extractor import parse_file
from policykg.extractor.api import parse_text
from policykg.extractor.errors import PlanInputError
from policykg.extractor.readers import read_document
from policykg.extractor.readers import pdf_ocr
from policykg.extractor.readers.pdf_layout import Line
from tests.conftest import corpus_files

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
CHENGDU = CORPUS / "pdf" / "chengdu_youhua_nengyuan_jiegou_cujin_lvse_ditan_xingdong_fangan.pdf"
# Pages 1-2: the notice, the goals with their targets and the first eleven measures, each
# with a unit clause (逗号前为牵头单位).
CHENGDU_PAGES = [0, 1]
SCAN_DPI = 200


def _pages(source: Path, indexes: list[int], out: Path, image: bool) -> Path:
    """The given pages of a PDF, as they are (text layer) or as scanned images only."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(source)
    if image:
        images = [document[i].render(scale=SCAN_DPI / 72).to_pil().convert("RGB") for i in indexes]
        images[0].save(out, save_all=True, append_images=images[1:], resolution=SCAN_DPI)
    else:
        subset = pdfium.PdfDocument.new()
        subset.import_pages(document, indexes)
        subset.save(out)
    return out


@pytest.fixture(scope="module")
def chengdu_pair(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ocr")
    text = _pages(CHENGDU, CHENGDU_PAGES, folder / "text.pdf", image=False)
    scan = _pages(CHENGDU, CHENGDU_PAGES, folder / "scan.pdf", image=True)
    document = read_document(scan)  # what ``policykg text`` prints; OCR'd once, parsed here
    plan = parse_text(document.text, source=document.source, extra_warnings=document.warnings)
    return parse_file(text, ocr="never"), plan, scan, document.text


def _measures(plan):
    return {(m.number, m.title) for m in plan.measures}


def _units(plan):
    return {(m.number, u.name, u.role) for m in plan.measures for u in m.units}


def _targets(plan):
    return {(t.year, t.value, t.unit, t.comparator) for t in plan.targets}


def test_ocr_of_image_only_pages_finds_what_the_text_layer_gives(chengdu_pair):
    text, scan, _, _ = chengdu_pair
    for key in (_measures, _units, _targets):
        wanted, found = key(text), key(scan)
        assert wanted, key.__name__
        share = len(wanted & found) / len(wanted)
        assert share >= 0.95, (key.__name__, share, sorted(wanted - found))


def test_every_ocr_fact_overlaps_a_span_marked_as_ocr(chengdu_pair):
    _, scan, _, printed = chengdu_pair
    marked = [w for w in scan.warnings if w.code == "ocr-text"]
    assert [w.message.split(":")[0] for w in marked] == ["page 1", "page 2"]
    assert all("read by OCR (rapidocr-onnxruntime" in w.message for w in marked)
    spans = [w.span for w in marked]
    facts = [m.span for m in scan.measures] + [t.span for t in scan.targets] + \
        [u.span for m in scan.measures for u in m.units]
    # A measure that runs over the page break draws on both pages' OCR: it overlaps a span.
    assert facts and all(any(start < b and a < end for a, b in spans) for start, end in facts)
    # The spans point into the text that ``policykg text`` prints.
    first = scan.measures[0]
    assert printed[first.span[0]:first.span[1]].startswith(first.number)


def test_the_source_knows_its_ocr_ranges_and_every_fact_says_so(chengdu_pair):
    text, scan, _, _ = chengdu_pair
    assert scan.source.ocr == [w.span for w in scan.warnings if w.code == "ocr-text"]
    facts = [*scan.measures, *scan.targets, *(u for m in scan.measures for u in m.units)]
    assert len(scan.measures) == 11 and {f.origin for f in facts} == {"ocr"}
    assert scan.metadata.ocr_fields == ["title"]
    layer = [*text.measures, *text.targets, *(u for m in text.measures for u in m.units)]
    assert text.source.ocr == [] and {f.origin for f in layer} == {None}


def test_no_text_layer_pdf_of_the_corpus_loads_the_ocr_engine():
    # Among them the Wuhu plan, whose red letterhead is a 469×63 pt picture of one line of type:
    # too small to hold several lines of text, so not read (it once cost every read 2-6 s).
    paths = corpus_files(CORPUS / "pdf", "*.pdf", 15)
    code = ("import sys; from policykg.extractor.readers import read_document; "
            f"[read_document(p, 'auto') for p in {[str(p) for p in paths]!r}]; "
            "print('rapidocr_onnxruntime' in sys.modules, 'onnxruntime' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["False", "False"]


def test_an_image_is_read_when_it_can_hold_several_lines_of_text():
    # (left, bottom, right, top) in points on an A4 page: the Wuhu letterhead, a logo, the 528
    # formula and a pasted table; the last lies under a text-layer line.
    boxes = [(77, 577, 546, 640), (60, 700, 130, 770), (90, 116, 502, 238), (70, 300, 520, 500)]
    over = Line(page=0, x0=80, x1=500, top=400, bottom=412, size=12, text="正文", same_row=False)
    regions = pdf_ocr.image_regions(boxes, 0, [], 595, 842)
    assert [r.label for r in regions] == ["page 1: image of 595×842 pt"]   # no text: a scan
    found = pdf_ocr.image_regions(boxes, 0, [over], 595, 842)
    assert [r.label for r in found] == ["page 1: image of 412×122 pt at (90, 604)"]


def test_ocr_never_on_a_scan_is_a_one_line_error_naming_the_option(chengdu_pair):
    _, _, path, _ = chengdu_pair
    run = subprocess.run([sys.executable, "-m", "policykg", "parse", "--ocr", "never", str(path)],
                         capture_output=True, text=True)
    assert run.returncode == 2
    assert run.stderr == f"Error: {path}: PDF has no text layer (a scanned image?); read it " \
                         "with --ocr auto\n"


def test_without_the_extra_a_scan_names_the_extra(chengdu_pair, monkeypatch):
    _, _, path, _ = chengdu_pair
    monkeypatch.setattr(pdf_ocr, "installed", lambda: False)
    with pytest.raises(PlanInputError, match=r"reading it needs OCR: pip install 'policykg\[ocr\]'"):
        read_document(path)
    with pytest.raises(PlanInputError, match=r"--ocr always needs the OCR extra"):
        read_document(path, "always")


def test_without_the_extra_an_image_region_is_a_warning(monkeypatch):
    # A real bulk plan: its page 27 carries a formula as a picture, 412 by 122 points.
    monkeypatch.setattr(pdf_ocr, "installed", lambda: False)
    path = next((CORPUS / "bulk").glob("528、*.pdf"))
    document = read_document(path)
    assert [w.message for w in document.warnings if w.code == "pdf-image-region"] == [
        "page 27: image of 412×122 pt at (90, 604): not read (OCR needs pip install "
        "'policykg[ocr]')"]


# A real plan whose page 9 is one picture: the table of its main indicators (主要指标), 23 rows
# in seven ruled columns, in print about 5 pt high.
YUNNAN = "371、*.pdf"


@pytest.fixture(scope="module")
def yunnan_table(tmp_path_factory):
    import pypdfium2 as pdfium

    source = next((CORPUS / "bulk2").glob(YUNNAN))
    page = tmp_path_factory.mktemp("yunnan") / "page9.pdf"
    subset = pdfium.PdfDocument.new()
    subset.import_pages(pdfium.PdfDocument(source), [8])
    subset.save(page)
    return read_document(page), page


def test_an_image_only_target_table_is_read_cell_by_cell(yunnan_table):
    document, _ = yunnan_table
    assert len(document.tables) == 1
    rows = document.tables[0].rows
    assert rows[0] == ["序号", "指标类型", "指标名称", "单位", "2020年", "2025年", "指标属性"]
    # Rows as printed (name, unit, 2020, 2025), read off the page by eye.
    printed = [
        ["非化石能源占一次能源消费比重", "%", "42.2", "46"],
        ["新增建设用地规模", "万亩", "110.79", "完成国家下达目标"],
        ["地级及以上城市空气质量优良天数比率", "%", "98.8", "98.8"],
        ["地表水达到或优于Ⅲ类比例", "%", "83", "92.1"],
        ["受污染耕地安全利用率", "%", "81.2", "93左右"],
        ["森林覆盖率", "%", "65.04", "65.7"],
        ["森林蓄积量", "亿立方米", "20.67", "22"],
        ["草原综合植被盖度", "%", "78.9", "80"],
        ["人均公园绿地面积", "平方米", "11.70", "12"],
    ]
    assert all(row in [r[2:6] for r in rows] for row in printed), rows


def _line(x0: float, x1: float, top: float, text: str, same_row: bool) -> Line:
    return Line(page=0, x0=x0, x1=x1, top=top, bottom=top + 12, size=12, text=text,
                same_row=same_row)


def test_ocr_lines_in_columns_read_as_a_table():
    # Three columns; the first row's indicator wraps onto a second line.
    lines = [_line(70, 100, 100, "指标", False), _line(300, 350, 100, "2025年", True),
             _line(420, 470, 100, "属性", True),
             _line(70, 250, 120, "可再生能源发电", False), _line(300, 330, 126, "≥50%", True),
             _line(420, 460, 126, "约束性", True), _line(70, 130, 134, "装机占比", False),
             _line(70, 250, 160, "林木绿化率", False), _line(300, 330, 160, "45%", True),
             _line(420, 460, 160, "预期性", True)]
    region = pdf_ocr.ImageRegion(0, 60, 90, 500, 180)
    table = pdf_ocr.as_table(lines, region)
    assert table is not None
    assert table.rows == [["指标", "2025年", "属性"], ["可再生能源发电装机占比", "≥50%", "约束性"],
                          ["林木绿化率", "45%", "预期性"]]


def test_ocr_lines_of_prose_are_not_a_table():
    lines = [_line(70, 520, 100 + 20 * i, "推进能源消费低碳化，坚持节约优先。", False) for i in range(4)]
    assert pdf_ocr.as_table(lines, pdf_ocr.ImageRegion(0, 60, 90, 530, 200)) is None
