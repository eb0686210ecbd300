"""What every stage shares: the figure it reports, how it times, and the machine it ran on.

Each stage times its own code and a baseline doing comparable work on the same input, in the
same process, interleaved run by run, so a noisy neighbour on a 2-core machine slows both alike.
Work done in this process is timed in CPU seconds (``time.process_time``), which other processes
competing for the cores do not inflate; work that waits on another process (a subprocess, a
database server) is timed by the wall clock. The ratio is always a cost ratio, our time divided by
the baseline's: 1.5 means 1.5 times slower.
"""
from __future__ import annotations

import gc
import os
import platform
import time
from dataclasses import asdict, dataclass
from statistics import median
from typing import Callable


class Skip(Exception):
    """A stage cannot run here (a module not written yet, no server); the message says why."""


@dataclass
class Figure:
    """One measured figure next to its baseline."""
    stage: str
    name: str
    value: float | None = None
    unit: str = ""
    baseline: str = ""
    baseline_value: float | None = None
    ratio: float | None = None
    bar: str = ""             # the target the issue sets, e.g. "ratio <= 1.5"
    met: bool | None = None   # whether ``bar`` is met; None when there is no bar
    note: str = ""
    status: str = "ok"        # ok | skipped | error

    def as_dict(self) -> dict:
        return asdict(self)


def skipped(stage: str, reason: str) -> Figure:
    return Figure(stage=stage, name=stage, status="skipped", note=reason)


def failed(stage: str, problem: str) -> Figure:
    return Figure(stage=stage, name=stage, status="error", note=problem)


@dataclass
class Settings:
    """How hard to measure: ``runs`` timed repetitions per figure, ``quick`` for smaller inputs."""
    runs: int = 5
    quick: bool = False


Clock = Callable[[], float]
CPU: Clock = time.process_time
WALL: Clock = time.perf_counter


def timed(fn: Callable[[], object], setup: Callable[[], object] | None = None, clock: Clock = CPU) -> float:
    """Time of one call by ``clock``, after ``setup`` (untimed) and a collection so earlier
    garbage is not charged to it."""
    if setup is not None:
        setup()
    gc.collect()
    start = clock()
    fn()
    return clock() - start


def paired_medians(ours: Callable[[], object], baseline: Callable[[], object], runs: int,
                   setup: Callable[[], object] | None = None, clock: Clock = CPU) -> tuple[float, float]:
    """Median times of ``ours`` and ``baseline``, run alternately after one warm-up call each;
    ``setup`` runs untimed before every call (e.g. to empty a database)."""
    mine, theirs = [], []
    for _ in range(runs + 1):
        mine.append(timed(ours, setup, clock))
        theirs.append(timed(baseline, setup, clock))
    return median(mine[1:]), median(theirs[1:])


def step_medians(steps: dict[str, Callable[[], object]], runs: int) -> dict[str, float]:
    """Median CPU seconds of each of ``steps`` over ``runs`` rounds, every step once a round, so
    a busy neighbour slows every step alike (the stage profiles, which time many steps at once)."""
    samples: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(runs):
        for name, step in steps.items():
            start = time.process_time()
            step()
            samples[name].append(time.process_time() - start)
    return {name: median(values) for name, values in samples.items()}


def cost_figure(stage: str, name: str, work: float, unit: str, ours: float, baseline_name: str,
                theirs: float, bar: float | None = None, note: str = "") -> Figure:
    """A throughput figure (``work`` per second) for our time and the baseline's, with the ratio.

    ``bar`` is the highest acceptable cost ratio, when the issue sets one.
    """
    ratio = ours / theirs
    return Figure(stage=stage, name=name, value=work / ours, unit=unit, baseline=baseline_name,
                  baseline_value=work / theirs, ratio=ratio,
                  bar=f"ratio <= {bar:g}" if bar is not None else "",
                  met=ratio <= bar if bar is not None else None, note=note)


def time_figure(stage: str, name: str, ours: float, baseline_name: str, theirs: float,
                bar: float | None = None, limit: float | None = None, note: str = "") -> Figure:
    """A wall-time figure (seconds) for our time and the baseline's, with the ratio.

    ``bar`` is the highest acceptable cost ratio, ``limit`` the highest acceptable time in
    seconds (a page load's 200 ms), when the issue sets one.
    """
    ratio = ours / theirs
    if limit is not None:
        shown, met = f"<= {limit:g} s", ours <= limit
    elif bar is not None:
        shown, met = f"ratio <= {bar:g}", ratio <= bar
    else:
        shown, met = "", None
    return Figure(stage=stage, name=name, value=ours, unit="s", baseline=baseline_name,
                  baseline_value=theirs, ratio=ratio, bar=shown, met=met, note=note)


def machine() -> str:
    """A one-line description of where the figures were measured."""
    model = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            model = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = ""
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages * size / 2**30:.0f} GiB RAM"
    except (ValueError, OSError):
        pass
    return (f"{model}, {os.cpu_count()} cores{memory}, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")
