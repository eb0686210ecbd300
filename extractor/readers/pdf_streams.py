"""How far a PDF's compressed streams expand, counted before any PDF library opens the file.

pdfium and pdfminer inflate a FlateDecode stream whole, however large: a 408 KB flate bomb once
took 861 MB of memory. The count here reads the raw
file: at every ``stream`` keyword it runs zlib on the bytes that follow, piece by piece, and
adds up what comes out, without keeping it, until the stream ends or the total passes the cap.
Counted so, a stream needs neither its dictionary nor its ``/Length`` (both may lie): bytes that are not
zlib data (a JPEG, an uncompressed stream) stop the count for that stream at once. A stream
inflated twice (``/Filter [/FlateDecode /FlateDecode]``) is counted at each layer.

The streams of an encrypted PDF are not zlib data until decrypted, so for a file that names an
``/Encrypt`` dictionary each ``N G obj … stream`` is also decrypted (with the empty user password,
as the reader opens such files; pdfminer.six computes the key) and counted the same way. Only the
key comes from pdfminer: it is never asked for an object, since resolving one may inflate a whole
object stream, which is what this count exists to prevent. The raw count has by then already
passed the file's cross-reference streams, the only streams pdfminer inflates while it reads
the key (they are never encrypted).

An LZW stream (``/Filter /LZWDecode`` in the dictionary before ``stream``) can
expand more than a zlib one (a 12-bit code may stand for thousands of bytes), so it is counted by
an LZW decoder that keeps only the length of each table entry, never the bytes; since a
dictionary may lie, such a stream counts the larger of its LZW and zlib readings.

Not seen through: run-length streams (at most 64 times their size) and encryption that needs a
password (the reader refuses such a file anyway).

Most of what a plan's PDF inflates to is embedded fonts, which pdfium inflates again. So a
stream that no reader reads past its first ``endstream`` (pdfium and pdfminer read to the
``/Length`` when ``endstream`` follows there, else to the first ``endstream``; trusted only of a
plain dictionary whose every ``/Length`` is a number ending at or before it) and whose first
inflated bytes are not zlib data (so a second ``FlateDecode`` could expand nothing) is counted
at deflate's greatest ratio, 1032 bytes per byte, instead of inflated: the longest such streams
are inflated only while that bound of them all is over the cap, and each only until what it has
given and its bytes left at that ratio fit. On the 15 PDFs of ``pdf/``, which inflate to 33 MB,
that leaves 10 MB to inflate, and the count took 0.041 CPU s against 0.070 s before.
zlib-ng (the ``pdf`` extra installs it) inflates at about three times the standard library's
zlib, the fallback, with the same counts.
"""
from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable, Iterable, Iterator
from itertools import chain

try:
    from zlib_ng import zlib_ng as zlib
except ImportError:  # pragma: no cover - the pdf extra installs zlib-ng
    import zlib

# no look-behind for "end": it would stop the engine's fast literal search (25 times slower)
_STREAM = re.compile(rb"stream(?:\r\n|\r|\n)")
# "N G obj" read backwards, so that the pattern opens with a literal ("jbo") and the engine
# scans for it quickly; the forward pattern, which opens with digits, took 7 ms for a 400 KB file.
_OBJECT_REVERSED = re.compile(rb"jbo[ \t\r\n\f\x00]+([0-9]{1,5})[ \t\r\n\f\x00]+([0-9]{1,10})(?![0-9])")
_ENCRYPT = re.compile(rb"/Encrypt(?![A-Za-z])")
_LZW = re.compile(rb"/LZWDecode(?![A-Za-z])")
_EARLY_CHANGE_OFF = re.compile(rb"/EarlyChange[ \t\r\n]*0(?![0-9])")
_LENGTH = re.compile(rb"/Length(?![^\x00\t\n\f\r /<>\[\]])([^/<>\[\]]*)")
_NOT_PLAIN = re.compile(rb"[()%#{}]")
_BRACKETS = re.compile(rb"<<|>>|<|>")
_WHITE = b"\x00\t\n\f\r "
_WHITE_BYTES = frozenset(bytes([c]) for c in _WHITE) | {b""}   # b"": the file's edge
# Deflate's greatest expansion: a 258-byte match coded in two bits gives 1032 bytes per byte.
_MAX_RATIO = 1032
_HEAD = 1024         # raw bytes enough for any deflate block header and its first codes
_READ = 1 << 16      # raw bytes handed to zlib at a time
_PIECE = 1 << 20     # the most inflated bytes zlib returns at a time
_LAYERS = 3          # FlateDecode filters counted one inside the other


