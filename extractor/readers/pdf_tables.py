"""Ruled tables of a PDF, read cell by cell with pdfplumber (pdfminer.six underneath).

pypdfium2 gives characters but no table structure; pdfplumber finds the ruling lines and the
cells they enclose. It is much slower, so ``pdf.py`` calls it only for pages that have path
objects at all. Word exports also draw invisible boxes (white background rectangles, one per
paragraph) that look like a one-column table, so a table counts only when at least two of its
columns carry text in most rows.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from .assemble import is_label_header, join_wrapped, looks_like_header, tidy_spaces
from .pdf_layout import Line


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
                rows = [[_cell(cell) for cell in row] for row in table.extract()]
                _repeat_spanned_owners(rows, [row.cells for row in table.rows])
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


def _cell(text: str | None) -> str:
    return tidy_spaces(join_wrapped((text or "").split("\n")))


def has_two_columns(rows: list[list[str]]) -> bool:
    """A real table: two rows or more, and at least two columns with text in half the rows."""
    if len(rows) < 2 or len(rows[0]) < 2:
        return False
    filled = [sum(1 for row in rows if column < len(row) and row[column])
              for column in range(len(rows[0]))]
    return sum(1 for count in filled if count * 2 >= len(rows)) >= 2
