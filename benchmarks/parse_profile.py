"""Where the parser spends its time: cProfile over one parse of the text corpus.

``python -m benchmarks.parse_profile [N]`` prints the top N functions (default 25) by own time
and by cumulative time, then policykg's own functions (``extractor/``) by cumulative time, which
reads as a breakdown by step: normalising, segmenting (``make_doc``), each component, assembling
the Plan. The pipeline is built and the corpus parsed once before profiling, so the figures are
the steady state a long run sees, not spaCy's and jieba's start-up. Profiling slows pure-Python
code more than C code, so take the shares as a ranking, not as exact times.

``python -m benchmarks.parse_profile --stages`` times the steps without the profiler instead: CPU
seconds of each step over the whole corpus (median of 5), each as a share of ``jieba.lcut`` on the
same texts, so the steps can be read against the same baseline as the parse figure. Each
step's share is cumulative (a pipe's row includes the tokenizer and the pipes before it).
"""
from __future__ import annotations

import cProfile
import io
import pstats
import sys

from .core import step_medians
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


def stage_times(runs: int = 5) -> str:
    """CPU time of each parse step over the corpus (median of ``runs``), against ``jieba.lcut``."""
    import jieba

    from policykg.extractor import parse
    from policykg.extractor.normalize import normalize
    from policykg.extractor.pipeline import build_pipeline

    jieba.setLogLevel(60)
    jieba.initialize()
    nlp = build_pipeline()
    texts = [t.text for t in read_texts()]
    normalised = [normalize(t).text for t in texts]
    parse(texts[0])
    steps = {"jieba.lcut (baseline)": lambda: [jieba.lcut(t) for t in texts],
             "whole parse": lambda: [parse(t) for t in texts],
             "normalise": lambda: [normalize(t) for t in texts],
             "segment (tokenizer.segmenter.cut)": lambda: [nlp.tokenizer.segmenter.cut(t) for t in normalised],
             "tokenizer (segment + Doc)": lambda: [nlp.tokenizer(t) for t in normalised]}
    for upto in range(len(nlp.pipe_names)):
        steps[f"tokenizer + pipes up to {nlp.pipe_names[upto]}"] = \
            lambda upto=upto: [_run_until(nlp, t, upto) for t in normalised]
    times = step_medians(steps, runs)
    base = times["jieba.lcut (baseline)"]
    lines = [f"{len(texts)} plans, {sum(map(len, texts))} chars, CPU seconds, median of {runs}",
             f"{'seconds':>8} {'× jieba':>8}  step"]
    lines += [f"{t:8.3f} {t / base:8.3f}  {name}" for name, t in times.items()]
    return "\n".join(lines)


def _run_until(nlp, text: str, last: int):
    doc = nlp.make_doc(text)
    for _, proc in nlp.pipeline[:last + 1]:
        doc = proc(doc)
    return doc


if __name__ == "__main__":
    if sys.argv[1:] == ["--stages"]:
        print(stage_times())
    else:
        print(profile_parse(int(sys.argv[1]) if len(sys.argv) > 1 else 25))
