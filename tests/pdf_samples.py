"""PDFs written by hand for the tests: text in a standard Chinese font, ruling lines."""
from __future__ import annotations

from pathlib import Path


def write_pdf(path: Path, pages: list[list[tuple] | None], padding_mb: int = 0, encrypt: bool = False,
              lzw: bool = False) -> None:
    """A minimal PDF with the standard Chinese font STSong-Light (not embedded; every reader
    knows its character map) and ruling lines. Items: ("text", x, y, size, str), ("spaced", x, y,
    size, str, spacing) (the same with that much character spacing, ``Tc``, after each glyph),
    ("rule", x0, y0, x1, y1), in PDF coordinates (origin bottom left). A text item with a sixth
    element ``"low"`` is set in the same font declared with a descent of 0.9 em, as some typesetting
    fonts declare theirs: readers that place a glyph by its box put it 0.78 em below its baseline. A page given as None is a broken page
    object (a number where the page dictionary should be). ``padding_mb`` adds to the first
    page a second content stream of that many megabytes of NUL (white space to a PDF reader),
    compressed with FlateDecode about a thousandfold: a flate bomb (with ``lzw``, compressed with
    LZWDecode instead, about two-thousandfold). ``encrypt`` encrypts every
    stream with the standard security handler (RC4, 40-bit key, revision 2) and an empty user
    password, as many published PDFs are: readers open it without asking, but no stream is
    zlib data until decrypted."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    descriptor = add(b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880]"
                     b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")
    cid = add(b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe)"
              b" /Ordering (GB1) /Supplement 4 >> /FontDescriptor %d 0 R /DW 1000 >>" % descriptor)
    font = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UCS2-H /Encoding /UniGB-UCS2-H"
               b" /DescendantFonts [%d 0 R] >>" % cid)
    fonts = b"/F1 %d 0 R" % font
    if any(item[0] == "text" and len(item) > 5 for items in pages if items for item in items):
        low = add(b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -900 1000 100]"
                  b" /ItalicAngle 0 /Ascent 100 /Descent -900 /CapHeight 100 /StemV 93 >>")
        low_cid = add(b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry"
                      b" (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor %d 0 R /DW 1000 >>" % low)
        fonts += b" /F2 %d 0 R" % add(b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UCS2-H"
                                      b" /Encoding /UniGB-UCS2-H /DescendantFonts [%d 0 R] >>" % low_cid)
    pages_id = add(b"")
    kids = []
    for items in pages:
        if items is None:
            kids.append(add(b"42"))
            continue
        ops = []
        for kind, *args in items:
            if kind in ("text", "spaced"):
                x, y, size, text, *extra = args
                tc = f"{extra[0]} Tc " if kind == "spaced" else ""
                font = 2 if kind == "text" and extra else 1
                ops.append(f"BT /F{font} {size} Tf {tc}{x} {y} Td <{text.encode('utf-16-be').hex()}> Tj ET")
            else:
                ops.append("0.5 w {} {} m {} {} l S".format(*args))
        stream = "\n".join(ops).encode()
        contents = [add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))]
        if padding_mb and len(kids) == 0:
            bomb = lzw_encode(bytes(padding_mb << 20)) if lzw else _zeros_deflated(padding_mb)
            contents.append(add(b"<< /Length %d /Filter /%s >>\nstream\n%s\nendstream"
                                % (len(bomb), b"LZWDecode" if lzw else b"FlateDecode", bomb)))
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << %s"
                        b" >> >> /Contents [%s] >>" % (pages_id, fonts, " ".join(f"{c} 0 R" for c in contents).encode())))
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        " ".join(f"{kid} 0 R" for kid in kids).encode(), len(kids))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    trailer = b""
    if encrypt:
        key, owner, file_id = _rc4_key()
        objects = [_encrypt_stream(key, number, body) for number, body in enumerate(objects, 1)]
        user = _rc4(key, _PASSWORD_PAD)
        handler = add(b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <%s> /U <%s> >>"
                      % (owner.hex().encode(), user.hex().encode()))
        trailer = b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (handler, file_id.hex().encode(), file_id.hex().encode())
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, catalog, trailer, xref)
    path.write_bytes(bytes(out))


def _zeros_deflated(megabytes: int) -> bytes:
    """``megabytes`` MB of NUL bytes, deflated in pieces (never held inflated)."""
    import zlib

    deflater, block = zlib.compressobj(9), bytes(1 << 20)
    return b"".join(deflater.compress(block) for _ in range(megabytes)) + deflater.flush()


_PASSWORD_PAD = bytes.fromhex("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a")
"""The padding string of the PDF standard security handler (ISO 32000-1, 7.6.3.3)."""


def _rc4_key() -> tuple[bytes, bytes, bytes]:
    """The file key for an empty user password (ISO 32000-1, algorithm 2, revision 2), with the
    owner entry and file id it is derived from (both arbitrary here)."""
    from hashlib import md5

    owner, file_id = bytes(range(32)), b"policykg-test-id"
    key = md5(_PASSWORD_PAD + owner + (-4).to_bytes(4, "little", signed=True) + file_id).digest()[:5]
    return key, owner, file_id


def _encrypt_stream(key: bytes, number: int, body: bytes) -> bytes:
    """``body`` with the data of its stream (if it has one) encrypted for object ``number``."""
    from hashlib import md5

    head, found, rest = body.partition(b"\nstream\n")
    if not found:
        return body
    data, _, tail = rest.rpartition(b"\nendstream")
    object_key = md5(key + number.to_bytes(3, "little") + bytes(2)).digest()[:10]
    return head + found + _rc4(object_key, data) + b"\nendstream" + tail


def _rc4(key: bytes, data: bytes) -> bytes:
    """RC4, which PDF encryption revision 2 uses (encrypting and decrypting are the same)."""
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def lzw_encode(data: bytes) -> bytes:
    """``data`` compressed with PDF's LZW (ISO 32000-1, 7.4.4: a clear code first, codes of 9
    to 12 bits written high bit first, the width growing one code early, ``/EarlyChange 1``; the
    table is never cleared once full, so a long run keeps emitting its longest entry)."""
    table = {bytes([i]): i for i in range(256)}
    codes, width, current = [(256, 9)], 9, b""
    for byte in data:
        grown = current + bytes([byte])
        if grown in table:
            current = grown
            continue
        codes.append((table[current], width))
        if len(table) + 2 < 4096:
            table[grown] = len(table) + 2
            if len(table) + 2 in (512, 1024, 2048):
                width += 1
        current = bytes([byte])
    if current:
        codes.append((table[current], width))
    codes.append((257, width))
    bits = "".join(format(code, f"0{size}b") for code, size in codes)
    bits += "0" * (-len(bits) % 8)
    return int(bits, 2).to_bytes(len(bits) // 8, "big")
