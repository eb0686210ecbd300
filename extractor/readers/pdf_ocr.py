"""OCR for the parts of a PDF whose text is a picture: scanned pages and pasted-in images.

Why rapidocr-onnxruntime (comparison in docs/ocr.md): it ships the PP-OCRv4 Chinese detection
and recognition models inside its wheel, so ``pip install 'policykg[ocr]'`` is all it takes and
nothing is downloaded at run time; on rendered corpus pages it read more of the text layer's
characters than Tesseract's ``chi_sim``, which is also not installable from PyPI.

What is read, in ``auto`` mode: every page without a text layer that holds an image, and every
image on a page with text that is large enough to hold a few lines and has no text-layer line
over it (a seal stamped on a signature has one, a pasted 专栏 table has none). ``always`` OCRs
every page, ignoring the text layer; ``never`` OCRs nothing. Whatever is not read is reported
as a ``pdf-image-region`` warning naming its page and size.

The engine returns one box per line of text with its characters; ``pdf.py`` turns the boxes into
positioned characters and from there into the same ``Line`` objects as the text layer, so OCR'd
text goes through the same line grouping, paragraph joining and (when the boxes line up in
columns) the same table reading as text. Nothing here imports the engine until OCR runs.
"""
from __future__ import annotations

import importlib.util
from bisect import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import PlanInputError
from ..ocr_mode import OCR_MODES, OcrMode
from .assemble import join_wrapped, tidy_spaces
from .pdf_layout import Line
from .pdf_tables import TableRegion, has_two_columns

if TYPE_CHECKING:
    import numpy

ENGINE = "rapidocr-onnxruntime"
INSTALL = "pip install 'policykg[ocr]'"
# First render: 100 dpi read body text best in the engine comparison (docs/ocr.md).
DPI = 100
# Text lines lower than this (pixels) are read again finer, to about the good height, with the
# longest side of the picture kept within what the engine is allowed to take in.
_SMALL_LINE_PX = 16
_GOOD_LINE_PX = 32
_MAX_SIDE_PX = 4000
# A pixel is ink when its darkest channel is below this; a picture with fewer ink pixels is blank.
_INK_LEVEL = 160
_MIN_INK_PIXELS = 50
# A row or column of pixels that is ink over this share of the table's extent is a rule.
_RULE_SHARE = 0.7
# An image is worth reading when it could hold several lines of body text, in points: three
# lines of 16 pt (三号, the body type of official documents) at 1.5 line spacing. A red
# letterhead (one line of large type, about 63 pt high), a logo or a small formula stays below.
MIN_REGION_HEIGHT = 72.0
MIN_REGION_WIDTH = 120.0
# Recognised lines below this confidence are dropped (the engine's own default is 0.5).
_MIN_SCORE = 0.5
# A table needs at least this many rows that are cut into two or more cells.
_MIN_TABLE_ROWS = 3

Char = tuple[str, float, float, float, float, float, float, int]
"""A positioned character as pdf.py uses them, in PDF points: (text, left, right, bottom, top,
bottom + top, left of the last character, ideographs in the text). The text is one character,
or a run that one text object set on one line (pdf.py reads those whole, see ``_runs``)."""


def glyph(char: str, left: float, right: float, bottom: float, top: float) -> Char:
    """One positioned character in the shape pdf.py groups into lines."""
    return char, left, right, bottom, top, bottom + top, left, int("\u4e00" <= char <= "\u9fff")


@dataclass
class ImageRegion:
    """An image on a page (0-based ``page``), in points with the origin at the page's top left."""
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    whole_page: bool = False

    @property
    def label(self) -> str:
        where = "" if self.whole_page else f" at ({self.x0:.0f}, {self.top:.0f})"
        return (f"page {self.page + 1}: image of {self.x1 - self.x0:.0f}×"
                f"{self.bottom - self.top:.0f} pt{where}")

    def holds(self, line: Line) -> bool:
        """Whether a text-layer line lies over the image (so the image is not text alone)."""
        middle = (line.top + line.bottom) / 2
        return self.top <= middle <= self.bottom and line.x0 < self.x1 and line.x1 > self.x0


