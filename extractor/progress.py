"""The one progress bar: drawn on standard error when it is a terminal, absent when piped or
redirected, so scripts and logs see only a command's own output.

It lives in the extractor, the lowest layer, because the extractor has long work of its own to
show (a folder of files, OCR of a scan page by page); the CLI draws its bars with it too.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Callable, Iterator

Advance = Callable[..., None]
"""``advance(n=1, note="")``: ``n`` more done; ``note`` (a file name) is shown after the bar."""


@contextmanager
def progress(label: str, total: int | None, enabled: bool = True) -> Iterator[Advance]:
    """Yield ``advance``; ``total`` ``None`` draws a bar that only shows the work goes on.
    Nothing is drawn unless ``enabled`` and standard error is a terminal, nor for no work.

    The bar is redrawn on each advance rather than by rich's refresh thread: a thread running
    while worker processes fork can deadlock."""
    if not enabled or total == 0 or not sys.stderr.isatty():
        yield lambda n=1, note="": None
        return
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   TimeRemainingColumn(), TextColumn("{task.fields[note]}"),
                   console=Console(stderr=True), transient=True, auto_refresh=False)
    task = bar.add_task(label, total=total, note="")
    bar.start()
    bar.refresh()

    def advance(n: int = 1, note: str = "") -> None:
        bar.update(task, advance=n, note=note)
        bar.refresh()

    try:
        yield advance
    finally:
        bar.stop()
