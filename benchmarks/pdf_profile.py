"""Where the PDF reader spends its time, step by step, against pypdfium2's bare text extraction.

``python -m benchmarks.pdf_profile`` reads the PDFs of ``pdf/`` round by round, median of 5, in
CPU seconds, each step as a multiple of the bare extraction the ``pdf`` stage compares with.
Rows below the page loading are cumulative: each does what the row above did and one step more,
so the difference between two rows is what that step costs. Two rows are not steps of the
reader but floors, each on top of the page loading: the two pdfium calls per character that a
read character by character makes (loose box, Unicode mapping) and nothing else, and the calls
that the read by runs makes (``pdf._runs``: the rectangles that find the runs, a few calls per
run, two per character outside them).
"""
from __future__ import annotations

import ctypes
import sys
from pathlib import Path
from typing import Callable

from .core import step_medians
from .corpus import pdf_paths
from .pdf_speed import bare_text


def _pages(paths: list[Path], per_page: Callable[..., object]) -> None:
    """Open each PDF and call ``per_page(raw, page, textpage, index)`` on every page, with
    pdfium's own page and text page handles, loaded as the reader loads them, and the reader's
    bindings (``pdf._bindings``) as ``raw``."""
    import pypdfium2 as pdfium
    from policykg.extractor.readers import pdf

    raw = pdf._bindings()
    for path in paths:
        document = pdfium.PdfDocument(path)
        try:
            for index in range(len(document)):
                page = raw.FPDF_LoadPage(document.raw, index)
                textpage = raw.FPDFText_LoadPage(page)
                per_page(raw, page, textpage, index)
                raw.FPDFText_ClosePage(textpage)
                raw.FPDF_ClosePage(page)
        finally:
            document.close()


def _calls_only(raw, page, textpage, index: int) -> None:
    """The two calls per character and nothing more: loose box, Unicode mapping."""
    box, handle = ctypes.pointer(raw.FS_RECTF()), textpage
    loose_box, map_error = raw.FPDFText_GetLooseCharBox, raw.FPDFText_HasUnicodeMapError
    for char in range(raw.FPDFText_CountChars(handle)):
        loose_box(handle, char, box)
        map_error(handle, char)


def _run_calls_only(raw, page, textpage, index: int) -> None:
    """The pdfium calls of the read by runs and nothing more: the page's text, the rectangles
    that find the runs (``pdf._runs``), three boxes and two mapping checks per run, and the two calls
    per character for the characters outside the runs."""
    from policykg.extractor.readers import pdf

    handle = textpage
    count = raw.FPDFText_CountChars(handle)
    if count <= 0:
        return
    buffer = (ctypes.c_ushort * (count + 1))()
    raw.FPDFText_GetText(handle, 0, count, buffer)
    box = ctypes.pointer(raw.FS_RECTF())
    loose_box, map_error = raw.FPDFText_GetLooseCharBox, raw.FPDFText_HasUnicodeMapError
    done = 0
    for start, end in [*pdf._runs(raw, handle, "".join(map(chr, buffer[:count]))), (count, count)]:
        for char in range(done, start):
            loose_box(handle, char, box)
            map_error(handle, char)
        if end > start:
            loose_box(handle, (start + end) // 2, box)
            loose_box(handle, start, box)
            loose_box(handle, end - 1, box)
            map_error(handle, start)
            map_error(handle, end - 1)
        done = end


def stage_times(runs: int = 5) -> str:
    """CPU time of each reading step over ``pdf/`` (median of ``runs``), against the bare text."""
    from policykg.extractor.readers import pdf, read_document

    paths = pdf_paths()

    def characters(raw, page, textpage, index: int) -> list:
        return pdf._chars(raw, textpage)[0]

    def lines(raw, page, textpage, index: int) -> None:
        pdf._lines(characters(raw, page, textpage, index), index, raw.FPDF_GetPageHeightF(page))

    def rulings(raw, page, textpage, index: int) -> None:
        lines(raw, page, textpage, index)
        pdf._images_and_rulings(raw, page)

    steps: dict[str, Callable[[], object]] = {
        "pypdfium2 bare text (baseline)": lambda: bare_text(paths),
        "open, load each page and its text page (no text asked)":
            lambda: _pages(paths, lambda *args: None),
        "… + the two pdfium calls per character alone (the floor of a read by characters)":
            lambda: _pages(paths, _calls_only),
        "… + the pdfium calls of the read by runs alone (its floor)": lambda: _pages(paths, _run_calls_only),
        "… + characters (_chars: text, runs, boxes, mapping, fixes)": lambda: _pages(paths, characters),
        "… + line grouping (_lines)": lambda: _pages(paths, lines),
        "… + image and ruled-line walk (_images_and_rulings)": lambda: _pages(paths, rulings),
        "whole read, --ocr never (images, page furniture, paragraphs, tables)":
            lambda: [read_document(p, "never") for p in paths],
        "whole read, --ocr auto (what the pdf stage times)": lambda: [read_document(p) for p in paths],
    }
    for step in steps.values():   # warm-up: the OCR engine and every import are loaded first
        step()
    times = step_medians(steps, runs)
    base = times["pypdfium2 bare text (baseline)"]
    chars = sum(_count_chars(p) for p in paths)
    lines_out = [f"{len(paths)} PDFs, {chars} characters, CPU seconds, median of {runs}",
                 f"{'seconds':>8} {'× bare':>7}  step"]
    lines_out += [f"{t:8.3f} {t / base:7.2f}  {name}" for name, t in times.items()]
    return "\n".join(lines_out)


def _count_chars(path: Path) -> int:
    """How many characters pdfium counts in a PDF's text pages."""
    counts = []
    _pages([path], lambda raw, page, textpage, index: counts.append(raw.FPDFText_CountChars(textpage)))
    return sum(counts)


if __name__ == "__main__":
    print(stage_times(int(sys.argv[1]) if len(sys.argv) > 1 else 5))
