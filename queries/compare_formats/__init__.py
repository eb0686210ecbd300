"""The comparison's output formats: a registry of names, each rendering a ``Comparison``.

A format names a module and a function by strings, so listing the formats imports nothing and
only the chosen one is loaded (with its library: Jinja2 for HTML, openpyxl for xlsx). To add a
format, write ``queries/compare_formats/<name>.py`` with a ``render(comparison) -> str | bytes``
and add one ``Format`` line to ``FORMATS``. Serializers read the model and the shared presentation
(``extractor.presentation``, ``queries.compare_formats.rows``); they compute no facts.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from policykg.queries.comparison import Comparison


@dataclass(frozen=True)
class Format:
    name: str
    module: str
    suffix: str
    description: str
    binary: bool = False
    """True for a format rendered as bytes (a spreadsheet), never written to a terminal."""

    def renderer(self) -> Callable[["Comparison"], str | bytes]:
        return importlib.import_module(self.module).render


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("md", "policykg.queries.compare_formats.markdown", ".md", "Markdown tables"),
    Format("html", "policykg.queries.compare_formats.html", ".html",
           "one self-contained HTML page with inline SVG charts"),
    Format("json", "policykg.queries.compare_formats.json_text", ".json",
           "the comparison model as JSON"),
    Format("xlsx", "policykg.queries.compare_formats.xlsx", ".xlsx",
           "an Excel workbook: targets in long form, coverage, departments, citations", binary=True),
)}


def render(comparison: "Comparison", fmt: str) -> str | bytes:
    """``comparison`` in the format named ``fmt`` (a key of ``FORMATS``)."""
    if fmt not in FORMATS:
        raise KeyError(f"unknown comparison format {fmt!r} (known: {', '.join(FORMATS)})")
    return FORMATS[fmt].renderer()(comparison)
