"""Plain-text reader: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK and Big5.

Decoding order, and why:

1. A byte-order mark is proof of the encoding, so it wins.
2. Strict UTF-8 comes next: Chinese text in GB18030 or Big5 is practically never valid UTF-8
   (its lead and trail bytes do not form UTF-8 sequences), so a clean UTF-8 decode is certain.
3. Otherwise charset-normalizer, limited to the Chinese legacy encodings, decides by how messy
   and how language-like each decoding is. On short texts (a few characters) GB18030 and Big5
   both decode cleanly and the detector has too little to go on; then the file is read as
   GB18030, the encoding of mainland government files, and a warning says the choice was a
   guess. A detection that rests on fewer than ``_SURE_CHARS`` non-ASCII characters is
   reported the same way even when one candidate won.

Files that are PDF or DOCX under another name are handed to their reader (found by their magic
bytes), since a user who renamed a file still expects it to be read.
"""
from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import PlanInputError
from ..model import Warning
from . import Document
from .source import source_for

# Encodings the detector may choose between once UTF-8 has failed. cp950 is Microsoft's Big5
# (a superset used by Windows editors); both are listed so either spelling decodes.
_LEGACY = ("gb18030", "big5", "cp950")
_SURE_CHARS = 20
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def read_txt(path: Path) -> Document:
    """Read a text file, detecting its encoding; raise PlanInputError naming what is wrong."""
    data = path.read_bytes()
    handed_over = _other_format(path, data)
    if handed_over is not None:
        return handed_over
    text, encoding, warnings = decode_bytes(data, str(path))
    return Document(text=text, source=source_for(path, data, text, "txt", encoding),
                    warnings=warnings)


def decode_bytes(data: bytes, name: str) -> tuple[str, str, list[Warning]]:
    """Decode file bytes to text; return (text, encoding name, warnings about the choice)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data, encoding, name)
            _require_content(text, name)
            return text, encoding, []
    if not data.strip():
        raise PlanInputError(name, "empty file")
    if _looks_binary(data):
        raise PlanInputError(name, "binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _detect_legacy(data, name)
    _require_content(text, name)
    return text, "utf-8", []


def _detect_legacy(data: bytes, name: str) -> tuple[str, str, list[Warning]]:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data, cp_isolation=list(_LEGACY)))
    if not matches:
        raise PlanInputError(name, "cannot decode: not UTF-8, GB18030/GBK or Big5 text")
    score = {id(m): (round(m.chaos, 3), -round(m.coherence, 3)) for m in matches}
    best = min(score.values())
    top = [m for m in matches if score[id(m)] == best]
    chosen = next((m for m in top if m.encoding == "gb18030"), top[0])
    encoding = "big5" if chosen.encoding == "cp950" else chosen.encoding
    text = str(chosen)
    _require_content(text, name)
    rivals = sorted({m.encoding for m in top if str(m) != text})
    non_ascii = sum(1 for ch in text if ord(ch) > 127)
    warnings = []
    if rivals or non_ascii < _SURE_CHARS:
        why = (f"{', '.join(rivals)} fits as well" if rivals
               else f"only {non_ascii} non-ASCII characters to judge by")
        warnings.append(Warning(code="encoding-uncertain",
                                message=f"read as {encoding}, but the detection is uncertain ({why})"))
    return text, encoding, warnings


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise PlanInputError(name, f"cannot decode as {encoding} despite its byte-order mark "
                                   f"(bad byte at {exc.start})") from None


def _require_content(text: str, name: str) -> None:
    if not text.strip():
        raise PlanInputError(name, "empty file")


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters: what text files never have."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(head) // 100


def _other_format(path: Path, data: bytes) -> Document | None:
    """Hand a PDF or DOCX saved under a text-like name to the reader of its real format."""
    if data.startswith(b"%PDF-"):
        from .pdf import read_pdf
        return read_pdf(path)
    if data.startswith(b"PK\x03\x04") and b"word/" in data[:65536]:
        from .docx import read_docx
        return read_docx(path)
    return None
