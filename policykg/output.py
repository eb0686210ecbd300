"""The output options every listing command shares, and the one renderer behind them.

``--format table|json|csv``: ``table`` is a rich table for people (the default on a terminal),
``json`` a list of objects exactly as the library returns them (the default when piped), ``csv``
one flat line per row with nested fields as ``measure.title`` and lists joined by ``; ``.
A command passes its rows and, for the table, the columns worth showing.
"""
from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable, TextIO

import click

if TYPE_CHECKING:
    from rich.text import Text

FORMATS = ("table", "json", "csv")


@dataclass(frozen=True)
class Column:
    """One table column: a header and a dotted path into the row (``measure.title``)."""
    header: str
    key: str
    show: Callable[[Any, dict], str] | None = None
    """Formats the cell from the value and the whole row; default: ``cell``."""


def output_options(command: Callable) -> Callable:
    """Add ``--format`` to a listing command (passed on as ``fmt``)."""
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default=None,
        help="Output format (default: table on a terminal, json when piped).")(command)


def render(rows: list[dict[str, Any]], fmt: str | None, columns: Iterable[Column] | None = None,
           out: TextIO | None = None) -> None:
    """Write ``rows`` in ``fmt`` (``None``: table on a terminal, else json)."""
    out = out or sys.stdout
    fmt = fmt or ("table" if out.isatty() else "json")
    if fmt == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "csv":
        _csv(rows, out)
    else:
        _table(rows, list(columns) if columns else _columns(rows), out)


def get(row: dict[str, Any], key: str) -> Any:
    """The value at a dotted path, ``None`` where a level is missing."""
    value: Any = row
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def cell(value: Any, joiner: str = "、") -> str:
    """A value as text: lists joined, numbers as ``presentation.plain_number`` writes them,
    nothing for ``None``."""
    from policykg.extractor.presentation import plain_number

    if value is None:
        return ""
    if isinstance(value, list):
        return joiner.join(cell(v) for v in value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return plain_number(value)
    return str(value)


def _flatten(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def _columns(rows: list[dict[str, Any]]) -> list[Column]:
    keys: dict[str, None] = {}
    for row in rows:
        keys.update(dict.fromkeys(_flatten(row)))
    return [Column(key, key) for key in keys]


def flat_table(rows: list[dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    """Rows as one flat table, the CSV's and a spreadsheet's: dotted keys as headers, nested
    lists joined by ``; ``, numbers kept as numbers."""
    keys = [column.key for column in _columns(rows)]
    return keys, [[_flat_value(row.get(key)) for key in keys] for row in map(_flatten, rows)]


def _flat_value(value: Any) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return cell(value, "; ")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(text: str) -> str:
    """Text a spreadsheet shows as text: one starting like a formula (``=cmd|…``, ``+``, ``-``,
    ``@``) gets a leading ``'``, the usual guard against formula injection from CSV files."""
    return "'" + text if text.startswith(_FORMULA_START) else text


_TERMINAL_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_text(text: str) -> "Text":
    """Document text for the terminal: never read as rich markup (``[/red]``, ``[link=…]``),
    and without control characters (escape sequences from a document would reach the terminal)."""
    from rich.text import Text

    return Text(_TERMINAL_CONTROLS.sub("", text))


def _csv(rows: list[dict[str, Any]], out: TextIO) -> None:
    import csv  # here, not at the top: the JSON a query prints by default needs none of it

    keys, values = flat_table(rows)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(keys)
    for row in values:
        writer.writerow([cell(v) if isinstance(v, (int, float)) else formula_safe(cell(v)) for v in row])


def _table(rows: list[dict[str, Any]], columns: list[Column], out: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    cells = [[(c.show or (lambda v, _r: cell(v)))(get(row, c.key), row) for c in columns]
             for row in rows]
    shown = [i for i, c in enumerate(columns) if any(r[i] for r in cells)]
    table = Table(show_lines=False, header_style="bold")
    for i in shown:
        table.add_column(columns[i].header, overflow="fold")
    for r in cells:
        table.add_row(*(terminal_text(r[i]) for i in shown))
    Console(file=out, soft_wrap=False, width=None if out.isatty() else 160).print(table)

