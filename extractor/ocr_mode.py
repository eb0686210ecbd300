"""When to read pictures of text by OCR: one list, shared by the PDF reader and the CLI options.

Kept apart from ``readers.pdf_ocr`` so that the CLI can offer the choices without importing the
readers (and pydantic behind them) for commands that never read a file.
"""
from __future__ import annotations

from typing import Literal

OcrMode = Literal["never", "auto", "always"]
OCR_MODES: tuple[str, ...] = ("never", "auto", "always")
