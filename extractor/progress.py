"""A progress bar for long work, defined once: drawn on standard error when it is a terminal,
absent when piped or redirected, so scripts and logs see only the command's own output.

It sits in the extractor, the bottom layer, because the parser's folder batches and OCR draw it
as well as the CLI's build, check, parse, export and neo4j load.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator, Protocol


class Advance(Protocol):
    def __call__(self, n: int = 1, note: str = "") -> None: ...


@contextmanager
def progress(label: str, total: int | None, show: bool = True) -> Iterator[Advance]:
    """Yield ``advance(n=1, note="")``; ``note`` names the item just done (a file name).

    ``total`` ``None`` draws a bar that only shows the work goes on; a total of 0 draws nothing.
    ``show`` ``False`` turns the bar off even on a terminal. The bar is redrawn on each advance
    rather than by rich's refresh thread (a thread running while worker processes fork can
    deadlock)."""
    if not show or total == 0 or not sys.stderr.isatty():
        yield lambda n=1, note="": None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   TextColumn("{task.fields[note]}"), console=Console(stderr=True), transient=True,
                   auto_refresh=False)
    task = bar.add_task(label, total=total, note="")
    bar.start()
    bar.refresh()

    def advance(n: int = 1, note: str = "") -> None:
        bar.update(task, advance=n, note=note[:40])
        bar.refresh()

    try:
        yield advance
    finally:
        bar.stop()
