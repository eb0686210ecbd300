"""Excel workbooks (openpyxl) of plan tables and comparisons, safe to open.

Document text is untrusted: a cell whose text begins with ``=`` would be stored by openpyxl as a
formula and run by Excel, so every string is stored as a string cell (``data_type = "s"``),
whatever its first character; ``+``, ``-`` and ``@`` are then inert too. Characters XML cannot
hold (control characters, U+FFFE, U+FFFF) are written as visible ``\\xNN`` / ``\\uNNNN`` escapes
rather than dropped.
"""
from __future__ import annotations

from typing import IO, Any, Iterable, Sequence

from .xml_chars import NOT_XML

MAX_WIDTH = 60


def text_cell(value: str) -> str:
    """``value`` with what XML cannot hold written as a visible escape (``\\x00``, ``\\ufffe``)."""
    return NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}" if m.group() < "\x80" else f"\\u{ord(m.group()):04x}",
                       value)


def write_workbook(sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence[Any]]]], out: IO[bytes]) -> None:
    """Write sheets given as (name, headers, rows) to ``out``: headers bold and frozen, a filter
    on every column, column widths fitted to the text (up to ``MAX_WIDTH``)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for name, headers, rows in sheets:
        sheet = book.create_sheet(name[:31])
        widths = [len(h) * 2 for h in headers]
        sheet.append(list(headers))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for r, row in enumerate(rows, start=2):
            for c, value in enumerate(row, start=1):
                cell = sheet.cell(row=r, column=c)
                if isinstance(value, str):
                    cell.value = text_cell(value)
                    cell.data_type = "s"
                    widths[c - 1] = max(widths[c - 1], min(len(value) * 2, MAX_WIDTH))
                elif isinstance(value, (list, tuple)):
                    cell.value = text_cell("、".join(map(str, value)))
                    cell.data_type = "s"
                else:
                    cell.value = value
        sheet.freeze_panes = "A2"
        if headers:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(sheet.max_row, 1)}"
        for c, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(c)].width = max(8, min(width, MAX_WIDTH))
    book.save(out)
