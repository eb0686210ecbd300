"""Scaling: parse and build time per plan at 1×, 4×, 16× and 64× the text corpus, with peak memory.

Each size runs in a fresh Python process (``python -m benchmarks.scaling SIZE REPEATS``), so its
memory is its own. Peak memory is the kernel's resident high-water mark (``VmHWM``), reset after a
warm-up pass over the corpus, so it shows what the plans and the graph of that size add on top of
the loaded pipeline; ``getrusage``'s ``ru_maxrss`` stands in where it cannot be reset. Times are
CPU seconds of the child (see ``benchmarks.core``). A size of N parses every text N times under distinct plan ids
(``<stem>-x<k>``), keeps all the plans (as ``build_graph`` needs them) and builds one graph.
Small sizes repeat so their median is not one noisy run. The bar: time per plan within 20% of 1×.
"""
from __future__ import annotations

import gc
import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from statistics import median

from .core import Figure
from .corpus import REPO, Context, parse_all, read_texts

SIZES = (1, 4, 16, 64)
QUICK_SIZES = (1, 4)
BAR = 1.2
# Sizes below this many copies repeat, up to ``runs`` times, to parse about this many copies.
REPEAT_BUDGET = 128


@dataclass
class SizeResult:
    """What one child process measured at one size."""
    size: int
    plans: int
    repeats: int
    parse_per_plan: float
    build_per_plan: float
    warm_rss_mb: float
    peak_rss_mb: float


def _reset_peak() -> None:
    """Reset this process's resident high-water mark (Linux ``clear_refs``), if the kernel allows."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
    except OSError:
        pass


def _peak_mb() -> float:
    """This process's resident high-water mark in MB."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_size(size: int, repeats: int) -> SizeResult:
    """Parse and build ``size`` copies of the corpus ``repeats`` times (in this process)."""
    from policykg.graph.build import build_graph

    texts = read_texts()
    build_graph(parse_all(texts))  # load the pipeline, the vocabulary and the indicator table
    gc.collect()
    _reset_peak()
    warm = _peak_mb()
    parse_times, build_times = [], []
    plans: list = []
    for _ in range(repeats):
        plans = []
        start = time.process_time()
        for copy in range(size):
            plans += parse_all(texts, copy=copy)
        parse_times.append((time.process_time() - start) / len(plans))
        start = time.process_time()
        build_graph(plans)
        build_times.append((time.process_time() - start) / len(plans))
    return SizeResult(size=size, plans=len(plans), repeats=repeats,
                      parse_per_plan=median(parse_times), build_per_plan=median(build_times),
                      warm_rss_mb=warm, peak_rss_mb=_peak_mb())


def measure(ctx: Context) -> list[Figure]:
    sizes = QUICK_SIZES if ctx.settings.quick else SIZES
    results = [_child(size, max(1, min(ctx.runs, REPEAT_BUDGET // size))) for size in sizes]
    base = results[0]
    figures = []
    for r in results:
        note = f"{r.plans} plans, median of {r.repeats}"
        for name, ours, theirs in (("parse", r.parse_per_plan, base.parse_per_plan),
                                   ("build", r.build_per_plan, base.build_per_plan)):
            ratio = ours / theirs
            figures.append(Figure(stage="scaling", name=f"{name} per plan at {r.size}×", value=ours * 1000,
                                  unit="ms/plan", baseline=f"{name} per plan at {base.size}×",
                                  baseline_value=theirs * 1000, ratio=ratio, bar=f"ratio <= {BAR:g}",
                                  met=ratio <= BAR, note=note))
        figures.append(Figure(stage="scaling", name=f"peak RSS at {r.size}×", value=r.peak_rss_mb,
                              unit="MB", baseline=f"peak RSS at {base.size}×",
                              baseline_value=base.peak_rss_mb, ratio=r.peak_rss_mb / base.peak_rss_mb,
                              note=f"{r.plans} plans held; {r.warm_rss_mb:.0f} MB resident after the warm-up pass"))
    return figures


def _child(size: int, repeats: int) -> SizeResult:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-m", "benchmarks.scaling", str(size), str(repeats)],
                          cwd=REPO, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"scaling child at {size}× exited {done.returncode}: {last}")
    return SizeResult(**json.loads(done.stdout.strip().splitlines()[-1]))


if __name__ == "__main__":
    print(json.dumps(asdict(run_size(int(sys.argv[1]), int(sys.argv[2])))))
