"""Input adapters: each reader turns one file format into decoded text plus its ``Source``.

Readers know nothing of plans. ``read_document`` picks the reader by file suffix (and by content
sniffing for files without a telling suffix) and imports format libraries only when needed.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import PlanInputError, require_utf8_name
from .document import Document, Table

__all__ = ["Document", "Table", "read_document"]

if TYPE_CHECKING:
    from ..ocr_mode import OcrMode


def read_document(path: str | Path, ocr: "OcrMode" = "auto", progress: bool = False) -> Document:
    """Read any supported file; raise PlanInputError with a one-line reason when it cannot.

    ``ocr`` and ``progress`` matter for PDFs only: when to read pictures of text (see
    ``pdf_ocr``) and whether to show OCR progress on a terminal."""
    p = Path(path)
    require_utf8_name(str(path))
    if not p.exists():
        raise PlanInputError(str(path), "no such file")
    if p.is_dir():
        raise PlanInputError(str(path), "is a directory, not a file")
    if not p.is_file():  # a FIFO would block the read until something writes to it
        raise PlanInputError(str(path), "not a regular file (a FIFO, socket or device)")
    suffix = p.suffix.lower()
    if suffix == ".pdf":
        from .pdf import read_pdf
        return read_pdf(p, ocr, progress)
    if suffix in (".html", ".htm"):
        from .html import read_html
        return read_html(p)
    if suffix == ".docx":
        from .docx import read_docx
        return read_docx(p)
    from .txt import read_txt
    return read_txt(p)
