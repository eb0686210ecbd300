"""The ``Source`` record every reader attaches: which bytes the text came from, and how."""
from __future__ import annotations

import hashlib
import importlib
import os
from pathlib import Path
from types import ModuleType

from ..errors import PlanInputError
from ..model import Source, Span


def source_for(path: Path, data: bytes, text: str, fmt: str, encoding: str | None = None,
               ocr: list[Span] | None = None) -> Source:
    """Hash the file's bytes (not the text) so two decodings of one file share an identity;
    ``ocr`` are the ranges of ``text`` read by OCR."""
    return Source(path=str(path), format=fmt, sha256=hashlib.sha256(data).hexdigest(),
                  chars=len(text), encoding=encoding, ocr=ocr or [])


def require(path: Path, module: str, package: str, extra: str) -> ModuleType:
    """Import a format library on first use, or fail naming the pip command that installs it."""
    try:
        return importlib.import_module(module)
    except ImportError:  # pragma: no cover - depends on the installation
        raise PlanInputError(str(path), f"reading {extra.upper()} files needs {package}: "
                                        f"pip install 'policykg[{extra}]'") from None


DEFAULT_MAX_INFLATED_MB = 256
"""How much a compressed document may expand to, unless ``POLICYKG_MAX_INFLATED_MB`` says
otherwise: the largest plan of the corpus expands to a few megabytes, a zip bomb to gigabytes."""


def inflated_cap(path: Path) -> int:
    """The most bytes a compressed file may expand to (``POLICYKG_MAX_INFLATED_MB``)."""
    raw = os.environ.get("POLICYKG_MAX_INFLATED_MB", "").strip()
    if not raw:
        return DEFAULT_MAX_INFLATED_MB << 20
    try:
        megabytes = float(raw)
    except ValueError:
        megabytes = 0
    if not megabytes > 0:
        raise PlanInputError(str(path), f"POLICYKG_MAX_INFLATED_MB={raw!r} is not a positive "
                                        f"number of megabytes")
    return int(megabytes * (1 << 20))


def nonempty_bytes(path: Path) -> bytes:
    """The file's bytes; an empty or all-blank file is an input error, whatever its format
    (asked with ``isspace``, which stops at the first other byte, where ``strip`` copies the file)."""
    data = path.read_bytes()
    if not data or data.isspace():
        raise PlanInputError(str(path), "empty file")
    return data
