"""PDF reader: pypdfium2 for the text, pdfplumber for the cells of ruled tables.

Why these (figures in docs/pdf-libraries.md): on the corpus, pypdfium2, pdfplumber and pypdf
extract the same characters, but pypdfium2 is 10-20 times faster, and all three have permissive
licences (PyMuPDF, AGPL, is out). pdfplumber is the one that returns table cells with their
positions, so it runs only on the few pages where pdfium finds ruling lines.

The reader places every character by its box, groups characters into lines by position (not by
the order of the content stream, which in tables and some Word exports jumps about), drops page
numbers and running heads, and hands the lines to ``pdf_layout`` to be joined into paragraphs.
The text returned is what spans point into and what ``policykg text`` prints.
"""
from __future__ import annotations

import ctypes
import unicodedata
from operator import itemgetter
from pathlib import Path

from ..errors import PlanInputError
from ..warnings import check
from ..model import PlanWarning
from .document import Document
from .assemble import TextBuilder, tidy_spaces
from .pdf_layout import Line, drop_page_furniture, page_metrics, paragraphs
from ..ocr_mode import OcrMode
from .pdf_ocr import (ENGINE, ImageRegion, Recognised, as_table, effective_mode, image_regions,
                      no_text, recognise, unread_reason, whole_page)
from .pdf_streams import inflated_size
from .source import inflated_cap, nonempty_bytes, require, source_for

# A page with fewer characters than this has no real text layer (a scan, or a blank page).
_MIN_PAGE_CHARS = 10
# Horizontal and vertical rules a page needs before it is worth asking pdfplumber for tables.
_MIN_RULES = 2
# Within a line, a horizontal gap wider than this many characters splits it into pieces.
_PIECE_GAP = 1.0
_SKIP_CODES = frozenset(map(ord, "\x02\ufffe\u00ad"))   # besides control characters other than tab
_MAYBE_GENERATED = frozenset(map(ord, " \r\n"))   # the only characters pdfium generates
# Form XObjects are searched for rules this many levels deep (the page itself is level 1).
_MAX_FORM_DEPTH = 3
# Fields of a character tuple (see _chars).
_LEFT, _RIGHT, _BOTTOM, _TOP, _DOUBLED_CENTRE = (itemgetter(i) for i in range(1, 6))


def read_pdf(path: Path, ocr: OcrMode = "auto", progress: bool = False) -> Document:
    """Read a PDF's text layer into paragraphs, with OCR where text is a picture (``pdf_ocr``);
    raise PlanInputError for bad files and for scans that cannot be read."""
    pdfium = require(path, "pypdfium2", "pypdfium2", "pdf")
    mode = effective_mode(ocr, str(path))
    data = nonempty_bytes(path)
    _check_inflated_size(path, data)
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise PlanInputError(str(path), f"not a readable PDF ({exc})") from None
    try:
        pages, table_pages, images, unmapped, unread_pages = _read_pages(document, mode)
        recognised = recognise(document, images, progress) if mode != "never" and images else []
    finally:
        document.close()
    if unread_pages and len(unread_pages) == len(pages):
        raise PlanInputError(str(path), f"no page could be loaded ({unread_pages[0][1]})")
    warnings = [PlanWarning(code=check("pdf-page-unread"), message=f"page {index + 1}: not read ({problem}), left out")
                for index, problem in unread_pages]
    tables: dict[int, list] = {}
    origins = _place_ocr(recognised, pages, tables)
    unread = [r.region for r in recognised if not r.chars and r.table is None] \
        if recognised else images
    if not any(pages) and not tables:
        raise PlanInputError(str(path), no_text(images, bool(recognised)))
    reason = unread_reason(bool(recognised))
    for region in unread:
        warnings.append(PlanWarning(code=check("pdf-image-region"), message=f"{region.label}: {reason}"))
    if unmapped:
        warnings.append(PlanWarning(code=check("pdf-unmapped-glyphs"),
                                message=f"{unmapped} glyph(s) have no Unicode mapping and were "
                                        "left out"))
    pages, _ = drop_page_furniture(pages)
    if not any(pages) and not tables:
        raise PlanInputError(str(path), "no text but lines repeated on every page (running heads, "
                                        "page numbers)")
    if table_pages:
        from .pdf_tables import find_tables
        for index, regions in find_tables(data, table_pages).items():
            tables.setdefault(index, []).extend(regions)
    metrics = page_metrics([line for lines in pages for line in lines])
    builder = TextBuilder()
    ocr_spans: list[tuple[int, int]] = []
    for kind, item, origin in _blocks(pages, tables, origins):
        start = builder.length + bool(builder.parts)
        if kind == "lines":
            for paragraph in paragraphs(item, metrics):
                builder.add_paragraph(paragraph)
        else:
            builder.add_table(item)
        if origin is not None and builder.length > start:
            ocr_spans.append((start, builder.length))
            warnings.append(PlanWarning(code=check("ocr-text"), span=(start, builder.length),
                                    message=f"{origin.region.label}: read by OCR ({ENGINE}, mean "
                                            f"confidence {origin.confidence:.2f}); check by eye"))
    text = builder.text()
    return Document(text=text, source=source_for(path, data, text, "pdf", ocr=ocr_spans),
                    tables=builder.tables, warnings=warnings)


