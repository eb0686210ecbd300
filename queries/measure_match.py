"""Which measures of a parent plan a child plan carries out, which it leaves out, which it adds.

A child plan (龙岩市's 实施方案) restates most measures of the plan it implements (the State
Council's 指导意见) in its own words. Each measure becomes a TF-IDF vector (``queries.similarity``:
its title counted twice, then its text; the IDF taken over the measures of both plans, so words
both plans use everywhere count for little), and each parent measure is paired with the child
measure most similar to it. The pair is a counterpart when the cosine reaches ``THRESHOLD``;
the score and the runner-up are kept, so a reader can judge a close call.

``THRESHOLD`` was chosen on hand-labelled pairs (``tests/data/measure_pairs.json``: the
指导意见 against four plans implementing it, labelled by reading): 0.20 is the lowest threshold
with no false counterpart there (precision 1.000, recall 0.956); 0.15 has a better F1 (0.989) but
pairs unrelated measures more often on the control plan that implements something else.
``python -m policykg.queries.measure_match PAIRS.json`` prints precision and recall at every
threshold (README, "Plans in their hierarchy").
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from .similarity import TfIdf, Vector, cosine, terms

if TYPE_CHECKING:
    from policykg.extractor.model import Measure, Plan

THRESHOLD = 0.20
TITLE_WEIGHT = 2


@dataclass(frozen=True)
class Pairing:
    """A parent measure and the child measure most like it (``None`` below the threshold)."""
    parent: str
    child: str | None
    score: float
    best: str | None
    """The most similar child measure, whether or not it reaches the threshold."""
    runner_up: str | None
    runner_up_score: float


@dataclass(frozen=True)
class MeasureMatch:
    pairings: list[Pairing]
    lacks: list[str]
    """Parent measures with no counterpart in the child."""
    adds: list[str]
    """Child measures that are no parent measure's counterpart."""


def _bag(measure: "Measure") -> list[str]:
    return terms(measure.title) * TITLE_WEIGHT + terms(measure.text)


def match_measures(parent: "Plan", child: "Plan", threshold: float = THRESHOLD) -> MeasureMatch:
    """Pair every measure of ``parent`` with its counterpart in ``child`` (by measure id)."""
    parent_bags = {m.id: _bag(m) for m in parent.measures}
    child_bags = {m.id: _bag(m) for m in child.measures}
    weights = TfIdf([*parent_bags.values(), *child_bags.values()])
    child_vectors: dict[str, Vector] = {mid: weights.vector(bag) for mid, bag in child_bags.items()}
    pairings = []
    for mid, bag in parent_bags.items():
        vector = weights.vector(bag)
        ranked = sorted(((cosine(vector, cv), cid) for cid, cv in child_vectors.items()),
                        key=lambda sc: (-sc[0], sc[1]))
        best_score, best = ranked[0] if ranked else (0.0, None)
        second_score, second = ranked[1] if len(ranked) > 1 else (0.0, None)
        pairings.append(Pairing(mid, best if best_score >= threshold else None, round(best_score, 4),
                                best, second, round(second_score, 4)))
    matched = {p.child for p in pairings if p.child}
    return MeasureMatch(pairings, [p.parent for p in pairings if p.child is None],
                        [m.id for m in child.measures if m.id not in matched])


# --- choosing the threshold on hand-labelled pairs ------------------------------------------------

@dataclass(frozen=True)
class Scored:
    threshold: float
    precision: float
    recall: float
    f1: float
    labelled: int


def score_pairs(pairs_file: Path, corpus: Path, thresholds: Sequence[float],
                part: str = "pairs") -> list[Scored]:
    """Precision and recall of the matcher at each threshold against the labelled pairs.

    A labelled pair names a parent measure (by title) and its counterpart in a child (by title,
    or null when the child has none); ``part`` names the list of the file to score (``pairs``, or
    ``control`` for a plan that does not implement the parent). A prediction is right when the
    matcher's counterpart has
    that title; a counterpart where the label says none, or another measure, is a false
    positive; a missed or wrong counterpart where the label names one is a false negative.
    """
    from policykg.extractor import parse_file

    data = json.loads(pairs_file.read_text(encoding="utf-8"))
    parent = parse_file(corpus / data["parent"])
    pairs = data[part]
    children = {c: parse_file(corpus / c) for c in sorted({p["child"] for p in pairs})}
    by_title = {m.title: m.id for m in parent.measures}
    results = []
    for threshold in thresholds:
        tp = fp = fn = 0
        for path, child in children.items():
            titles = {m.id: m.title for m in child.measures}
            found = {p.parent: p.child for p in match_measures(parent, child, threshold).pairings}
            for pair in (p for p in pairs if p["child"] == path):
                predicted = found.get(by_title.get(pair["parent_measure"], ""))
                predicted_title = titles.get(predicted) if predicted else None
                if predicted_title is not None and predicted_title == pair["counterpart"]:
                    tp += 1
                    continue
                fp += predicted_title is not None
                fn += pair["counterpart"] is not None
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        results.append(Scored(threshold, round(precision, 3), round(recall, 3), round(f1, 3),
                              len(pairs)))
    return results


def main(argv: list[str]) -> None:
    if len(argv) != 1:
        raise SystemExit("usage: python -m policykg.queries.measure_match tests/data/measure_pairs.json")
    corpus = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
    thresholds = [round(0.05 * i, 2) for i in range(2, 15)]
    for part in ("pairs", "control"):
        print(f"{part}:")
        for s in score_pairs(Path(argv[0]), corpus, thresholds, part):
            print(f"  threshold {s.threshold:.2f}  precision {s.precision:.3f}  recall {s.recall:.3f}  "
                  f"F1 {s.f1:.3f}  ({s.labelled} labelled pairs)")


if __name__ == "__main__":
    main(sys.argv[1:])
