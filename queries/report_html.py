"""The comparison as one self-contained HTML page: inline CSS and inline SVG charts (a bar chart per
shared target, a heat map of national-action coverage), no script, no font or file from the
network, so it opens offline and prints as it shows."""
from __future__ import annotations

from html import escape
from typing import Any

from .report_rows import TargetRow, busiest, format_value, plan_names, signed, target_rows

PALETTE = ("#1f6feb", "#e8590c", "#2f9e44", "#9c36b5", "#c92a2a", "#0c8599")
HEAT_LOW = (241, 245, 249)
HEAT_HIGH = (11, 83, 148)

_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:2em;color:#1e293b}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #cbd5e1;padding:.25em .6em;text-align:left}
th{background:#f1f5f9}.charts{display:flex;flex-wrap:wrap;gap:1em}.chart{border:1px solid #e2e8f0;padding:.5em}
.chart h3{font-size:.95em;margin:.2em 0}.legend span{display:inline-block;margin-right:1.2em}
.swatch{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:middle}
"""


def _e(text: Any) -> str:
    return escape(str(text), quote=True)


def bar_chart(row: TargetRow, names: dict[str, str], colors: dict[str, str]) -> str:
    """Horizontal bars, one per plan that sets the target; length by absolute value."""
    present = [(pid, v) for pid, v in row.values.items() if v is not None]
    width, label_w, bar_h, gap = 360, 110, 22, 8
    top = max(abs(signed(v)) for _, v in present) or 1
    height = len(present) * (bar_h + gap) + gap
    parts = [f'<svg class="bar-chart" xmlns="http://www.w3.org/2000/svg" width="{width + label_w + 90}" '
             f'height="{height}" role="img" aria-label="{_e(row.indicator)} {_e(row.label)}">']
    for n, (pid, v) in enumerate(present):
        y = gap + n * (bar_h + gap)
        length = max(2, round(width * abs(signed(v)) / top))
        parts.append(f'<text x="{label_w - 6}" y="{y + bar_h * 0.7:.0f}" text-anchor="end" font-size="12">{_e(names[pid])}</text>')
        parts.append(f'<rect class="bar" x="{label_w}" y="{y}" width="{length}" height="{bar_h}" fill="{colors[pid]}"/>')
        parts.append(f'<text x="{label_w + length + 4}" y="{y + bar_h * 0.7:.0f}" font-size="12">{_e(format_value(v, row.unit))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _heat(count: int, top: int) -> str:
    share = count / top if top else 0
    r, g, b = (round(lo + (hi - lo) * share) for lo, hi in zip(HEAT_LOW, HEAT_HIGH))
    return f"#{r:02x}{g:02x}{b:02x}"


def heat_map(coverage: dict[str, Any], names: dict[str, str]) -> str:
    """Labels down, plans across; darker cells hold more measures, the count is printed in each."""
    ids, labels = list(names), coverage["labels"]
    cell_w, cell_h, label_w, head_h = 120, 26, 170, 30
    top = max((coverage["matrix"][i][lab] for i in ids for lab in labels), default=0)
    width, height = label_w + cell_w * len(ids), head_h + cell_h * len(labels)
    parts = [f'<svg class="heatmap" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'role="img" aria-label="coverage of the national actions">']
    for c, pid in enumerate(ids):
        parts.append(f'<text x="{label_w + c * cell_w + cell_w / 2:.0f}" y="20" text-anchor="middle" font-size="12">{_e(names[pid])}</text>')
    for r, label in enumerate(labels):
        y = head_h + r * cell_h
        parts.append(f'<text x="{label_w - 6}" y="{y + cell_h * 0.68:.0f}" text-anchor="end" font-size="12">{_e(label)}</text>')
        for c, pid in enumerate(ids):
            count = coverage["matrix"][pid][label]
            fill = _heat(count, top)
            ink = "#ffffff" if top and count / top > 0.5 else "#1e293b"
            x = label_w + c * cell_w
            parts.append(f'<rect class="cell" x="{x}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" fill="{fill}"/>')
            parts.append(f'<text x="{x + cell_w / 2:.0f}" y="{y + cell_h * 0.68:.0f}" text-anchor="middle" font-size="12" fill="{ink}">{count}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render(comparison: dict[str, Any]) -> str:
    names = plan_names(comparison)
    ids = list(names)
    colors = {pid: PALETTE[n % len(PALETTE)] for n, pid in enumerate(ids)}
    rows = target_rows(comparison)
    shared = [r for r in rows if r.shared]
    cov = comparison["coverage"]
    title = " / ".join(p["title"] or p["id"] for p in comparison["plans"])
    html = ["<!DOCTYPE html>", '<html lang="zh"><head><meta charset="utf-8">',
            f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
            f"<h1>Plan comparison</h1><p>{_e(title)}</p>",
            _table(["plan", "title", "region", "level"],
                   [[names[p["id"]], p["title"] or "", p["region"] or "", p["level"] or ""] for p in comparison["plans"]]),
            '<p class="legend">' + "".join(f'<span><i class="swatch" style="background:{colors[i]}"></i>{_e(names[i])}</span>'
                                          for i in ids) + "</p>",
            "<h2>Targets by indicator</h2><p>Values in one unit per indicator; a change is signed (−13% = a 13% decrease).</p>",
            '<div class="charts">']
    for r in shared:
        verdict = f"more ambitious: {names[r.more_ambitious]}" if r.more_ambitious else (r.basis or "")
        html.append(f'<div class="chart"><h3>{_e(r.indicator)} · {_e(r.label)}</h3>{bar_chart(r, names, colors)}'
                    f"<div>{_e(verdict)}</div></div>")
    html.append("</div>")
    html.append(_table(["indicator", "year", *(names[i] for i in ids), "more ambitious"],
                       [[r.indicator, r.label, *(format_value(r.values[i], r.unit) for i in ids),
                         names[r.more_ambitious] if r.more_ambitious else (r.basis or "")] for r in rows]))
    proposals = [i for i in comparison["indicators"] if i.get("proposed")]
    if proposals:
        html.append("<h3>Proposed indicator matches (not merged)</h3>")
        html.append(_table(["indicator as printed", "may be the same as", "similarity"],
                           [[i["indicator"], i["proposed"], f"{i['similarity']:.2f}"] for i in proposals]))
    html.append("<h2>Coverage of the national actions</h2>")
    html.append(heat_map(cov, names))
    html.append("<ul>" + "".join(f"<li>{_e(names[i])} lacks: {_e('、'.join(cov['missing'][i]) or 'none of the ten actions')}</li>"
                                 for i in ids) + "</ul>")
    html.append("<h2>Departments (measures led / supported)</h2>")
    for i in ids:
        html.append(f"<h3>{_e(names[i])}</h3>")
        html.append(_table(["department", "type", "led", "supported"],
                           [[d["name"], d["type"], d["led"], d["supported"]] for d in busiest(comparison, i)]))
        only = comparison["departments"]["types_only_in"][i]
        if only:
            html.append(f"<p>Department types only in {_e(names[i])}: {_e('、'.join(only))}</p>")
    shared_cit = comparison["citations"]["shared"]
    html.append("<h2>Shared citations</h2><ul>" + ("".join(
        f"<li>{_e(c['title'])} ({_e(', '.join(names[p] for p in c['plans']))})</li>" for c in shared_cit) or "<li>none</li>") + "</ul>")
    html.append("</body></html>")
    return "\n".join(html) + "\n"
