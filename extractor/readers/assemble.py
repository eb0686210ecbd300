"""Build a reader's text from paragraphs and table rows, keeping the span of every table cell.

PDF, DOCX and HTML readers all end with a sequence of paragraphs and tables. They hand them to
one ``TextBuilder`` so the text layout (one paragraph per line) and the way a table row reads as
text are the same whatever the format.

A table row becomes one line a text-only parser understands. In a task table (序号 / 重点任务 /
牵头单位 / 责任单位 / 完成时限) the row reads the way plans write a measure in running text::

    1．推进工业节能改造。（牵头单位：市经信局；责任单位：市发展改革委；完成时限：2025年）

so headings, unit clauses and dates are found by the same rules as in prose. Rows of other
tables keep their cells apart with a tab.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import Table

_HEADER_WORDS = re.compile(r"序号|编号|名称|任务|内容|措施|举措|事项|单位|部门|时限|时间|期限|"
                           r"进度|指标|目标|备注|类别|项目|分工|要求|领域")
_NUMBER_HEADER = re.compile(r"^(序号|编号)$")
# Columns that say who and when. A bare 单位 is a unit of measure (指标 tables), not an owner.
_LABEL_HEADER = re.compile(r"(牵头|责任|配合|参与|参加|协办|主办|实施|承办|主管)单位|部门|时限|时间|期限|进度")
_ROW_NUMBER = re.compile(r"^[0-9０-９]{1,3}[.．、]?$")
_CELL_SEPARATOR = "\t"
_SENTENCE_END = ("。", "；", "！", "？", "!", "?", ";")
# Spaces in Chinese text are layout: Word sets one around every number ("到 2025 年"), which
# goes. A space between two ideographs ("第十条 本办法", "黄埔区 广州开发区") separates words and
# stays, as one space; spaces between Latin words and numbers stay too.
_SPACE_RUN = re.compile(r"[ \u00a0\u3000\t]+")
_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u2014\u2018-\u201d\u2026]")


def tidy_spaces(text: str) -> str:
    """Drop layout spaces around Chinese text and collapse runs of spaces."""
    def replace(match: re.Match) -> str:
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        if not before or not after:
            return ""
        if _IDEOGRAPH.match(before) and _IDEOGRAPH.match(after):
            return " "
        return "" if _WIDE.match(before) or _WIDE.match(after) else " "
    return _SPACE_RUN.sub(replace, text)


def join_wrapped(lines: list[str]) -> str:
    """Join the lines of one wrapped paragraph: no space in Chinese, one between Latin words."""
    out = ""
    for line in lines:
        line = line.strip(" \u3000")
        if out and line and out[-1].isascii() and out[-1].isalnum() and line[0].isascii() \
                and line[0].isalnum():
            out += " "
        out += line
    return out


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def drop_controls(text: str) -> str:
    """``text`` without C0 control characters other than tab and line breaks: a PDF table cell
    can hold a NUL, which no XML export, no C-string server (FalkorDB) and no reader can use."""
    return _CONTROLS.sub("", text)


@dataclass
class TextBuilder:
    """Accumulates lines of text; tables are recorded with the span of every cell."""
    parts: list[str] = field(default_factory=list)
    length: int = 0
    tables: list[Table] = field(default_factory=list)

    def add_paragraph(self, text: str) -> None:
        text = drop_controls(text).strip()
        if text:
            self._append(text)

    def add_table(self, rows: list[list[str]]) -> None:
        """Render rows (cells already cleaned) one line each; skip empty rows and tables.

        The header is the first or second row (a caption row may come first); rows before it
        and the header itself read as plain cells.
        """
        rows = [[drop_controls(cell) for cell in row] for row in rows]
        rows = [row for row in rows if any(cell for cell in row)]
        if not rows:
            return
        at = next((index for index, row in enumerate(rows[:2]) if looks_like_header(row)), None)
        spans = []
        for index, row in enumerate(rows):
            header = rows[at] if at is not None and index > at else None
            line, cell_spans = render_row(row, header)
            start = self._append(line)
            spans.append([(start + a, start + b) for a, b in cell_spans])
        self.tables.append(Table(rows=rows, cell_spans=spans))

    def text(self) -> str:
        return "".join(self.parts)

    def _append(self, line: str) -> int:
        if self.parts:
            self.parts.append("\n")
            self.length += 1
        start = self.length
        self.parts.append(line)
        self.length += len(line)
        return start


def is_label_header(name: str) -> bool:
    """Whether a column header names who or when (牵头单位, 责任部门, 完成时限), not what."""
    return bool(_LABEL_HEADER.search(name))


def looks_like_header(row: list[str]) -> bool:
    """A header row: short cells, most of them naming a column (序号, 牵头单位, 完成时限…)."""
    cells = [cell for cell in row if cell]
    if len(cells) < 2 or any(len(cell) > 12 for cell in cells):
        return False
    return sum(1 for cell in cells if _HEADER_WORDS.search(cell)) * 2 >= len(cells)


def render_row(row: list[str], header: list[str] | None) -> tuple[str, list[tuple[int, int]]]:
    """One row as one line, with the [start, end) of each cell in that line ((0, 0) if empty)."""
    spans = [(0, 0)] * len(row)
    if header is None or len(header) != len(row):
        return _join_cells(row, spans)
    number, body, labels = None, [], []
    for index, (name, cell) in enumerate(zip(header, row)):
        if not cell:
            continue
        if number is None and (_NUMBER_HEADER.match(name) or (index == 0 and _ROW_NUMBER.match(cell))):
            number = index
        elif is_label_header(name):
            labels.append(index)
        else:
            body.append(index)
    if not body or not labels:
        return _join_cells(row, spans)
    out = ""
    if number is not None:
        digits = row[number].rstrip(".．、")
        spans[number] = (0, len(digits))
        out = digits + "．"
    for position, index in enumerate(body):
        if position:
            out += "："
        spans[index] = (len(out), len(out) + len(row[index]))
        out += row[index]
    if not out.endswith(_SENTENCE_END):
        out += "。"      # the task ends its sentence, so it is the measure's title, not its clause
    if labels:
        out += "（"
        for position, index in enumerate(labels):
            if position:
                out += "；"
            out += f"{header[index]}："
            spans[index] = (len(out), len(out) + len(row[index]))
            out += row[index]
        out += "）"
    return out, spans


def _join_cells(row: list[str], spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """Cells apart by a tab; empty cells at the end add nothing (a caption spanning the row)."""
    last = max(index for index, cell in enumerate(row) if cell)
    out = ""
    for index, cell in enumerate(row):
        if index > last:
            spans[index] = (len(out), len(out))
            continue
        if index:
            out += _CELL_SEPARATOR
        spans[index] = (len(out), len(out) + len(cell))
        out += cell
    return out, spans