def inflated_size(data: bytes, cap: int) -> int:
    """The most all zlib streams of ``data`` can inflate to, decrypted first in an encrypted PDF:
    what they inflate to, but a stream whose reading ends at a known place (``_reading_length``) and
    that is zlib data once over (``_one_layer``) may be counted at deflate's greatest ratio to
    the bytes of it not inflated (``_bounded_size``); once past ``cap``, some number over it."""
    total, after = 0, 0
    bounded: list[memoryview] = []
    for match in _streams(data, 0, len(data)):
        raw = memoryview(data)[match.end():]
        dictionary = _dictionary(data, after, match.start())
        lzw = _LZW.search(dictionary) is not None
        part = None if lzw else _bounded_part(raw, _reading_length(data, after, match, dictionary))
        after = match.end()
        if part is not None:
            bounded.append(part)
            continue
        zlib_size = _stream_size(raw, cap - total)
        if lzw:   # a dictionary may lie: the larger count stands
            zlib_size = max(zlib_size, _lzw_size(raw, cap - total, early=not _EARLY_CHANGE_OFF.search(dictionary)))
        total += zlib_size
        if total > cap:
            return total
    total += _bounded_size(bounded, cap - total)
    if total <= cap and _ENCRYPT.search(data):
        total += _decrypted_size(data, cap - total)
    return total


def _streams(data: bytes, start: int, end: int) -> Iterator[re.Match]:
    """The ``stream`` keywords of ``data[start:end]`` that open a stream (not ``endstream``)."""
    return (m for m in _STREAM.finditer(data, start, end) if data[max(0, m.start() - 3):m.start()] != b"end")


def _dictionary(data: bytes, start: int, stream: int) -> bytes:
    """The bytes before the ``stream`` keyword at ``stream`` that hold its dictionary: from the
    object's ``obj`` keyword, searched no further back than ``start`` (the previous stream's
    keyword, so that every byte is searched once however long a dictionary is padded)."""
    return data[max(start, data.rfind(b"obj", start, stream) + 3):stream]


def _reading_length(data: bytes, after: int, keyword: re.Match, dictionary: bytes) -> int | None:
    """How many bytes pdfium and pdfminer read at most of the stream opened by ``keyword``
    (``dictionary`` before it, searched no further back than ``after``): up to the first
    ``endstream`` after it, when that is sure, else None.

    Both read a stream to its ``/Length`` when ``endstream`` follows there, and otherwise to the
    first ``endstream`` (pdfium: that stands as a word; pdfminer: anywhere), so every length that
    ends at or before that word ends their reading there or sooner, and so does no length at
    all. That is trusted only of a dictionary that cannot hide another ``/Length`` from this
    search: right after its ``N G obj`` header, with no strings, comments or name escapes, its
    brackets balanced, every ``/Length`` a plain number (not a reference to another object),
    and of a keyword ending in a line feed (where both readers start)."""
    if not keyword[0].endswith(b"\n"):
        return None
    end = _end_word(data, keyword.end())
    opening = data.rfind(b"obj", after, keyword.start())
    if end < 0 or opening < 0 or not _OBJECT_REVERSED.match(data[max(0, opening - 32):opening + 3][::-1]) \
            or not _plain_dictionary(dictionary):
        return None
    room = end - keyword.end()
    lengths = [value.strip() for value in _LENGTH.findall(dictionary)]
    return room if all(value.isdigit() and int(value) <= room for value in lengths) else None


