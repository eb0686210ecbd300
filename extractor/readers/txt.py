"""Plain-text reader: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK and Big5.

Decoding order, and why:

1. A byte-order mark is proof of the encoding, so it wins.
2. Strict UTF-8 comes next: Chinese text in GB18030 or Big5 is practically never valid UTF-8
   (its lead and trail bytes do not form UTF-8 sequences), so a clean UTF-8 decode is certain.
3. Otherwise charset-normalizer, limited to the Chinese legacy encodings, decides by how messy
   and how language-like each decoding is. On short texts (a few characters) GB18030 and Big5
   both decode cleanly and the detector has too little to go on; then the file is read as
   GB18030, the encoding of mainland government files, and a warning says the choice was a
   guess. A detection that rests on fewer than ``_SURE_CHARS`` non-ASCII characters, or whose
   text still looks garbled, is reported the same way even when one candidate won.

Files that are PDF or DOCX under another name are handed to their reader (found by their magic
bytes), since a user who renamed a file still expects it to be read.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import PlanInputError
from ..warnings import check
from ..model import PlanWarning
from .document import Document
from .source import source_for

# Encodings the detector may choose between once UTF-8 has failed. cp950 is Microsoft's Big5
# (a superset used by Windows editors); both are listed so either spelling decodes.
_LEGACY = ("gb18030", "big5", "cp950")
# Ties go to valid UTF-8 first, then to GB18030, the encoding of mainland government files.
_PREFERRED = ("utf_8", "gb18030")
_NAMES = {"utf_8": "utf-8", "cp950": "big5"}
# Letters of scripts a Chinese plan does not use (Latin Extended to Greek Extended: Cyrillic,
# Armenian, Hebrew, Arabic…), which is what two-byte GB18030 codes look like when read as UTF-8.
_ODD_SCRIPT = re.compile(r"[\u0100-\u1fff]")
_SURE_CHARS = 20
# charset-normalizer's own default limit of "mess"; above it a detection counts as uncertain.
_MESSY = 0.2
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


def decode_bytes(data: bytes, name: str) -> tuple[str, str, list[PlanWarning]]:
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
        return _detect(data, name, _LEGACY)
    _require_content(text, name)
    if _non_ascii(text) < _SURE_CHARS and _ODD_SCRIPT.search(text):
        # A few GB18030 characters can happen to form valid UTF-8, and then read as letters of
        # other scripts ("元" as Armenian "Ԫ"): on a text this short, let the detector weigh
        # UTF-8 against the legacy encodings.
        detected = _detect(data, name, ("utf_8", *_LEGACY))
        if detected[1] != "utf-8":
            return detected
    return text, "utf-8", []


def _detect(data: bytes, name: str, candidates: tuple[str, ...]) -> tuple[str, str, list[PlanWarning]]:
    from charset_normalizer import from_bytes

    # threshold=1.0: keep every candidate that decodes, however "messy". Short texts full of
    # punctuation (（三）、《》) look messy to the detector, and at its default threshold it then
    # returns nothing at all; its ranking still picks the right one.
    matches = list(from_bytes(data, cp_isolation=list(candidates), threshold=1.0))
    if not matches:
        return _first_clean_decoding(data, name)
    score = {id(m): (round(m.chaos, 3), -round(m.coherence, 3)) for m in matches}
    best = min(score.values())
    top = [m for m in matches if score[id(m)] == best]
    chosen = next((m for preferred in _PREFERRED for m in top if m.encoding == preferred), top[0])
    encoding = _NAMES.get(chosen.encoding, chosen.encoding)
    if encoding == "utf-8":
        return str(chosen), encoding, []
    text = str(chosen)
    _require_content(text, name)
    rivals = sorted({m.encoding for m in top if str(m) != text})
    non_ascii = _non_ascii(text)
    warnings = []
    if rivals or non_ascii < _SURE_CHARS or chosen.chaos > _MESSY:
        why = (f"{', '.join(rivals)} fits as well" if rivals
               else f"only {non_ascii} non-ASCII characters to judge by" if non_ascii < _SURE_CHARS
               else "the decoded text looks garbled")
        warnings.append(PlanWarning(code=check("encoding-uncertain"),
                                message=f"read as {encoding}, but the detection is uncertain ({why})"))
    return text, encoding, warnings


def _non_ascii(text: str) -> int:
    return sum(1 for ch in text if ord(ch) > 127)


def _first_clean_decoding(data: bytes, name: str) -> tuple[str, str, list[PlanWarning]]:
    """When the detector abstains (a few full-width letters are enough to make it give up),
    take the first candidate that decodes without error, and say that it was a fallback."""
    for encoding in _LEGACY[:2]:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        _require_content(text, name)
        return text, encoding, [PlanWarning(code=check("encoding-uncertain"),
                                        message=f"read as {encoding}, but the detection is "
                                                "uncertain (the detector could not decide)")]
    raise PlanInputError(name, "cannot decode: not UTF-8, GB18030/GBK or Big5 text")


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
