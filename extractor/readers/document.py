"""What every reader returns, in a module of its own so that the readers and the package that
picks among them import it without importing each other."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import PlanWarning, Source


@dataclass
class Table:
    """A table found in the input, as rows of cell strings with the span of each cell."""
    rows: list[list[str]]
    cell_spans: list[list[tuple[int, int]]]


@dataclass
class Document:
    """What every reader returns: ``text`` is what spans point into (``policykg text`` prints it)."""
    text: str
    source: Source
    tables: list[Table] = field(default_factory=list)
    warnings: list[PlanWarning] = field(default_factory=list)
