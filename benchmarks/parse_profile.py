"""Where the parser spends its time: cProfile over one parse of the text corpus.

``python -m benchmarks.parse_profile [N]`` prints the wall time of each step of the parse (no
profiler overhead), then the top N functions (default 25) by own time and by cumulative time.
The pipeline is built and one plan parsed before measuring, so the figures are the steady state a
long run sees, not spaCy's and jieba's start-up.
"""
from __future__ import annotations

import cProfile
import io
import pstats
import sys
import time
from collections import defaultdict

from .corpus import Text, parse_all, read_texts


def step_times(texts: list[Text]) -> dict[str, float]:
    """Seconds spent in each step of parsing ``texts``: normalising, segmenting into a Doc
    (jieba), each pipeline component, and the rest (assembling and validating the Plan)."""
    from extractor.normalize import normalize
    from extractor.pipeline import build_pipeline

    nlp = build_pipeline()
    parse_all(texts[:1])
    steps: dict[str, float] = defaultdict(float)
    total = time.perf_counter()
    parse_all(texts)
    total = time.perf_counter() - total
    for t in texts:
        start = time.perf_counter()
        norm = normalize(t.text)
        steps["normalize"] += time.perf_counter() - start
        start = time.perf_counter()
        doc = nlp.make_doc(norm.text)
        steps["make_doc (jieba + Doc)"] += time.perf_counter() - start
        doc._.problems = []
        for name, proc in nlp.pipeline:
            start = time.perf_counter()
            doc = proc(doc)
            steps[f"component {name}"] += time.perf_counter() - start
    steps["assemble Plan (the rest)"] = total - sum(steps.values())
    steps["whole parse"] = total
    return dict(steps)


def profile_parse(top: int = 25) -> str:
    """The profile report of one parse of every corpus text, as text."""
    from extractor.pipeline import build_pipeline

    texts = read_texts()
    build_pipeline()
    parse_all(texts[:1])
    out = io.StringIO()
    steps = step_times(texts)
    out.write(f"=== wall time per step, {len(texts)} plans ===\n")
    for step, seconds in steps.items():
        out.write(f"{step:<28} {seconds:7.3f} s  {seconds / steps['whole parse']:6.1%}\n")
    profiler = cProfile.Profile()
    profiler.enable()
    parse_all(texts)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    for order in ("tottime", "cumulative"):
        out.write(f"=== top {top} by {order} ===\n")
        stats.sort_stats(order).print_stats(top)
    return out.getvalue()


if __name__ == "__main__":
    print(profile_parse(int(sys.argv[1]) if len(sys.argv) > 1 else 25))