def _check_inflated_size(path: Path, data: bytes) -> None:
    """Refuse a PDF whose compressed streams expand past the cap before pdfium inflates them
    (a 408 KB flate bomb once took 861 MB of memory)."""
    cap = inflated_cap(path)
    if inflated_size(data, cap) > cap:
        raise PlanInputError(str(path), f"PDF streams expand to more than the {cap / (1 << 20):,.0f} MB "
                                        f"cap (POLICYKG_MAX_INFLATED_MB raises it)")


def _read_pages(document, mode: OcrMode) -> tuple[list[list[Line]], list[int], list[ImageRegion], int,
                                                 list[tuple[int, str]]]:
    """Lines of every page, the pages that may hold ruled tables, the image regions that hold
    text the text layer lacks (all pages under ``always``), how many glyphs had no Unicode
    mapping, and the pages pdfium could not load, with its reason (such a page gets no lines:
    one broken page object once lost the whole file)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pages, table_pages, images, unmapped, unread = [], [], [], 0, []
    for index in range(len(document)):
        try:
            page = document[index]
        except pdfium.PdfiumError as exc:
            pages.append([])
            unread.append((index, str(exc).rstrip(".")))
            continue
        try:
            width, height = page.get_width(), page.get_height()
            if mode == "always":
                pages.append([])
                images.append(whole_page(index, width, height))
                continue
            textpage = page.get_textpage()
            try:
                chars, bad = _chars(raw, textpage.raw)
            finally:
                textpage.close()
            unmapped += bad
            lines = _lines(chars, index, height)
            if sum(len(line.text) for line in lines) < _MIN_PAGE_CHARS:
                lines = []
            boxes, ruled = _images_and_rulings(raw, page, rulings=bool(lines))
            if ruled:
                table_pages.append(index)
            images.extend(image_regions(boxes, index, lines, width, height))
            pages.append(lines)
        finally:
            page.close()
    return pages, table_pages, images, unmapped, unread


def _place_ocr(recognised: list[Recognised], pages: list[list[Line]],
               tables: dict[int, list]) -> dict[int, Recognised]:
    """Put what OCR read into its page: as a table when its boxes line up in columns, else as
    lines at their place from the top. Returns the OCR origin of each line and table, by id."""
    origins: dict[int, Recognised] = {}
    for result in recognised:
        if result.table is not None:
            tables.setdefault(result.region.page, []).append(result.table)
            origins[id(result.table)] = result
        lines = _lines(result.chars, result.region.page, result.page_height)
        if not lines:
            continue
        table = None if result.region.whole_page else as_table(lines, result.region)
        if table is not None:
            tables.setdefault(result.region.page, []).append(table)
            origins[id(table)] = result
            continue
        page = pages[result.region.page]
        at = next((i for i, line in enumerate(page) if line.top > result.region.top), len(page))
        page[at:at] = lines
        origins.update((id(line), result) for line in lines)
    return origins


def _chars(raw, textpage) -> tuple[list[tuple[str, float, float, float, float, float]], int]:
    """(char, left, right, bottom, top, bottom + top) of each visible character, in PDF
    coordinates; the last is twice the character's vertical centre, what lines are sorted by.

    The page's text comes from pdfium in one call (one UTF-16 unit per character index); per
    character only its box is asked for, and whether its glyph had a Unicode mapping. pdfium's own
    generated characters (line breaks, and spaces it inserts at gaps) are dropped: the line
    breaks are skipped as control characters and only a space needs the ``IsGenerated`` check.
    """
    count = raw.FPDFText_CountChars(textpage)
    if count <= 0:
        return [], 0
    buffer = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(textpage, 0, count, buffer)
    codes = buffer[:count] if written == count + 1 else \
        [raw.FPDFText_GetUnicode(textpage, index) for index in range(count)]
    is_generated, map_error = raw.FPDFText_IsGenerated, raw.FPDFText_HasUnicodeMapError
    loose_box, tight_box = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetCharBox
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    loose = raw.FS_RECTF()
    out, unmapped = [], 0
    for index, code in enumerate(codes):
        if code in _MAYBE_GENERATED and is_generated(textpage, index) == 1:
            continue
        if map_error(textpage, index) == 1:
            unmapped += 1
            continue
        if code < 32 and code != 9 or code in _SKIP_CODES:
            continue
        if 0xDC00 <= code <= 0xDFFF:  # low half of a surrogate pair: complete the character
            if out and 0xD800 <= ord(out[-1][0]) <= 0xDBFF:
                high = ord(out[-1][0])
                out[-1] = (chr(0x10000 + ((high - 0xD800) << 10) + code - 0xDC00), *out[-1][1:])
            continue
        char = chr(code)
        if 0x2F00 <= code <= 0x2FDF:  # Kangxi radicals some fonts map instead of the ideograph
            char = unicodedata.normalize("NFKC", char)
        elif 0xA3A1 <= code <= 0xA3FE:  # GB2312 codes of full-width forms (ꎬ for ，) as Unicode
            char = chr(code - 0xA3A1 + 0xFF01)
        loose_box(textpage, index, loose)
        # The loose box spans the glyph's advance, so the gap between two digits is ~0 even for
        # a narrow "1"; the tight box is the fallback for fonts without usable metrics.
        y0, y1 = loose.bottom, loose.top
        if loose.right > loose.left:
            out.append((char, loose.left, loose.right, y0, y1, y0 + y1))
        else:
            tight_box(textpage, index, left, right, bottom, top)
            out.append((char, left.value, right.value, y0, y1, y0 + y1))
    out = [c for c in out if not 0xD800 <= ord(c[0]) <= 0xDBFF]  # unpaired high halves
    return out, unmapped


def _lines(chars, page: int, height: float) -> list[Line]:
    """Group characters into lines by vertical position, then cut lines at wide gaps.

    A character joins the current row when its centre is within half a character of the row's
    first character (compared as doubled centres, ``bottom + top``, to save a division).
    """
    rows: list[list[tuple]] = []
    row: list[tuple] = []
    first_centre = first_size = 0.0
    for char in sorted(chars, key=_DOUBLED_CENTRE, reverse=True):
        centre, size = char[5], char[4] - char[3]
        if row and abs(centre - first_centre) < max(size, first_size):
            row.append(char)
            continue
        row = [char]
        rows.append(row)
        first_centre, first_size = centre, size
    lines = []
    for row in rows:
        row.sort(key=_LEFT)
        lines.extend(_pieces(row, page, height))
    return lines


def _pieces(row: list[tuple], page: int, height: float) -> list[Line]:
    """Cut a row of characters where the gap is wide; drop doubled glyphs (fake bold)."""
    # Type size from the ideographs where there are any: brackets and digits have taller or
    # shorter boxes, and a two-character line such as "局）" must not look like a heading.
    sizes = sorted([c[4] - c[3] for c in row if "\u4e00" <= c[0] <= "\u9fff"]
                   or [c[4] - c[3] for c in row])
    size = sizes[(len(sizes) - 1) // 2]
    doubled, wide = 0.3 * size, _PIECE_GAP * size
    pieces: list[list[tuple]] = []
    last = None
    for char in row:
        if last is not None:
            if char[0] == last[0] and abs(char[1] - last[1]) < doubled:
                continue
            if char[1] - last[2] > wide and not char[0].isspace():
                last = None
        if last is None:
            pieces.append([])
        pieces[-1].append(char)
        last = char
    lines = []
    for piece in pieces:
        text = tidy_spaces(_spaced(piece, size))
        if not text:
            continue
        lines.append(Line(page=page, x0=piece[0][1], x1=max(map(_RIGHT, piece)),
                          top=height - max(map(_TOP, piece)),
                          bottom=height - min(map(_BOTTOM, piece)), size=size, text=text,
                          page_height=height, same_row=bool(lines)))
    return lines


def _spaced(piece: list[tuple], size: float) -> str:
    """Join a piece's characters, putting a space where Latin words stand apart."""
    apart = 0.25 * size
    out = [piece[0][0]]
    for before, char in zip(piece, piece[1:]):
        if char[1] - before[2] > apart and before[0].isascii() and char[0].isascii() \
                and not before[0].isspace():
            out.append(" ")
        out.append(char[0])
    return "".join(out)


