"""A progress bar for long CLI work: drawn on standard error when it is a terminal, absent when
piped or redirected, so scripts and logs see only the command's own output."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Callable, Iterator


@contextmanager
def progress(label: str, total: int | None) -> Iterator[Callable[[int], None]]:
    """Yield ``advance(n)``; ``total`` ``None`` draws a bar that only shows the work goes on.

    The bar is redrawn on each advance rather than by rich's refresh thread, like the parser's
    (a thread running while worker processes fork can deadlock)."""
    if not sys.stderr.isatty():
        yield lambda n=1: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=Console(stderr=True), transient=True, auto_refresh=False)
    task = bar.add_task(label, total=total)
    bar.start()
    bar.refresh()

    def advance(n: int = 1) -> None:
        bar.update(task, advance=n)
        bar.refresh()

    try:
        yield advance
    finally:
        bar.stop()
