"""Page loads of the workbench (``policykg serve``) on the text-corpus store, over HTTP.

A real server process on 127.0.0.1 answers; each page is fetched ``runs`` times after one
warm-up fetch (the first load of a plan reads its source file, the first comparison classifies
the plans' measures), and the median wall time is reported against the issue's bar of 200 ms.
Baseline: the same server answering its stylesheet, the floor any page pays (HTTP, routing,
the process's share of the CPU).
"""
from __future__ import annotations

import subprocess
import sys
import time
import urllib.parse
import urllib.request
from statistics import median

from .core import Figure, time_figure
from .corpus import Context

LIMIT = 0.2
COMPARED = ["qingyang-tandafeng-2024", "shanghai-tandafeng-shishi-fangan",
            "wuhan-lvse-ditan-xunhuan-fazhan-jingji-tixi-shishi-fangan",
            "shijiazhuang-tandafeng-tanzhonghe-gongzuo-shishi-fangan"]


def _fetch(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as answer:
        answer.read()
    return time.perf_counter() - start


def measure(ctx: Context) -> list[Figure]:
    server = subprocess.Popen([sys.executable, "-m", "policykg", "serve", "--store", str(ctx.store_dir),
                               "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        base = server.stdout.readline().split()[2]
        pages = {"plan page": "plan/qingyang-tandafeng-2024",
                 "compare page, 4 plans": "compare?" + urllib.parse.urlencode({"plans": COMPARED}, doseq=True)}
        floor = base + "static/workbench.css"
        figures = []
        for name, path in pages.items():
            first = _fetch(base + path)
            ours, theirs = [], []
            for _ in range(ctx.runs):
                ours.append(_fetch(base + path))
                theirs.append(_fetch(floor))
            figures.append(time_figure("web", name, median(ours), "the same server's stylesheet", median(theirs),
                                       limit=LIMIT, note=f"median of {ctx.runs} after a first load of {first:.3f} s"))
        return figures
    finally:
        server.terminate()
        server.wait(timeout=30)
