"""A plan against the plans above it (``queries.chain.ChainComparison``) as Markdown, document
text escaped (``md_text``)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from policykg.extractor.presentation import markdown_table, md_text, score

from .rows import value_text

if TYPE_CHECKING:
    from policykg.queries.chain import ChainComparison, MeasureRef


def _ref(ref: "MeasureRef | None") -> str:
    return f"{ref.path} {ref.title}" if ref else "—"


def render(chain: "ChainComparison") -> str:
    out = [f"# {md_text(chain.plan.title or chain.plan.id)} against the plans above it", ""]
    if not chain.parents:
        return "\n".join(out + ["No plan of the store is implemented by this plan.", ""])
    for p in chain.parents:
        out += [f"## {md_text(p.parent.title or p.parent.id)} (depth {p.depth})", ""]
        out += ["### Shared targets", ""]
        if p.targets:
            out += markdown_table(
                ["indicator", "year", "this plan", "parent", "verdict"],
                [[t.indicator, t.year, value_text(t.plan, t.unit), value_text(t.parent, t.unit),
                  ("**weaker**" if t.weaker else t.verdict)] for t in p.targets])
        else:
            out += ["No target on the same indicator, year and direction.", ""]
        done = sum(1 for m in p.measures if m.counterpart)
        out += [f"### Measures: {done} of {len(p.measures)} parent measures have a counterpart "
                f"(similarity ≥ {score(chain.threshold)})", ""]
        out += markdown_table(["parent measure", "counterpart in this plan", "score"],
                              [[_ref(m.parent), _ref(m.counterpart), score(m.score)]
                               for m in p.measures])
        if p.lacks:
            out += ["Parent measures this plan lacks: " + md_text("；".join(_ref(m) for m in p.lacks)), ""]
        if p.adds:
            out += ["Measures this plan adds: " + md_text("；".join(_ref(m) for m in p.adds)), ""]
    return "\n".join(out)
