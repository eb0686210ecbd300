"""Ruled tables of a PDF, read cell by cell with pdfplumber (pdfminer.six underneath).

pypdfium2 gives characters but no table structure; pdfplumber finds the ruling lines and the
cells they enclose. It is much slower, so ``pdf.py`` calls it only for pages that have path
objects at all. Word exports also draw invisible boxes (white background rectangles, one per
paragraph) that look like a one-column table, so a table counts only when at least two of its
columns carry text in most rows.
"""
from __future__ import annotations

import io
import math
from dataclasses import dataclass
from statistics import median
from typing import TYPE_CHECKING

from .assemble import is_label_header, join_wrapped, looks_like_header, tidy_spaces
from .pdf_layout import Line

if TYPE_CHECKING:
    from pdfplumber.page import Page

# Word and WPS keep about half a character of padding between a cell's text and its right rule.
_PADDING = 0.5
# Baselines closer than this share of the type size are one line (two lines so close would
# overlap): a glyph set a little low (an italic μ) stays in its line.
_SAME_LINE = 0.5
# A glyph smaller than this share of its cell's type size is a sub- or superscript (PM2.5, m³, a
# footnote mark): it belongs to the nearest line of full-size glyphs, however far it is raised.
_SCRIPT = 0.8
# A glyph's middle stands this share of its size above the baseline (standard Chinese fonts
# declare boxes from 0.12 below the baseline to 0.88 above).
_MIDDLE = 0.38
# Rules shorter than this (points) are the short edges of a thin rectangle drawn as a rule.
_RULE_LENGTH = 3
# Rule ends this close (points) make one side; a side needs this many rules ending there.
_SAME_END = 2
_SIDE_RULES = 3
# A drawn vertical rule this close (points) to a side closes it: no column is that narrow.
_NARROWEST_COLUMN = 8


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
            tables = page.find_tables()
            sides = _undrawn_sides(page.edges, [table.bbox for table in tables])
            if sides:
                tables = page.find_tables({"explicit_vertical_lines": sides})
            for table in tables:
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


def _undrawn_sides(edges: list[dict], boxes: list[tuple]) -> list[dict]:
    """Vertical rules for the sides of tables whose horizontal rules end where no vertical rule is
    drawn, as pdfplumber's explicit lines.

    Some exports set a table wider than the page (bulk2 451, 表1: its last column runs past the
    right edge and loses its right rule), and some draw tables open at the sides. pdfplumber only
    closes cells where rules cross, so without the side rule the outer column has no cells: its
    values fall out of the table. When three rules or more of a table end at one x (its outermost
    ends, left or right) and no vertical rule runs there over half of their height, that side is
    ruled here."""
    rules = [e for e in edges if e["orientation"] == "h" and e["width"] > _RULE_LENGTH]
    uprights = [e for e in edges if e["orientation"] == "v" and e["height"] > _RULE_LENGTH]
    sides = []
    for x0, top, x1, bottom in boxes:
        crossing = [e for e in rules if top - _SAME_END <= e["top"] <= bottom + _SAME_END
                    and e["x0"] <= x1 + _SAME_END and e["x1"] >= x0 - _SAME_END]
        for end, outermost in (("x0", min), ("x1", max)):
            if not crossing:
                continue
            x = outermost(e[end] for e in crossing)
            ending = [e for e in crossing if abs(e[end] - x) <= _SAME_END]
            if len(ending) < _SIDE_RULES:
                continue
            high, low = min(e["top"] for e in ending), max(e["bottom"] for e in ending)
            drawn = sum(min(v["bottom"], low) - max(v["top"], high) for v in uprights
                        if abs(v["x0"] - x) <= _NARROWEST_COLUMN and v["bottom"] > high and v["top"] < low)
            if drawn * 2 < low - high:
                sides.append({"object_type": "line", "x0": x, "x1": x, "top": high, "bottom": low,
                              "width": 0, "height": low - high})
    return sides


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
    """A cell's text on one line: its lines joined, a number the cell wrapped made whole."""
    lines = _baseline_lines(page, box) if box is not None else None
    if lines is None:
        return tidy_spaces(join_wrapped((text or "").split("\n")))
    out: list[str] = []
    for index, line in enumerate(lines):
        words = " ".join(word["text"] for word in line)
        if index and _wraps_number(lines[index - 1], line, box[2]):
            out[-1] += words
        else:
            out.append(words)
    return tidy_spaces(join_wrapped(out))


def _baseline_lines(page: Page, box: tuple) -> list[list[dict]] | None:
    """The words of a cell, line by line from the top and left to right in a line; None when a
    glyph is not upright (its baseline does not say where its line is).

    Glyphs are placed by their baselines, not by their boxes as pdfplumber's ``extract`` places
    them: a box's top and bottom come from its font's declared ascent and descent, and some
    typesetting fonts put the boxes of digits and brackets 8 points below those of the
    ideographs on the same baseline (bulk2 77: ``20.化肥施用量（折纯量）（万吨）`` read as the line
    ``化肥施用量 折纯量 万吨`` over ``20. ( )( )``, and the ``（μg/m³）`` that closes a cell fell into
    the cell below)."""
    from pdfplumber.utils import cluster_objects
    from pdfplumber.utils.text import WordExtractor

    x0, top, x1, bottom = box
    chars = [c for c in page.chars if x0 <= (c["x0"] + c["x1"]) / 2 < x1
             and top <= _baseline(c) - _MIDDLE * c["size"] < bottom]
    if not chars or not all(c.get("upright", True) for c in chars):
        return None
    size = median(c["size"] for c in chars)
    lines = cluster_objects([c for c in chars if c["size"] >= _SCRIPT * size], _baseline, _SAME_LINE * size)
    middles = [median(map(_baseline, line)) for line in lines]
    for char in chars:
        if char["size"] < _SCRIPT * size:
            nearest = min(range(len(lines)), key=lambda index: abs(middles[index] - _baseline(char)))
            lines[nearest].append(char)
    # one baseline is one line, whatever the tops of the boxes: words go left to right in it
    words = WordExtractor(y_tolerance=math.inf).extract_words
    return [found for found in (words(line, return_chars=True) for line in lines) if found]


def _baseline(char: dict) -> float:
    """How far down the page a glyph's baseline is (the ``top`` scale): its box's bottom moved by
    the distance between the box's bottom and the baseline of its text matrix."""
    return char["bottom"] + char["y0"] - char["matrix"][5]


def _wraps_number(above: list[dict], below: list[dict], right: float) -> bool:
    """Whether the line ``below`` goes on with a number the line ``above`` had no room to finish.

    A narrow cell wraps a number such as ``100%`` into ``10`` over ``0%``; read as two Latin words
    it would get a space (``10 0%``). A break between digits counts as such a wrap when the line
    above reaches the cell's right edge: the first glyph of the line below would not have fitted
    before the padding. A short line (``2020`` over ``2025`` in a wide cell) ends a number there."""
    last, first = above[-1]["chars"][-1], below[0]["chars"][0]
    room = right - _PADDING * first["size"] - max(word["x1"] for word in above)
    return last["text"].isdigit() and first["text"].isdigit() and first["x1"] - first["x0"] > room


def has_two_columns(rows: list[list[str]]) -> bool:
    """A real table: two rows or more, and at least two columns with text in half the rows."""
    if len(rows) < 2 or len(rows[0]) < 2:
        return False
    filled = [sum(1 for row in rows if column < len(row) and row[column])
              for column in range(len(rows[0]))]
    return sum(1 for count in filled if count * 2 >= len(rows)) >= 2
