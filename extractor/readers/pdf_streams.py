"""How far a PDF's compressed streams expand, counted before any PDF library opens the file.

pdfium and pdfminer inflate a FlateDecode stream whole, however large: a 408 KB flate bomb once
took 861 MB of memory. The count here reads the raw
file: at every ``stream`` keyword it runs zlib on the bytes that follow, piece by piece, and
adds up what comes out, without keeping it, until the stream ends or the total passes the cap.
It needs neither the stream's dictionary nor its ``/Length`` (both may lie): bytes that are not
zlib data (a JPEG, an uncompressed stream) stop the count for that stream at once. A stream
inflated twice (``/Filter [/FlateDecode /FlateDecode]``) is counted at each layer.

Not seen through: streams of an encrypted PDF (their bytes are not zlib data until decrypted)
and other filters (LZW, run length), which expand far less.

The count inflates every stream once more than pdfium does, most of it embedded fonts (28 of the
31 MB the 15 PDFs of ``pdf/`` inflate to), and took 0.15 CPU s there, half of what pdfium's own
text extraction of those PDFs takes. zlib-ng (the ``pdf`` extra installs it) inflates the same
format in 0.09 s; the standard library's zlib is the fallback, with the same counts.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import chain

try:
    from zlib_ng import zlib_ng as zlib
except ImportError:  # pragma: no cover - the pdf extra installs zlib-ng
    import zlib

_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\r|\n)")
_READ = 1 << 16      # raw bytes handed to zlib at a time
_PIECE = 1 << 20     # the most inflated bytes zlib returns at a time
_LAYERS = 3          # FlateDecode filters counted one inside the other


def inflated_size(data: bytes, cap: int) -> int:
    """The bytes all zlib streams of ``data`` inflate to; once past ``cap``, some number over it."""
    total = 0
    for match in _STREAM.finditer(data):
        total += _stream_size(memoryview(data)[match.end():], cap - total)
        if total > cap:
            break
    return total


def _stream_size(raw: memoryview, budget: int) -> int:
    """What the zlib stream at the start of ``raw`` inflates to, with every layer of a stream
    compressed more than once; the count stops once past ``budget``."""
    counted = 0

    def count(pieces: Iterable[bytes]) -> Iterator[bytes]:
        nonlocal counted
        for piece in pieces:
            counted += len(piece)
            yield piece
            if counted > budget:
                return

    pieces = count(_inflate(raw[i:i + _READ] for i in range(0, len(raw), _READ)))
    for _ in range(_LAYERS - 1):
        first = next(pieces, b"")
        pieces = chain([first], pieces)
        if not _zlib_header(first):
            break
        pieces = count(_inflate(pieces))
    for _ in pieces:
        pass
    return counted


def _inflate(chunks: Iterable[bytes | memoryview]) -> Iterator[bytes]:
    """Inflate a zlib stream fed in chunks, in pieces of at most ``_PIECE`` bytes; stop at its
    end or at the first bytes that are not zlib data."""
    inflater = zlib.decompressobj()
    for chunk in chunks:
        while chunk:
            try:
                piece = inflater.decompress(chunk, _PIECE)
            except zlib.error:
                return
            if piece:
                yield piece
            if inflater.eof:
                return
            chunk = inflater.unconsumed_tail


def _zlib_header(data: bytes) -> bool:
    """Whether ``data`` opens like a zlib stream (RFC 1950: deflate, a header divisible by 31)."""
    return len(data) >= 2 and data[0] & 0x0F == 8 and data[0] >> 4 <= 7 and (data[0] << 8 | data[1]) % 31 == 0
