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
import sys
from dataclasses import dataclass

from ..errors import PlanInputError
from ..ocr_mode import OCR_MODES, OcrMode
from .assemble import join_wrapped
from .pdf_layout import Line
from .pdf_tables import TableRegion, has_two_columns

ENGINE = "rapidocr-onnxruntime"
INSTALL = "pip install 'policykg[ocr]'"
# Render resolution: 150 dpi reads 10.5 pt table text as well as body text (docs/ocr.md).
DPI = 150
# An image is worth reading when it could hold a few lines of body text: in points.
MIN_REGION_HEIGHT = 48.0
MIN_REGION_WIDTH = 120.0
# Recognised lines below this confidence are dropped (the engine's own default is 0.5).
_MIN_SCORE = 0.5
# A table needs at least this many rows that are cut into two or more cells.
_MIN_TABLE_ROWS = 3

Char = tuple[str, float, float, float, float]
"""A positioned character as pdf.py uses them: (char, left, right, bottom, top), PDF points."""


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


def image_regions(raw, page, index: int, lines: list[Line], width: float,
                  height: float) -> list[ImageRegion]:
    """The whole page when it has no text layer but an image (a scan, whatever the images'
    number and layout); else the images big enough to hold text with no text-layer line over
    them."""
    regions = []
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=3):
        if not lines:
            return [whole_page(index, width, height)]
        left, bottom, right, top = obj.get_bounds()
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
    """Render each region and read it; ``progress`` draws a bar on standard error."""
    engine = _engine()
    import numpy

    scale = DPI / 72
    results = []
    with _progress(len(regions), progress) as advance:
        for region in regions:
            page = document[region.page]
            try:
                width, height = page.get_width(), page.get_height()
                crop = (region.x0, height - region.bottom, width - region.x1, region.top)
                bitmap = page.render(scale=scale, crop=crop)
                image = numpy.asarray(bitmap.to_pil().convert("RGB"))
            finally:
                page.close()
            boxes, _ = engine(image, use_cls=False)
            results.append(_positioned(region, boxes or [], scale, height))
            advance()
    return results


def _positioned(region: ImageRegion, boxes: list, scale: float, height: float) -> Recognised:
    """Spread each recognised line's characters over its box (ideographs a full em, Latin
    letters and digits half), in PDF coordinates."""
    chars: list[Char] = []
    scores = []
    for points, text, score in boxes:
        text = text.strip()
        if float(score) < _MIN_SCORE or not text:
            continue
        scores.append(float(score))
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        left, right = region.x0 + min(xs) / scale, region.x0 + max(xs) / scale
        top, bottom = region.top + min(ys) / scale, region.top + max(ys) / scale
        weights = [0.5 if char.isascii() else 1.0 for char in text]
        step = (right - left) / sum(weights)
        x = left
        for char, weight in zip(text, weights):
            chars.append((char, x, x + weight * step, height - bottom, height - top))
            x += weight * step
    confidence = sum(scores) / len(scores) if scores else 0.0
    return Recognised(region, chars, confidence, height)


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
        _ENGINE = RapidOCR(text_score=_MIN_SCORE)
    return _ENGINE


_ENGINE = None


class _progress:
    """A transient rich bar on standard error counting regions read, or nothing."""

    def __init__(self, total: int, enabled: bool):
        self.total, self.enabled, self.bar = total, enabled and sys.stderr.isatty(), None

    def __enter__(self):
        if not self.enabled or not self.total:
            return lambda: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, \
            TimeElapsedColumn

        self.bar = Progress(TextColumn("OCR"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), console=Console(stderr=True), transient=True)
        self.bar.start()
        task = self.bar.add_task("OCR", total=self.total)
        return lambda: self.bar.update(task, advance=1)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()
