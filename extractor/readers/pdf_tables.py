"""Ruled tables of a PDF, read cell by cell with pdfplumber (pdfminer.six underneath).

pypdfium2 gives characters but no table structure; pdfplumber finds the ruling lines and the
cells they enclose. It is much slower, so ``pdf.py`` calls it only for pages that have path
objects at all. Word exports also draw invisible boxes (white background rectangles, one per
paragraph) that look like a one-column table, so a table counts only when at least two of its
columns carry text in most rows.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .assemble import is_label_header, join_wrapped, looks_like_header, tidy_spaces
from .pdf_layout import Line

if TYPE_CHECKING:
    from pdfplumber.page import Page

# A line break inside a cell between two digits: maybe one number wrapped (see _number_wraps).
_DIGIT_BREAK = re.compile(r"\d\n\d")
# Word and WPS keep about half a character of padding between a cell's text and its right rule.
_PADDING = 0.5
# pdfplumber's default: words of one line lie within this many points of each other vertically.
_LINE_TOLERANCE = 3


@dataclass
class TableRegion:
    """A table on one page: its box (points, origin top left) and its rows of cell text."""
    x0: float
    top: float
    x1: float
    bottom: float
    rows: list[list[str]]

    def covers(self, line: Line) -> bool:
        """Whether a line of text lies inside the table (and so is read as a cell instead)."""
        middle = (line.top + line.bottom) / 2
        return self.top <= middle <= self.bottom and line.x0 < self.x1 and line.x1 > self.x0

    def continuation_of(self, rows: list[list[str]]) -> list[list[str]] | None:
        """The rows that carry on ``rows`` from the page before, or None if this is a new table.

        A table carries on when it has the same number of columns and either no header or the
        same header repeated (which is then left out).
        """
        if not rows or len(rows[0]) != len(self.rows[0]):
            return None
        if self.rows[0] in rows[:2]:
            return self.rows[1:]
        return None if looks_like_header(self.rows[0]) else self.rows


def find_tables(data: bytes, page_indexes: list[int]) -> dict[int, list[TableRegion]]:
    """Tables with text in at least two columns on the given (0-based) pages."""
    import pdfplumber

    found: dict[int, list[TableRegion]] = {}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for index in page_indexes:
            page = pdf.pages[index]
            regions = []
            for table in page.find_tables():
                grid = [row.cells for row in table.rows]
                rows = [[_cell(text, page, box) for text, box in zip(texts, boxes)]
                        for texts, boxes in zip(table.extract(), grid)]
                _repeat_spanned_owners(rows, grid)
                if has_two_columns(rows):
                    x0, top, x1, bottom = table.bbox
                    regions.append(TableRegion(x0, top, x1, bottom, rows))
            if regions:
                found[index] = regions
            page.close()
    return found


def _repeat_spanned_owners(rows: list[list[str]], grid: list[list[tuple | None]]) -> None:
    """A 牵头单位 / 责任单位 / 完成时限 cell merged over several rows belongs to each of them.

    pdfplumber gives such a cell to its first row and None to the rows below it; in an owner or
    deadline column (header ``is_label_header``) those rows get its text, so every task of the
    span keeps its units and deadline. Other merged cells (a 序号 over sub-rows) stay empty."""
    if not rows:
        return
    labels = [c for c, name in enumerate(rows[0]) if is_label_header(name)]
    for r in range(1, len(grid)):
        tops = [box[1] for box in grid[r] if box is not None]
        if not tops:
            continue
        for c in labels:
            if c >= len(grid[r]) or grid[r][c] is not None:
                continue
            above = next((k for k in range(r - 1, 0, -1) if c < len(grid[k]) and grid[k][c] is not None), None)
            if above is not None and grid[above][c][3] > min(tops) + 1:
                rows[r][c] = rows[above][c]


def _cell(text: str | None, page: Page, box: tuple | None) -> str:
    """A cell's text on one line: wrapped lines joined, a number the cell wrapped made whole."""
    lines = (text or "").split("\n")
    if box is None or not _DIGIT_BREAK.search(text or ""):
        return tidy_spaces(join_wrapped(lines))
    wraps = _number_wraps(page, box, len(lines))
    out = []
    for index, line in enumerate(lines):
        if index in wraps:
            out[-1] = out[-1].rstrip(" \u3000") + line.strip(" \u3000")
        else:
            out.append(line)
    return tidy_spaces(join_wrapped(out))


def _number_wraps(page: Page, box: tuple, count: int) -> set[int]:
    """Indexes of the cell's lines that go on with a number the line above had no room to finish.

    A narrow cell wraps a number such as ``100%`` into ``10`` over ``0%``; read as two Latin words
    it would get a space (``10 0%``). A break between digits counts as such a wrap when the line
    above reaches the cell's right edge: the first glyph of the line below would not have fitted
    before the padding. A short line (``2020`` over ``2025`` in a wide cell) ends a number there.
    The lines are grouped as pdfplumber's ``extract_text`` groups them; when the counts differ
    no line is joined."""
    from pdfplumber.utils import cluster_objects
    from pdfplumber.utils.text import WordExtractor

    x0, top, x1, bottom = box
    chars = [c for c in page.chars if x0 <= (c["x0"] + c["x1"]) / 2 < x1
             and top <= (c["top"] + c["bottom"]) / 2 < bottom]
    words = WordExtractor().extract_words(chars, return_chars=True)
    lines = cluster_objects(words, "top", _LINE_TOLERANCE)
    if len(lines) != count:
        return set()
    wraps = set()
    for index in range(1, count):
        above, below = lines[index - 1], lines[index]
        last, first = above[-1]["chars"][-1], below[0]["chars"][0]
        room = x1 - _PADDING * first["size"] - max(word["x1"] for word in above)
        if last["text"].isdigit() and first["text"].isdigit() and first["x1"] - first["x0"] > room:
            wraps.add(index)
    return wraps


def has_two_columns(rows: list[list[str]]) -> bool:
    """A real table: two rows or more, and at least two columns with text in half the rows."""
    if len(rows) < 2 or len(rows[0]) < 2:
        return False
    filled = [sum(1 for row in rows if column < len(row) and row[column])
              for column in range(len(rows[0]))]
    return sum(1 for count in filled if count * 2 >= len(rows)) >= 2
