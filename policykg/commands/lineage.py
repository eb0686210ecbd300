"""Commands on plans in their hierarchy: ``lineage`` (the chain above a plan and the plans below).

Exit codes as everywhere: 0 done; 1 nothing to show; 2 cannot run (no store, unknown plan id).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from ..errors import CannotRun
from .graph import BACKENDS, _ask, _store_option


def plan_label(row: dict[str, Any]) -> str:
    """A plan as a reader knows it: its title, with its region when the title does not say it."""
    title = row.get("title") or row["plan"]
    region = row.get("region")
    return f"{title}（{region}）" if region and region not in title else title


def lineage_tree(rows: list[dict[str, Any]]):
    """A rich Tree: the plan, the plans above it nested by ``via``, then the plans below it.

    Titles go in as ``Text``, never as markup, so a ``[`` in a document title stays printed.
    """
    from rich.text import Text
    from rich.tree import Tree

    start = rows[0]
    root = Tree(Text(plan_label(start), style="bold"))
    for direction, heading in (("above", "上级（本方案落实的）"), ("below", "下级（落实本方案的）")):
        found = [r for r in rows if r["direction"] == direction]
        if not found:
            continue
        branch = root.add(Text(heading, style="dim"))
        placed: dict[str, Any] = {start["plan"]: branch}
        for row in found:
            parent = placed.get(row["via"], branch)
            mark = "" if row["relation"] == "IMPLEMENTS" else "（仅引用）"
            placed[row["plan"]] = parent.add(Text(f"{plan_label(row)}{mark}  [{row['plan']}]"))
    return root


@click.command("lineage")
@click.argument("plan")
@click.option("--format", "fmt", type=click.Choice(("tree", "json")), default=None,
              help="Output format (default: tree on a terminal, json when piped).")
@click.option("--backend", type=click.Choice(BACKENDS), default="networkx", show_default=True,
              help="Answer from the graph in memory, or by SPARQL over its RDF form.")
@_store_option
def lineage_cmd(plan: str, fmt: str | None, backend: str, store_dir: Path | None) -> None:
    """The plans PLAN implements (and what they implement), and the plans that implement PLAN."""
    rows = _ask("lineage", store_dir, backend, plan=plan)
    fmt = fmt or ("tree" if sys.stdout.isatty() else "json")
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        from rich.console import Console
        Console(highlight=False).print(lineage_tree(rows))
    if len(rows) == 1:
        click.echo(f"{plan} is linked to no other plan of the store", err=True)
        sys.exit(1)
