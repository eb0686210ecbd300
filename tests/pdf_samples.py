"""PDFs written by hand for the tests: text in a standard Chinese font, ruling lines."""
from __future__ import annotations

from pathlib import Path


def write_pdf(path: Path, pages: list[list[tuple] | None], padding_mb: int = 0) -> None:
    """A minimal PDF with the standard Chinese font STSong-Light (not embedded; every reader
    knows its character map) and ruling lines. Items: ("text", x, y, size, str), ("rule", x0,
    y0, x1, y1), in PDF coordinates (origin bottom left). A page given as None is a broken page
    object (a number where the page dictionary should be). ``padding_mb`` adds to the first
    page a second content stream of that many megabytes of NUL (white space to a PDF reader),
    compressed with FlateDecode about a thousandfold: a flate bomb."""
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
    pages_id = add(b"")
    kids = []
    for items in pages:
        if items is None:
            kids.append(add(b"42"))
            continue
        ops = []
        for kind, *args in items:
            if kind == "text":
                x, y, size, text = args
                ops.append(f"BT /F1 {size} Tf {x} {y} Td <{text.encode('utf-16-be').hex()}> Tj ET")
            else:
                ops.append("0.5 w {} {} m {} {} l S".format(*args))
        stream = "\n".join(ops).encode()
        contents = [add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))]
        if padding_mb and len(kids) == 0:
            bomb = _zeros_deflated(padding_mb)
            contents.append(add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(bomb), bomb)))
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R"
                        b" >> >> /Contents [%s] >>" % (pages_id, font, " ".join(f"{c} 0 R" for c in contents).encode())))
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        " ".join(f"{kid} 0 R" for kid in kids).encode(), len(kids))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    path.write_bytes(bytes(out))


def _zeros_deflated(megabytes: int) -> bytes:
    """``megabytes`` MB of NUL bytes, deflated in pieces (never held inflated)."""
    import zlib

    deflater, block = zlib.compressobj(9), bytes(1 << 20)
    return b"".join(deflater.compress(block) for _ in range(megabytes)) + deflater.flush()
