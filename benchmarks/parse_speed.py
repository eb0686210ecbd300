"""Parse throughput (chars/s) over the text corpus, against ``jieba.lcut`` on the same texts.

The parser segments with jieba's dictionary (run by jieba-rs where installed) and then does
everything else (normalising, headings, units, targets, citations, assembling the typed Plan).
The bar (issue 13) is a cost ratio of at most 0.5 against ``jieba.lcut`` as called by default
(HMM new-word discovery on): the whole parse in half the time pure-Python jieba takes only to
segment (issue 7's bar was 1.5). A second figure compares against ``jieba.lcut(HMM=False)``, the
mode the parser's words are identical to. Both sides are loaded (spaCy pipeline built, jieba
dictionary read) before timing.
"""
from __future__ import annotations

from .core import Figure, cost_figure, paired_medians
from .corpus import Context, parse_all

BAR = 0.5


def measure(ctx: Context) -> list[Figure]:
    import jieba

    from policykg.extractor.pipeline import build_pipeline

    jieba.setLogLevel(60)
    jieba.initialize()
    build_pipeline()
    texts = ctx.texts
    chars = sum(len(t.text) for t in texts)

    note = f"{len(texts)} plans, {chars} chars, median of {ctx.runs}"
    figures = []
    for baseline, hmm, bar in (("jieba.lcut", True, BAR), ("jieba.lcut(HMM=False)", False, None)):
        def segment(hmm: bool = hmm) -> None:
            for t in texts:
                jieba.lcut(t.text, HMM=hmm)

        ours, theirs = paired_medians(lambda: parse_all(texts), segment, ctx.runs)
        figures.append(cost_figure("parse", "parse throughput", chars, "chars/s", ours, baseline, theirs,
                                   bar=bar, note=note))
    return figures
