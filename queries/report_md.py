"""The comparison as Markdown, for reading in a terminal or pasting into a report."""
from __future__ import annotations

from typing import Any

from .report_rows import busiest, format_value, plan_names, target_rows


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    cells = lambda row: "| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |"  # noqa: E731
    return [cells(header), "|" + "---|" * len(header), *(cells(r) for r in rows), ""]


def render(comparison: dict[str, Any]) -> str:
    names = plan_names(comparison)
    ids = list(names)
    out = ["# Plan comparison", ""]
    out += _table(["plan", "title", "region", "level"],
                  [[names[p["id"]], p["title"] or "", p["region"] or "", p["level"] or ""] for p in comparison["plans"]])

    rows = target_rows(comparison)
    out += ["## Targets by indicator", "",
            "Values in one unit per indicator; a change is signed (−13% = a 13% decrease).", ""]
    out += _table(["indicator", "year", *(names[i] for i in ids), "more ambitious"],
                  [[r.indicator, r.label, *(format_value(r.values[i], r.unit) for i in ids),
                    names.get(r.more_ambitious, "") if r.more_ambitious else (r.basis or "")]
                   for r in rows if r.shared])
    single = [r for r in rows if not r.shared]
    if single:
        out += ["### Targets only one plan sets", ""]
        out += _table(["indicator", "year", *(names[i] for i in ids)],
                      [[r.indicator, r.label, *(format_value(r.values[i], r.unit) for i in ids)] for r in single])
    proposals = [i for i in comparison["indicators"] if i.get("proposed")]
    if proposals:
        out += ["### Proposed indicator matches (not merged)", ""]
        out += _table(["indicator as printed", "may be the same as", "similarity"],
                      [[i["indicator"], i["proposed"], f"{i['similarity']:.2f}"] for i in proposals])

    cov = comparison["coverage"]
    out += ["## Coverage of the national actions (measures per action)", ""]
    out += _table(["action", *(names[i] for i in ids)],
                  [[label, *(str(cov["matrix"][i][label]) for i in ids)] for label in cov["labels"]])
    for i in ids:
        missing = cov["missing"][i]
        out.append(f"- {names[i]} lacks: {'、'.join(missing) if missing else 'none of the ten actions'}")
    out.append("")

    deps = comparison["departments"]
    out += ["## Departments (measures led / supported)", ""]
    for i in ids:
        out += [f"### {names[i]}", ""]
        out += _table(["department", "type", "led", "supported"],
                      [[d["name"], d["type"], str(d["led"]), str(d["supported"])] for d in busiest(comparison, i)])
        only = deps["types_only_in"][i]
        if only:
            out += [f"Department types only in {names[i]}: {'、'.join(only)}", ""]

    cit = comparison["citations"]
    out += ["## Shared citations", ""]
    out += [f"- {c['title']} ({', '.join(names[p] for p in c['plans'])})" for c in cit["shared"]] or ["- none"]
    return "\n".join(out) + "\n"
