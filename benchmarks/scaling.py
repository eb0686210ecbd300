"""Scaling: time per plan and peak memory at 1×, 4×, 16× and 64× the text corpus, two ways.

``streamed`` is what ``policykg build`` does: each plan is parsed, written to a store
(``Store.put`` over a generator, one transaction) and let go, so memory should not grow with the
number of plans. ``held`` is the old way, kept as the baseline the change is seen against: every
plan kept in memory and one networkx graph built from them all (``build_graph``).

Each size and mode runs in a fresh Python process (``python -m benchmarks.scaling MODE SIZE
REPEATS``), so its memory is its own. Peak memory is the kernel's resident high-water mark
(``VmHWM``) of that process, which includes the loaded pipeline; ``getrusage``'s ``ru_maxrss``
stands in where it cannot be read. Times are CPU seconds of the child (see ``benchmarks.core``).
A size of N parses every text N times under distinct plan ids (``<stem>-x<k>``). Small sizes
repeat so their median is not one noisy run. The bars: time per plan within 20% of 1×, and
(streamed) peak memory within 25% of 1×.
"""
from __future__ import annotations

import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from statistics import median

from .core import Figure
from .corpus import REPO, Context, parse_all, read_texts

SIZES = (1, 4, 16, 64)
QUICK_SIZES = (1, 4)
BAR = 1.2
MEMORY_BAR = 1.25
MODES = ("streamed", "held")
# Sizes below this many copies repeat, up to ``runs`` times, to parse about this many copies.
REPEAT_BUDGET = 128


@dataclass
class SizeResult:
    """What one child process measured at one size."""
    mode: str
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


def run_size(mode: str, size: int, repeats: int) -> SizeResult:
    """Parse and store (or hold and build) ``size`` copies of the corpus ``repeats`` times."""
    from policykg.graph.build import build_graph

    texts = read_texts()
    build_graph(parse_all(texts))  # load the pipeline, the vocabulary and the indicator table
    gc.collect()
    _reset_peak()
    warm = _peak_mb()
    run = _streamed if mode == "streamed" else _held
    times = [run(texts, size) for _ in range(repeats)]
    plans = size * len(texts)
    return SizeResult(mode=mode, size=size, plans=plans, repeats=repeats,
                      parse_per_plan=median(t[0] for t in times) / plans,
                      build_per_plan=median(t[1] for t in times) / plans,
                      warm_rss_mb=warm, peak_rss_mb=_peak_mb())


def _held(texts, size: int) -> tuple[float, float]:
    """Every plan kept, then one graph: (parse seconds, build seconds)."""
    from policykg.graph.build import build_graph

    start = time.process_time()
    plans = [plan for copy in range(size) for plan in parse_all(texts, copy=copy)]
    parsed = time.process_time() - start
    start = time.process_time()
    build_graph(plans)
    return parsed, time.process_time() - start


def _streamed(texts, size: int) -> tuple[float, float]:
    """Each plan parsed, put in a fresh store and dropped: (parse seconds, store seconds)."""
    from policykg.graph.store import Store

    parsing = 0.0

    def plans():
        nonlocal parsing
        for copy in range(size):
            for text in texts:
                start = time.process_time()
                (plan,) = parse_all([text], copy=copy)
                parsing += time.process_time() - start
                yield plan

    with tempfile.TemporaryDirectory() as directory, Store.create(directory) as store:
        start = time.process_time()
        store.put(plans())
        total = time.process_time() - start
    return parsing, total - parsing


def measure(ctx: Context) -> list[Figure]:
    sizes = QUICK_SIZES if ctx.settings.quick else SIZES
    figures = []
    for mode in MODES:
        results = [_child(mode, size, max(1, min(ctx.runs, REPEAT_BUDGET // size))) for size in sizes]
        figures += _figures(results)
    return figures


def _figures(results: list[SizeResult]) -> list[Figure]:
    base = results[0]
    second = "store" if base.mode == "streamed" else "build"
    figures = []
    for r in results:
        note = f"{r.mode}: {r.plans} plans, median of {r.repeats}"
        for name, ours, theirs in (("parse", r.parse_per_plan, base.parse_per_plan),
                                   (second, r.build_per_plan, base.build_per_plan)):
            ratio = ours / theirs
            figures.append(Figure(stage="scaling", name=f"{r.mode} {name} per plan at {r.size}×", value=ours * 1000,
                                  unit="ms/plan", baseline=f"{name} per plan at {base.size}×",
                                  baseline_value=theirs * 1000, ratio=ratio, bar=f"ratio <= {BAR:g}",
                                  met=ratio <= BAR, note=note))
        ratio = r.peak_rss_mb / base.peak_rss_mb
        streamed = r.mode == "streamed"
        figures.append(Figure(stage="scaling", name=f"{r.mode} peak RSS at {r.size}×", value=r.peak_rss_mb,
                              unit="MB", baseline=f"peak RSS at {base.size}×",
                              baseline_value=base.peak_rss_mb, ratio=ratio,
                              bar=f"ratio <= {MEMORY_BAR:g}" if streamed else "",
                              met=ratio <= MEMORY_BAR if streamed else None,
                              note=f"{note}; {r.warm_rss_mb:.0f} MB resident after the warm-up pass"))
    return figures


def _child(mode: str, size: int, repeats: int) -> SizeResult:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-m", "benchmarks.scaling", mode, str(size), str(repeats)],
                          cwd=REPO, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"scaling child ({mode}) at {size}× exited {done.returncode}: {last}")
    return SizeResult(**json.loads(done.stdout.strip().splitlines()[-1]))


if __name__ == "__main__":
    print(json.dumps(asdict(run_size(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))))
