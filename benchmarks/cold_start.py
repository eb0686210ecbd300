"""Cold-start wall time of ``policykg who-owns 交通`` against ``python -c "import networkx"``.

Both run as fresh processes, so the figure is what a user waits for at the shell. networkx is the
floor a graph query cannot go under (the store is loaded into it). The bar (issue 13) is a cost
ratio of 1.2 against it (issue 7's was 0.5 s). The store queried is the text corpus, written to a
temporary directory before timing.

Both commands run from cached bytecode, as they do once installed: pip compiles a wheel's modules
(networkx's) when it installs it, but an editable checkout's modules are compiled on first import
and only cached where Python may write the cache. Where ``PYTHONDONTWRITEBYTECODE`` is set (it is
on the development machine), every policykg module would be compiled again on every start while
networkx's come from its wheel's cache; so the children write their cache to a folder in the
temporary store's folder (``PYTHONPYCACHEPREFIX``: the checkout stays untouched), filled by the
warm-up round. The figures as the environment has it are kept beside, marked ``compiled each run``.
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
    note = f"{len(ctx.plans)} plans in the store, median of {ctx.runs}"
    cached = {key: value for key, value in env.items() if key != "PYTHONDONTWRITEBYTECODE"}
    cached["PYTHONPYCACHEPREFIX"] = str(ctx.store_dir / "pycache")
    settings = [("", cached)]
    if env.get("PYTHONDONTWRITEBYTECODE"):
        settings.append((", compiled each run", env))
    figures = []
    for label, children in settings:
        run = lambda cmd: subprocess.run(cmd, env=children, stdout=subprocess.DEVNULL, check=True)  # noqa: E731
        for clock, kind in ((WALL, "wall"), (_children_cpu, "CPU")):
            ours, theirs = paired_medians(lambda: run(query), lambda: run(baseline), ctx.runs, clock=clock)
            figures.append(time_figure("cold-start", f"who-owns {QUERY} cold start ({kind}{label})",
                                       ours, 'python -c "import networkx"', theirs,
                                       bar=BAR if kind == "wall" and not label else None, note=note))
    return figures


def _children_cpu() -> float:
    """CPU seconds used by finished child processes: a cold start's cost without the waiting a
    busy machine adds to its wall time."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime
