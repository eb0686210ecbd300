"""PDF reading and PDF reading + parsing (pages/s), against pypdfium2's bare text extraction.

The baseline opens each PDF with pypdfium2 (the library the reader is built on) and pulls every
page's text, nothing more. Our reader also places characters by position, drops page furniture,
rejoins paragraphs and asks pdfplumber for ruled tables, so the "read" figure shows what that
layout work costs and the "read + parse" figure what a user waits for per page.
"""
from __future__ import annotations

from pathlib import Path

from .core import Figure, Skip, cost_figure, paired_medians
from .corpus import Context, pdf_paths

# The bar (issue 13): reading costs at most this many times pypdfium2's bare text extraction.
BAR = 1.6
# --quick reads only this many PDFs (the smallest ones).
QUICK_FILES = 4


def bare_text(paths: list[Path]) -> int:
    """Extract every page's text with pypdfium2 alone; return the page count."""
    import pypdfium2 as pdfium

    pages = 0
    for path in paths:
        document = pdfium.PdfDocument(path)
        try:
            for page in document:
                textpage = page.get_textpage()
                textpage.get_text_bounded()
                textpage.close()
                page.close()
                pages += 1
        finally:
            document.close()
    return pages


def measure(ctx: Context) -> list[Figure]:
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        raise Skip("pypdfium2 is not installed (pip install 'policykg[pdf]')") from None
    from policykg.extractor import parse_file
    from policykg.extractor.readers import read_document

    paths = pdf_paths()
    if ctx.settings.quick:
        paths = sorted(paths, key=lambda p: p.stat().st_size)[:QUICK_FILES]
    pages = bare_text(paths)
    note = f"{len(paths)} PDFs, {pages} pages, median of {ctx.runs}"
    base = lambda: bare_text(paths)  # noqa: E731
    read, bare = paired_medians(lambda: [read_document(p) for p in paths], base, ctx.runs)
    figures = [cost_figure("pdf", "PDF read", pages, "pages/s", read, "pypdfium2 get_text_bounded",
                           bare, bar=BAR, note=note)]
    parsed, bare = paired_medians(lambda: [parse_file(p) for p in paths], base, ctx.runs)
    figures.append(cost_figure("pdf", "PDF read + parse", pages, "pages/s", parsed,
                               "pypdfium2 get_text_bounded", bare, note=note))
    return figures
