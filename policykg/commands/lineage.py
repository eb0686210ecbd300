"""Commands on plans in their hierarchy and in time: ``lineage`` (the chain above a plan and the
plans below), ``deadlines`` (what falls due when, and who owns it), ``coverage`` (which national
actions the plans of the store carry).

Exit codes as everywhere: 0 done; 1 nothing to show; 2 cannot run (no store, unknown plan id).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from ..errors import CannotRun
from .graph import BACKENDS, MEASURE_COLUMNS, _ask, _query_options, _show, _store_option
from ..output import Column


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


@click.command("deadlines")
@click.option("--before", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
              help="Only deadlines on or before this day (open-ended ones are left out).")
@click.option("--dept", "department", default=None, metavar="NAME",
              help="Only measures one of whose units' names contains NAME.")
@_query_options
def deadlines_cmd(before, department: str | None, plan: str | None, store_dir: Path | None,
                  backend: str, fmt: str | None) -> None:
    """Measures with a deadline (完成时限), by the date they fall due, with their owners."""
    rows = _ask("deadlines", store_dir, backend, before=before.date().isoformat() if before else None,
                department=department, plan=plan)
    columns = [Column("Due", "date"), Column("Deadline", "deadline"), *MEASURE_COLUMNS]
    _show(rows, fmt, columns, "no measure with a deadline matches")


@click.command("coverage")
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default=None,
              help="Output format (default: table on a terminal, json when piped).")
@click.option("--missing", is_flag=True, help="With the table, list the plans that carry no measure for each action.")
@_store_option
def coverage_cmd(fmt: str | None, missing: bool, store_dir: Path | None) -> None:
    """For each of the ten national actions: plans of each level that carry it, and those that do not."""
    from policykg.extractor.model import Plan
    from policykg.queries.frame_coverage import frame_coverage

    from .graph import _open

    with _open(store_dir) as store:
        plans = [Plan.from_dict(store.plan_json(entry.id)) for entry in store.plans()]
    found = frame_coverage(plans)
    fmt = fmt or ("table" if sys.stdout.isatty() else "json")
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{found['plans']} plans with measures "
                        f"({len(found['without_measures'])} without measures left out)")
    table.add_column("Action", no_wrap=True)
    for header in ("Plans", *found["levels"], "Plans without it"):
        table.add_column(header)
    for row in found["actions"]:
        left_out = "、".join(row["missing"]) if missing else str(len(row["missing"]))
        table.add_row(Text(row["action"]), str(row["plans"]),
                      *(str(row["by_level"][lv]) for lv in found["levels"]), Text(left_out))
    Console(highlight=False).print(table)