def _objects(raw, parent, count_objects=None, get_object=None, level: int = 1):
    """Every object of a page as (handle, type), those inside form XObjects too, down to
    ``_MAX_FORM_DEPTH`` levels (the page itself is level 1).

    Walked with pdfium's own calls: wrapping each object in a pypdfium2 object, as
    ``get_objects`` does, took 2.6 times as long (0.072 against 0.028 CPU s for the 174 pages of
    the corpus PDFs, whose whole read takes about 0.85 s)."""
    count_objects = count_objects or raw.FPDFPage_CountObjects
    get_object = get_object or raw.FPDFPage_GetObject
    for index in range(count_objects(parent)):
        obj = get_object(parent, index)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_FORM and level < _MAX_FORM_DEPTH:
            yield from _objects(raw, obj, raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject,
                                level + 1)
        else:
            yield obj, kind


def _images_and_rulings(raw, page, rulings: bool = True) -> tuple[list[tuple[float, float, float, float]], bool]:
    """(left, bottom, right, top) of every image on the page, in PDF points, and whether the
    page draws visible horizontal and vertical rules, as a ruled table does (looked for only
    when ``rulings``), from one walk over the page's objects: two walks, one for each, cost the
    reader 0.06 CPU s of its 0.6 s on the PDFs of ``pdf/``.

    Word exports put a white rectangle behind every paragraph; those are neither thin nor
    visible, so they do not count as rules. Only path objects are looked at closely.
    """
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    image, path = raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_PATH
    boxes: list[tuple[float, float, float, float]] = []
    horizontal = vertical = 0
    ruled = False
    for obj, kind in _objects(raw, page.raw):
        if kind == image:
            if raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                boxes.append((left.value, bottom.value, right.value, top.value))
            continue
        if kind != path or ruled or not rulings or not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        width, height = right.value - left.value, top.value - bottom.value
        raw.FPDFPath_GetDrawMode(obj, fill, stroke)
        raw.FPDFPageObj_GetFillColor(obj, red, green, blue, alpha)
        if fill.value and not stroke.value and (red.value, green.value, blue.value) == (255, 255, 255):
            continue
        boxed = stroke.value and width > 8 and height > 8
        horizontal += bool(boxed or (height < 3 and width > 8))
        vertical += bool(boxed or (width < 3 and height > 8))
        ruled = horizontal >= _MIN_RULES and vertical >= _MIN_RULES
    return boxes, ruled