@dataclass
class Recognised:
    """What OCR read in one region: positioned characters and the engine's mean confidence."""
    region: ImageRegion
    chars: list[Char]
    confidence: float
    page_height: float
    table: TableRegion | None = None
    """A ruled table drawn in the picture, read cell by cell (its characters are not in chars)."""


def installed() -> bool:
    """Whether the OCR extra is installed (checked without importing the engine)."""
    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


def effective_mode(mode: OcrMode, path: str) -> OcrMode:
    """The mode that will run: ``auto`` without the extra reads nothing; ``always`` needs it."""
    if mode not in OCR_MODES:
        raise PlanInputError(path, f"unknown OCR mode {mode!r} (use never, auto or always)")
    if mode == "never" or installed():
        return mode
    if mode == "always":
        raise PlanInputError(path, f"--ocr always needs the OCR extra: {INSTALL}")
    return "never"


def unread_reason(ran: bool) -> str:
    """Why an image region's text is missing, and what would read it."""
    if ran:
        return "OCR read no text"
    return "not read (--ocr never)" if installed() else f"not read (OCR needs {INSTALL})"


def no_text(images: list[ImageRegion], ran: bool) -> str:
    """Why a PDF gave no text at all, and what would read it."""
    if not images:
        return "PDF contains no text"
    if ran:
        return f"PDF has no text layer and OCR read no text on its {len(images)} image region(s)"
    if installed():
        return "PDF has no text layer (a scanned image?); read it with --ocr auto"
    return f"PDF has no text layer (a scanned image?); reading it needs OCR: {INSTALL}"


def image_regions(boxes: list[tuple[float, float, float, float]], index: int, lines: list[Line],
                  width: float, height: float) -> list[ImageRegion]:
    """Of a page's image ``boxes`` (left, bottom, right, top in PDF points): the whole page when
    it has no text layer (a scan, whatever the images' number and layout); else the images big
    enough to hold several lines of text with no text-layer line over them."""
    if boxes and not lines:
        return [whole_page(index, width, height)]
    regions = []
    for left, bottom, right, top in boxes:
        left, right = max(0.0, left), min(width, right)
        top_down, bottom_down = max(0.0, height - top), min(height, height - bottom)
        if right - left < MIN_REGION_WIDTH or bottom_down - top_down < MIN_REGION_HEIGHT:
            continue
        region = ImageRegion(index, left, top_down, right, bottom_down)
        if not any(region.holds(line) for line in lines):
            regions.append(region)
    return regions


def whole_page(index: int, width: float, height: float) -> ImageRegion:
    """The whole page as one region: a scan, or any page under ``--ocr always``."""
    return ImageRegion(index, 0.0, 0.0, width, height, whole_page=True)


def recognise(document, regions: list[ImageRegion], progress: bool = False) -> list[Recognised]:
    """Render each region and read it; ``progress`` draws a bar on a terminal (seconds a page)."""
    from ..progress import progress as bar

    engine = _engine()
    results = []
    with bar("OCR", len(regions), enabled=progress) as advance:
        for region in regions:
            page = document[region.page]
            try:
                results.append(_read_region(engine, page, region))
            finally:
                page.close()
            advance(note=f"page {region.page + 1}")
    return results


@dataclass
class _Render:
    """A region rendered: the pixels, its ink, and where pixel (0, 0) is on the page (points)."""
    image: "numpy.ndarray"
    ink: "numpy.ndarray"
    x0: float
    top: float
    scale: float

    def point(self, x: float, y: float) -> tuple[float, float]:
        return self.x0 + x / self.scale, self.top + y / self.scale


