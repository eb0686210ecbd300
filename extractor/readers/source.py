"""The ``Source`` record every reader attaches: which bytes the text came from, and how."""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..model import Source


def source_for(path: Path, data: bytes, text: str, fmt: str,
               encoding: str | None = None) -> Source:
    """Hash the file's bytes (not the text) so two decodings of one file share an identity."""
    return Source(path=str(path), format=fmt, sha256=hashlib.sha256(data).hexdigest(),
                  chars=len(text), encoding=encoding)
