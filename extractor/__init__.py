"""policykg's extractor: Chinese policy plan text in, typed ``Plan`` out.

``parse(text)`` and ``parse_file(path)`` are the public entry points. The spaCy pipeline is built
once per process on first use.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import PlanInputError

if TYPE_CHECKING:
    from .model import Plan

__all__ = ["parse", "parse_file", "Plan", "PlanInputError"]


def parse(text: str, *, plan_id: str | None = None, path: str | None = None) -> "Plan":
    """Parse a plan given as a string."""
    from .api import parse_text
    return parse_text(text, plan_id=plan_id, path=path)


def parse_file(path, *, ocr: str = "auto", progress: bool = False) -> "Plan":
    """Read a file in any supported format and parse it.

    ``ocr`` (never, auto, always) says when a PDF's pictures of text are read by OCR, which
    needs ``policykg[ocr]``; ``progress`` shows OCR progress on a terminal."""
    from .api import parse_path
    return parse_path(path, ocr, progress)


def __getattr__(name: str):
    if name == "Plan":
        from .model import Plan
        return Plan
    raise AttributeError(name)