def _read_region(engine, page, region: ImageRegion) -> Recognised:
    """Read one region at ``DPI``; where its text comes out smaller than ``_GOOD_LINE_PX``
    (small print in a table), read the inked part again at the resolution that makes it so."""
    height = page.get_height()
    render = _render(page, region.x0, region.top, region.x1, region.bottom, DPI / 72)
    if int(render.ink.sum()) < _MIN_INK_PIXELS:
        return Recognised(region, [], 0.0, height)
    items = _run(engine, render)
    line = _line_height(items)
    if items and line < _SMALL_LINE_PX:
        rows, columns = render.ink.any(axis=1).nonzero()[0], render.ink.any(axis=0).nonzero()[0]
        x0, top = render.point(columns[0], rows[0])
        x1, bottom = render.point(columns[-1] + 1, rows[-1] + 1)
        scale = min(render.scale * _GOOD_LINE_PX / line, _MAX_SIDE_PX / max(x1 - x0, bottom - top))
        if scale > render.scale * 1.2:
            render = _render(page, x0, top, x1, bottom, scale)
            items = _run(engine, render)
    chars, scores = [], []
    for item in items:
        chars.extend(_chars(item, render, height))
        scores.append(float(item[2]))
    confidence = sum(scores) / len(scores) if scores else 0.0
    chars, table = _grid_table(chars, render, height)
    return Recognised(region, chars, confidence, height, table)


def _render(page, x0: float, top: float, x1: float, bottom: float, scale: float) -> _Render:
    import numpy

    width, height = page.get_width(), page.get_height()
    crop = (x0, height - bottom, width - x1, top)
    image = numpy.asarray(page.render(scale=scale, crop=crop).to_pil().convert("RGB"))
    return _Render(image, image.min(axis=2) < _INK_LEVEL, x0, top, scale)


def _run(engine, render: _Render) -> list:
    items, _ = engine(render.image, use_cls=False, return_word_box=True)
    return [item for item in items or [] if float(item[2]) >= _MIN_SCORE and item[1].strip()]


