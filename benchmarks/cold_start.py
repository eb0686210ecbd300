"""Cold-start wall time of ``policykg who-owns 交通`` against ``python -c "import networkx"``.

Both run as fresh processes, so the figure is what a user waits for at the shell. networkx is the
floor a graph query cannot go under (the store is loaded into it). The bar (issue 13) is a cost
ratio of 1.2 against it (issue 7's was 0.5 s). The store queried is the text corpus, written to a
temporary directory before timing.
"""
from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

from .core import WALL, Figure, Skip, paired_medians, time_figure
from .corpus import Context

BAR = 1.2
QUERY = "交通"


def policykg_command() -> list[str]:
    """The installed ``policykg`` script beside this Python (not a pyenv shim), else ``-m``."""
    script = Path(sys.executable).with_name("policykg")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "policykg"]


def measure(ctx: Context) -> list[Figure]:
    from importlib.util import find_spec

    if find_spec("policykg.commands.graph") is None:
        raise Skip("policykg.commands.graph (who-owns) is not written yet")
    env = {**os.environ, "POLICYKG_STORE": str(ctx.store_dir)}
    query = [*policykg_command(), "who-owns", QUERY]
    baseline = [sys.executable, "-c", "import networkx"]
    check = subprocess.run(query, env=env, capture_output=True, text=True)
    if check.returncode != 0:
        last = (check.stderr.strip().splitlines() or ["no output"])[-1]
        raise Skip(f"who-owns exited {check.returncode}: {last}")
    run = lambda cmd: subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=True)  # noqa: E731
    note = f"{len(ctx.plans)} plans in the store, median of {ctx.runs}"
    figures = []
    for clock, kind in ((WALL, "wall"), (_children_cpu, "CPU")):
        ours, theirs = paired_medians(lambda: run(query), lambda: run(baseline), ctx.runs, clock=clock)
        figures.append(time_figure("cold-start", f"who-owns {QUERY} cold start ({kind})", ours,
                                   'python -c "import networkx"', theirs, bar=BAR if kind == "wall" else None,
                                   note=note))
    return figures


def _children_cpu() -> float:
    """CPU seconds used by finished child processes: a cold start's cost without the waiting a
    busy machine adds to its wall time."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime
