"""The PDF reader's runs: characters that one text object set evenly on a line are read as one
piece (pdf.py, ``_runs``), and must give the lines that reading them one by one gives. The PDFs
are written by hand (tests/pdf_samples.py: one text object per item, STSong at 1 em per glyph)."""
from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from policykg.extractor.readers import pdf
from tests.pdf_samples import write_pdf


def _read(tmp_path: Path, items: list[tuple], by_runs: bool = True) -> tuple[list[str], list[tuple]]:
    """The texts of the pieces the page's characters were read as, and its lines as (text,
    left, right, piece of the row before)."""
    path = tmp_path / "page.pdf"
    write_pdf(path, [items])
    document = pdfium.PdfDocument(str(path))
    try:
        page = document[0]
        textpage = page.get_textpage()
        chars, unmapped = pdf._chars(pdf._bindings(), textpage.raw, by_runs)
        lines, _ = pdf._page_lines(pdf._bindings(), textpage.raw, 0, page.get_height())
        textpage.close()
        page.close()
    finally:
        document.close()
    assert unmapped == 0
    return [c[0] for c in chars], [(line.text, round(line.x0, 1), round(line.x1, 1), line.same_row)
                                   for line in lines]


def test_one_text_object_is_read_as_one_run(tmp_path):
    items = [("text", 90, 700, 16, "推进工业节能改造")]
    assert _read(tmp_path, items) == (["推进工业节能改造"], [("推进工业节能改造", 90.0, 218.0, False)])
    assert _read(tmp_path, items, by_runs=False) == (list("推进工业节能改造"),
                                                     [("推进工业节能改造", 90.0, 218.0, False)])


def test_a_wide_gap_between_two_runs_cuts_the_row_and_a_narrow_one_does_not(tmp_path):
    """农业农村部 at 12 points ends at x = 150: 国家… 20 points on is a second piece of the row
    (two issuers side by side), 5 points on is the same line."""
    _, lines = _read(tmp_path, [("text", 90, 700, 12, "农业农村部"), ("text", 170, 700, 12, "国家发展改革委")])
    assert [(text, same_row) for text, _, _, same_row in lines] == [("农业农村部", False), ("国家发展改革委", True)]
    _, lines = _read(tmp_path, [("text", 90, 700, 12, "农业农村部"), ("text", 155, 700, 12, "国家发展改革委")])
    assert [text for text, *_ in lines] == ["农业农村部国家发展改革委"]


def test_a_text_object_with_wide_character_spacing_is_read_one_by_one(tmp_path):
    """A heading spread over the line (30 points of spacing after each 16-point glyph) has gaps
    wider than a character, which cut it as they do when its characters are read one by one."""
    pieces, lines = _read(tmp_path, [("spaced", 90, 700, 16, "分散对齐", 30)])
    assert pieces == ["分", "散", "对", "齐"]
    assert [(text, left) for text, left, _, _ in lines] == [("分", 90.0), ("散", 136.0), ("对", 182.0), ("齐", 228.0)]


def test_a_run_doubled_by_its_neighbour_is_read_again_one_by_one(tmp_path):
    """能 is set twice, 2 points apart, at the end of one object and the start of the next (as a
    fake bold sets a glyph twice): read one by one, the second is dropped as a doubled glyph;
    read as two runs it cannot be, so the page is read again one by one."""
    items = [("text", 90, 700, 16, "推进工业节能"), ("text", 172, 700, 16, "能源结构调整")]
    pieces, lines = _read(tmp_path, items)
    assert pieces == ["推进工业节能", "能源结构调整"]
    assert [text for text, *_ in lines] == ["推进工业节能源结构调整"]


def _char(text: str, left: float, right: float, size: float = 10.0, last_left: float | None = None) -> tuple:
    """A piece in the shape pdf.py groups (see pdf_ocr.Char), on the baseline y = 0."""
    ideographs = sum("\u4e00" <= c <= "\u9fff" for c in text)
    return (text, left, right, 0.0, size, size, left if last_left is None else last_left, ideographs)


def test_the_type_size_of_a_row_counts_a_run_once_per_character():
    """Three ideographs at 10 points in a run and two lone ones at 20: the median is 10. With no
    ideograph in the row, a run of two commas at 10 counts twice against 1 and % at 12."""
    row = [_char("节能降", 0, 30, last_left=20), _char("碳", 40, 60, size=20), _char("行", 60, 80, size=20)]
    assert pdf._type_size(row) == 10.0
    row = [_char("，、", 0, 20, last_left=10), _char("1", 20, 26, size=12), _char("%", 26, 34, size=12)]
    assert pdf._type_size(row) == 10.0


def test_a_run_holds_unless_a_neighbour_starts_inside_it_or_its_size_is_far_from_the_row():
    run = _char("节能降碳", 0, 40, last_left=30)
    assert pdf._runs_hold([run, _char("行", 41, 51)], 10.0, 3.0)
    assert not pdf._runs_hold([run, _char("行", 25, 35)], 10.0, 3.0)
    assert not pdf._runs_hold([run, _char("碳", 31, 41)], 10.0, 3.0)
    assert not pdf._runs_hold([run, _char("行", 41, 51)], 25.0, 7.5)


def test_the_reader_s_bindings_answer_as_pypdfium2_s(tmp_path):
    """The calls made per character and per page object are bound without argument types
    (``pdf._bindings``); they must give what pypdfium2's own bindings give."""
    path = tmp_path / "page.pdf"
    write_pdf(path, [[("text", 90, 700, 16, "推进 A1"), ("rule", 90, 600, 300, 600)]])
    fast = pdf._bindings()
    assert fast.FPDFText_GetLooseCharBox is not raw.FPDFText_GetLooseCharBox
    document = pdfium.PdfDocument(str(path))
    try:
        page = document[0]
        textpage = page.get_textpage()
        handle = textpage.raw
        for index in range(raw.FPDFText_CountChars(handle)):
            boxes = []
            for bindings in (raw, fast):
                box = raw.FS_RECTF()
                assert bindings.FPDFText_GetLooseCharBox(handle, index, ctypes.pointer(box)) == 1
                boxes.append((box.left, box.right, box.bottom, box.top,
                              bindings.FPDFText_HasUnicodeMapError(handle, index),
                              bindings.FPDFText_IsGenerated(handle, index),
                              bindings.FPDFText_CountRects(handle, 0, index + 1)))
            assert boxes[0] == boxes[1]
        kinds = [[bindings.FPDFPageObj_GetType(bindings.FPDFPage_GetObject(page.raw, index))
                  for index in range(raw.FPDFPage_CountObjects(page.raw))] for bindings in (raw, fast)]
        assert kinds[0] == kinds[1] == [raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_PATH]
        textpage.close()
        page.close()
    finally:
        document.close()