def _blocks(pages: list[list[Line]], tables: dict[int, list], origins: dict[int, Recognised]):
    """Runs of lines and tables in reading order, each with its OCR origin (None for the text
    layer); a table continued on the next page is one, and OCR'd text never shares a run."""
    run: list[Line] = []
    table: list[list[str]] | None = None
    table_origin = None
    for item in _reading_order(pages, tables):
        origin = origins.get(id(item))
        if isinstance(item, Line):
            if table is not None:
                yield "table", table, table_origin
                table = None
            if run and origins.get(id(run[-1])) is not origin:
                yield "lines", run, origins.get(id(run[0]))
                run = []
            run.append(item)
            continue
        if run:
            yield "lines", run, origins.get(id(run[0]))
            run = []
        carried = item.continuation_of(table) if table is not None else None
        if carried is not None and origin is table_origin:
            table.extend(carried)
        else:
            if table is not None:
                yield "table", table, table_origin
            table, table_origin = list(item.rows), origin
    if table is not None:
        yield "table", table, table_origin
    if run:
        yield "lines", run, origins.get(id(run[0]))


def _reading_order(pages: list[list[Line]], tables: dict[int, list]):
    """Each page's lines with its table regions put in place of the lines they cover."""
    for index, lines in enumerate(pages):
        regions = sorted(tables.get(index, []), key=lambda region: region.top)
        for line in lines:
            while regions and regions[0].top <= line.top:
                yield regions.pop(0)
            if not any(region.covers(line) for region in tables.get(index, [])):
                yield line
        yield from regions
