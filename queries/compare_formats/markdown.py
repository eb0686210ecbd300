"""The comparison as Markdown, for reading in a terminal or pasting into a report; document text
is escaped (``md_text``), so no markup from a plan survives."""
from __future__ import annotations

from typing import TYPE_CHECKING

from policykg.extractor.presentation import markdown_table, md_text, score

from .rows import SIGN_NOTE, busiest, target_rows

if TYPE_CHECKING:
    from policykg.queries.comparison import Comparison


def render(comparison: "Comparison") -> str:
    names = comparison.plan_names()
    ids = list(names)
    out = ["# Plan comparison", ""]
    out += markdown_table(["plan", "title", "region", "level"],
                          [[names[p.id], p.title, p.region, p.level] for p in comparison.plans])

    rows = target_rows(comparison)
    out += ["## Targets by indicator", "", SIGN_NOTE, ""]
    out += markdown_table(["indicator", "year", *(names[i] for i in ids), "more ambitious"],
                          [[r.indicator, r.label, *(r.cell(i) for i in ids), r.verdict(names)]
                           for r in rows if r.shared])
    single = [r for r in rows if not r.shared]
    if single:
        out += ["### Targets only one plan sets", ""]
        out += markdown_table(["indicator", "year", *(names[i] for i in ids)],
                              [[r.indicator, r.label, *(r.cell(i) for i in ids)] for r in single])
    proposals = [i for i in comparison.indicators if i.proposed]
    if proposals:
        out += ["### Proposed indicator matches (not merged)", ""]
        out += markdown_table(["indicator as printed", "may be the same as", "similarity"],
                              [[i.indicator, i.proposed, score(i.similarity)] for i in proposals])

    cov = comparison.coverage
    out += ["## Coverage of the national actions (measures per action)", ""]
    out += markdown_table(["action", *(names[i] for i in ids)],
                          [[label, *(cov.matrix[i][label] for i in ids)] for label in cov.labels])
    for i in ids:
        missing = cov.missing[i]
        out.append(f"- {md_text(names[i])} lacks: "
                   f"{md_text('、'.join(missing)) if missing else 'none of the ten actions'}")
    out.append("")

    out += ["## Departments (measures led / supported)", ""]
    for i in ids:
        out += [f"### {md_text(names[i])}", ""]
        out += markdown_table(["department", "type", "led", "supported"],
                              [[d.name, d.type, d.led, d.supported] for d in busiest(comparison, i)])
        only = comparison.departments.types_only_in[i]
        if only:
            out += [f"Department types only in {md_text(names[i])}: {md_text('、'.join(only))}", ""]

    out += ["## Shared citations", ""]
    out += [f"- {md_text(c.title)} ({md_text(', '.join(names[p] for p in c.plans))})"
            for c in comparison.citations.shared] or ["- none"]
    return "\n".join(out) + "\n"
