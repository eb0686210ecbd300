"""Where the parser spends its time: cProfile over one parse of the text corpus.

``python -m benchmarks.parse_profile [N]`` prints the top N functions (default 25) by own time
and by cumulative time, then policykg's own functions (``extractor/``) by cumulative time, which
reads as a breakdown by step: normalising, segmenting (``make_doc``), each component, assembling
the Plan. The pipeline is built and the corpus parsed once before profiling, so the figures are
the steady state a long run sees, not spaCy's and jieba's start-up. Profiling slows pure-Python
code more than C code, so take the shares as a ranking, not as exact times.
"""
from __future__ import annotations

import cProfile
import io
import pstats
import sys

from .corpus import REPO, parse_all, read_texts


def profile_parse(top: int = 25) -> str:
    """The profile report of one parse of every corpus text, as text."""
    texts = read_texts()
    parse_all(texts)
    profiler = cProfile.Profile()
    profiler.enable()
    parse_all(texts)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    out.write(f"{len(texts)} plans, {sum(len(t.text) for t in texts)} chars\n")
    out.write(_own_functions(stats, top))
    for order in ("tottime", "cumulative"):
        out.write(f"\n=== top {top} of all functions by {order} ===\n")
        stats.strip_dirs().sort_stats(order).print_stats(top)
    return out.getvalue()


def _own_functions(stats: pstats.Stats, top: int) -> str:
    """The project's functions (files under ``extractor/``) by cumulative time, as a table."""
    root = str(REPO / "extractor")
    total = stats.total_tt
    rows = sorted(((cumulative, own, calls, f"{path[len(REPO.as_posix()) + 1:]}:{line}({name})")
                   for (path, line, name), (_, calls, own, cumulative, _) in stats.stats.items()
                   if path.startswith(root)), reverse=True)[:top]
    lines = [f"=== policykg's own functions by cumulative time (total {total:.3f} s) ===",
             f"{'cumulative':>10} {'share':>6} {'own':>7} {'calls':>7}  function"]
    lines += [f"{cum:10.3f} {cum / total:6.1%} {own:7.3f} {calls:7d}  {where}"
              for cum, own, calls, where in rows]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(profile_parse(int(sys.argv[1]) if len(sys.argv) > 1 else 25))