def _end_word(data: bytes, start: int) -> int:
    """Where the first ``endstream`` from ``start`` on that pdfium reads as a word (white space,
    or the file's edge, on both sides) begins, or -1. Searched as a literal: a look-behind in a
    pattern stops the engine's fast scan."""
    at = data.find(b"endstream", start)
    while at >= 0 and not (data[at - 1:at] in _WHITE_BYTES and data[at + 9:at + 10] in _WHITE_BYTES):
        at = data.find(b"endstream", at + 9)
    return at


def _plain_dictionary(text: bytes) -> bool:
    """Whether ``text`` is one dictionary, ``<< … >>`` between white space, holding only names,
    numbers, references, arrays and dictionaries of the same (see ``_reading_length``)."""
    body = text.strip(_WHITE)
    if not body.startswith(b"<<") or _NOT_PLAIN.search(body):
        return False
    depth = 0
    for bracket in _BRACKETS.finditer(body):
        if len(bracket[0]) == 1 or depth == 0 and bracket.start() > 0:
            return False
        depth += 1 if bracket[0] == b"<<" else -1
    return depth == 0 and body.endswith(b">>")


def _bounded_part(raw: memoryview, length: int | None) -> memoryview | None:
    """The first ``length`` bytes of ``raw``, the most of a stream any reader reads, to be
    counted by ``_bounded_size`` when they are one layer of zlib data; else None."""
    if length is None:
        return None
    part = raw[:length]
    return part if _one_layer(part) else None


def _one_layer(raw: memoryview) -> bool:
    """Whether ``raw`` opens as zlib data whose first inflated bytes are not zlib data again:
    a second ``FlateDecode`` over them would stop at once, so only one layer can expand."""
    if not _zlib_header(raw[:2]):
        return False
    try:
        first = zlib.decompressobj().decompress(raw[:_HEAD], 2)
    except zlib.error:
        return False
    return len(first) == 2 and not _zlib_header(first)


def _bounded_size(streams: list[memoryview], budget: int) -> int:
    """The most ``streams`` (single-layered zlib data that no reader reads past its end) can
    inflate to: each counted at ``_MAX_RATIO`` times its length, and while that sum is over
    ``budget``, the longest inflated first, each only until what it gave so far, its bytes left
    at the ratio and the other streams' bound fit in the budget (or it ends). Embedded fonts,
    most of what a plan's PDF inflates to, are then mostly left to pdfium alone."""
    streams = sorted(streams, key=len)
    bound = _MAX_RATIO * sum(map(len, streams))
    counted = 0
    while streams and counted + bound > budget and counted <= budget:
        raw = streams.pop()
        bound -= _MAX_RATIO * len(raw)
        counted += _prefix_size(raw, budget - counted - bound, budget - counted)
    return counted + bound


def _prefix_size(raw: memoryview, room: int, budget: int) -> int:
    """The most the zlib data ``raw`` can inflate to: the bytes it inflates to until they and
    the rest of it, at ``_MAX_RATIO`` times its length, fit in ``room`` (which may be less than
    nothing: then it is inflated whole), or it ends, or the count passes ``budget``."""
    inflater = zlib.decompressobj()
    out = consumed = 0
    while out <= budget:
        rest = len(raw) - consumed
        if out + _MAX_RATIO * rest <= room:
            return out + _MAX_RATIO * rest
        needed = rest - max(room - out, 0) // _MAX_RATIO   # bytes to inflate before the rest fits
        chunk = raw[consumed:consumed + min(needed, _READ)]
        try:
            out += len(inflater.decompress(chunk, _PIECE))
        except zlib.error:
            return out
        if inflater.eof:
            return out
        consumed += len(chunk) - len(inflater.unconsumed_tail)
    return out


