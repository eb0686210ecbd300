"""Parse many plans at once: folders expanded, files spread over the cores, failures collected.

``parse_many`` is what ``policykg parse`` and ``policykg build`` run over their arguments. Each
file gives one ``Outcome``, in the order the files were named, whether it parsed or not: a bad
file is reported, never the end of the run. Work goes to a pool of processes (parsing is
CPU-bound Python, so threads would not help); at most a few files per worker are in flight, so
memory stays flat however many files there are. A terminal shows a bar counting the files, or,
for a single file, the OCR of its pictures of text page by page (``extractor.progress``).
"""
from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from .model import Plan

SUFFIXES = (".txt", ".pdf", ".html", ".htm", ".docx")
# Files in flight per worker: enough to keep every core busy, few enough to bound memory.
_WINDOW_PER_WORKER = 2


@dataclass
class Outcome:
    """What became of one file: its plan, or the one-line reason it could not be parsed."""
    path: Path
    plan: "Plan | None" = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def collect(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, plus plan files found under folders named (recursively, sorted by path).

    A path that does not exist is kept, so that it is reported as a failure like any other.
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(_plan_files(path)))
        else:
            found.append(path)
    seen: set[Path] = set()
    unique = []
    for path in found:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def _plan_files(folder: Path) -> Iterator[Path]:
    """The regular plan files under ``folder``, walked with a stack (any depth). A linked
    folder is not entered and a linked file is taken only when it lies inside ``folder``, so
    a link never brings in a file from elsewhere (``a.txt -> /etc/passwd``); FIFOs, sockets and
    devices are passed over, as are folders that cannot be listed."""
    root = folder.resolve()
    stack = [folder]
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                stack.append(path)
            elif path.suffix.lower() in SUFFIXES and path.is_file() and (
                    not entry.is_symlink() or path.resolve().is_relative_to(root)):
                yield path


def parse_one(path: Path, ocr: str = "auto", progress: bool = False) -> Outcome:
    """Parse one file, turning any failure into an ``Outcome`` with the reason; ``progress``
    shows its OCR on a terminal."""
    from . import parse_file
    from .errors import PlanInputError

    try:
        return Outcome(path=path, plan=parse_file(path, ocr=ocr, progress=progress))
    except PlanInputError as exc:
        return Outcome(path=path, error=exc.problem)
    except Exception as exc:  # a parser bug must not end a batch of 120 files
        return Outcome(path=path, error=f"parser error: {type(exc).__name__}: {exc}")


def parse_many(paths: Iterable[str | Path], workers: int | None = None,
               progress: bool | None = None, ocr: str = "auto") -> Iterator[Outcome]:
    """Parse every file (folders expanded), yielding one ``Outcome`` per file in input order.

    ``workers`` defaults to the cores this process may use; ``1`` parses in this process.
    ``progress`` (the default ``None`` or True) draws a bar on standard error when it is a
    terminal: files done, or for a single file (parsed in this process) its OCR page by page.
    ``ocr`` is passed to every PDF read (never, auto, always).
    """
    from .progress import progress as bar

    files = collect(paths)
    if workers is None:
        workers = _available_cores()
    workers = max(1, min(workers, len(files)))
    show = progress is not False
    single = len(files) == 1
    with bar("parsing", len(files), enabled=show and not single) as advance:
        task = partial(parse_one, ocr=ocr, progress=show and single)
        outcomes = _serial(files, task) if workers == 1 else _parallel(files, workers, task)
        for outcome in outcomes:
            advance(note=outcome.path.name[:40])
            yield outcome


def _serial(files: list[Path], task: Callable[[Path], Outcome] = parse_one) -> Iterator[Outcome]:
    for path in files:
        yield task(path)


def _parallel(files: list[Path], workers: int,
              task: Callable[[Path], Outcome] = parse_one) -> Iterator[Outcome]:
    import multiprocessing

    if getattr(task, "func", task) is parse_one and multiprocessing.get_start_method() == "fork":
        # Load spaCy and jieba once here: forked workers inherit them instead of each loading
        # its own copy (seconds of start-up and a few hundred MB per worker).
        from .pipeline import build_pipeline
        build_pipeline()
    pending = deque(files)
    in_flight: deque[tuple[Path, Future]] = deque()
    pool = ProcessPoolExecutor(max_workers=workers)
    try:
        while pending or in_flight:
            while pending and len(in_flight) < workers * _WINDOW_PER_WORKER:
                path = pending.popleft()
                in_flight.append((path, pool.submit(task, path)))
            path, future = in_flight[0]
            try:
                outcome = future.result()
            except BrokenProcessPool:
                # A worker died (a crash in native code) and took the pool with it. Files already
                # done keep their result; each of the others runs alone, so only the file that
                # crashes on its own is reported as such.
                pool.shutdown(wait=False, cancel_futures=True)
                in_flight = deque((p, f if _finished(f) else _resolved(_alone(task, p)))
                                  for p, f in in_flight)
                pool = ProcessPoolExecutor(max_workers=workers)
                continue
            in_flight.popleft()
            yield outcome
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _alone(task: Callable[[Path], Outcome], path: Path) -> Outcome:
    with ProcessPoolExecutor(max_workers=1) as solo:
        try:
            return solo.submit(task, path).result()
        except BrokenProcessPool:
            return Outcome(path=path, error="the worker process parsing it crashed")


def _finished(future: Future) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


def _resolved(outcome: Outcome) -> Future:
    future: Future = Future()
    future.set_result(outcome)
    return future


def _available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def summary(outcomes: list[Outcome]) -> list[str]:
    """One line per failure naming the file and the reason, then "N parsed, M failed"."""
    from .errors import shown

    failed = [o for o in outcomes if not o.ok]
    lines = [f"Error: {shown(o.path)}: {o.error}" for o in failed]
    lines.append(f"{len(outcomes) - len(failed)} parsed, {len(failed)} failed")
    return lines


def print_summary(outcomes: list[Outcome], stream: TextIO | None = None) -> None:
    """Print ``summary`` to ``stream`` (standard error by default)."""
    for line in summary(outcomes):
        print(line, file=stream or sys.stderr)
