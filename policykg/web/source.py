"""The source text of a plan cut into pieces at every fact's span, so a page can mark the words
each fact came from.

Spans nest (a unit inside its measure) and may overlap without nesting, so the text is cut at
every span boundary and each piece lists every fact that covers it. Highlighting a fact is then
"mark every piece that lists it", whatever the overlaps; nothing is dropped or reordered, and
the pieces joined give back the text exactly.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from policykg.extractor.model import Plan


@dataclass(frozen=True)
class Fact:
    """A fact with words in the source: ``key`` is its id on the page (``m12``, ``m12-u1``, ``t3``)."""
    key: str
    kind: str
    """measure, unit, deadline, target, goal, citation or warning"""
    start: int
    end: int


@dataclass(frozen=True)
class Piece:
    """A run of source text covered by the same facts."""
    text: str
    keys: tuple[str, ...]
    kinds: tuple[str, ...]


def unit_key(measure_id: str, index: int) -> str:
    return f"{measure_id}-u{index + 1}"


def deadline_key(measure_id: str) -> str:
    return f"{measure_id}-d"


def plan_facts(plan: "Plan") -> list[Fact]:
    """Every fact of the plan that has a span, with its page id."""
    facts = [Fact(m.id, "measure", *m.span) for m in plan.measures]
    facts += [Fact(unit_key(m.id, i), "unit", *u.span) for m in plan.measures for i, u in enumerate(m.units)]
    facts += [Fact(deadline_key(m.id), "deadline", *m.deadline.span) for m in plan.measures if m.deadline]
    facts += [Fact(t.id, "target", *t.span) for t in plan.targets]
    facts += [Fact(g.id, "goal", *g.span) for g in plan.goals]
    facts += [Fact(f"c{i + 1}", "citation", *c.span) for i, c in enumerate(plan.citations)]
    facts += [Fact(f"w{i + 1}", "warning", *w.span) for i, w in enumerate(plan.warnings) if w.span]
    return facts


def pieces(text: str, facts: Iterable[Fact]) -> list[Piece]:
    """``text`` cut at every fact boundary; empty spans mark nothing. One sweep over the cuts,
    keeping the facts open at each, so a long plan with many facts stays fast."""
    facts = [f for f in facts if f.start < f.end]
    starts: dict[int, list[Fact]] = {}
    for f in facts:
        starts.setdefault(f.start, []).append(f)
    cuts = sorted({0, len(text), *(f.start for f in facts), *(f.end for f in facts)})
    open_facts: dict[Fact, None] = {}
    out = []
    for start, end in zip(cuts, cuts[1:]):
        for f in [f for f in open_facts if f.end <= start]:
            del open_facts[f]
        open_facts.update(dict.fromkeys(starts.get(start, ())))
        ordered = sorted(open_facts, key=lambda f: (f.start, -f.end))
        out.append(Piece(text[start:end], tuple(f.key for f in ordered),
                         tuple(dict.fromkeys(f.kind for f in ordered))))
    return out