def _line_height(items: list) -> float:
    heights = sorted(max(p[1] for p in item[0]) - min(p[1] for p in item[0]) for item in items)
    return heights[len(heights) // 2] if heights else 0.0


def _chars(item, render: _Render, height: float) -> list[Char]:
    """A recognised line's characters in PDF coordinates: each word over its own box where the
    engine gives word boxes that add up to the text, else the line spread over the line's box
    (ideographs a full em, Latin letters and digits half). All take the line's top and bottom.

    A gap narrower than the line is high is closed: the engine already cut the line where the
    print leaves wide gaps, and a small one (between ``1.6`` and ``%``) must not read as a space.
    """
    points, text = item[0], item[1].strip()
    ys = [p[1] for p in points]
    _, top = render.point(0, min(ys))
    _, bottom = render.point(0, max(ys))
    words = list(zip(item[3], item[4])) if len(item) > 4 and item[3] else []
    if "".join(word for _, word in words) != text.replace(" ", ""):
        words = [(points, text)]
    spans = [(render.point(min(p[0] for p in box), 0)[0], render.point(max(p[0] for p in box), 0)[0])
             for box, _ in words]
    chars: list[Char] = []
    for index, ((_, word), (left, right)) in enumerate(zip(words, spans)):
        if index + 1 < len(spans) and 0 < spans[index + 1][0] - right < bottom - top:
            right = spans[index + 1][0]
        weights = [0.5 if char.isascii() else 1.0 for char in word]
        step = (right - left) / sum(weights)
        x = left
        for char, weight in zip(word, weights):
            chars.append(glyph(char, x, x + weight * step, height - bottom, height - top))
            x += weight * step
    return chars


def _grid_table(chars: list[Char], render: _Render,
                height: float) -> tuple[list[Char], TableRegion | None]:
    """Where the picture draws a ruled grid, the characters inside it as the table's cells
    (row and column from the rules around each character's centre); the others stay text."""
    grid = _grid(render.ink)
    if grid is None:
        return chars, None
    xs, ys = ([render.point(x, 0)[0] for x in grid[0]], [render.point(0, y)[1] for y in grid[1]])
    cells: dict[tuple[int, int], list[str]] = {}
    outside = []
    for char in chars:
        x, y = (char[1] + char[2]) / 2, height - (char[3] + char[4]) / 2
        column, row = bisect(xs, x) - 1, bisect(ys, y) - 1
        if 0 <= column < len(xs) - 1 and 0 <= row < len(ys) - 1:
            cells.setdefault((row, column), []).append(char[0])
        else:
            outside.append(char)
    rows = [[tidy_spaces("".join(cells.get((row, column), [])))
             for column in range(len(xs) - 1)] for row in range(len(ys) - 1)]
    rows = [row for row in rows if any(row)]
    if not has_two_columns(rows):
        return chars, None
    return outside, TableRegion(xs[0], ys[0], xs[-1], ys[-1], rows)


def _grid(ink) -> tuple[list[int], list[int]] | None:
    """Pixel positions of the horizontal and vertical rules of a ruled table, or None.

    Within the inked width, a row of pixels that is ink over ``_RULE_SHARE`` of it is a
    horizontal rule; between the first and last of those, a column of pixels that is ink
    over ``_RULE_SHARE`` of the height is a vertical one. Three of each make a grid of at
    least two rows and two columns.
    """
    columns = ink.any(axis=0).nonzero()[0]
    if len(columns) == 0:
        return None
    body = ink[:, columns[0]:columns[-1] + 1]
    ys = _runs(body.mean(axis=1) >= _RULE_SHARE)
    if len(ys) < 3:
        return None
    band = body[ys[0]:ys[-1] + 1]
    xs = _runs(band.mean(axis=0) >= _RULE_SHARE)
    if len(xs) < 3:
        return None
    return [columns[0] + x for x in xs], ys


def _runs(mask) -> list[int]:
    """Middles of the runs of True in a 1-d mask (a rule a few pixels thick is one rule)."""
    out, start = [], None
    for index, value in enumerate(list(mask) + [False]):
        if value and start is None:
            start = index
        elif not value and start is not None:
            out.append((start + index - 1) // 2)
            start = None
    return out


def as_table(lines: list[Line], region: ImageRegion) -> TableRegion | None:
    """Read OCR'd lines as a table when their pieces line up in columns, else None.

    Columns are the gaps in the pieces' horizontal extents over the rows cut into several
    pieces; every piece goes to the column it overlaps most. A line that fills fewer than half
    the columns carries on the cells of the row above (a cell wrapped onto a second line).
    """
    rows: list[list[Line]] = []
    for line in lines:
        if line.same_row and rows:
            rows[-1].append(line)
        else:
            rows.append([line])
    split = [row for row in rows if len(row) > 1]
    if len(split) < _MIN_TABLE_ROWS or len(split) * 2 < len(rows):
        return None
    columns = _columns([line for row in split for line in row])
    if len(columns) < 2:
        return None
    table: list[list[list[str]]] = []
    for row in rows:
        cells: list[list[str]] = [[] for _ in columns]
        for line in row:
            cells[_column_of(line, columns)].append(line.text)
        filled = sum(1 for cell in cells if cell)
        if table and filled * 2 < len(columns):
            for mine, theirs in zip(table[-1], cells):
                mine.extend(theirs)
        else:
            table.append(cells)
    text_rows = [[join_wrapped(cell) for cell in row] for row in table]
    if not has_two_columns(text_rows):
        return None
    return TableRegion(region.x0, region.top, region.x1, region.bottom, text_rows)


def _columns(lines: list[Line]) -> list[tuple[float, float]]:
    spans = sorted((line.x0, line.x1) for line in lines)
    merged = [list(spans[0])]
    for x0, x1 in spans[1:]:
        if x0 <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    return [(a, b) for a, b in merged]


def _column_of(line: Line, columns: list[tuple[float, float]]) -> int:
    overlaps = [min(line.x1, b) - max(line.x0, a) for a, b in columns]
    return max(range(len(columns)), key=overlaps.__getitem__)


def _engine():
    """One engine per process: loading the models takes about a second."""
    global _ENGINE
    if _ENGINE is None:
        from rapidocr_onnxruntime import RapidOCR
        _ENGINE = RapidOCR(text_score=_MIN_SCORE, max_side_len=_MAX_SIDE_PX)
    return _ENGINE


_ENGINE = None
