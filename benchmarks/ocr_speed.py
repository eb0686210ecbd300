"""What OCR costs: nothing on a text-layer PDF, seconds per page on a scan.

Two figures:

- **text-layer PDFs, OCR extra installed**: the corpus PDFs read with ``ocr="auto"`` against
  the same PDFs read with ``ocr="never"`` (which is what a reader without the extra does: the
  same image-region scan, no OCR). The issue's bar is that this costs no more: a ratio of about
  1, and the engine is never loaded (checked by ``tests/test_ocr.py``).
- **OCR pages/s**: two corpus pages rendered to an image-only PDF, read with ``ocr="auto"``
  (after one warm-up read that loads the models), against pdfium rendering the same pages.
  CPU seconds: onnxruntime's threads are counted, neighbours on the machine are not.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from .core import Figure, Skip, cost_figure, paired_medians
from .corpus import CORPUS, Context, pdf_paths
from .pdf_speed import QUICK_FILES

SCAN_SOURCE = "chengdu_youhua_nengyuan_jiegou_cujin_lvse_ditan_xingdong_fangan.pdf"
SCAN_PAGES = [0, 1]
SCAN_DPI = 200


def scanned_copy(source: Path, pages: list[int], out: Path) -> Path:
    """The pages as a scanner would deliver them: one image per page, no text layer."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(source)
    images = [document[i].render(scale=SCAN_DPI / 72).to_pil().convert("RGB") for i in pages]
    images[0].save(out, save_all=True, append_images=images[1:], resolution=SCAN_DPI)
    return out


def render_only(path: Path) -> None:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    for page in document:
        page.render(scale=SCAN_DPI / 72)
        page.close()
    document.close()


def measure(ctx: Context) -> list[Figure]:
    from policykg.extractor.readers import read_document
    from policykg.extractor.readers.pdf_ocr import installed

    if not installed():
        raise Skip("the OCR extra is not installed (pip install 'policykg[ocr]')")
    paths = pdf_paths()
    if ctx.settings.quick:
        paths = sorted(paths, key=lambda p: p.stat().st_size)[:QUICK_FILES]
    auto, never = paired_medians(lambda: [read_document(p, "auto") for p in paths],
                                 lambda: [read_document(p, "never") for p in paths], ctx.runs)
    figures = [cost_figure("ocr", "text-layer PDFs with the OCR extra", len(paths), "files/s",
                           auto, "--ocr never", never, bar=1.05,
                           note=f"{len(paths)} corpus PDFs, median of {ctx.runs}")]
    with tempfile.TemporaryDirectory() as tmp:
        scan = scanned_copy(CORPUS / "pdf" / SCAN_SOURCE, SCAN_PAGES, Path(tmp) / "scan.pdf")
        read_document(scan, "auto")  # loads the models once, as any long run would
        runs = 1 if ctx.settings.quick else min(ctx.runs, 3)
        ocr, render = paired_medians(lambda: read_document(scan, "auto"),
                                     lambda: render_only(scan), runs)
    figures.append(cost_figure("ocr", "OCR of image-only pages", len(SCAN_PAGES), "pages/s", ocr,
                               "pdfium render only", render,
                               note=f"{len(SCAN_PAGES)} pages of {SCAN_SOURCE[:20]}…, "
                                    f"median of {runs}"))
    return figures
