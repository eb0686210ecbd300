"""Score parsed plans against gold files (``policykg/gold@1``): precision, recall and F1 for
measures, units, leads, lead basis, deadlines and targets, per file and overall (micro-averaged
over all files).

Matching rules, so that the figures mean the same from run to run:
* a measure matches when its path (section/number) is the gold one and the titles agree once
  white space and punctuation are ignored (equal, or one contains the other); the path is
  compared whole too, so a top-level article gold numbers as printed (``第七条``, no section)
  matches the parser's ``第七条`` of number ``七``;
* a measure the parser finds and gold does not is a false positive (measure precision), and its
  units and leads count as false positives too; a gold measure not found is a miss, and so are its
  units, leads, lead basis and deadline;
* a unit matches a gold unit of the same measure when the gold string equals the unit's printed
  ``raw`` or its canonical ``name`` (white space removed); a lead likewise among the leads;
* ``lead_basis`` is scored on each gold measure that has units in gold or in the parse: the
  basis of its leads (else of its first unit, else ``none``) equal to gold's is a hit, anything
  else one miss and one false positive, so its F1 is the share of such measures read right;
* a ``deadline`` is scored on each gold measure that has one: the parsed deadline's
  printed words equal to gold's (white space and punctuation ignored) is a hit; none is a miss,
  another one a miss and a false positive (gold files written before deadlines have none, so a
  parsed deadline where gold has none is not counted);
* a target matches a gold target with the same year, value (and ``value_max``), unit,
  comparator, direction and baseline year; each gold target matches at most one parsed target,
  those in the same scope first.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import PlanInputError
from .model import Measure, Plan

KINDS = ("measures", "units", "leads", "lead_basis", "deadlines", "targets")
_PUNCT = re.compile(r"[\s。，、；：:,.“”\"'（）()]")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class FileScore:
    gold: str
    source: str
    scores: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in KINDS})
    misses: list[str] = field(default_factory=list)


def load_gold(path: Path) -> dict:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PlanInputError(str(path), "no such gold file") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PlanInputError(str(path), f"not a JSON gold file ({exc.__class__.__name__})") from None
    if gold.get("schema") != "policykg/gold@1":
        raise PlanInputError(str(path), "not a policykg/gold@1 file (missing or other \"schema\")")
    return gold


def find_source(gold_path: Path, gold: dict, search: list[Path]) -> Path:
    name = gold.get("source") or ""
    for folder in [gold_path.parent, *search]:
        candidate = folder / name
        if name and candidate.is_file():
            return candidate
    raise PlanInputError(str(gold_path), f"source {name!r} not found (searched: {', '.join(map(str, search))})")


def _norm(s: str) -> str:
    return _PUNCT.sub("", s or "")


def score_plan(plan: Plan, gold: dict, gold_name: str = "") -> FileScore:
    fs = FileScore(gold_name, plan.source.path or "")
    s = fs.scores
    by_key: dict[tuple[str, str], list[Measure]] = {}
    by_path: dict[str, list[Measure]] = {}
    for m in plan.measures:
        section_path = m.path.rsplit("/", 1)[0] if "/" in m.path else ""
        by_key.setdefault((section_path, m.number), []).append(m)
        by_path.setdefault(m.path, []).append(m)
    matched_ids = set()
    for g in gold.get("measures", []):
        path = "/".join(p for p in (g.get("section", ""), g["number"]) if p)
        same = by_key.get((g.get("section", ""), g["number"]), [])
        same = same + [m for m in by_path.get(path, []) if m not in same]
        cands = [m for m in same if m.id not in matched_ids and _titles_agree(m.title, g["title"])]
        if not cands:
            s["measures"].fn += 1
            s["units"].fn += len(g.get("units", []))
            s["leads"].fn += len(g.get("lead", []))
            s["lead_basis"].fn += bool("lead_basis" in g and g.get("units"))
            s["deadlines"].fn += bool(g.get("deadline"))
            fs.misses.append(f"measure {path} {g['title']}")
            continue
        m = cands[0]
        matched_ids.add(m.id)
        s["measures"].tp += 1
        _match_names(s["units"], m.units, g.get("units", []), fs.misses, path)
        _match_names(s["leads"], [u for u in m.units if u.role == "lead"], g.get("lead", []), fs.misses, path + " lead")
        _match_basis(s["lead_basis"], m, g, fs.misses, path)
        _match_deadline(s["deadlines"], m, g, fs.misses, path)
    for m in plan.measures:
        if m.id not in matched_ids:
            s["measures"].fp += 1
            s["units"].fp += len(m.units)
            s["leads"].fp += sum(u.role == "lead" for u in m.units)
            fs.misses.append(f"extra measure {m.path} {m.title}")
    _match_targets(s["targets"], plan, gold.get("targets", []), fs.misses)
    return fs


def _titles_agree(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    return bool(a and b) and (a == b or a in b or b in a)


def _match_names(score: Score, units, gold_names: list[str], misses: list[str], where: str) -> None:
    remaining = [_norm(g) for g in gold_names]
    for u in units:
        keys = {_norm(u.raw), _norm(u.name)}
        hit = next((i for i, g in enumerate(remaining) if g in keys), None)
        if hit is None:
            score.fp += 1
            misses.append(f"extra unit {where}: {u.raw}")
        else:
            score.tp += 1
            remaining.pop(hit)
    score.fn += len(remaining)
    misses.extend(f"missed unit {where}: {g}" for g in remaining)


def _lead_basis(measure: Measure) -> str:
    leads = [u for u in measure.units if u.role == "lead"] or measure.units
    return leads[0].lead_basis if leads else "none"


def _match_basis(score: Score, measure: Measure, gold: dict, misses: list[str], where: str) -> None:
    if "lead_basis" not in gold or not (measure.units or gold.get("units")):
        return
    parsed = _lead_basis(measure)
    if parsed == gold["lead_basis"]:
        score.tp += 1
    else:
        score.fn += 1
        score.fp += 1
        misses.append(f"lead_basis {where}: {parsed}, gold {gold['lead_basis']}")


def _match_deadline(score: Score, measure: Measure, gold: dict, misses: list[str], where: str) -> None:
    if not gold.get("deadline"):
        return
    parsed = measure.deadline.text if measure.deadline else None
    if parsed is not None and _norm(parsed) == _norm(gold["deadline"]):
        score.tp += 1
        return
    score.fn += 1
    score.fp += parsed is not None
    misses.append(f"deadline {where}: {parsed}, gold {gold['deadline']}")


def _same_number(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def _match_targets(score: Score, plan: Plan, gold_targets: list[dict], misses: list[str]) -> None:
    """Pair gold and parsed targets that agree on every scored field, first within the same
    scope, then across scopes: a gold target whose own item went unread must not take the
    match of a later gold target with the same value elsewhere, or the miss report names the
    wrong item."""
    scope_of = {m.id: m.path for m in plan.measures}
    section_path = {s.id: s.path for s in plan.sections}
    parsed = [(t, scope_of.get(t.measure) or section_path.get(t.section, "")) for t in plan.targets]
    used: set[int] = set()
    matched: set[int] = set()
    for same_scope in (True, False):
        for k, g in enumerate(gold_targets):
            if k in matched:
                continue
            hit = next((i for i, (t, scope) in enumerate(parsed) if i not in used and _target_fits(t, g)
                        and (scope == g.get("scope") or not same_scope)), None)
            if hit is not None:
                used.add(hit)
                matched.add(k)
    score.tp += len(matched)
    for k, g in enumerate(gold_targets):
        if k not in matched:
            score.fn += 1
            misses.append(f"missed target {g.get('scope')} {g['year']} {g.get('indicator')} {g['value']}{g.get('unit', '')} {g.get('comparator')} {g.get('direction')} {g.get('baseline_year')}")
    for i, (t, scope) in enumerate(parsed):
        if i not in used:
            score.fp += 1
            misses.append(f"extra target {scope} {t.year} {t.indicator} {t.value}{t.unit} {t.comparator} {t.direction} {t.baseline_year}")


def _target_fits(t, g: dict) -> bool:
    """Whether parsed target ``t`` agrees with gold target ``g`` on every scored field."""
    return (t.year == g["year"] and _same_number(t.value, g["value"]) and _same_number(t.value_max, g.get("value_max"))
            and t.unit == g.get("unit", "") and t.comparator == g.get("comparator")
            and t.direction == g.get("direction") and t.baseline_year == g.get("baseline_year"))


def evaluate(gold_paths: list[Path], search: list[Path], parse_file) -> tuple[list[FileScore], dict[str, Score]]:
    results, overall = [], {k: Score() for k in KINDS}
    for gp in gold_paths:
        gold = load_gold(gp)
        plan = parse_file(find_source(gp, gold, search))
        fs = score_plan(plan, gold, gp.name)
        for k in KINDS:
            overall[k].add(fs.scores[k])
        results.append(fs)
    return results, overall
