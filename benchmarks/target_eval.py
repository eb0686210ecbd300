"""Score ``extractor.targets.find_targets`` against the development gold files, and time it.

Usage (from the repository root)::

    python benchmarks/target_eval.py            # table of P/R/F1 per file and overall, and timing
    python benchmarks/target_eval.py --show     # also list every missed and every spurious target

A found target matches a gold target when year, value, value_max, unit and comparator agree (each
gold target matched at most once). Among the matches the script also reports how often direction
and baseline year agree, and the mean character overlap (Dice) of the indicators. Only
``tests/gold/*.gold.json`` are read: the held-out files under ``tests/gold/heldout/`` are for the
final figure and must not steer the rules. The timing covers ``find_targets`` alone, on the
normalised text of every corpus file, best of several runs.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from policykg.extractor.normalize import normalize  # noqa: E402
from policykg.extractor.targets import FoundTarget, find_targets  # noqa: E402

GOLD_DIR = ROOT / "tests" / "gold"
CORPUS_TXT = ROOT.parent / "shared" / "corpus" / "txt"


@dataclass
class FileScore:
    name: str
    gold: int
    found: int
    matched: int
    direction_agree: int
    baseline_agree: int
    indicator_dice: float

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def key(year, value, value_max, unit, comparator) -> tuple:
    return (int(year), round(float(value), 6), None if value_max is None else round(float(value_max), 6),
            unit, str(comparator))


def found_key(t: FoundTarget) -> tuple:
    return key(t.year, t.value, t.value_max, t.unit, t.comparator.value)


def gold_key(g: dict) -> tuple:
    return key(g["year"], g["value"], g["value_max"], g["unit"], g["comparator"])


def dice(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    common = sum((Counter(a) & Counter(b)).values())
    return 2 * common / (len(a) + len(b))


def score_file(gold_path: Path, show: bool) -> FileScore:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = normalize((CORPUS_TXT / gold["source"]).read_text(encoding="utf-8")).text
    found = find_targets(text).targets
    unmatched = list(found)
    matched = direction = baseline = 0
    overlap = 0.0
    missed = []
    for g in gold["targets"]:
        hit = next((t for t in unmatched if found_key(t) == gold_key(g)), None)
        if hit is None:
            missed.append(g)
            continue
        unmatched.remove(hit)
        matched += 1
        direction += hit.direction.value == g["direction"]
        baseline += hit.baseline_year == g["baseline_year"]
        overlap += dice(hit.indicator, g["indicator"])
        if show and (hit.direction.value != g["direction"] or hit.baseline_year != g["baseline_year"]):
            print(f"  ~ {gold_path.name}: {g['indicator']} direction/baseline "
                  f"{hit.direction.value}/{hit.baseline_year} vs gold {g['direction']}/{g['baseline_year']}")
    if show:
        for g in missed:
            print(f"  - missed  {gold_path.name}: {g['year']} {g['indicator']} {g['value']} {g['unit']} "
                  f"{g['comparator']}")
        for t in unmatched:
            print(f"  + extra   {gold_path.name}: {t.year} {t.indicator} {t.value} {t.unit} "
                  f"{t.comparator.value} | {t.text}")
    return FileScore(gold_path.name.removesuffix(".gold.json"), len(gold["targets"]), len(found), matched,
                     direction, baseline, overlap / matched if matched else 0.0)


def time_corpus(runs: int = 5) -> tuple[float, int]:
    texts = [normalize(p.read_text(encoding="utf-8")).text for p in sorted(CORPUS_TXT.glob("*.txt"))]
    find_targets(texts[0])  # load the cue data once, as a running pipeline would have
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        for text in texts:
            find_targets(text)
        best = min(best, time.perf_counter() - t0)
    return best, sum(map(len, texts))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list missed and spurious targets")
    args = parser.parse_args(argv)
    scores = [score_file(p, args.show) for p in sorted(GOLD_DIR.glob("*.gold.json"))]
    total = FileScore("overall", *(sum(getattr(s, f) for s in scores)
                                   for f in ("gold", "found", "matched", "direction_agree", "baseline_agree")),
                      sum(s.indicator_dice * s.matched for s in scores) / max(1, sum(s.matched for s in scores)))
    print(f"{'file':<72} {'gold':>4} {'found':>5} {'P':>5} {'R':>5} {'F1':>5} {'dir':>5} {'base':>5} {'ind':>5}")
    for s in scores + [total]:
        m = max(1, s.matched)
        print(f"{s.name:<72} {s.gold:>4} {s.found:>5} {s.precision:5.2f} {s.recall:5.2f} {s.f1:5.2f} "
              f"{s.direction_agree / m:5.2f} {s.baseline_agree / m:5.2f} {s.indicator_dice:5.2f}")
    seconds, chars = time_corpus()
    print(f"find_targets on the whole corpus: {seconds * 1000:.1f} ms for {chars} characters")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
