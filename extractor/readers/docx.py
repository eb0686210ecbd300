"""DOCX reader (python-docx): body paragraphs and tables in document order.

Two things Word hides from ``paragraph.text`` are put back, because the parser needs them:
automatic list numbers (a heading typed as 一、 in one file is a numbered list level with the
format ``%1、`` in another) and table rows, which go through the same rendering as PDF tables,
so a task table's row reads as a measure with its unit clause.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from ..errors import PlanInputError
from . import Document
from .assemble import TextBuilder
from .source import inflated_cap, nonempty_bytes, require, source_for

_CHINESE_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_LEVEL_FIELD = re.compile(r"%([1-9])")
# A cell whose paragraphs are all this short and unpunctuated is a list of names (one unit per
# paragraph); its paragraphs are joined with 、 so the names stay apart.
_NAME_LENGTH = 20


def read_docx(path: Path) -> Document:
    """Read a Word document; raise PlanInputError when it is not one or holds no text."""
    docx = require(path, "docx", "python-docx", "docx")
    data = nonempty_bytes(path)
    _check_inflated_size(path, data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # not a zip, no word/document.xml, broken XML: all the same here
        raise PlanInputError(str(path), f"not a readable DOCX file ({type(exc).__name__})") from None
    builder = TextBuilder()
    numbers = _Numbering(document)
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(element, document)
            builder.add_paragraph(numbers.label(paragraph) + paragraph.text)
        elif tag == "tbl":
            builder.add_table(_rows(Table(element, document)))
    text = builder.text()
    if not text.strip():
        raise PlanInputError(str(path), "DOCX document holds no text")
    return Document(text=text, tables=builder.tables, source=source_for(path, data, text, "docx"))


def _check_inflated_size(path: Path, data: bytes) -> None:
    """Refuse a zip whose members add up to more than the cap (a 1.5 MB zip bomb once took
    3.1 GB). The sizes the zip declares bound what is read: Python's zip reader stops each
    member at its declared size."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            inflated = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile:
        return  # python-docx names the problem below
    cap = inflated_cap(path)
    if inflated > cap:
        raise PlanInputError(str(path), f"DOCX expands to {inflated / (1 << 20):,.0f} MB, over the "
                                        f"{cap / (1 << 20):,.0f} MB cap (POLICYKG_MAX_INFLATED_MB "
                                        f"raises it)")


def _rows(table) -> list[list[str]]:
    """Cell texts row by row; a cell merged across columns counts once, the rest stay empty."""
    rows = []
    for row in table.rows:
        cells, previous = [], None
        for cell in row.cells:
            cells.append("" if cell._tc is previous else _cell_text(cell))
            previous = cell._tc
        rows.append(cells)
    return rows


def _cell_text(cell) -> str:
    parts = [p.text.strip() for p in cell.paragraphs if p.text.strip()]
    names = len(parts) > 1 and all(len(p) <= _NAME_LENGTH and not re.search(r"[，。；：,;]", p)
                                   for p in parts)
    return ("、" if names else "").join(parts)


class _Numbering:
    """Counts automatic list numbers the way Word shows them (decimal, 一二三, ①②③)."""

    def __init__(self, document):
        self.formats: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for node in root.findall(_q("w:abstractNum")):
            levels = {}
            for level in node.findall(_q("w:lvl")):
                fmt = level.find(_q("w:numFmt"))
                text = level.find(_q("w:lvlText"))
                start = level.find(_q("w:start"))
                levels[int(level.get(_q("w:ilvl")))] = (
                    fmt.get(_q("w:val")) if fmt is not None else "decimal",
                    text.get(_q("w:val")) if text is not None else "",
                    int(start.get(_q("w:val"))) if start is not None else 1)
            abstract[node.get(_q("w:abstractNumId"))] = levels
        for num in root.findall(_q("w:num")):
            ref = num.find(_q("w:abstractNumId"))
            for ilvl, spec in abstract.get(ref.get(_q("w:val")) if ref is not None else None, {}).items():
                self.formats[(num.get(_q("w:numId")), ilvl)] = spec

    def label(self, paragraph) -> str:
        """The number Word would print before this paragraph, or ''."""
        numbering = _num_pr(paragraph)
        if numbering is None or numbering.numId is None:
            return ""
        num_id = str(numbering.numId.val)
        ilvl = numbering.ilvl.val if numbering.ilvl is not None else 0
        if (num_id, ilvl) not in self.formats:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        fmt, text, _ = self.formats[(num_id, ilvl)]

        def number(match: re.Match) -> str:
            level = int(match.group(1)) - 1
            spec = self.formats.get((num_id, level), ("decimal", "", 1))
            return _format(counters[level] + spec[2] - 1, spec[0])

        return "" if fmt in ("bullet", "none") else _LEVEL_FIELD.sub(number, text)


def _num_pr(paragraph):
    """The paragraph's list numbering, set on the paragraph or inherited from its style."""
    properties = paragraph._p.pPr
    if properties is not None and properties.numPr is not None:
        return properties.numPr
    style = paragraph.style
    while style is not None:
        properties = style.element.pPr
        if properties is not None and properties.numPr is not None:
            return properties.numPr
        style = style.base_style
    return None


def _format(value: int, fmt: str) -> str:
    if fmt.startswith("chineseCounting") or fmt in ("ideographDigital", "japaneseCounting",
                                                    "taiwaneseCounting"):
        return _chinese(value)
    if fmt.startswith("decimalEnclosedCircle") and 1 <= value <= len(_CIRCLED):
        return _CIRCLED[value - 1]
    return str(value)


def _chinese(value: int) -> str:
    """1..99 in Chinese numerals as headings write them: 一, 十, 十一, 二十三."""
    if value < 10:
        return _CHINESE_DIGITS[value]
    tens, ones = divmod(value, 10)
    return (_CHINESE_DIGITS[tens] if tens > 1 else "") + "十" + (_CHINESE_DIGITS[ones] if ones else "")


def _q(name: str) -> str:
    from docx.oxml.ns import qn
    return qn(name)
