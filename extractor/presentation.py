"""How facts are written, defined once: comparator signs, numbers, target values and Markdown
tables. The CLI's tables and CSV (``policykg.output``), the plan outline
(``extractor.serializers.markdown``), the comparison reports (Markdown and HTML) and the web
app's pages all write through here, so a value reads the same everywhere.

A change is written signed: ``下降13%以上`` is a decrease of at least 13%, so the signed value is
at most −13% and reads ``≤−13%`` (the comparator turns round with the sign). A level keeps its
comparator: ``≥56%``.
"""
from __future__ import annotations

from typing import Any, Iterable, Sequence

SIGNS: dict[str, str] = {"eq": "", "ge": "≥", "le": "≤", "approx": "≈", "range": ""}
"""The sign written before a value for each comparator of the plan model."""

_FLIPPED = {"ge": "le", "le": "ge"}
MINUS = "−"


def number(x: float | int | None, multipliers: bool = False) -> str:
    """A number as people read it: ``16,000``, ``0.25``, ``−13``; with ``multipliers``, large
    values the way plans print them (``2.5亿``, ``1.6万``). ``None`` is the empty string."""
    if x is None:
        return ""
    if multipliers:
        for size, word in ((1e8, "亿"), (1e4, "万")):
            if abs(x) >= size:
                return number(x / size) + word
    if float(x).is_integer():
        text = f"{x:,.0f}"
    else:
        text = f"{x:,.6f}".rstrip("0").rstrip(".")
    return text.replace("-", MINUS)


def plain_number(x: float | int) -> str:
    """A number as a table or CSV cell holds it, for machines and people alike: no grouping
    (``2025`` is a year), a whole float without ``.0`` (``16000``, ``0.25``)."""
    return str(int(x)) if isinstance(x, float) and x.is_integer() else str(x)


def signed(value: float, direction: str) -> float:
    """The value of a target as a signed change: a decrease is negative, anything else not."""
    return -value if direction == "decrease" else value


def signed_comparator(comparator: str, direction: str) -> str:
    """The comparator that holds for the signed value: at least a 13% fall is at most −13%."""
    return _FLIPPED.get(comparator, comparator) if direction == "decrease" else comparator


def target_value(value: float, unit: str, comparator: str, direction: str,
                 value_max: float | None = None, multipliers: bool = False) -> str:
    """A target's value with sign, comparator and unit: ``≥56%``, ``≤−13%``, ``+5–8%``, ``≈2.5亿千瓦时``.

    A range of a decrease runs from the larger fall to the smaller (``−15–−13%``) so its ends
    read in numeric order."""
    low, high = signed(value, direction), None if value_max is None else signed(value_max, direction)
    if high is not None and high < low:
        low, high = high, low
    plus = "+" if direction == "increase" else ""
    text = plus + number(low, multipliers)
    if high is not None:
        text += "–" + plus + number(high, multipliers)
    return f"{SIGNS.get(signed_comparator(comparator, direction), '')}{text}{unit}"


_MD_TEXT = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;",
            **{c: None for c in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0))}}


def md_text(value: Any) -> str:
    """Document text for a Markdown page: ``<``, ``>`` and ``&`` as entities, so a name holding
    ``<svg/onload=…>`` shows as those characters and never becomes markup when the page is
    rendered; control characters (terminal escape sequences) left out."""
    return ("" if value is None else str(value)).translate(_MD_TEXT)


def markdown_table(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> list[str]:
    """A Markdown table as lines (and a blank line after it); ``|`` and line breaks in cells are
    escaped so a cell can never end its row early, and markup as ``md_text`` escapes it."""
    def line(cells: Sequence[Any]) -> str:
        return "| " + " | ".join(_md_cell(c) for c in cells) + " |"
    return [line(header), "|" + "---|" * len(header), *(line(r) for r in rows), ""]


def _md_cell(value: Any) -> str:
    return md_text(value).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")