def _lzw_size(raw: memoryview, budget: int, early: bool = True) -> int:
    """What the LZW stream at the start of ``raw`` decodes to (PDF's variant: MSB-first codes of
    9 to 12 bits, 256 clears the table, 257 ends the data, and with ``early`` (``/EarlyChange
    1``, the default) the code width grows one entry early); the count stops once past
    ``budget``, at the end code, or at the first code that cannot occur."""
    lengths = [1] * 256 + [0, 0]   # as after a clear code, which should but need not come first
    width, previous, total, buffer, held = 9, 0, 0, 0, 0
    for byte in raw:
        buffer, held = buffer << 8 | byte, held + 8
        while held >= width:
            held -= width
            code, buffer = buffer >> held, buffer & ((1 << held) - 1)
            if code == 256:
                lengths, width, previous = [1] * 256 + [0, 0], 9, 0
                continue
            if code == 257:
                return total
            if previous:
                if code > len(lengths):
                    return total
                lengths.append(previous + 1)
                if len(lengths) + early in (512, 1024, 2048):
                    width += 1
            elif code >= len(lengths):
                return total
            previous = lengths[code]
            total += previous
            if total > budget:
                return total
    return total


def _decrypted_size(data: bytes, budget: int) -> int:
    """What the streams of an encrypted PDF inflate to once decrypted (0 if the key is not had)."""
    decipher = _decipher(data)
    if decipher is None:
        return 0
    total = 0
    bounded: list[memoryview] = []
    objects = _objects(data)
    ends = [start for start, _, _, _ in objects[1:]] + [len(data)]
    for (start, after, number, generation), end in zip(objects, ends):
        stream = next(_streams(data, after, end), None)
        if stream is None:
            continue
        try:
            plain = memoryview(decipher(number, generation, data[stream.end():end], {}))
        except Exception:   # noqa: BLE001 (whatever a damaged stream makes the cipher raise)
            continue
        # the plain text stands where its cipher text does (RC4), or sooner (AES: no IV)
        part = _bounded_part(plain, _reading_length(data, start, stream, _dictionary(data, start, stream.start())))
        if part is not None:
            bounded.append(part)
            continue
        total += _stream_size(plain, budget - total)
        if total > budget:
            return total
    return total + _bounded_size(bounded, budget - total)


def _objects(data: bytes) -> list[tuple[int, int, int, int]]:
    """Where each ``N G obj`` of ``data`` starts and ends, with N and G, in file order: found in
    the reversed bytes (``_OBJECT_REVERSED``), an ``obj`` that goes on with a letter left out."""
    backwards, size = data[::-1], len(data)
    found = [(size - match.end(), size - match.start(), int(match[2][::-1]), int(match[1][::-1]))
             for match in _OBJECT_REVERSED.finditer(backwards)
             if not backwards[match.start() - 1:match.start()].isalpha()]
    return found[::-1]


Decipher = Callable[[int, int, bytes, dict], bytes]


def _decipher(data: bytes) -> Decipher | None:
    """Stream decryption for ``data`` opened with the empty password, or ``None``: pdfminer's,
    except that RC4 runs in ``cryptography``'s C code rather than pdfminer's Python (0.3 s for a
    350 KB file, more than pdfium takes to read it)."""
    from cryptography.hazmat.decrepit.ciphers.algorithms import ARC4
    from cryptography.hazmat.primitives.ciphers import Cipher
    from pdfminer.pdfdocument import PDFDocument, PDFStandardSecurityHandler
    from pdfminer.pdfparser import PDFParser

    try:
        decipher = PDFDocument(PDFParser(io.BytesIO(data)), password="").decipher
    except Exception:   # noqa: BLE001 (pdfminer raises many types for damaged or locked files)
        return None
    handler = getattr(decipher, "__self__", None)
    if type(handler) is not PDFStandardSecurityHandler or handler.key is None:
        return decipher   # AES (in C already), or a handler this module does not know
    key = handler.key

    def rc4(objid: int, genno: int, raw: bytes, attrs: dict) -> bytes:
        # the object's key: ISO 32000-1, 7.6.2, algorithm 1 (as pdfminer derives it)
        salted = key + objid.to_bytes(4, "little")[:3] + genno.to_bytes(4, "little")[:2]
        object_key = hashlib.md5(salted).digest()[:min(len(salted), 16)]
        return Cipher(ARC4(object_key), mode=None).decryptor().update(raw)

    return rc4


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
