"""How often the measure-to-action mapping agrees with the hand labels (``action``) of gold files.

A gold measure is found in the parsed plan by its path (section path + own number, the way the
gold format writes it), else by its title; a gold measure the parser did not find is classified
from its gold title alone, so every hand label is scored and the figure does not hide parser misses.

The classifier learns from the dev gold titles (``queries/data/action_examples.json``), so a plan
whose titles are among the examples is scored leave-one-plan-out: by a classifier built without
that plan's examples. The held-out gold files are never examples.

    python -m policykg.queries.action_accuracy tests/gold tests/gold/heldout      # the figures
    python -m policykg.queries.action_accuracy --write-examples tests/gold        # rebuild the examples
"""
from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from .national_actions import ActionClassifier, default_examples

if TYPE_CHECKING:
    from policykg.extractor.model import Measure, Plan

_PUNCT = re.compile(r"[\s。，、；：:,.“”\"'（）()]")


@dataclass
class Miss:
    section: str
    number: str
    title: str
    gold: str
    predicted: str
    score: float


@dataclass
class FileAccuracy:
    gold: str
    total: int = 0
    correct: int = 0
    found: int = 0          # gold measures matched to a parsed measure (the rest: title only)
    misses: list[Miss] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 1.0


def _bare(text: str) -> str:
    return _PUNCT.sub("", text)


def _key(section: str, number: str) -> str:
    return f"{section}/{_bare(number)}".strip("/")


def gold_source(gold_path: Path) -> str:
    """The file name of the plan a gold file annotates."""
    return json.loads(gold_path.read_text(encoding="utf-8"))["source"]


def score_file(gold_path: Path, plan: "Plan", classifier: ActionClassifier) -> FileAccuracy:
    """Classify the plan's measures and compare with the gold file's ``action`` labels."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    paths = {s.id: s.path for s in plan.sections}
    titles = {s.id: s.title for s in plan.sections}
    by_key: dict[str, "Measure"] = {}
    by_title: dict[str, "Measure"] = {}
    for m in plan.measures:
        by_key.setdefault(_key(paths.get(m.section or "", ""), m.number), m)
        by_title.setdefault(_bare(m.title), m)
    result = FileAccuracy(gold_path.name)
    for g in gold["measures"]:
        if "action" not in g:
            continue
        m = by_key.get(_key(g["section"], g["number"])) or by_title.get(_bare(g["title"]))
        if m is not None:
            match = classifier.classify(m.title, m.text, titles.get(m.section or "", ""))
            result.found += 1
        else:
            match = classifier.classify(g["title"])
        result.total += 1
        if match.action == g["action"]:
            result.correct += 1
        else:
            result.misses.append(Miss(g["section"], g["number"], g["title"], g["action"], match.action, match.score))
    return result


def overall(results: list[FileAccuracy]) -> float:
    total = sum(r.total for r in results)
    return sum(r.correct for r in results) / total if total else 1.0


def score_files(gold_paths: Sequence[Path], plan_for: Callable[[str], "Plan"]) -> list[FileAccuracy]:
    """Score each gold file (``plan_for`` gives the parsed plan of a source file name), leaving a
    plan's own examples out of the classifier that scores it. The national plan is skipped."""
    examples = default_examples()
    shared = ActionClassifier(examples=examples)
    national = shared.frame.source.get("file")
    results = []
    for path in gold_paths:
        source = gold_source(path)
        if source == national:
            continue  # the national plan's own text describes the labels: scoring it would be circular
        own = any(e.plan == source for e in examples)
        classifier = ActionClassifier(examples=tuple(e for e in examples if e.plan != source)) if own else shared
        results.append(score_file(path, plan_for(source), classifier))
    return results


def write_examples(gold_paths: Sequence[Path], out: Path) -> int:
    """Write the hand-labelled measure titles of ``gold_paths`` as the classifier's examples."""
    examples = []
    for path in gold_paths:
        gold = json.loads(path.read_text(encoding="utf-8"))
        examples += [{"label": m["action"], "title": m["title"], "plan": gold["source"]}
                     for m in gold["measures"] if m.get("action")]
    about = ("Measure titles with their hand label (action) from the dev gold files "
             "(tests/gold/*.gold.json, never tests/gold/heldout), written by python -m policykg.queries.action_accuracy "
             "--write-examples tests/gold")
    lines = ",\n".join(json.dumps(e, ensure_ascii=False) for e in examples)
    out.write_text(f'{{"_about": {json.dumps(about, ensure_ascii=False)},\n"examples": [\n{lines}\n]}}\n',
                   encoding="utf-8")
    return len(examples)


def _gold_files(args: Sequence[str]) -> list[Path]:
    paths: list[Path] = []
    for arg in map(Path, args):
        paths += sorted(arg.glob("*.gold.json")) if arg.is_dir() else [arg]
    return paths


def main(argv: Sequence[str]) -> None:
    if argv[:1] == ["--write-examples"]:
        out = Path(__file__).with_name("data") / "action_examples.json"
        print(f"{out}: {write_examples(_gold_files(argv[1:]), out)} examples")
        return
    from policykg.extractor import parse_file

    corpus = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
    results = score_files(_gold_files(argv), lambda source: parse_file(
        corpus / ("pdf" if source.endswith(".pdf") else "txt") / source))
    for r in results:
        print(f"{r.gold}: {r.correct}/{r.total} = {r.accuracy:.3f} ({r.found} found in the parse)")
        for m in r.misses:
            print(f"    {m.section}/{m.number} {m.title}: {m.gold} read as {m.predicted} ({m.score:.3f})")
    print(f"overall: {sum(r.correct for r in results)}/{sum(r.total for r in results)} = {overall(results):.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
